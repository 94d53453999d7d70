/**
 * Applies the planned releases in order on one connection (the real target, or a
 * rehearsal copy) through the one executor: first the parts a previous run left pending,
 * then each release part by part, each part recorded in hop_ci.applied_release with its
 * work (the version rows with the release's last part). Stops at the first failure;
 * what committed stays, and says so.
 */
import type pg from 'pg';
import { HopError, InternalError } from '../../core/errors.js';
import { describeAtomicity, summarizeParts } from '../../core/release-parts.js';
import type { LedgerPatch, LedgerRow } from '../../core/upgrade-ledger.js';
import type { AppliedRelease } from '../../core/upgrade-render.js';
import { releaseTag } from '../../core/version.js';
import type { ProjectState } from '../../core/state.js';
import type { StageContext } from '../../ports.js';
import type { GitReader } from '../../adapters/git-read.js';
import { runParts, type LockPolicy } from '../../adapters/postgres/release-executor.js';
import { readDatabaseVersion } from '../../adapters/postgres/upgrade/ledger.js';
import { ledgerRecordSql } from '../../core/upgrade-ledger.js';
import { prepareChildPlace, type ChildPlace } from '../../adapters/postgres/upgrade/python-step.js';
import { connectTarget, type TargetDatabase } from '../../adapters/postgres/upgrade/target.js';
import { VERSION } from '../../version.js';
import { loadReleases, type ExecutableRelease, type LoadOptions } from './load-releases.js';

export interface PendingRelease {
  release: ExecutableRelease;
  partsDone: number;
}

/** The release a previous run left part-way, read again from its tag. */
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
  const now = summarizeParts(release!.parts).map((p) => p.what);
  const then = row.parts.map((p) => p.what);
  if (now.join('\n') !== then.join('\n')) {
    throw new HopError(
      `release ${row.release} runs in ${now.length} parts at tag ${releaseTag(row.id)}, but hop_ci.applied_release recorded ${then.length} (${then.join('; ')}), ${row.partsDone} of them done`,
      {
        kind: 'failed',
        hint: "the tag moved since the release was started: finish the remaining parts by hand, then set status = 'applied' in hop_ci.applied_release",
        code: 'resume-mismatch',
      },
    );
  }
  return { release: release!, partsDone: row.partsDone };
}

export interface ApplyAllOptions {
  client: pg.Client;
  ctx: StageContext;
  releases: ExecutableRelease[];
  resume?: PendingRelease;
  serverMajor: number;
  target: TargetDatabase;
  /** application_name of hop-ci's connections (the lock monitor adds to it). */
  appName: string;
  state: ProjectState;
  /** Whether half_orm_meta.hop_release exists, when the caller has read it. */
  hasHopRelease?: boolean;
  python: string;
  refusePython: boolean;
  databaseUrl: string;
  lock?: LockPolicy;
  backup?: string;
  /** A dry-run's rehearsal: the releases are applied to a copy, and the log says so. */
  onCopy?: boolean;
  onApplied: (r: AppliedRelease) => void;
}

/**
 * Sent before each release, in the message of its first part: a patch's SET must not leak
 * into the next release; and a backend notices a dead client (a killed or cancelled job)
 * only when it writes to it: with client_connection_check_interval it checks every second,
 * aborts the part's transaction and frees the lock.
 */
function sessionReset(serverMajor: number): string {
  return ['RESET ALL', ...(serverMajor >= 14 ? ["SET client_connection_check_interval = '1s'"] : [])].join('; ');
}

function ledgerPatches(release: ExecutableRelease): LedgerPatch[] {
  return release.plan.patches.map((id) => ({
    id,
    files: release.plan.files.filter((f) => f.patch === id).map((f) => ({ name: f.name, sha256: f.sha256 })),
  }));
}

const NO_CHILD_PLACE: ChildPlace = {
  env: {},
  folderOf: () => Promise.reject(new InternalError('a .psql/.py part ran where none was planned')),
  dispose: () => Promise.resolve(),
};

export async function applyAll(o: ApplyAllOptions): Promise<void> {
  const { ctx, client } = o;
  const hasHopRelease = o.hasHopRelease ?? (await readDatabaseVersion(client)).hasHopRelease;
  // The temp folder of `.psql`/`.py` files, only when a release has one.
  const children = [...(o.resume ? [o.resume.release] : []), ...o.releases].some((r) =>
    r.parts.some((p) => p.kind === 'psql' || p.kind === 'python'),
  );
  const place = children
    ? await prepareChildPlace({
        target: o.target,
        databaseUrl: o.databaseUrl,
        projectRoot: o.state.root,
        dbConfigName: o.state.dbConfigName,
        env: ctx.env,
      })
    : NO_CHILD_PLACE;
  try {
    if (o.resume) {
      const { release, partsDone } = o.resume;
      ctx.ci.warning(
        `release ${release.plan.release} was left by a previous run after ${partsDone} of its ${release.parts.length} parts: resuming at part ${partsDone + 1}`,
      );
      const durationMs = await applyRelease(o, place, hasHopRelease, release, partsDone);
      o.onApplied({ release: release.plan.release, patches: [], durationMs });
    }
    for (const release of o.releases) {
      if (release.parts.length > 1) ctx.ci.warning(describeAtomicity(release.plan.release, release.plan.parts));
      const durationMs = await ctx.ci.group(`Apply ${release.plan.release}`, () => applyRelease(o, place, hasHopRelease, release, 0));
      ctx.ci.info(
        `${release.plan.release} ${o.onCopy ? 'rehearsed on the copy' : 'applied'} in ${(durationMs / 1000).toFixed(2)} s (${release.plan.patches.join(', ') || 'no new patch'})`,
      );
      o.onApplied({ release: release.plan.release, patches: release.plan.patches, durationMs });
    }
  } finally {
    await place.dispose();
  }
}

/** Runs a release's parts from `from` on; returns its duration in ms. */
async function applyRelease(
  o: ApplyAllOptions,
  place: ChildPlace,
  hasHopRelease: boolean,
  release: ExecutableRelease,
  from: number,
): Promise<number> {
  const { ctx, client } = o;
  const started = ctx.clock.now();
  const plan = release.plan;
  let done = from;
  const record = (index: number, last: boolean): string => {
    // The version rows go with the release's last part: half_orm_meta then says the
    // release is there exactly when all of it is.
    return ledgerRecordSql(
      {
        id: plan.id,
        status: last ? 'applied' : 'partial',
        patches: ledgerPatches(release),
        parts: plan.parts,
        partsDone: plan.parts.length ? index + 1 : 0,
        tagCommit: plan.commit,
        ...(ctx.ci.context.runUrl ? { runUrl: ctx.ci.context.runUrl } : {}),
        ...(o.backup ? { backup: o.backup } : {}),
        hopCiVersion: VERSION,
        finished: last,
      },
      last && hasHopRelease ? { ...(plan.commit ? { commit: plan.commit } : {}) } : undefined,
    );
  };
  try {
    if (release.parts.length === 0) {
      // A release with no new patch (all applied through its rcs): only its record.
      await client.query(`${sessionReset(o.serverMajor)};\nBEGIN;\n${record(0, true)};\nCOMMIT`).catch(async (e: unknown) => {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      });
    } else {
      await runParts(
        release.parts,
        {
          client,
          env: place.env,
          folderOf: (patch) => place.folderOf(plan.release, patch, release.folders.get(patch) ?? new Map()),
          serverMajor: o.serverMajor,
          python: o.python,
          refusePython: o.refusePython,
          log: (m) => ctx.ci.info(m),
          openMonitor: () => connectTarget(o.target, `${o.appName} (lock monitor)`.slice(0, 63)),
        },
        {
          from,
          resuming: from > 0,
          record,
          onPartDone: (index) => (done = index + 1),
          sessionPrefix: sessionReset(o.serverMajor),
          ...(o.lock ? { lock: o.lock } : {}),
          now: () => ctx.clock.now(),
        },
      );
    }
  } catch (e) {
    throw partFailure(release, done, e);
  }
  return Math.round(ctx.clock.now() - started);
}

/** Says which part of which release failed and what stays applied. */
function partFailure(release: ExecutableRelease, done: number, e: unknown): unknown {
  if (!(e instanceof HopError)) return e;
  const plan = release.plan;
  const total = plan.parts.length;
  const what =
    total <= 1
      ? `release ${plan.release} (tag ${plan.tag}) failed and was rolled back: nothing of it was applied`
      : `release ${plan.release} (tag ${plan.tag}), part ${done + 1} of ${total} (${plan.parts[done]?.what ?? '?'}) failed: ` +
        (done === 0 ? 'nothing of it was applied' : `${done === 1 ? 'part 1 stays' : `parts 1–${done} stay`} applied and recorded`);
  return new HopError(`${what}\n${e.message}`, {
    kind: e.kind,
    ...(e.file ? { file: e.file } : {}),
    ...(e.line ? { line: e.line } : {}),
    ...(e.column ? { column: e.column } : {}),
    ...(e.code ? { code: e.code } : {}),
    ...(e.hint ? { hint: done > 0 ? `${e.hint}; the next run resumes at part ${done + 1}` : e.hint } : {}),
  });
}
