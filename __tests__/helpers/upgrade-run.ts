/**
 * Runs the upgrade stage in-process as the CLI does (LocalProvider, executeStage), with the
 * outputs captured, and psql scripts on a database as a given role.
 */
import { Writable } from 'node:stream';
import pg from 'pg';
import { LocalProvider } from '../../src/adapters/ci/local.js';
import { FsWorkspace } from '../../src/adapters/workspace-fs.js';
import { systemClock } from '../../src/adapters/clock.js';
import { findClientTool } from '../../src/adapters/postgres/binaries.js';
import { runChild } from '../../src/adapters/postgres/child.js';
import { executeStage } from '../../src/stages/execute.js';
import { upgradeStage } from '../../src/stages/upgrade.js';

export interface UpgradeRun {
  exitCode: number;
  out: string;
  err: string;
  outputs: Record<string, string>;
}

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  return { stream: new Writable({ write: (c, _e, cb) => ((text += c.toString()), cb()) }), text: () => text };
}

export async function runUpgrade(
  work: string,
  url: string,
  flags: Record<string, string> = {},
  extraEnv: Record<string, string | undefined> = {},
): Promise<UpgradeRun> {
  const out = sink();
  const err = sink();
  const env = { ...process.env, DATABASE_URL: undefined, ...extraEnv };
  const ci = new LocalProvider({ inputs: { 'database-url': url, ...flags }, env, stdout: out.stream, stderr: err.stream });
  const outputs: Record<string, string> = {};
  ci.setOutput = ((name: string, value: string) => {
    outputs[name] = value;
  }) as typeof ci.setOutput;
  const { exitCode } = await executeStage(
    upgradeStage,
    { cwd: work, workspace: new FsWorkspace(), clock: systemClock, ci, env },
    { write: () => undefined },
  );
  return { exitCode, out: out.text(), err: err.text(), outputs };
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
