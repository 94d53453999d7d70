/**
 * The backup taken before an upgrade: `pg_dump -Fc` to a file (encrypted with age when a
 * recipient is given), checked with `pg_restore --list`. No backup, no upgrade (unless
 * --skip-backup).
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
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
  /** Encrypted for an age recipient (`.dump.age`). */
  encrypted: boolean;
}

export interface BackupOptions {
  target: TargetDatabase;
  dir: string;
  /** `….dump`; `.age` is added when encrypted. */
  fileName: string;
  env: Env;
  serverMajor: number;
  /** An age public key (`age1…`): the archive is encrypted as it is written, never on disk in clear. */
  recipient?: string;
}

/**
 * The backup, readable by its owner only (0600 in a 0700 folder), written under a
 * `.partial` name and renamed once checked: a failed backup leaves no file behind.
 */
export async function takeBackup(options: BackupOptions): Promise<Backup> {
  const { target, env } = options;
  // mkdir's mode applies to the folders it creates: an existing --backup-dir keeps its own.
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  const file = path.resolve(options.dir, options.recipient ? `${options.fileName}.age` : options.fileName);
  const partial = `${file}.partial`;
  const childEnv = toolEnv(env, target, 'hop-ci upgrade backup');
  const pgDump = await findClientTool('pg_dump', { env, minMajor: options.serverMajor });
  const pgRestore = await findClientTool('pg_restore', { env, minMajor: options.serverMajor });
  try {
    // Created here with 0600 before pg_dump writes into it: never readable by others, even briefly.
    await (
      await open(partial, 'wx', 0o600).catch((e: unknown) => {
        throw new HopError(`cannot write the backup in ${options.dir}: ${(e as Error).message}; nothing was changed`, {
          kind: 'failed',
          hint: 'give a folder the job may write to with --backup-dir',
          code: 'backup-failed',
        });
      })
    ).close();
    const { dumped, listed } = options.recipient
      ? await dumpEncrypted(pgDump, pgRestore, target, childEnv, partial, options.recipient)
      : await dumpPlain(pgDump, pgRestore, target, childEnv, partial);
    if (dumped.code !== 0) {
      throw new HopError(`the backup failed, nothing was changed: pg_dump: ${lastLines(dumped.stderr)}`, {
        kind: 'failed',
        hint: `the role must be able to read every table and sequence, and pg_dump be of PostgreSQL ${options.serverMajor} or later and able to write to ${options.dir}; fix it, or (at your own risk) pass --skip-backup`,
        code: 'backup-failed',
      });
    }
    const entries = listed.stdout.split('\n').filter((l) => l.trim() && !l.startsWith(';')).length;
    if (listed.code !== 0 || entries === 0) {
      throw new HopError(
        `the backup ${file} cannot be read back (pg_restore --list: ${lastLines(listed.stderr) || 'no entries'}); nothing was changed`,
        {
          kind: 'failed',
          hint: 'check the disk the backup is written to (--backup-dir), then run again',
          code: 'backup-unreadable',
        },
      );
    }
    await rename(partial, file);
    return { path: file, bytes: (await stat(file)).size, entries, encrypted: Boolean(options.recipient) };
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-2).join(' ');
}

async function dumpPlain(
  pgDump: string,
  pgRestore: string,
  target: TargetDatabase,
  env: Record<string, string>,
  file: string,
): Promise<{ dumped: ToolResult; listed: ToolResult }> {
  const dumped = await runTool(pgDump, ['-Fc', '-f', file, '--dbname', target.database], env);
  if (dumped.code !== 0) return { dumped, listed: { code: null, stdout: '', stderr: '' } };
  return { dumped, listed: await runTool(pgRestore, ['--list', file], env) };
}

/**
 * pg_dump's output goes through age into the file, and at the same time into
 * `pg_restore --list`, which checks the archive: nothing in clear touches the disk.
 */
async function dumpEncrypted(
  pgDump: string,
  pgRestore: string,
  target: TargetDatabase,
  env: Record<string, string>,
  file: string,
  recipient: string,
): Promise<{ dumped: ToolResult; listed: ToolResult }> {
  const encrypter = await ageEncrypter(recipient);
  const dump = spawn(pgDump, ['-Fc', '--dbname', target.database], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lister = spawn(pgRestore, ['--list'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const dumped = collect(dump, false);
  const listed = collect(lister, true);
  const [toFile, toCheck] = (Readable.toWeb(dump.stdout) as ReadableStream<Uint8Array>).tee();
  // pg_restore --list stops reading once it has the table of contents: a closed pipe is expected.
  lister.stdin.on('error', () => undefined);
  const checked = pipeline(Readable.fromWeb(toCheck as never), lister.stdin).catch(() => undefined);
  const encrypted = await encrypter.encrypt(toFile);
  const written = pipeline(Readable.fromWeb(encrypted as never), createWriteStream(file, { flags: 'r+', mode: 0o600 }));
  const [d, l] = await Promise.all([dumped, listed, written, checked]);
  return { dumped: d, listed: l };
}

/** A child's exit and stderr (and stdout when `keepStdout`: not the dump, which streams elsewhere). */
function collect(child: ChildProcessByStdio<Writable | null, Readable, Readable>, keepStdout: boolean): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    if (keepStdout) child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

/** age (npm `age-encryption`, loaded on first use): an encrypter for one recipient, or bad input. */
export async function ageEncrypter(recipient: string): Promise<import('age-encryption').Encrypter> {
  const { Encrypter } = await import('age-encryption');
  const encrypter = new Encrypter();
  try {
    encrypter.addRecipient(recipient.trim());
  } catch (e) {
    throw new HopError(`backup-recipient is not an age public key: ${(e as Error).message}`, {
      hint: 'give the public key printed by `age-keygen -y key.txt` (age1…); never the secret key',
      code: 'bad-backup-recipient',
    });
  }
  return encrypter;
}
