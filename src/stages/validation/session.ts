/**
 * One validation session: a database server, the baseline restored once into a template
 * database, and databases cloned from it (`CREATE DATABASE … TEMPLATE`) on which patches
 * are applied and tests run. `close()` leaves nothing behind on the server.
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { planBaseline } from '../../core/baseline.js';
import { compareCatalogs, type CatalogChange } from '../../core/catalog.js';
import { HopError } from '../../core/errors.js';
import { missingModuleHint } from '../../core/python-hint.js';
import type { ProjectState } from '../../core/state.js';
import { hotfixStep, requireFolder, type PatchStep } from '../../core/validation-plan.js';
import type { CiProvider, DatabaseServer, StageContext } from '../../ports.js';
import { readCatalog } from '../../adapters/postgres/catalog.js';
import { makeTempFolder, type TempFolder } from '../../adapters/temp-folders.js';
import { connectDatabase } from '../../adapters/postgres/managed-server.js';
import { runPsqlFile, libpqEnv } from '../../adapters/postgres/psql.js';
import { openDatabaseServer } from '../../adapters/postgres/server.js';
import { applyAsRelease, applyPatch, PatchApplyError, type PatchTiming, type ReleaseRehearsal } from './apply-patch.js';
import { writeHalfOrmConf } from './halform-conf.js';
import { runTests, type TestResult } from './test-runner.js';

export interface SessionOptions {
  state: ProjectState;
  ci: Pick<CiProvider, 'info' | 'setSecret' | 'debug'>;
  env: Readonly<Record<string, string | undefined>>;
  databaseUrl?: string;
  python?: string;
  now?: () => number;
}

/** A failure while applying, for reports: which patch, where, how. */
export interface ApplyFailure {
  patch: string;
  file?: string;
  line?: number;
  column?: number;
  message: string;
  hint?: string;
}

export interface Phases {
  [phase: string]: number;
}

/** A database of the session, open for work. */
export interface SessionDatabase {
  name: string;
  client: pg.Client;
  /** Environment of children (psql, Python, tests): the database in PG*, DATABASE_URL, HALFORM_CONF_DIR. */
  env: Record<string, string>;
}

export class ValidationSession {
  /** Time per phase, ms: server, baseline, and what callers add. */
  readonly phases: Phases = {};
  readonly baselineRelease: string;
  private readonly tag = randomBytes(4).toString('hex');
  private counter = 0;
  /** Where the half_orm connection file goes ($HALFORM_CONF_DIR). */
  private readonly confDir: TempFolder;
  private closed = false;

  private constructor(
    readonly server: DatabaseServer,
    private readonly options: SessionOptions,
    baselineRelease: string,
  ) {
    this.baselineRelease = baselineRelease;
    this.confDir = makeTempFolder('halform');
  }

  /** The project root. */
  get root(): string {
    return this.options.state.root;
  }

  get now(): () => number {
    return this.options.now ?? (() => performance.now());
  }

  /** Opens the server and restores the baseline into the template database. */
  /** A session for a stage: server and Python from the stage's inputs, its clock. */
  static forStage(ctx: Pick<StageContext, 'ci' | 'env' | 'clock'>, state: ProjectState): Promise<ValidationSession> {
    const databaseUrl = ctx.ci.input('database-url');
    const python = ctx.ci.input('python');
    return ValidationSession.open({
      state,
      ci: ctx.ci,
      env: ctx.env,
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(python ? { python } : {}),
      now: () => ctx.clock.now(),
    });
  }

  static async open(options: SessionOptions): Promise<ValidationSession> {
    const now = options.now ?? (() => performance.now());
    const baseline = planBaseline(options.state);
    // Every hotfix patch of the baseline must be on this checkout before a server starts.
    const hotfixSteps = baseline.steps.filter((s) => s.kind === 'patch').map((s) => hotfixStep(options.state, s.id, s.release));
    for (const s of hotfixSteps) requireFolder(s, options.state.branch);

    const t0 = now();
    const server = await openDatabaseServer({
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      env: options.env,
      log: (m) => options.ci.info(m),
    });
    const session = new ValidationSession(server, options, baseline.release);
    session.phases['server'] = now() - t0;
    session.registerSecrets();
    try {
      await session.restoreBaseline(baseline.steps, hotfixSteps);
    } catch (e) {
      await session.close();
      throw e;
    }
    return session;
  }

  private registerSecrets(): void {
    const password = this.server.env['PGPASSWORD'];
    if (password) this.options.ci.setSecret(password);
    try {
      const u = new URL(this.server.url('postgres'));
      if (u.password) this.options.ci.setSecret(decodeURIComponent(u.password));
    } catch {
      // not a URL we can read: nothing to mask
    }
  }

  readonly templateName = (): string => `hop_ci_${this.tag}_baseline`;

  private newName(label: string): string {
    return `hop_ci_${this.tag}_${label.replace(/[^a-z0-9]+/gi, '_').slice(0, 30)}_${++this.counter}`.toLowerCase();
  }

  private async restoreBaseline(steps: ReturnType<typeof planBaseline>['steps'], hotfixSteps: PatchStep[]): Promise<void> {
    const t0 = this.now();
    const root = this.options.state.root;
    const name = this.templateName();
    await this.server.createDatabase(name);
    this.options.ci.info(`restoring the baseline (${this.baselineRelease}) into a template database`);
    for (const s of steps) {
      if (s.kind !== 'psql') continue;
      // pg_dump output (COPY … FROM stdin, backslash commands): through psql, stop at the first error.
      await runPsqlFile(this.server, name, path.join(root, s.file), { displayName: s.file, baseEnv: this.options.env }).catch(
        (e: unknown) => {
          if (e instanceof HopError) {
            throw new HopError(`the baseline does not restore: ${e.message}`, {
              kind: 'failed',
              ...(e.file ? { file: e.file } : {}),
              ...(e.line ? { line: e.line } : {}),
              ...(e.column ? { column: e.column } : {}),
              hint: `${s.file} is written by half-orm-dev (pg_dump); ${e.hint ?? 'regenerate it from the production database'}`,
              code: 'baseline-failed',
            });
          }
          throw e;
        },
      );
      this.options.ci.info(`  ✓ ${s.file}`);
    }
    if (hotfixSteps.length) {
      await this.withOpenDatabase(name, async (db) => {
        for (const h of hotfixSteps) {
          const timing = await applyPatch(
            { client: db.client, env: db.env, serverMajor: this.server.majorVersion },
            this.patchInput(h),
            this.applyOptions(),
          );
          this.options.ci.info(`  ✓ hotfix ${h.release}: ${h.id} (${fmtMs(timing.ms)})`);
        }
      });
    }
    this.phases['baseline'] = this.now() - t0;
  }

  patchInput(step: PatchStep) {
    const folder = requireFolder(step, this.options.state.branch);
    return { id: step.id, folder: path.resolve(this.options.state.root, folder), displayFolder: step.shownAs ?? folder };
  }

  applyOptions() {
    return { ...(this.options.python ? { python: this.options.python } : {}), log: (m: string) => this.options.ci.info(m), now: this.now };
  }

  /** Connects to an existing database of the session, with the child environment ready. */
  async withOpenDatabase<T>(name: string, fn: (db: SessionDatabase) => Promise<T>): Promise<T> {
    const client = await connectDatabase(this.server, name);
    try {
      await writeHalfOrmConf(this.confDir.path, this.options.state.dbConfigName, { database: name, env: this.server.env });
      const env = {
        ...libpqEnv(this.server, name, this.options.env),
        DATABASE_URL: this.server.url(name),
        HALFORM_CONF_DIR: this.confDir.path,
      };
      return await fn({ name, client, env });
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** A new database cloned from `template` (default: the baseline). The caller drops it. */
  async clone(label: string, template = this.templateName()): Promise<string> {
    const name = this.newName(label);
    await this.server.createDatabase(name, { template });
    return name;
  }

  /**
   * Applies steps on database `name`; stops at the first failure. For the patches in
   * `schemaOf`, the catalog is read just before and just after: their schema change.
   */
  async applySteps(
    name: string,
    steps: PatchStep[],
    onPatch?: (t: PatchTiming, s: PatchStep, schemaChange?: CatalogChange[]) => void,
    schemaOf: ReadonlySet<string> = new Set(),
  ): Promise<{ timings: PatchTiming[]; failure?: ApplyFailure; schemaChanges: Record<string, CatalogChange[]> }> {
    const timings: PatchTiming[] = [];
    const schemaChanges: Record<string, CatalogChange[]> = {};
    return this.withOpenDatabase(name, async (db) => {
      for (const s of steps) {
        try {
          const before = schemaOf.has(s.id) ? await this.timed('schema', () => readCatalog(db.client)) : undefined;
          const t = await applyPatch(
            { client: db.client, env: db.env, serverMajor: this.server.majorVersion },
            this.patchInput(s),
            this.applyOptions(),
          );
          if (before) schemaChanges[s.id] = await this.timed('schema', async () => compareCatalogs(before, await readCatalog(db.client)));
          timings.push(t);
          onPatch?.(t, s, schemaChanges[s.id]);
        } catch (e) {
          if (
            e instanceof PatchApplyError ||
            (e instanceof HopError && (e.code === 'python-missing' || e.code === 'transaction-control'))
          ) {
            return { timings, failure: failureOf(s.id, e), schemaChanges };
          }
          throw e;
        }
      }
      return { timings, schemaChanges };
    });
  }

  /** Runs `fn`, adding its time to `phase` (which the caller's own phase also counts). */
  private async timed<T>(phase: string, fn: () => Promise<T>): Promise<T> {
    const t0 = this.now();
    try {
      return await fn();
    } finally {
      this.phases[phase] = (this.phases[phase] ?? 0) + this.now() - t0;
    }
  }

  /** Applies `steps` as one release, the way `upgrade` will (one sequence of parts). */
  async applyAsRelease(name: string, steps: PatchStep[]): Promise<ReleaseRehearsal & { failure?: ApplyFailure }> {
    return this.withOpenDatabase(name, async (db) => {
      const target = { client: db.client, env: db.env, serverMajor: this.server.majorVersion };
      try {
        return await applyAsRelease(
          target,
          steps.map((s) => this.patchInput(s)),
          this.applyOptions(),
        );
      } catch (e) {
        if (e instanceof PatchApplyError) return { parts: [], ms: 0, failure: failureOf(e.patch, e) };
        throw e;
      }
    });
  }

  async runTests(name: string, command: string): Promise<TestResult> {
    return this.withOpenDatabase(name, async (db) => {
      // The tests own the database: our connection must not hold locks they wait on.
      await db.client.end();
      return runTests(command, { cwd: this.options.state.root, env: db.env, log: (l) => this.options.ci.info(`    ${l}`), now: this.now });
    });
  }

  async drop(name: string): Promise<void> {
    await this.server.dropDatabase(name);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.server.close();
    } finally {
      await this.confDir.remove();
    }
  }
}

export function failureOf(patch: string, e: HopError): ApplyFailure {
  const hint = missingModuleHint(e.message) ?? e.hint;
  return {
    patch,
    ...(e.file ? { file: e.file } : {}),
    ...(e.line ? { line: e.line } : {}),
    ...(e.column ? { column: e.column } : {}),
    message: e.message,
    ...(hint ? { hint } : {}),
  };
}

export function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
