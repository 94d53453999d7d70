/**
 * The patch applier: a patch's files in HOP-FORMAT.md order on one database. `.sql` goes
 * through the open pg connection as one simple query, `.psql` through psql with
 * ON_ERROR_STOP, `.py` through the project's Python in the patch folder. A failure names
 * the patch, the file, the line and column, the statement, and PostgreSQL's message and hint.
 *
 * Usable on any connection (validation, promotions, upgrade): it takes a connected client,
 * the child environment of the same database, and patches as folder paths.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { HopError } from '../../core/errors.js';
import { selectPatchFiles, type PatchFileKind } from '../../core/patch-files.js';
import { locateSqlPosition, lineOfOffset } from '../../core/sql-position.js';
import { runChild } from '../../adapters/postgres/child.js';
import { PsqlFileError, runPsqlWithEnv } from '../../adapters/postgres/psql.js';

export interface ApplyTarget {
  /** A connected client on the database: `.sql` files run here. */
  client: pg.Client;
  /**
   * The whole environment of `.psql` and `.py` children, pointing at the same database
   * (PATH, PGHOST…PGDATABASE, DATABASE_URL, HALFORM_CONF_DIR, PYTHONPATH…).
   */
  env: Record<string, string>;
  /** Server major version (splitting statements for a diagnosis). */
  serverMajor?: number;
}

export interface PatchToApply {
  id: string;
  /** Absolute path of the patch folder. */
  folder: string;
  /** The folder as messages show it (relative to the project root). Default `folder`. */
  displayFolder?: string;
}

export interface ApplyOptions {
  /** The project's Python (`--python`); default `python3`. */
  python?: string;
  /** Progress and notices (ignored files, Python output). */
  log?: (message: string) => void;
  now?: () => number;
}

export interface FileTiming {
  name: string;
  kind: PatchFileKind;
  ms: number;
}

export interface PatchTiming {
  id: string;
  ms: number;
  files: FileTiming[];
}

/** A patch file failed. The fields feed the summary table and the annotations. */
export class PatchApplyError extends HopError {
  constructor(
    readonly patch: string,
    readonly fileName: string,
    readonly detail: { message: string; statement?: string; pgHint?: string; pgDetail?: string; where?: string; sqlState?: string },
    location: { file: string; line?: number; column?: number },
    hint: string,
  ) {
    const at = `${location.file}${location.line ? `:${location.line}` : ''}${location.line && location.column ? `:${location.column}` : ''}`;
    const lines = [`patch ${patch}: ${at}: ${detail.message}`];
    if (detail.pgDetail) lines.push(`  detail: ${detail.pgDetail}`);
    if (detail.statement) lines.push(`  statement: ${detail.statement.replace(/\s+/g, ' ')}`);
    if (detail.where) lines.push(`  context: ${detail.where.replace(/\s+/g, ' ')}`);
    super(lines.join('\n'), {
      kind: 'failed',
      file: location.file,
      ...(location.line ? { line: location.line } : {}),
      ...(location.column ? { column: location.column } : {}),
      hint: detail.pgHint ? `PostgreSQL: ${detail.pgHint}` : hint,
      code: 'patch-failed',
    });
  }
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  // Plain files and links to files; folders are skipped (HOP-FORMAT.md).
  const names: string[] = [];
  for (const e of entries) {
    if (e.isFile()) names.push(e.name);
    else if (e.isSymbolicLink()) {
      const st = await fs.stat(path.join(folder, e.name)).catch(() => undefined);
      if (st?.isFile()) names.push(e.name);
    }
  }
  return names;
}

export async function applyPatches(target: ApplyTarget, patches: PatchToApply[], options: ApplyOptions = {}): Promise<PatchTiming[]> {
  const timings: PatchTiming[] = [];
  for (const patch of patches) timings.push(await applyPatch(target, patch, options));
  return timings;
}

export async function applyPatch(target: ApplyTarget, patch: PatchToApply, options: ApplyOptions = {}): Promise<PatchTiming> {
  const now = options.now ?? (() => performance.now());
  const display = patch.displayFolder ?? patch.folder;
  const start = now();
  let names: string[];
  try {
    names = await listFiles(patch.folder);
  } catch {
    throw new HopError(`patch ${patch.id}: folder ${display} cannot be read`, {
      kind: 'input',
      file: display,
      hint: 'check out a branch that has the patch folder',
      code: 'patch-folder-missing',
    });
  }
  const { run, ignored } = selectPatchFiles(names, display);
  for (const name of ignored) options.log?.(`notice: patch ${patch.id}: ${display}/${name} is neither .sql, .psql nor .py: ignored`);
  const files: FileTiming[] = [];
  for (const entry of run) {
    const t0 = now();
    const file = path.join(patch.folder, entry.name);
    const shown = `${display}/${entry.name}`;
    if (entry.kind === 'sql') await runSqlFile(target, patch.id, file, shown, entry.name);
    else if (entry.kind === 'psql') await runPsqlPatchFile(target, patch, file, shown, entry.name);
    else await runPythonFile(target, patch, file, shown, entry.name, options);
    files.push({ name: entry.name, kind: entry.kind, ms: now() - t0 });
  }
  return { id: patch.id, ms: now() - start, files };
}

interface PgError extends Error {
  position?: string;
  hint?: string;
  detail?: string;
  where?: string;
  code?: string;
  internalPosition?: string;
  internalQuery?: string;
}

async function runSqlFile(target: ApplyTarget, patchId: string, file: string, shown: string, name: string): Promise<void> {
  const sql = await fs.readFile(file, 'utf8');
  if (sql.trim() === '') return;
  try {
    // One simple-query string: one implicit transaction unless the file has its own BEGIN/COMMIT.
    await target.client.query(sql);
  } catch (e) {
    const err = e as PgError;
    if (typeof err.code !== 'string' || !/^[0-9A-Z]{5}$/.test(err.code)) throw e; // not a server error (connection lost…)
    // An error inside the file's own BEGIN leaves the session aborted: reset it for what follows.
    await target.client.query('ROLLBACK').catch(() => undefined);
    let line: number | undefined;
    let column: number | undefined;
    let statement: string | undefined;
    if (err.position) {
      const loc = locateSqlPosition(sql, Number(err.position));
      ({ line, column, statement } = loc);
    } else {
      const found = await findFailingStatement(target, sql);
      if (found) ({ line, column, statement } = found);
    }
    throw new PatchApplyError(
      patchId,
      name,
      {
        message: err.message,
        ...(statement ? { statement } : {}),
        ...(err.hint ? { pgHint: err.hint } : {}),
        ...(err.detail ? { pgDetail: err.detail } : {}),
        ...(err.where ? { where: err.where } : {}),
        sqlState: err.code,
      },
      { file: shown, ...(line ? { line } : {}), ...(column ? { column } : {}) },
      `fix ${shown}${line ? ` at line ${line}` : ''} in patch ${patchId} and run again`,
    );
  }
}

/**
 * PostgreSQL gives no position for errors raised while executing (a NOT NULL violation,
 * a failing DO block): run the file again statement by statement, in a transaction rolled
 * back at the end, to find which one fails. The file already failed, so this only reads.
 */
async function findFailingStatement(
  target: ApplyTarget,
  sql: string,
): Promise<{ line: number; column?: number; statement: string } | undefined> {
  let split;
  try {
    // Loaded only here: the parser is a wasm module, needed only to explain a failure.
    const { splitSql } = await import('../../adapters/sql-statements.js');
    split = await splitSql(sql, target.serverMajor ?? 15);
  } catch {
    return undefined;
  }
  if (!split.ok || split.statements.some((s) => s.transactionControl || s.nonTransactional)) return undefined;
  const client = target.client;
  try {
    await client.query('BEGIN');
    for (const s of split.statements) {
      try {
        await client.query(s.text);
      } catch (e) {
        const err = e as PgError;
        const trimmed = s.text.trim();
        if (err.position) {
          // The position counts characters of this statement; make it an offset in the file.
          const offset = s.offset + [...s.text].slice(0, Number(err.position) - 1).join('').length;
          return { line: lineOfOffset(sql, offset), column: columnOf(sql, offset), statement: clip(trimmed) };
        }
        return { line: s.line, statement: clip(trimmed) };
      }
    }
    return undefined;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
}

function columnOf(text: string, offset: number): number {
  return offset - text.lastIndexOf('\n', offset - 1);
}

function clip(s: string): string {
  return s.length > 300 ? `${s.slice(0, 297)}...` : s;
}

async function runPsqlPatchFile(target: ApplyTarget, patch: PatchToApply, file: string, shown: string, name: string): Promise<void> {
  try {
    await runPsqlWithEnv(target.env, file, { displayName: shown, cwd: patch.folder });
  } catch (e) {
    if (!(e instanceof PsqlFileError)) throw e;
    const p = e.psql;
    throw new PatchApplyError(
      patch.id,
      name,
      {
        message: p.message,
        ...(p.statementLine ? { statement: p.statementLine } : {}),
        ...(p.hint ? { pgHint: p.hint } : {}),
        ...(p.detail ? { pgDetail: p.detail } : {}),
      },
      { file: shown, ...(p.line ? { line: p.line } : {}), ...(p.column ? { column: p.column } : {}) },
      `fix ${shown}${p.line ? ` at line ${p.line}` : ''} in patch ${patch.id} and run again`,
    );
  }
}

async function runPythonFile(
  target: ApplyTarget,
  patch: PatchToApply,
  file: string,
  shown: string,
  name: string,
  options: ApplyOptions,
): Promise<void> {
  const python = options.python ?? 'python3';
  let r;
  try {
    r = await runChild(python, [file], {
      env: target.env,
      cwd: patch.folder,
      onLine: (l) => options.log?.(`    ${name}: ${l}`),
    });
  } catch (e) {
    throw new HopError(`patch ${patch.id}: cannot run ${shown} with '${python}': ${(e as Error).message}`, {
      kind: 'failed',
      file: shown,
      hint: "install Python or name the project's interpreter with --python (e.g. --python .venv/bin/python)",
      code: 'python-missing',
    });
  }
  if (r.code === 0) return;
  // The deepest traceback frame in this file gives the line.
  const frames = [...r.stderr.matchAll(/File "([^"]+)", line (\d+)/g)].filter((m) => path.basename(m[1]!) === name);
  const line = frames.length ? Number(frames[frames.length - 1]![2]) : undefined;
  const last = r.stderr.trim().split('\n').filter(Boolean);
  const message = last[last.length - 1] ?? `exited with code ${r.code ?? r.signal}`;
  throw new PatchApplyError(
    patch.id,
    name,
    {
      message: `${python} exited with ${r.code ?? r.signal}: ${message}`,
      ...(last.length > 1 ? { where: last.slice(-6, -1).join(' | ') } : {}),
    },
    { file: shown, ...(line ? { line } : {}) },
    `fix ${shown}${line ? ` at line ${line}` : ''} in patch ${patch.id} (it runs with the database connection in PG*, DATABASE_URL and HALFORM_CONF_DIR) and run again`,
  );
}
