/**
 * `upgrade --dry-run`: the plan is applied to a copy, never to the target, and fails where
 * the real run would. By default the copy is the verified backup restored into a throwaway
 * cluster hop-ci starts, off the production server: the target's roles are created there
 * with their attributes (the one hop-ci connects as is not made a superuser), objects keep
 * their owners and privileges, and the releases are applied as that role, so that a
 * missing privilege fails in the rehearsal as it would for real. `--rehearse-on-server`
 * asks for a `CREATE DATABASE … TEMPLATE` copy on the target's server instead (it needs
 * CREATEDB, and no other session on the target while it copies). Each release is timed;
 * the copy goes on every path.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { HopError } from '../../core/errors.js';
import { sqlLiteral } from '../../core/sql-literal.js';
import type { AppliedRelease } from '../../core/upgrade-render.js';
import type { ProjectState } from '../../core/state.js';
import type { DatabaseServer, StageContext } from '../../ports.js';
import { findClientTool } from '../../adapters/postgres/binaries.js';
import { onInterrupt } from '../../adapters/postgres/exit-cleanup.js';
import { makeTempFolder } from '../../adapters/temp-folders.js';
import { startEphemeralCluster } from '../../adapters/postgres/ephemeral.js';
import { serverMajorVersion } from '../../adapters/postgres/managed-server.js';
import { runTool, takeBackup, toolEnv } from '../../adapters/postgres/upgrade/backup.js';
import { ensureLedger } from '../../adapters/postgres/upgrade/ledger.js';
import { copyRoles, readRoles, type TargetRoles } from '../../adapters/postgres/upgrade/roles.js';
import { connectTarget, quoteIdent, targetFromUrl, withCredentials, type TargetDatabase } from '../../adapters/postgres/upgrade/target.js';
import type { LockPolicy } from '../../adapters/postgres/release-executor.js';
import { applyAll, type PendingRelease } from './apply-all.js';
import type { ExecutableRelease } from './load-releases.js';

export interface RehearsalRequest {
  ctx: StageContext;
  target: TargetDatabase;
  releases: ExecutableRelease[];
  resume: PendingRelease | undefined;
  serverMajor: number;
  appName: string;
  python: string;
  refusePython: boolean;
  lock: LockPolicy;
  state: ProjectState;
}

export interface RehearsalResult {
  /** Where the rehearsal ran, for people. */
  where: string;
  applied: AppliedRelease[];
}

async function runOn(req: RehearsalRequest, copy: TargetDatabase, serverMajor: number): Promise<AppliedRelease[]> {
  const client: pg.Client = await connectTarget(copy, `${req.appName} (rehearsal)`);
  const applied: AppliedRelease[] = [];
  try {
    await ensureLedger(client);
    await applyAll({
      client,
      ctx: req.ctx,
      releases: req.releases,
      ...(req.resume ? { resume: req.resume } : {}),
      serverMajor,
      target: copy,
      state: req.state,
      appName: `${req.appName} (rehearsal)`,
      python: req.python,
      refusePython: req.refusePython,
      lock: req.lock,
      databaseUrl: copy.address.url(copy.database),
      onCopy: true,
      onApplied: (r) => applied.push(r),
    });
  } catch (e) {
    if (!(e instanceof HopError)) throw e;
    throw new HopError(`rehearsal on a copy: ${e.message}`, {
      kind: e.kind,
      ...(e.file ? { file: e.file } : {}),
      ...(e.line ? { line: e.line } : {}),
      ...(e.code ? { code: e.code } : {}),
      hint: `the target database was not changed; the real upgrade would stop here${applied.length ? ` after ${applied.map((a) => a.release).join(', ')}` : ''}: fix it in a new release first`,
    });
  } finally {
    await client.end().catch(() => undefined);
  }
  return applied;
}

/** A `CREATE DATABASE … TEMPLATE` copy of the target on its own server (`--rehearse-on-server`). */
export async function rehearseOnServer(req: RehearsalRequest): Promise<RehearsalResult> {
  const { target } = req;
  const copyName = `hop_ci_rehearsal_${randomBytes(4).toString('hex')}`;
  const admin = await connectTarget(target, `${req.appName} (rehearsal)`, 'postgres');
  try {
    try {
      await admin.query(
        `CREATE DATABASE ${quoteIdent(copyName)} TEMPLATE ${quoteIdent(target.database)}${req.serverMajor >= 15 ? ' STRATEGY FILE_COPY' : ''}`,
      );
    } catch (e) {
      throw new HopError(`--rehearse-on-server: cannot copy ${target.database} on its server: ${(e as Error).message}`, {
        kind: 'failed',
        hint: 'a template copy needs CREATEDB and no other session on the database while it copies; drop --rehearse-on-server to rehearse on a throwaway cluster instead',
        code: 'rehearsal-copy',
      });
    }
    const dropCopy = () =>
      admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(copyName)}${req.serverMajor >= 13 ? ' WITH (FORCE)' : ''}`).then(
        () => undefined,
        () => undefined,
      );
    // SIGINT/SIGTERM (a cancelled job) in the middle of the rehearsal: the copy goes too.
    const unregister = onInterrupt(dropCopy);
    try {
      const copy: TargetDatabase = {
        ...target,
        database: copyName,
        env: { ...target.env, PGDATABASE: copyName },
        describe: `${target.address.describe}/${copyName}`,
      };
      const applied = await runOn(req, copy, req.serverMajor);
      return {
        where: `rehearsed on ${copyName}, a template copy of ${target.database} on the same server (--rehearse-on-server)`,
        applied,
      };
    } finally {
      unregister();
      await dropCopy();
    }
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/**
 * The backup the real run takes, verified the same way, into a private folder removed
 * after (on Ctrl-C and SIGTERM too: it is a production dump in clear), restored into a
 * throwaway cluster. `targetClient` is the upgrade's own session on the target (it keeps
 * holding the upgrade lock).
 */
export async function rehearseOffServer(req: RehearsalRequest & { targetClient: pg.Client }): Promise<RehearsalResult> {
  const { ctx, target } = req;
  // Removed on SIGINT/SIGTERM too; named after this process, so that the next run reaps it after a kill -9.
  const folder = makeTempFolder('rehearsal');
  const dir = folder.path;
  try {
    const backup = await ctx.ci.group('Backup (for the rehearsal)', () =>
      takeBackup({ target, dir, fileName: 'rehearsal.dump', env: ctx.env, serverMajor: req.serverMajor }),
    );
    ctx.ci.info(`backup: ${backup.bytes} bytes, ${backup.entries} entries, checked with pg_restore --list (removed after the rehearsal)`);
    return await restoreAndApply({ ...req, backup: backup.path });
  } finally {
    await folder.remove();
  }
}

/** The backup restored into a throwaway cluster, and the releases applied there as the target's role. */
async function restoreAndApply(req: RehearsalRequest & { targetClient: pg.Client; backup: string }): Promise<RehearsalResult> {
  const { ctx, target } = req;
  const roles = await readRoles(req.targetClient);
  let server: DatabaseServer | undefined;
  try {
    server = await startEphemeralCluster({ env: ctx.env, log: (m) => ctx.ci.info(m) });
    const admin = targetFromUrl(server.url('postgres'));
    const superuser = await connectTarget(admin, 'hop-ci rehearsal');
    const password = randomBytes(18).toString('base64url');
    let created = false;
    try {
      created = await copyRoles(superuser, roles, password);
      await createDatabaseLike(superuser, target.database, roles);
    } finally {
      await superuser.end().catch(() => undefined);
    }
    await restore(
      ctx,
      { ...admin, database: target.database, env: { ...admin.env, PGDATABASE: target.database } },
      req.backup,
      server.majorVersion,
    );
    // A role the cluster already had (its bootstrap superuser) keeps the cluster's own credentials.
    const url = server.url(target.database);
    const copy = targetFromUrl(created ? withCredentials(url, roles.current, password) : url);
    const probe = await connectTarget(copy, 'hop-ci probe');
    const major = await serverMajorVersion(probe).finally(() => probe.end());
    const applied = await runOn(req, copy, major);
    return {
      where: `rehearsed as role ${roles.current} on the backup restored into a throwaway PostgreSQL ${major} (the production server was not used)`,
      applied,
    };
  } finally {
    await server?.close().catch(() => undefined);
  }
}

/** The database as the target has it: same owner, encoding and database privileges. */
async function createDatabaseLike(superuser: pg.Client, name: string, roles: TargetRoles): Promise<void> {
  await superuser.query(
    `CREATE DATABASE ${quoteIdent(name)} OWNER ${quoteIdent(roles.database.owner)} TEMPLATE template0 ENCODING ${sqlLiteral(roles.database.encoding)}`,
  );
  // CONNECT/CREATE/TEMP as on the target (CREATE is what hop-ci's ledger schema needs).
  if (roles.database.acl !== null)
    await superuser.query('UPDATE pg_database SET datacl = $1::aclitem[] WHERE datname = $2', [roles.database.acl, name]);
}

async function restore(ctx: StageContext, database: TargetDatabase, backup: string, major: number): Promise<void> {
  const pgRestore = await findClientTool('pg_restore', { env: ctx.env, minMajor: major });
  const restored = await runTool(
    pgRestore,
    ['--no-tablespaces', '--exit-on-error', '--dbname', database.database, backup],
    toolEnv(ctx.env, database, 'hop-ci rehearsal restore'),
  );
  if (restored.code !== 0) {
    throw new HopError(`the rehearsal copy could not be restored: ${restored.stderr.trim().split('\n').slice(-2).join(' ')}`, {
      kind: 'failed',
      hint: 'the throwaway cluster may lack an extension the database uses (install it on the runner), or rehearse on the server with --rehearse-on-server',
      code: 'rehearsal-restore',
    });
  }
}
