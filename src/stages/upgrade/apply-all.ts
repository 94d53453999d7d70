/**
 * Applies the planned releases in order on one connection (the real target, or a
 * rehearsal copy): first the post-commit steps a previous run left pending, then each
 * release in its own transaction. Stops at the first failure; what committed stays.
 */
import type pg from 'pg';
import { HopError } from '../../core/errors.js';
import type { LedgerRow } from '../../core/upgrade-ledger.js';
import type { AppliedRelease } from '../../core/upgrade-render.js';
import { releaseTag } from '../../core/version.js';
import type { ProjectState } from '../../core/state.js';
import type { StageContext } from '../../ports.js';
import type { GitReader } from '../../adapters/git-read.js';
import {
  applyRelease,
  postCommitSteps,
  prepareSession,
  runPostCommitSteps,
  type ApplierOptions,
  type ExecutableRelease,
} from '../../adapters/postgres/upgrade/applier.js';
import { readDatabaseVersion } from '../../adapters/postgres/upgrade/ledger.js';
import { runPythonFile } from '../../adapters/postgres/upgrade/python-step.js';
import type { TargetDatabase } from '../../adapters/postgres/upgrade/target.js';
import { VERSION } from '../../version.js';
import { loadReleases, type LoadOptions } from './load-releases.js';

export interface PendingRelease {
  release: ExecutableRelease;
  stepsDone: number;
}

/** The release whose post-commit steps a previous run did not finish, read again from its tag. */
export async function loadResume(git: GitReader, state: ProjectState, row: LedgerRow, options: LoadOptions): Promise<PendingRelease> {
  const snapshot = [...state.production, ...state.rcs].find((s) => s.release === row.release);
  const [release] = await loadReleases(
    git,
    [
      {
        release: row.release,
        id: row.id,
        kind: snapshot?.kind ?? 'production',
        tag: releaseTag(row.id),
        file: snapshot?.file ?? '',
        patches: row.patches.map((p) => p.id),
        alreadyApplied: [],
      },
    ],
    options,
  );
  const steps = postCommitSteps(release!);
  if (steps.length !== row.steps.length) {
    throw new HopError(
      `release ${row.release} has ${row.steps.length} post-commit steps in hop_ci.applied_release but ${steps.length} at tag ${releaseTag(row.id)}`,
      {
        kind: 'failed',
        hint: "the tag moved since the release was applied: finish the remaining steps by hand, then set status = 'applied' in hop_ci.applied_release",
        code: 'resume-mismatch',
      },
    );
  }
  return { release: release!, stepsDone: row.stepsDone };
}

export interface ApplyAllOptions {
  client: pg.Client;
  ctx: StageContext;
  releases: ExecutableRelease[];
  resume?: PendingRelease;
  serverMajor: number;
  target: TargetDatabase;
  state: ProjectState;
  python: string;
  databaseUrl: string;
  backup?: string;
  /** A dry-run's rehearsal: the releases are applied to a copy, and the log says so. */
  onCopy?: boolean;
  onApplied: (r: AppliedRelease) => void;
}

export async function applyAll(o: ApplyAllOptions): Promise<void> {
  const { ctx, client } = o;
  await prepareSession(client, o.serverMajor);
  const { hasHopRelease } = await readDatabaseVersion(client);
  const options: ApplierOptions = {
    client,
    clock: ctx.clock,
    hasHopRelease,
    serverMajor: o.serverMajor,
    ...(ctx.ci.context.runUrl ? { runUrl: ctx.ci.context.runUrl } : {}),
    ...(o.backup ? { backup: o.backup } : {}),
    hopCiVersion: VERSION,
    notice: (m) => ctx.ci.warning(m),
    runPython: (file, release) =>
      runPythonFile({
        python: o.python,
        fileName: file.name,
        repoPath: file.path,
        folder: release.folders.get(file.patch) ?? new Map(),
        target: o.target,
        databaseUrl: o.databaseUrl,
        projectRoot: o.state.root,
        dbConfigName: o.state.dbConfigName,
        env: ctx.env,
        log: (m) => ctx.ci.info(m),
      }),
  };
  if (o.resume) {
    const started = ctx.clock.now();
    ctx.ci.warning(
      `release ${o.resume.release.plan.release} was committed by a previous run that stopped after ${o.resume.stepsDone} of its post-commit steps: resuming`,
    );
    await runPostCommitSteps(o.resume.release, o.resume.stepsDone, options, true);
    o.onApplied({ release: o.resume.release.plan.release, patches: [], durationMs: Math.round(ctx.clock.now() - started) });
  }
  for (const release of o.releases) {
    const durationMs = await ctx.ci.group(`Apply ${release.plan.release}`, () => applyRelease(release, options));
    ctx.ci.info(
      `${release.plan.release} ${o.onCopy ? 'rehearsed on the copy' : 'applied'} in ${(durationMs / 1000).toFixed(2)} s (${release.plan.patches.join(', ') || 'no new patch'})`,
    );
    o.onApplied({ release: release.plan.release, patches: release.plan.patches, durationMs });
  }
}
