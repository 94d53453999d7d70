/**
 * The backup taken before an upgrade: `pg_dump -Fc` to a file, then `pg_restore --list`
 * to check that the archive is readable. No backup, no upgrade (unless --skip-backup).
 */
import { spawn } from 'node:child_process';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { HopError } from '../../../core/errors.js';
import { findClientTool, type Env } from '../binaries.js';
import type { TargetDatabase } from './target.js';

export interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runTool(program: string, args: string[], env: Record<string, string>): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

/** The child environment: ours without PG* variables, then the target's. */
export function toolEnv(base: Env, target: TargetDatabase, appName: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !k.startsWith('PG')) env[k] = v;
  return { ...env, ...target.env, PGAPPNAME: appName };
}

export interface Backup {
  path: string;
  bytes: number;
  /** Entries listed by pg_restore --list. */
  entries: number;
}

export async function takeBackup(options: {
  target: TargetDatabase;
  dir: string;
  fileName: string;
  env: Env;
  serverMajor: number;
}): Promise<Backup> {
  const { target, env } = options;
  await mkdir(options.dir, { recursive: true });
  const file = path.resolve(options.dir, options.fileName);
  const childEnv = toolEnv(env, target, 'hop-ci upgrade backup');
  const pgDump = await findClientTool('pg_dump', { env, minMajor: options.serverMajor });
  const dumped = await runTool(pgDump, ['-Fc', '-f', file, '--dbname', target.database], childEnv);
  if (dumped.code !== 0) {
    throw new HopError(`the backup failed, nothing was changed: pg_dump: ${dumped.stderr.trim().split('\n').slice(-2).join(' ')}`, {
      kind: 'failed',
      hint: `pg_dump must be of PostgreSQL ${options.serverMajor} or later and able to write to ${options.dir}; fix it, or (at your own risk) pass --skip-backup`,
      code: 'backup-failed',
    });
  }
  const pgRestore = await findClientTool('pg_restore', { env, minMajor: options.serverMajor });
  const listed = await runTool(pgRestore, ['--list', file], childEnv);
  const entries = listed.stdout.split('\n').filter((l) => l.trim() && !l.startsWith(';')).length;
  if (listed.code !== 0 || entries === 0) {
    throw new HopError(
      `the backup ${file} cannot be read back (pg_restore --list: ${listed.stderr.trim() || 'no entries'}); nothing was changed`,
      {
        kind: 'failed',
        hint: 'check the disk the backup is written to (--backup-dir), then run again',
        code: 'backup-unreadable',
      },
    );
  }
  return { path: file, bytes: (await stat(file)).size, entries };
}
