/**
 * The drift check: `pg_dump --schema-only --no-owner` of the live database (without
 * hop-ci's own `hop_ci` schema) against the recorded dump, normalised the same way, and
 * a unified diff (diff -u) when they differ.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HopError } from '../../../core/errors.js';
import { LEDGER_SCHEMA } from '../../../core/upgrade-ledger.js';
import { normaliseForDrift } from '../../../core/upgrade-drift.js';
import { findClientTool, type Env } from '../binaries.js';
import { runTool, toolEnv } from './backup.js';
import type { TargetDatabase } from './target.js';

export async function dumpLiveSchema(target: TargetDatabase, env: Env, serverMajor: number): Promise<string> {
  const pgDump = await findClientTool('pg_dump', { env, minMajor: serverMajor });
  const r = await runTool(
    pgDump,
    ['--schema-only', '--no-owner', `--exclude-schema=${LEDGER_SCHEMA}`, '--dbname', target.database],
    toolEnv(env, target, 'hop-ci upgrade drift'),
  );
  if (r.code !== 0) {
    throw new HopError(`cannot dump the schema of ${target.describe}: ${r.stderr.trim().split('\n').slice(-2).join(' ')}`, {
      kind: 'failed',
      hint: `pg_dump must be of PostgreSQL ${serverMajor} or later`,
      code: 'pg-dump',
    });
  }
  return normaliseForDrift(r.stdout);
}

/** `diff -u` of two texts; '' when they are equal. */
export async function unifiedDiff(expected: string, actual: string, labels: [string, string], env: Env): Promise<string> {
  if (expected === actual) return '';
  const dir = await mkdtemp(path.join(tmpdir(), 'hop-ci-drift-'));
  try {
    const a = path.join(dir, 'recorded.sql');
    const b = path.join(dir, 'live.sql');
    await writeFile(a, expected);
    await writeFile(b, actual);
    const r = await runTool('diff', ['-u', '--label', labels[0], '--label', labels[1], a, b], { PATH: env['PATH'] ?? '/usr/bin:/bin' });
    if (r.code === 0) return '';
    if (r.code === 1) return r.stdout;
    throw new Error(`diff failed: ${r.stderr}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
