/**
 * Reads where a database is (half_orm_meta.hop_release and hop-ci's ledger) and writes
 * the ledger. Row shapes and the DDL are in src/core/upgrade-ledger.ts.
 */
import type pg from 'pg';
import {
  LEDGER_DDL,
  LEDGER_UPSERT,
  LEDGER_TABLE,
  ledgerInsertValues,
  releaseOfHopReleaseRow,
  type HopReleaseRow,
  type LedgerRow,
  type LedgerRowValues,
  type LedgerStatus,
} from '../../../core/upgrade-ledger.js';
import { compareReleases, parseRelease, type ReleaseId } from '../../../core/version.js';

export interface DatabaseVersion {
  /** The highest release in half_orm_meta.hop_release (what "half_orm_meta.view".hop_last_release shows). */
  recorded?: ReleaseId;
  /** Whether half_orm_meta.hop_release exists (a project may run without half_orm_meta). */
  hasHopRelease: boolean;
  hasLedger: boolean;
  ledger: LedgerRow[];
}

type LedgerQueryRow = {
  release: string;
  status: LedgerStatus;
  patches: LedgerRow['patches'];
  parts: LedgerRow['parts'];
  parts_done: number;
  tag_commit: string | null;
  run_url: string | null;
  backup: string | null;
  duration_ms: number | null;
};

const HOP_RELEASE_TABLE = 'half_orm_meta.hop_release';
// Ordered here rather than by the view: the view sorts pre_release DESC, so an rc row would hide its release.
const HOP_RELEASE_SELECT = `SELECT major, minor, patch, pre_release, pre_release_num FROM ${HOP_RELEASE_TABLE}`;
const LEDGER_SELECT = `SELECT release, status, patches, parts, parts_done, tag_commit, run_url, backup, duration_ms FROM ${LEDGER_TABLE}`;

/**
 * In two round trips whatever exists (an upgrade waits for them before anything else
 * can start): which of the two tables exist, then the rows of those that do, in one
 * message.
 */
export async function readDatabaseVersion(client: pg.Client): Promise<DatabaseVersion> {
  const { rows } = await client.query<{ hop_release: boolean; ledger: boolean }>(
    'SELECT to_regclass($1) IS NOT NULL AS hop_release, to_regclass($2) IS NOT NULL AS ledger',
    [HOP_RELEASE_TABLE, LEDGER_TABLE],
  );
  const hasHopRelease = rows[0]!.hop_release;
  const hasLedger = rows[0]!.ledger;
  const selects = [...(hasHopRelease ? [HOP_RELEASE_SELECT] : []), ...(hasLedger ? [LEDGER_SELECT] : [])];
  // A message of several statements answers with one result each; of one, with that result alone.
  const answered = selects.length ? await client.query(selects.join(';\n')) : [];
  const results = (Array.isArray(answered) ? answered : [answered]) as pg.QueryResult[];
  let recorded: ReleaseId | undefined;
  for (const row of hasHopRelease ? (results[0]!.rows as HopReleaseRow[]) : []) {
    const id = releaseOfHopReleaseRow(row);
    if (id && (!recorded || compareReleases(id, recorded) > 0)) recorded = id;
  }
  const ledger: LedgerRow[] = [];
  for (const r of hasLedger ? (results[results.length - 1]!.rows as LedgerQueryRow[]) : []) {
    ledger.push({
      release: r.release,
      id: parseRelease(r.release, `release in ${LEDGER_TABLE}`),
      status: r.status,
      patches: r.patches,
      parts: r.parts,
      partsDone: r.parts_done,
      ...(r.tag_commit ? { tagCommit: r.tag_commit } : {}),
      ...(r.run_url ? { runUrl: r.run_url } : {}),
      ...(r.backup ? { backup: r.backup } : {}),
      ...(r.duration_ms !== null ? { durationMs: r.duration_ms } : {}),
    });
  }
  return { ...(recorded ? { recorded } : {}), hasHopRelease, hasLedger, ledger };
}

/** Creates the ledger when it is not there (idempotent; run under the upgrade lock). */
export async function ensureLedger(client: pg.Client): Promise<void> {
  await client.query(LEDGER_DDL);
}

/** Writes a release's row: the first part done inserts it, each later one moves it on. */
export async function upsertLedgerRow(client: pg.Client, row: LedgerRowValues): Promise<void> {
  await client.query(LEDGER_UPSERT, ledgerInsertValues(row));
}
