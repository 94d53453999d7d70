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

async function exists(client: pg.Client, relation: string): Promise<boolean> {
  const { rows } = await client.query<{ r: string | null }>('SELECT to_regclass($1)::text AS r', [relation]);
  return rows[0]!.r !== null;
}

export async function readDatabaseVersion(client: pg.Client): Promise<DatabaseVersion> {
  const hasHopRelease = await exists(client, 'half_orm_meta.hop_release');
  let recorded: ReleaseId | undefined;
  if (hasHopRelease) {
    // Ordered here rather than by the view: the view sorts pre_release DESC, so an rc row
    // would hide its release.
    const { rows } = await client.query<HopReleaseRow>(
      'SELECT major, minor, patch, pre_release, pre_release_num FROM half_orm_meta.hop_release',
    );
    for (const row of rows) {
      const id = releaseOfHopReleaseRow(row);
      if (id && (!recorded || compareReleases(id, recorded) > 0)) recorded = id;
    }
  }
  const hasLedger = await exists(client, LEDGER_TABLE);
  const ledger: LedgerRow[] = [];
  if (hasLedger) {
    const { rows } = await client.query<{
      release: string;
      status: LedgerStatus;
      patches: LedgerRow['patches'];
      parts: LedgerRow['parts'];
      parts_done: number;
      tag_commit: string | null;
      run_url: string | null;
      backup: string | null;
      duration_ms: number | null;
    }>(`SELECT release, status, patches, parts, parts_done, tag_commit, run_url, backup, duration_ms FROM ${LEDGER_TABLE}`);
    for (const r of rows) {
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
