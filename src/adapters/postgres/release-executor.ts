/**
 * The one executor (DESIGN.md): runs the parts of src/core/release-parts.ts on a database,
 * for validation, promotions, the upgrade and its rehearsal alike. A transactional part is
 * one transaction (its SQL chunks, then the caller's record of the part, then COMMIT); a
 * `.psql` file runs through `psql -v ON_ERROR_STOP=1`, a `.py` file through the project's
 * Python, a statement that a transaction cannot hold alone — each at its place, recorded
 * after it. A failure names the patch, file:line:column, the statement, PostgreSQL's
 * message and hint, the same way in every stage.
 */
import path from 'node:path';
import type pg from 'pg';
import { HopError } from '../../core/errors.js';
import type { PatchFileKind } from '../../core/patch-files.js';
import type { FileStatement, ReleaseFile, ReleasePart, SqlChunk } from '../../core/release-parts.js';
import { lineOfOffset, locateSqlPosition } from '../../core/sql-position.js';
import { batchChunks, chunkAtPosition, type SqlBatch } from '../../core/sql-batch.js';
import { runChild } from './child.js';
import { PsqlFileError, runPsqlWithEnv } from './psql.js';
import { quoteIdent } from './managed-server.js';
import { describeBlockers, watchBlockers, type Blocker } from './lock-blockers.js';

export interface ExecutorTarget {
  /** A connected client on the database: SQL parts run here. */
  client: pg.Client;
  /** The whole environment of `.psql` and `.py` children, pointing at the same database. */
  env: Record<string, string>;
  /** The folder of a patch: the working directory of its `.psql` and `.py` files. */
  folderOf: (patch: string) => Promise<string>;
  serverMajor: number;
  /** The project's Python (default `python3`). */
  python?: string;
  /** `--no-python` (input `python: refuse`): a `.py` part fails instead of running. */
  refusePython?: boolean;
  /** Progress and notices (Python output, resumed parts). */
  log: (message: string) => void;
  /** Another connection to the same database, to name who holds a lock we wait for. */
  openMonitor?: () => Promise<pg.Client>;
}

/** Never starve the application: short lock waits, retried within a bounded time (issue 12). */
export interface LockPolicy {
  /** `lock_timeout` of each attempt of a transactional part. */
  lockTimeoutMs: number;
  /** How long attempts are retried, with backoff, before giving up (`--lock-wait`). */
  lockWaitMs: number;
  /** `statement_timeout` of transactional parts (`--statement-timeout`), when given. */
  statementTimeoutMs?: number;
}

export interface RunPartsOptions {
  /** The first part to run: a resumed release's earlier parts are already recorded. */
  from?: number;
  /** A previous run stopped at part `from`, which may have started. */
  resuming?: boolean;
  /**
   * The SQL that records part `index` as done (literal values: it is sent with the work):
   * run inside the part's transaction for a transactional part (so the record and the work
   * commit together), in a transaction of its own after any other.
   */
  record?: (index: number, last: boolean) => string;
  /** Part `index` is done (committed with its record). */
  onPartDone?: (index: number) => void;
  /** Session statements (a reset) sent before the first part this call runs, in its message when it is transactional. */
  sessionPrefix?: string;
  lock?: LockPolicy;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** A file the executor ran (its time is its patch's or part's: files of a part run as one message). */
export interface RanFile {
  patch: string;
  name: string;
  kind: PatchFileKind;
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

interface PgError extends Error {
  position?: string;
  hint?: string;
  detail?: string;
  where?: string;
  code?: string;
}

const LOCK_NOT_AVAILABLE = '55P03';

function isServerError(e: unknown): e is PgError {
  const code = (e as PgError | undefined)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

/** Runs `parts` from `options.from` on; stops at the first failure. Returns the files it ran. */
export async function runParts(parts: ReleasePart[], target: ExecutorTarget, options: RunPartsOptions = {}): Promise<RanFile[]> {
  const now = options.now ?? (() => performance.now());
  const ran: RanFile[] = [];
  const from = options.from ?? 0;
  const watch = options.lock && target.openMonitor ? await watchBlockers(target.client, target.openMonitor) : undefined;
  try {
    for (let i = from; i < parts.length; i++) {
      const part = parts[i]!;
      const last = i === parts.length - 1;
      const resumed = Boolean(options.resuming) && i === from;
      if (part.kind === 'transaction') {
        await runTransaction(
          part.chunks,
          target,
          options,
          now,
          watch,
          options.record?.(i, last),
          i === from ? options.sessionPrefix : undefined,
        );
        ran.push(...filesOf(part.chunks));
        options.onPartDone?.(i);
        continue;
      }
      if (i === from && options.sessionPrefix) await target.client.query(options.sessionPrefix);
      if (part.kind === 'statement') await runStatement(part.file, part.statement, target, resumed);
      else {
        if (resumed) target.log(`${part.file.path} may have run before the previous run stopped: it runs again`);
        if (part.kind === 'psql') await runPsqlPart(part.file, target);
        else await runPythonPart(part.file, target);
      }
      ran.push({ patch: part.file.patch, name: part.file.name, kind: part.file.kind });
      if (options.record) {
        const client = target.client;
        try {
          await client.query(`BEGIN;\n${options.record(i, last)};\nCOMMIT`);
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw isServerError(e) ? recordFailure(e) : e;
        }
      }
      options.onPartDone?.(i);
    }
  } finally {
    await watch?.close();
  }
  return ran;
}

function filesOf(chunks: SqlChunk[]): RanFile[] {
  const files: RanFile[] = [];
  for (const { file } of chunks) {
    const same = files[files.length - 1];
    if (!same || same.patch !== file.patch || same.name !== file.name) files.push({ patch: file.patch, name: file.name, kind: 'sql' });
  }
  return files;
}

/**
 * One transactional part. With a lock policy, each attempt waits at most `lockTimeoutMs`
 * for a lock (so the application's queries queued behind ours wait no longer), and the
 * whole part is retried from its start, with backoff, until `lockWaitMs` is spent.
 *
 * The part goes as one message when it can (src/core/sql-batch.ts): BEGIN and its
 * settings, the files' SQL, the record, COMMIT. The same transaction, one round trip
 * instead of one per file and step. A part with a file that does not end in plain SQL, or
 * run under `--statement-timeout` (which then stays per file), goes step by step.
 */
async function runTransaction(
  chunks: SqlChunk[],
  target: ExecutorTarget,
  options: RunPartsOptions,
  now: () => number,
  watch: Awaited<ReturnType<typeof watchBlockers>> | undefined,
  record: string | undefined,
  sessionPrefix: string | undefined,
): Promise<void> {
  const { client } = target;
  // In the part's message, the session statements join its transaction: a retry sends them again.
  const session = sessionPrefix;
  const lock = options.lock;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const oneMessage = !lock?.statementTimeoutMs;
  const started = now();
  let blockers: Blocker[] = [];
  for (let attempt = 0; ; attempt++) {
    const begin = beginPart(lock, lock ? lock.lockWaitMs - (now() - started) : 0);
    const batch = oneMessage
      ? batchChunks(
          chunks.map((c) => c.text),
          { prefix: `${session ? `${session};\n` : ''}${begin};\n`, suffix: `${record ? `${record};\n` : ''}COMMIT` },
        )
      : undefined;
    let failedChunk: number | undefined;
    let recordFailed = false;
    watch?.arm(lock ? Math.min(lock.lockTimeoutMs / 2, 1000) : 1000);
    try {
      if (batch) await client.query(batch.text);
      else {
        if (session) await client.query(session);
        await client.query(begin);
        for (let c = 0; c < chunks.length; c++) {
          failedChunk = c;
          await client.query(chunks[c]!.text);
        }
        failedChunk = undefined;
        recordFailed = true;
        if (record) await client.query(record);
        recordFailed = false;
        await client.query('COMMIT');
      }
      watch?.disarm();
      return;
    } catch (e) {
      const seen = watch?.disarm() ?? [];
      if (seen.length) blockers = seen;
      await client.query('ROLLBACK').catch(() => undefined);
      if (lock && (e as PgError).code === LOCK_NOT_AVAILABLE) {
        const wait = Math.min(250 * 2 ** attempt, 5000, lock.lockWaitMs - (now() - started));
        if (wait > 0) {
          target.log(
            `a lock is held by another session${blockers.length ? ` (${describeBlockers(blockers, '; ')})` : ''}: nothing of this part was kept; trying again in ${(wait / 1000).toFixed(1)} s`,
          );
          await sleep(wait);
          continue;
        }
        throw lockWaitError(chunks, lock, blockers);
      }
      if (!isServerError(e)) throw e;
      if (batch) throw await batchFailure(chunks, batch, record, e, target, lock);
      if (failedChunk !== undefined) throw await sqlFailure(chunks, failedChunk, e, target);
      if (recordFailed) throw recordFailure(e);
      throw sqlErrorAtCommit(chunks, e);
    }
  }
}

function beginPart(lock: LockPolicy | undefined, remainingMs: number): string {
  if (!lock) return 'BEGIN';
  const settings = [`SET LOCAL lock_timeout = ${Math.max(1, Math.round(Math.min(lock.lockTimeoutMs, remainingMs)))}`];
  if (lock.statementTimeoutMs) settings.push(`SET LOCAL statement_timeout = ${Math.round(lock.statementTimeoutMs)}`);
  return ['BEGIN', ...settings].join('; ');
}

function recordFailure(e: PgError): HopError {
  return new HopError(`the part could not be recorded, so it was rolled back: ${e.message}`, {
    kind: 'failed',
    hint: "the role needs to write hop-ci's record (schema hop_ci) and half_orm_meta.hop_release",
    code: 'record-failed',
  });
}

/**
 * A part sent as one message failed. A position in a file's SQL says which file, as if the
 * files had gone one by one; one in the record, that the record failed. Without a position
 * (an error while executing, or at COMMIT) the part runs again step by step in a
 * transaction that is rolled back, its deferred constraints checked at the end, to find
 * the step — and the report is the one the step-by-step run gives.
 */
async function batchFailure(
  chunks: SqlChunk[],
  batch: SqlBatch,
  record: string | undefined,
  err: PgError,
  target: ExecutorTarget,
  lock: LockPolicy | undefined,
): Promise<HopError> {
  const at = err.position ? chunkAtPosition(batch, Number(err.position)) : undefined;
  if (at) return sqlFailure(chunks, at.index, Object.assign(err, { position: String(at.position) }), target);
  if (err.position && Number(err.position) > batch.suffixStart) return recordFailure(err);
  const { client } = target;
  let found: HopError | undefined;
  let step: 'chunk' | 'record' | 'commit' = 'chunk';
  let index = 0;
  // Whether the step-by-step transaction still needs its ROLLBACK (sent once, before a
  // failure is located further: that runs statements of its own).
  let open = true;
  try {
    await client.query(beginPart(lock, lock?.lockTimeoutMs ?? 0));
    try {
      for (index = 0; index < chunks.length; index++) await client.query(chunks[index]!.text);
      step = 'record';
      if (record) await client.query(record);
      step = 'commit';
      await client.query('SET CONSTRAINTS ALL IMMEDIATE');
    } catch (e) {
      open = false;
      await client.query('ROLLBACK').catch(() => undefined);
      if (isServerError(e)) {
        found =
          step === 'chunk'
            ? await sqlFailure(chunks, index, e, target)
            : step === 'record'
              ? recordFailure(e)
              : sqlErrorAtCommit(chunks, e);
      }
    }
  } catch {
    // best effort: the part's own error is reported below
  } finally {
    if (open) await client.query('ROLLBACK').catch(() => undefined);
  }
  if (found) return found;
  const files = [...new Set(chunks.map((c) => c.file.path))];
  const file = chunks[0]!.file;
  return new PatchApplyError(
    file.patch,
    file.name,
    {
      message: `${err.message} (in the transaction of ${files.join(', ')}, which did not fail when run again step by step)`,
      ...(err.hint ? { pgHint: err.hint } : {}),
      ...(err.detail ? { pgDetail: err.detail } : {}),
      ...(err.where ? { where: err.where } : {}),
    },
    { file: file.path },
    `check ${files.join(', ')} and run again`,
  );
}

function lockWaitError(chunks: SqlChunk[], lock: LockPolicy, blockers: Blocker[]): HopError {
  const files = [...new Set(chunks.map((c) => c.file.path))];
  return new HopError(
    `gave up after waiting ${Math.round(lock.lockWaitMs / 1000)} s for locks held by other sessions; nothing of this part (${files.join(', ')}) was applied` +
      (blockers.length
        ? `\nblocking sessions:\n${describeBlockers(blockers, '\n')}`
        : '\nthe blocking sessions ended before they could be named'),
    {
      kind: 'failed',
      ...(files[0] ? { file: files[0] } : {}),
      hint: 'end or wait out the blocking sessions (an application left a transaction open?), or give the upgrade more time with --lock-wait SECONDS, then run the upgrade again',
      code: 'lock-wait',
    },
  );
}

/** Where a position of a chunk falls in its file. */
function locateInChunk(chunk: SqlChunk, position: number): { line: number; column: number; statement: string } {
  const at = locateSqlPosition(chunk.text, position);
  const firstLine = lineOfOffset(chunk.file.text, chunk.offset);
  const startColumn = chunk.offset - chunk.file.text.lastIndexOf('\n', chunk.offset - 1);
  return { line: firstLine + at.line - 1, column: at.line === 1 ? startColumn + at.column - 1 : at.column, statement: at.statement };
}

async function sqlFailure(chunks: SqlChunk[], index: number, err: PgError, target: ExecutorTarget): Promise<PatchApplyError> {
  const chunk = chunks[index]!;
  const file = chunk.file;
  let found: { line: number; column?: number; statement: string } | undefined;
  if (err.position) found = locateInChunk(chunk, Number(err.position));
  else found = await findFailingStatement(chunks, index, target);
  return new PatchApplyError(
    file.patch,
    file.name,
    {
      message: err.message,
      ...(found ? { statement: found.statement } : {}),
      ...(err.hint ? { pgHint: err.hint } : {}),
      ...(err.detail ? { pgDetail: err.detail } : {}),
      ...(err.where ? { where: err.where } : {}),
      ...(err.code ? { sqlState: err.code } : {}),
    },
    { file: file.path, ...(found ? { line: found.line } : {}), ...(found?.column ? { column: found.column } : {}) },
    `fix ${file.path}${found ? ` at line ${found.line}` : ''} in patch ${file.patch} and run again`,
  );
}

function sqlErrorAtCommit(chunks: SqlChunk[], err: PgError): PatchApplyError {
  const file = chunks[chunks.length - 1]!.file;
  return new PatchApplyError(
    file.patch,
    file.name,
    { message: `at COMMIT: ${err.message}`, ...(err.detail ? { pgDetail: err.detail } : {}), ...(err.hint ? { pgHint: err.hint } : {}) },
    { file: file.path },
    `a deferred constraint failed when the transaction ending with ${file.path} committed: fix the patch and run again`,
  );
}

/**
 * PostgreSQL gives no position for errors raised while executing (a NOT NULL violation, a
 * failing DO block): run the part again up to the failing chunk, that chunk statement by
 * statement, in a transaction rolled back at the end, to find which statement fails.
 */
async function findFailingStatement(
  chunks: SqlChunk[],
  index: number,
  target: ExecutorTarget,
): Promise<{ line: number; column?: number; statement: string } | undefined> {
  const chunk = chunks[index]!;
  let statements: FileStatement[] | undefined = chunk.statements;
  if (!statements) {
    try {
      // Loaded only here: the parser is a wasm module, needed only to explain a failure.
      const { splitSql } = await import('../sql-statements.js');
      const split = await splitSql(chunk.text, target.serverMajor);
      if (!split.ok) return undefined;
      statements = split.statements.map((s) => ({ ...s, offset: s.offset + chunk.offset }));
    } catch {
      return undefined;
    }
  }
  const { client } = target;
  try {
    await client.query('BEGIN');
    for (const earlier of chunks.slice(0, index)) await client.query(earlier.text);
    for (const s of statements) {
      try {
        await client.query(s.text);
      } catch (e) {
        const err = e as PgError;
        const trimmed = clip(s.text.trim());
        if (err.position) {
          const at = locateInChunk({ file: chunk.file, offset: s.offset, text: s.text }, Number(err.position));
          return { line: at.line, column: at.column, statement: trimmed };
        }
        return { line: s.line, statement: trimmed };
      }
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
}

function clip(s: string): string {
  return s.length > 300 ? `${s.slice(0, 297)}...` : s;
}

async function runStatement(file: ReleaseFile, statement: FileStatement, target: ExecutorTarget, resumed: boolean): Promise<void> {
  if (resumed && statement.concurrentIndex && (await settleConcurrentIndex(target, statement.concurrentIndex))) return;
  try {
    await target.client.query(statement.text);
  } catch (e) {
    if (!isServerError(e)) throw e;
    const at = e.position ? locateInChunk({ file, offset: statement.offset, text: statement.text }, Number(e.position)) : undefined;
    throw new PatchApplyError(
      file.patch,
      file.name,
      {
        message: e.message,
        statement: clip(statement.text.trim()),
        ...(e.hint ? { pgHint: e.hint } : {}),
        ...(e.detail ? { pgDetail: e.detail } : {}),
        ...(e.code ? { sqlState: e.code } : {}),
      },
      { file: file.path, line: at?.line ?? statement.line, ...(at ? { column: at.column } : {}) },
      `fix ${file.path} at line ${at?.line ?? statement.line} in patch ${file.patch} and run again`,
    );
  }
}

/**
 * A resumed `CREATE INDEX CONCURRENTLY`: true when the previous run completed the index;
 * a half-built (invalid) one is dropped so that it is built again.
 */
async function settleConcurrentIndex(target: ExecutorTarget, index: { name: string; schema?: string }): Promise<boolean> {
  const qualified = index.schema ? `${quoteIdent(index.schema)}.${quoteIdent(index.name)}` : quoteIdent(index.name);
  const { rows } = await target.client.query<{ valid: boolean | null }>(
    'SELECT (SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass($1)) AS valid',
    [qualified],
  );
  const valid = rows[0]?.valid;
  if (valid === true) {
    target.log(`index ${qualified} was completed by the previous run: kept`);
    return true;
  }
  if (valid === false) {
    target.log(`index ${qualified} was left invalid by the previous run: dropped and built again`);
    await target.client.query(`DROP INDEX CONCURRENTLY IF EXISTS ${qualified}`);
  }
  return false;
}

async function runPsqlPart(file: ReleaseFile, target: ExecutorTarget): Promise<void> {
  const folder = await target.folderOf(file.patch);
  try {
    await runPsqlWithEnv(target.env, path.join(folder, file.name), { displayName: file.path, cwd: folder });
  } catch (e) {
    if (!(e instanceof PsqlFileError)) throw e;
    const p = e.psql;
    throw new PatchApplyError(
      file.patch,
      file.name,
      {
        message: p.message,
        ...(p.statementLine ? { statement: p.statementLine } : {}),
        ...(p.hint ? { pgHint: p.hint } : {}),
        ...(p.detail ? { pgDetail: p.detail } : {}),
      },
      { file: file.path, ...(p.line ? { line: p.line } : {}), ...(p.column ? { column: p.column } : {}) },
      `fix ${file.path}${p.line ? ` at line ${p.line}` : ''} in patch ${file.patch} and run again`,
    );
  }
}

async function runPythonPart(file: ReleaseFile, target: ExecutorTarget): Promise<void> {
  if (target.refusePython) {
    throw new HopError(`patch ${file.patch}: ${file.path} is a Python file and Python files are refused (--no-python)`, {
      kind: 'refused',
      file: file.path,
      hint: 'drop --no-python (or the input python: refuse) to run it at its place, as validation did',
      code: 'python-refused',
    });
  }
  const python = target.python ?? 'python3';
  const folder = await target.folderOf(file.patch);
  let r;
  try {
    r = await runChild(python, [path.join(folder, file.name)], {
      env: target.env,
      cwd: folder,
      onLine: (l) => target.log(`    ${file.name}: ${l}`),
    });
  } catch (e) {
    throw new HopError(`patch ${file.patch}: cannot run ${file.path} with '${python}': ${(e as Error).message}`, {
      kind: 'failed',
      file: file.path,
      hint: "install Python or name the project's interpreter with --python (e.g. --python .venv/bin/python)",
      code: 'python-missing',
    });
  }
  if (r.code === 0) return;
  // The deepest traceback frame in this file gives the line.
  const frames = [...r.stderr.matchAll(/File "([^"]+)", line (\d+)/g)].filter((m) => path.basename(m[1]!) === file.name);
  const line = frames.length ? Number(frames[frames.length - 1]![2]) : undefined;
  const last = r.stderr.trim().split('\n').filter(Boolean);
  const message = last[last.length - 1] ?? `exited with code ${r.code ?? r.signal}`;
  throw new PatchApplyError(
    file.patch,
    file.name,
    {
      message: `${python} exited with ${r.code ?? r.signal}: ${message}`,
      ...(last.length > 1 ? { where: last.slice(-6, -1).join(' | ') } : {}),
    },
    { file: file.path, ...(line ? { line } : {}) },
    `fix ${file.path}${line ? ` at line ${line}` : ''} in patch ${file.patch} (it runs with the database connection in PG*, DATABASE_URL and HALFORM_CONF_DIR) and run again`,
  );
}
