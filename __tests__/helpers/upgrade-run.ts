/**
 * Runs the upgrade stage in-process as the CLI does (LocalProvider, executeStage), with the
 * outputs captured, and psql scripts on a database as a given role.
 */
import pg from 'pg';
import { findClientTool } from '../../src/adapters/postgres/binaries.js';
import { runChild } from '../../src/adapters/postgres/child.js';
import { runUpgradeStage } from './pg.js';

export interface UpgradeRun {
  exitCode: number;
  out: string;
  err: string;
  outputs: Record<string, string>;
}

/** The upgrade stage in-process on the database at `url` (see runUpgradeStage). */
export function runUpgrade(
  work: string,
  url: string,
  flags: Record<string, string> = {},
  extraEnv: Record<string, string | undefined> = {},
): Promise<UpgradeRun> {
  return runUpgradeStage(work, { 'database-url': url, ...flags }, undefined, extraEnv);
}

export async function sqlAt<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** `psql -f FILE` on the URL's database (ON_ERROR_STOP), as the URL's role. */
export async function psqlFile(url: string, file: string): Promise<void> {
  const psql = await findClientTool('psql', { env: process.env });
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('PG')) env[k] = v;
  const r = await runChild(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', file], { env });
  if (r.code !== 0) throw new Error(`psql -f ${file}: ${r.stderr}`);
}

/** A shell command line run with DATABASE_URL set, as a person would paste it. */
export async function shell(line: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('PG')) base[k] = v;
  const r = await runChild('/bin/bash', ['-o', 'pipefail', '-c', line], { env: { ...base, ...env } });
  return { code: r.code, stderr: r.stderr };
}
