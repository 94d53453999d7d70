/**
 * Applies one release to the target: every statement of its SQL files in ONE transaction
 * together with its version rows (half_orm_meta.hop_release and the ledger), then, after
 * the commit, the steps that cannot share a transaction (CREATE INDEX CONCURRENTLY, VACUUM,
 * …, Python files), each recorded in the ledger as it completes so that a re-run after a
 * crash resumes exactly where it stopped.
 */
import type pg from 'pg';
import { HopError } from '../../../core/errors.js';
import type { UpgradeReleasePlan, UpgradeFilePlan } from '../../../core/upgrade-render.js';
import { locateSqlPosition, lineOfOffset } from '../../../core/sql-position.js';
import type { LedgerPatch } from '../../../core/upgrade-ledger.js';
import type { Clock } from '../../../ports.js';
import type { SqlStatement } from '../../sql-statements.js';
import { insertHopRelease, insertLedgerRow, markStepDone } from './ledger.js';
import { quoteIdent } from './target.js';

export interface ExecutableFile extends UpgradeFilePlan {
  text: string;
  /** Parsed statements (sql and psql files). */
  statements: SqlStatement[];
}

export interface ExecutableRelease {
  plan: UpgradeReleasePlan;
  files: ExecutableFile[];
  /** Every file of each patch folder at the tag (name → content), for Python files' working directory. */
  folders: Map<string, Map<string, Buffer>>;
}

/** A post-commit step with what it needs to run. */
export type RunnableStep =
  | { kind: 'statement'; file: ExecutableFile; statement: SqlStatement; what: string }
  | { kind: 'python'; file: ExecutableFile; what: string };

/** Steps in release order: the statements that cannot run in a transaction, then Python files, in file order. */
export function postCommitSteps(release: ExecutableRelease): RunnableStep[] {
  const steps: RunnableStep[] = [];
  for (const file of release.files) {
    if (file.kind === 'py') steps.push({ kind: 'python', file, what: 'python' });
    else
      for (const s of file.statements)
        if (s.nonTransactional) steps.push({ kind: 'statement', file, statement: s, what: s.nonTransactional });
  }
  return steps;
}

export interface ApplierOptions {
  client: pg.Client;
  clock: Clock;
  hasHopRelease: boolean;
  serverMajor: number;
  runUrl?: string;
  backup?: string;
  hopCiVersion: string;
  runPython: (file: ExecutableFile, release: ExecutableRelease) => Promise<void>;
  notice: (message: string) => void;
}

function ledgerPatches(release: ExecutableRelease): LedgerPatch[] {
  return release.plan.patches.map((id) => ({
    id,
    files: release.files.filter((f) => f.patch === id).map((f) => ({ name: f.name, sha256: f.sha256 })),
  }));
}

interface PgErrorFields {
  message: string;
  position?: string;
  detail?: string;
  hint?: string;
  code?: string;
}

function statementError(
  release: ExecutableRelease,
  file: ExecutableFile,
  statement: SqlStatement,
  e: unknown,
  afterCommit: boolean,
): HopError {
  const err = (e ?? {}) as PgErrorFields;
  let line = statement.line;
  let column: number | undefined;
  if (err.position) {
    const at = locateSqlPosition(statement.text, Number(err.position));
    line = lineOfOffset(file.text, statement.offset) + at.line - 1;
    column = at.column;
  }
  const text = statement.text.trim();
  const shown = text.length > 300 ? `${text.slice(0, 297)}...` : text;
  const what = afterCommit
    ? `release ${release.plan.release} was committed, but its post-commit statement failed`
    : `release ${release.plan.release} failed and was rolled back`;
  return new HopError(
    `${what}: patch ${file.patch}, ${file.path}:${line}${column ? `:${column}` : ''} (at tag ${release.plan.tag}): ${err.message ?? String(e)}` +
      `${err.detail ? `\nDETAIL: ${err.detail}` : ''}${err.hint ? `\nHINT: ${err.hint}` : ''}\nstatement: ${shown}`,
    {
      kind: 'failed',
      file: file.path,
      line,
      ...(column ? { column } : {}),
      code: afterCommit ? 'upgrade-post-commit' : 'upgrade-statement',
    },
  );
}

async function setSessionDefaults(client: pg.Client, serverMajor: number): Promise<void> {
  // A backend notices a dead client (a killed or cancelled job) only when it writes to it:
  // with this it checks every second, aborts the release's transaction and frees the lock.
  if (serverMajor >= 14) await client.query("SET client_connection_check_interval = '1s'");
}

export async function prepareSession(client: pg.Client, serverMajor: number): Promise<void> {
  await setSessionDefaults(client, serverMajor);
}

/** Applies a release; returns its duration in ms. On failure the release is rolled back. */
export async function applyRelease(release: ExecutableRelease, options: ApplierOptions): Promise<number> {
  const { client } = options;
  const started = options.clock.now();
  const startedAt = new Date();
  const steps = postCommitSteps(release);
  await client.query('BEGIN');
  try {
    for (const file of release.files) {
      if (file.kind === 'py') continue;
      for (const statement of file.statements) {
        if (statement.nonTransactional || statement.transactionControl) continue;
        try {
          await client.query(statement.text);
        } catch (e) {
          throw statementError(release, file, statement, e, false);
        }
      }
    }
    if (options.hasHopRelease) await insertHopRelease(client, release.plan.id, release.plan.commit);
    const done = steps.length === 0;
    await insertLedgerRow(client, {
      id: release.plan.id,
      status: done ? 'applied' : 'post-commit',
      patches: ledgerPatches(release),
      steps: steps.map((s) => ({
        patch: s.file.patch,
        file: s.file.name,
        line: s.kind === 'statement' ? s.statement.line : 1,
        kind: s.kind,
        what: s.what,
      })),
      tagCommit: release.plan.commit,
      ...(options.runUrl ? { runUrl: options.runUrl } : {}),
      ...(options.backup ? { backup: options.backup } : {}),
      hopCiVersion: options.hopCiVersion,
      startedAt,
      ...(done ? { finishedAt: new Date(), durationMs: Math.round(options.clock.now() - started) } : {}),
    });
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  // A patch's SET must not leak into the next release.
  await client.query('RESET ALL');
  await setSessionDefaults(client, options.serverMajor);
  if (steps.length) await runPostCommitSteps(release, 0, options, false);
  return Math.round(options.clock.now() - started);
}

/**
 * Runs the post-commit steps from `from` on. `resuming`: a previous run stopped at step
 * `from`, which may have started: a half-built concurrent index is dropped and rebuilt,
 * a finished one is kept.
 */
export async function runPostCommitSteps(
  release: ExecutableRelease,
  from: number,
  options: ApplierOptions,
  resuming: boolean,
): Promise<void> {
  const steps = postCommitSteps(release);
  for (let i = from; i < steps.length; i++) {
    const step = steps[i]!;
    options.notice(
      `${release.plan.release}: ${step.what} (${step.file.path}${step.kind === 'statement' ? `:${step.statement.line}` : ''}) runs alone, outside the release's transaction`,
    );
    if (step.kind === 'python') {
      if (resuming && i === from) options.notice(`${step.file.path} may have run before the previous upgrade stopped: it runs again`);
      await options.runPython(step.file, release);
    } else {
      let skip = false;
      if (resuming && i === from && step.statement.concurrentIndex)
        skip = await settleConcurrentIndex(options.client, step.statement.concurrentIndex, options.notice);
      if (!skip) {
        try {
          await options.client.query(step.statement.text);
        } catch (e) {
          throw statementError(release, step.file, step.statement, e, true);
        }
      }
    }
    await markStepDone(options.client, release.plan.release, i + 1, i === steps.length - 1);
  }
}

/** true when the index is already built and valid; drops a half-built (invalid) one. */
async function settleConcurrentIndex(
  client: pg.Client,
  index: { name: string; schema?: string },
  notice: (m: string) => void,
): Promise<boolean> {
  const qualified = index.schema ? `${quoteIdent(index.schema)}.${quoteIdent(index.name)}` : quoteIdent(index.name);
  const { rows } = await client.query<{ valid: boolean | null }>(
    'SELECT (SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass($1)) AS valid',
    [qualified],
  );
  const valid = rows[0]?.valid;
  if (valid === true) {
    notice(`index ${qualified} was completed by the previous run: kept`);
    return true;
  }
  if (valid === false) {
    notice(`index ${qualified} was left invalid by the previous run: dropped and built again`);
    await client.query(`DROP INDEX CONCURRENTLY IF EXISTS ${qualified}`);
  }
  return false;
}
