/**
 * hop-ci's own record of what an upgrade applied to a database (schema `hop_ci`), beside
 * half_orm_meta.hop_release, which cannot hold a hotfix level. One row per release: its
 * patches and file checksums, when and by which run, the backup taken before it, its parts
 * (src/core/release-parts.ts) and how many of them are done (see `LedgerStatus`).
 */
import type { PartSummary } from './release-parts.js';
import { formatRelease, type ReleaseId } from './version.js';
import { sqlLiteral, type SqlValue } from './sql-literal.js';

export const LEDGER_SCHEMA = 'hop_ci';
export const LEDGER_TABLE = `${LEDGER_SCHEMA}.applied_release`;

/**
 * - `applied`: every part of the release is done (and its version rows are written).
 * - `partial`: `parts_done` of its parts are done, each recorded with (or right after) its
 *   own work. A re-run resumes at the next part, so a crash never runs a committed part twice.
 * - `baseline`: recorded with `--baseline`, nothing applied by hop-ci.
 */
export type LedgerStatus = 'applied' | 'partial' | 'baseline';

export const LEDGER_DDL = `
CREATE SCHEMA IF NOT EXISTS ${LEDGER_SCHEMA};
CREATE TABLE IF NOT EXISTS ${LEDGER_TABLE} (
  release text PRIMARY KEY,
  major integer NOT NULL,
  minor integer NOT NULL,
  patch integer NOT NULL,
  level text NOT NULL CHECK (level IN ('rc', 'release', 'hotfix')),
  rc_number integer NOT NULL DEFAULT 0,
  hotfix_level integer NOT NULL DEFAULT 0,
  status text NOT NULL CHECK (status IN ('applied', 'partial', 'baseline')),
  patches jsonb NOT NULL DEFAULT '[]',
  parts jsonb NOT NULL DEFAULT '[]',
  parts_done integer NOT NULL DEFAULT 0,
  tag_commit text,
  started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at timestamptz,
  duration_ms integer,
  run_url text,
  backup text,
  applied_by text NOT NULL DEFAULT current_user,
  hop_ci_version text
);
COMMENT ON TABLE ${LEDGER_TABLE} IS 'Releases applied by hop-ci upgrade (one row each); see https://github.com/hop-ci/hop-ci';
`;

export interface LedgerFile {
  name: string;
  sha256: string;
}

export interface LedgerPatch {
  id: string;
  files: LedgerFile[];
}

export interface LedgerRow {
  release: string;
  id: ReleaseId;
  status: LedgerStatus;
  patches: LedgerPatch[];
  parts: PartSummary[];
  partsDone: number;
  tagCommit?: string;
  runUrl?: string;
  backup?: string;
  durationMs?: number;
}

/** What a ledger row is written from. */
export interface LedgerRowValues {
  id: ReleaseId;
  status: LedgerStatus;
  patches: LedgerPatch[];
  parts: PartSummary[];
  partsDone: number;
  tagCommit?: string;
  runUrl?: string;
  backup?: string;
  hopCiVersion: string;
  startedAt: Date;
  finishedAt?: Date;
  durationMs?: number;
}

/** Column values of a ledger row, in the order of `LEDGER_UPSERT`. */
export function ledgerInsertValues(row: LedgerRowValues): unknown[] {
  const { id } = row;
  return [
    formatRelease(id),
    id.major,
    id.minor,
    id.patch,
    id.level,
    id.level === 'rc' ? id.n : 0,
    id.level === 'hotfix' ? id.n : 0,
    row.status,
    JSON.stringify(row.patches),
    JSON.stringify(row.parts),
    row.partsDone,
    row.tagCommit ?? null,
    row.startedAt,
    row.finishedAt ?? null,
    row.durationMs ?? null,
    row.runUrl ?? null,
    row.backup ?? null,
    row.hopCiVersion,
  ];
}

/**
 * Inserts a release's row, or (a later part of the same release) moves its status and
 * count of parts done: one statement, run inside the part's own transaction.
 */
function ledgerUpsert(values: string[]): string {
  return `INSERT INTO ${LEDGER_TABLE}
  (release, major, minor, patch, level, rc_number, hotfix_level, status, patches, parts, parts_done,
   tag_commit, started_at, finished_at, duration_ms, run_url, backup, hop_ci_version)
  VALUES (${values.map((v, i) => (i === 8 || i === 9 ? `${v}::jsonb` : v)).join(', ')})
  ON CONFLICT (release) DO UPDATE SET status = EXCLUDED.status, parts_done = EXCLUDED.parts_done,
    finished_at = EXCLUDED.finished_at,
    duration_ms = CASE WHEN EXCLUDED.finished_at IS NULL THEN NULL
      ELSE (extract(epoch FROM EXCLUDED.finished_at - ${LEDGER_TABLE}.started_at) * 1000)::int END`;
}

/** The upsert with parameters `$1`…`$18` (`ledgerInsertValues`). */
export const LEDGER_UPSERT = ledgerUpsert(Array.from({ length: 18 }, (_, i) => `$${i + 1}`));

/**
 * The statements that record a part as done, with literal values: they travel in the same
 * message as the part's work (src/adapters/postgres/release-executor.ts), so recording
 * costs no round trip. Being written before the work runs, they take their times from the
 * server as they execute: the release starts with its first part's transaction (`now()`),
 * and a `finished` release ends at the record (`clock_timestamp()`). With `hopRelease`,
 * the release's half_orm_meta.hop_release row too.
 */
export function ledgerRecordSql(
  row: Omit<LedgerRowValues, 'startedAt' | 'finishedAt' | 'durationMs'> & { finished: boolean },
  hopRelease?: { commit?: string },
): string {
  const values = ledgerInsertValues({ ...row, startedAt: new Date(0) }).map((v) => sqlLiteral(v as SqlValue));
  values[12] = 'now()';
  values[13] = row.finished ? 'clock_timestamp()' : 'NULL';
  values[14] = row.finished ? '(extract(epoch FROM clock_timestamp() - now()) * 1000)::int' : 'NULL';
  const upsert = ledgerUpsert(values);
  const version = hopRelease ? hopReleaseRowFor(row.id) : undefined;
  if (!version) return upsert;
  const hop = [
    version.major,
    version.minor,
    version.patch,
    version.pre_release,
    version.pre_release_num,
    hopRelease?.commit?.slice(0, 8) ?? null,
  ];
  return `INSERT INTO half_orm_meta.hop_release (major, minor, patch, pre_release, pre_release_num, commit)
  VALUES (${hop.map(sqlLiteral).join(', ')}) ON CONFLICT DO NOTHING;
${upsert}`;
}

/** A `half_orm_meta.hop_release` row, as half-orm-dev writes it. */
export interface HopReleaseRow {
  major: number;
  minor: number;
  patch: number;
  pre_release: string;
  pre_release_num: string;
}

/** The release a hop_release row names; undefined for alpha/beta rows hop-ci never writes. */
export function releaseOfHopReleaseRow(row: HopReleaseRow): ReleaseId | undefined {
  const base = { major: Number(row.major), minor: Number(row.minor), patch: Number(row.patch) };
  if (row.pre_release === '') return { ...base, level: 'release', n: 0 };
  if (row.pre_release === 'rc') return { ...base, level: 'rc', n: Number(row.pre_release_num || '0') };
  return undefined;
}

/**
 * The hop_release row to insert for a release, or undefined when that table cannot say it.
 * Only X.Y.Z releases are written: a hotfix level has no column, and an rc row would sort
 * above its release in "half_orm_meta.view".hop_last_release (`pre_release DESC`: 'rc' > '').
 */
export function hopReleaseRowFor(id: ReleaseId): HopReleaseRow | undefined {
  if (id.level !== 'release') return undefined;
  return { major: id.major, minor: id.minor, patch: id.patch, pre_release: '', pre_release_num: '' };
}
