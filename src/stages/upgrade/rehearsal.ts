/**
 * `upgrade --dry-run`: the plan is applied to a copy, never to the target. The copy is
 * `CREATE DATABASE … TEMPLATE <target>` on the same server when that is allowed (CREATEDB
 * and no other session on the target), else a `pg_dump -Fc` of the target restored into a
 * throwaway cluster. Each release is timed; the copy is dropped after.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { HopError } from '../../core/errors.js';
import type { AppliedRelease } from '../../core/upgrade-render.js';
import type { ProjectState } from '../../core/state.js';
import type { DatabaseServer, StageContext } from '../../ports.js';
import { findClientTool } from '../../adapters/postgres/binaries.js';
import { onInterrupt } from '../../adapters/postgres/exit-cleanup.js';
import { startEphemeralCluster } from '../../adapters/postgres/ephemeral.js';
import { serverMajorVersion } from '../../adapters/postgres/managed-server.js';
import { addressFromUrl } from '../../adapters/postgres/server.js';
import type { ExecutableRelease } from '../../adapters/postgres/upgrade/applier.js';
import { runTool, takeBackup, toolEnv } from '../../adapters/postgres/upgrade/backup.js';
import { ensureLedger } from '../../adapters/postgres/upgrade/ledger.js';
import { connectTarget, quoteIdent, type TargetDatabase } from '../../adapters/postgres/upgrade/target.js';
import { applyAll, type PendingRelease } from './apply-all.js';

export interface RehearsalRequest {
  ctx: StageContext;
  target: TargetDatabase;
  releases: ExecutableRelease[];
  resume: PendingRelease | undefined;
  serverMajor: number;
  appName: string;
  python: string;
  state: ProjectState;
  databaseUrl: string;
}

export interface RehearsalResult {
  /** Where the rehearsal ran, for people. */
  where: string;
  applied: AppliedRelease[];
}

function copyTarget(target: TargetDatabase, database: string, address = target.address): TargetDatabase {
  return { address, database, env: { ...address.env, PGDATABASE: database }, describe: `${address.describe}/${database}` };
}

async function runOn(req: RehearsalRequest, copy: TargetDatabase, databaseUrl: string, serverMajor: number): Promise<AppliedRelease[]> {
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
      python: req.python,
      databaseUrl,
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

export async function rehearse(req: RehearsalRequest): Promise<RehearsalResult> {
  const { ctx, target } = req;
  const copyName = `hop_ci_rehearsal_${randomBytes(4).toString('hex')}`;
  // 1. A template copy on the same server.
  const admin = await connectTarget(target, `${req.appName} (rehearsal)`, 'postgres').catch(() => undefined);
  if (admin) {
    let created = false;
    try {
      await admin.query(
        `CREATE DATABASE ${quoteIdent(copyName)} TEMPLATE ${quoteIdent(target.database)}${req.serverMajor >= 15 ? ' STRATEGY FILE_COPY' : ''}`,
      );
      created = true;
    } catch (e) {
      ctx.ci.info(`no template copy on the same server (${(e as Error).message}): rehearsing on a throwaway cluster instead`);
    }
    if (created) {
      const dropCopy = () =>
        admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(copyName)}${req.serverMajor >= 13 ? ' WITH (FORCE)' : ''}`).then(
          () => undefined,
          () => undefined,
        );
      // SIGINT/SIGTERM (a cancelled job) in the middle of the rehearsal: the copy goes too.
      const unregister = onInterrupt(dropCopy);
      try {
        const applied = await runOn(req, copyTarget(target, copyName), target.address.url(copyName), req.serverMajor);
        return { where: `rehearsed on ${copyName}, a template copy of ${target.database} on the same server`, applied };
      } finally {
        unregister();
        await dropCopy();
        await admin.end().catch(() => undefined);
      }
    }
    await admin.end().catch(() => undefined);
  }
  // 2. The target's dump restored into a throwaway cluster.
  const dir = await mkdtemp(path.join(tmpdir(), 'hop-ci-rehearsal-'));
  let server: DatabaseServer | undefined;
  try {
    const dump = await takeBackup({ target, dir, fileName: 'rehearsal.dump', env: ctx.env, serverMajor: req.serverMajor });
    server = await startEphemeralCluster({ env: ctx.env, log: (m) => ctx.ci.info(m) });
    await server.createDatabase(copyName);
    const copy = copyTarget(target, copyName, addressFromUrl(server.url(copyName)));
    const pgRestore = await findClientTool('pg_restore', { env: ctx.env, minMajor: server.majorVersion });
    const restored = await runTool(
      pgRestore,
      ['--no-owner', '--no-privileges', '--exit-on-error', '--dbname', copyName, dump.path],
      toolEnv(ctx.env, copy, 'hop-ci rehearsal restore'),
    );
    if (restored.code !== 0) {
      throw new HopError(`the rehearsal copy could not be restored: ${restored.stderr.trim().split('\n').slice(-2).join(' ')}`, {
        kind: 'failed',
        hint: 'the throwaway cluster may lack an extension or role the database uses; rehearse on a staging database instead',
        code: 'rehearsal-restore',
      });
    }
    const probe = await connectTarget(copy, 'hop-ci probe');
    const major = await serverMajorVersion(probe).finally(() => probe.end());
    const applied = await runOn(req, copy, server.url(copyName), major);
    return { where: `rehearsed on a copy restored into a throwaway PostgreSQL ${major}`, applied };
  } finally {
    await server?.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
