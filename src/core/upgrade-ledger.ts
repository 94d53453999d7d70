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

/** What a ledger row is written from, its times aside. */
export interface LedgerRowFields {
  id: ReleaseId;
  status: LedgerStatus;
  patches: LedgerPatch[];
  parts: PartSummary[];
  partsDone: number;
  tagCommit?: string;
  runUrl?: string;
  backup?: string;
  hopCiVersion: string;
}

/** What a ledger row is written from, with the times the client measured. */
export interface LedgerRowValues extends LedgerRowFields {
  startedAt: Date;
  finishedAt?: Date;
  durationMs?: number;
}

/** The columns the upsert writes, in its order; `patches` and `parts` are jsonb. */
const LEDGER_COLUMNS = [
  'release',
  'major',
  'minor',
  'patch',
  'level',
  'rc_number',
  'hotfix_level',
  'status',
  'patches',
  'parts',
  'parts_done',
  'tag_commit',
  'started_at',
  'finished_at',
  'duration_ms',
  'run_url',
  'backup',
  'hop_ci_version',
] as const;
type LedgerColumn = (typeof LEDGER_COLUMNS)[number];
type TimeColumn = 'started_at' | 'finished_at' | 'duration_ms';

function fieldColumns(row: LedgerRowFields): Record<Exclude<LedgerColumn, TimeColumn>, SqlValue> {
  const { id } = row;
  return {
    release: formatRelease(id),
    major: id.major,
    minor: id.minor,
    patch: id.patch,
    level: id.level,
    rc_number: id.level === 'rc' ? id.n : 0,
    hotfix_level: id.level === 'hotfix' ? id.n : 0,
    status: row.status,
    patches: JSON.stringify(row.patches),
    parts: JSON.stringify(row.parts),
    parts_done: row.partsDone,
    tag_commit: row.tagCommit ?? null,
    run_url: row.runUrl ?? null,
    backup: row.backup ?? null,
    hop_ci_version: row.hopCiVersion,
  };
}

/** Column values of a ledger row, in the order of `LEDGER_UPSERT`'s parameters. */
export function ledgerInsertValues(row: LedgerRowValues): unknown[] {
  const columns: Record<LedgerColumn, SqlValue> = {
    ...fieldColumns(row),
    started_at: row.startedAt,
    finished_at: row.finishedAt ?? null,
    duration_ms: row.durationMs ?? null,
  };
  return LEDGER_COLUMNS.map((c) => columns[c]);
}

/**
 * Inserts a release's row, or (a later part of the same release) moves its status and
 * count of parts done: one statement, run inside the part's own transaction. `value`
 * gives each column's SQL (a parameter or a literal).
 */
function ledgerUpsert(value: (column: LedgerColumn, index: number) => string): string {
  const values = LEDGER_COLUMNS.map((c, i) => (c === 'patches' || c === 'parts' ? `${value(c, i)}::jsonb` : value(c, i)));
  return `INSERT INTO ${LEDGER_TABLE}
  (${LEDGER_COLUMNS.join(', ')})
  VALUES (${values.join(', ')})
  ON CONFLICT (release) DO UPDATE SET status = EXCLUDED.status, parts_done = EXCLUDED.parts_done,
    finished_at = EXCLUDED.finished_at,
    duration_ms = CASE WHEN EXCLUDED.finished_at IS NULL THEN NULL
      ELSE (extract(epoch FROM EXCLUDED.finished_at - ${LEDGER_TABLE}.started_at) * 1000)::int END`;
}

/** The upsert with parameters `$1`…`$18` (`ledgerInsertValues`). */
export const LEDGER_UPSERT = ledgerUpsert((_, i) => `$${i + 1}`);

/**
 * The statements that record a part as done, with literal values: they travel in the same
 * message as the part's work (src/adapters/postgres/release-executor.ts), so recording
 * costs no round trip. Being written before the work runs, they take their times from the
 * server as they execute: the release starts with its first part's transaction (`now()`),
 * and a `finished` release ends at the record (`clock_timestamp()`). With `hopRelease`,
 * the release's half_orm_meta.hop_release row too.
 */
export function ledgerRecordSql(row: LedgerRowFields & { finished: boolean }, hopRelease?: { commit?: string }): string {
  const fields = fieldColumns(row);
  const times: Record<TimeColumn, string> = {
    started_at: 'now()',
    finished_at: row.finished ? 'clock_timestamp()' : 'NULL',
    duration_ms: row.finished ? '(extract(epoch FROM clock_timestamp() - now()) * 1000)::int' : 'NULL',
  };
  const upsert = ledgerUpsert((c) => (c in times ? times[c as TimeColumn] : sqlLiteral(fields[c as Exclude<LedgerColumn, TimeColumn>])));
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
