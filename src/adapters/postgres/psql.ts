/**
 * psql and pg_dump against a database of a DatabaseServer. psql runs pg_dump output and
 * `.psql` patch files (with ON_ERROR_STOP, which half-orm-dev forgets); pg_dump gives the
 * schema and `half_orm_meta` dumps a promotion writes.
 */
import { HopError } from '../../core/errors.js';
import { normaliseSchemaDump } from '../../core/schema-dump.js';
import type { DatabaseServer } from '../../ports.js';
import { findClientTool } from './binaries.js';
import { runChild } from './child.js';

/** The child environment: ours without any PG* variable, then the server's, then the database. */
export function libpqEnv(
  server: DatabaseServer,
  database: string,
  base: Readonly<Record<string, string | undefined>> = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !k.startsWith('PG')) env[k] = v;
  return { ...env, ...server.env, PGDATABASE: database, PGAPPNAME: 'hop-ci' };
}

/** What psql says about the first error: `psql:FILE:LINE: ERROR:  message`, DETAIL, HINT, the caret line. */
export interface PsqlError {
  line?: number;
  column?: number;
  message: string;
  detail?: string;
  hint?: string;
  statementLine?: string;
}

export function parsePsqlError(stderr: string): PsqlError {
  const lines = stderr.split('\n');
  const at = lines.findIndex((l) => /^psql:.*:\d+: (ERROR|FATAL|error):/.test(l));
  if (at < 0) return { message: stderr.trim().split('\n').slice(-3).join(' ') || 'psql failed' };
  const m = /^psql:.*:(\d+): (?:ERROR|FATAL|error):\s*(.*)$/.exec(lines[at]!)!;
  const result: PsqlError = { line: Number(m[1]), message: m[2]!.trim() };
  for (let i = at + 1; i < lines.length && !lines[i]!.startsWith('psql:'); i++) {
    const l = lines[i]!;
    const d = /^(DETAIL|HINT):\s*(.*)$/.exec(l);
    if (d) {
      if (d[1] === 'DETAIL') result.detail = d[2]!;
      else result.hint = d[2]!;
      continue;
    }
    const stmt = /^(LINE \d+: )(.*)$/.exec(l);
    if (stmt) {
      result.statementLine = stmt[2]!;
      const caret = lines[i + 1] ?? '';
      const col = caret.indexOf('^');
      // psql cuts long lines with "..."; the column is only exact when it did not.
      if (col >= stmt[1]!.length && !stmt[2]!.startsWith('...')) result.column = col - stmt[1]!.length + 1;
    }
  }
  return result;
}

export interface PsqlOptions {
  /** How to name the file in messages (relative to the project root). Default: `file`. */
  displayName?: string;
  /** Environment base for the child (PATH, …); PG* variables in it are ignored. */
  baseEnv?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
}

/** `psql -X -q -v ON_ERROR_STOP=1 -f FILE`: a failure is a HopError naming the file and line. */
export async function runPsqlFile(server: DatabaseServer, database: string, file: string, options: PsqlOptions = {}): Promise<void> {
  await runPsqlWithEnv(libpqEnv(server, database, options.baseEnv), file, options);
}

/**
 * The same with the child environment given whole (PGHOST, PGDATABASE, …): for callers
 * that hold a connection rather than a DatabaseServer (the patch applier).
 */
export async function runPsqlWithEnv(env: Record<string, string>, file: string, options: Omit<PsqlOptions, 'baseEnv'> = {}): Promise<void> {
  const psql = await findClientTool('psql', { env });
  const r = await runChild(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', file], { env, ...(options.cwd ? { cwd: options.cwd } : {}) });
  if (r.code === 0) return;
  const e = parsePsqlError(r.stderr);
  const name = options.displayName ?? file;
  const where = `${name}${e.line ? `:${e.line}` : ''}${e.line && e.column ? `:${e.column}` : ''}`;
  throw new PsqlFileError(`${where}: ${e.message}${e.detail ? ` (${e.detail})` : ''}`, e, {
    kind: 'failed',
    file: name,
    ...(e.line ? { line: e.line } : {}),
    ...(e.column ? { column: e.column } : {}),
    hint: e.hint ?? `fix ${name}${e.line ? ` at line ${e.line}` : ''} and run again`,
    code: 'psql-error',
  });
}

/** A psql failure, with what psql said kept apart for reports. */
export class PsqlFileError extends HopError {
  constructor(
    message: string,
    readonly psql: PsqlError,
    details: ConstructorParameters<typeof HopError>[1],
  ) {
    super(message, details);
  }
}

async function pgDump(server: DatabaseServer, database: string, args: string[]): Promise<string> {
  const pgDumpBin = await findClientTool('pg_dump', { env: process.env, minMajor: server.majorVersion });
  const r = await runChild(pgDumpBin, [...args, '--no-owner'], { env: libpqEnv(server, database) });
  if (r.code !== 0) {
    throw new HopError(`pg_dump failed: ${r.stderr.trim().split('\n').slice(-2).join(' ')}`, {
      kind: 'failed',
      hint: `pg_dump must be of PostgreSQL ${server.majorVersion} or later`,
      code: 'pg-dump',
    });
  }
  return r.stdout;
}

/** `pg_dump --schema-only --no-owner`, normalised as half-orm-dev stores it. */
export async function dumpSchema(server: DatabaseServer, database: string): Promise<string> {
  return normaliseSchemaDump(await pgDump(server, database, ['--schema-only']));
}

const METADATA_TABLES = ['half_orm_meta.database', 'half_orm_meta.hop_release', 'half_orm_meta.hop_release_issue'];

/**
 * The `half_orm_meta` dump in the project's variant: `metadata` (hop up to 1.0.0-a32: only
 * the COPY blocks of three tables) or `data` (a `pg_dump --data-only` of `half_orm_meta`).
 */
export async function dumpHalfOrmMeta(server: DatabaseServer, database: string, variant: 'metadata' | 'data'): Promise<string> {
  if (variant === 'data') return normaliseSchemaDump(await pgDump(server, database, ['--data-only', '--schema=half_orm_meta']));
  const dump = await pgDump(server, database, ['--data-only', ...METADATA_TABLES.flatMap((t) => ['-t', t])]);
  const blocks: string[] = [];
  let current: string[] | undefined;
  for (const line of dump.split('\n')) {
    if (!current && line.startsWith('COPY ')) current = [line];
    else if (current) {
      current.push(line);
      if (line === '\\.') {
        blocks.push(current.join('\n'));
        current = undefined;
      }
    }
  }
  // Same order as half-orm-dev writes them: database, hop_release, hop_release_issue.
  const rank = (b: string) => METADATA_TABLES.findIndex((t) => b.startsWith(`COPY ${t} `));
  return `${blocks.sort((a, b) => rank(a) - rank(b)).join('\n\n')}\n`;
}
