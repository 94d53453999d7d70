/**
 * `upgrade`: brings a real database to a target release. Reads where it is (half_orm_meta
 * + hop-ci's ledger), plans the path from git, then — under a session advisory lock —
 * checks drift, takes a verified backup and applies each release in one transaction with
 * its version rows. `--dry-run` does the same up to the backup, then rehearses the releases
 * on a copy (stages/upgrade/rehearsal.ts) and fails wherever the real run would.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HopError } from '../core/errors.js';
import { noVersionError, planUpgrade, resolvePosition, type DatabasePosition } from '../core/upgrade-plan.js';
import {
  atomicityNotes,
  lockNotes,
  renderFailureAdvice,
  renderUpgradePlan,
  renderUpgradeSummary,
  type AppliedRelease,
} from '../core/upgrade-render.js';
import { compareReleases, formatRelease, parseRelease, releaseTag } from '../core/version.js';
import type { ProjectState } from '../core/state.js';
import type pg from 'pg';
import type { StageContext, StageResult } from '../ports.js';
import { GitReader } from '../adapters/git-read.js';
import { serverMajorVersion } from '../adapters/postgres/managed-server.js';
import { acquireUpgradeLock } from '../adapters/postgres/upgrade/lock.js';
import { ensureLedger, upsertLedgerRow, readDatabaseVersion } from '../adapters/postgres/upgrade/ledger.js';
import { ageEncrypter, takeBackup, type Backup } from '../adapters/postgres/upgrade/backup.js';
import { applicationName, connectTarget, targetFromUrl, type TargetDatabase } from '../adapters/postgres/upgrade/target.js';
import { VERSION } from '../version.js';
import { loadState } from './load-state.js';
import { readUpgradeInputs, type UpgradeInputs } from './upgrade/inputs.js';
import { loadReleases, prefetchReleases } from './upgrade/load-releases.js';
// The drift check, the dry-run's rehearsal and lock report are loaded when they run: most runs need one at most.
import type { DriftReport } from './upgrade/drift-check.js';
import { describeDrift, renderDriftTable } from '../core/upgrade-drift.js';
import { applyAll, loadResume } from './upgrade/apply-all.js';
import type { RehearsalResult } from './upgrade/rehearsal.js';

/**
 * `lock_timeout` of each attempt of a release transaction: the longest an application query
 * queued behind a lock the upgrade waits for can wait (issue 12; GitLab's
 * `with_lock_retries` uses seconds too). `--lock-wait` bounds the retries.
 */
const PART_LOCK_TIMEOUT_MS = 2000;

export async function upgradeStage(ctx: StageContext): Promise<StageResult> {
  // The project is read, and its git tags, while the connection opens: each mostly waits.
  // A project that cannot be read is still the error reported first.
  const reading = loadState(ctx);
  reading.catch(() => undefined);
  let inputs: UpgradeInputs;
  let target: TargetDatabase;
  try {
    inputs = readUpgradeInputs(ctx);
    target = targetFromUrl(inputs.databaseUrl, ctx.env);
    // A bad key is bad input: refused before anything connects (the dry-run too).
    if (inputs.backupRecipient) await ageEncrypter(inputs.backupRecipient);
  } catch (e) {
    await reading;
    throw e;
  }
  const appName = applicationName(ctx.ci.context.runUrl);
  const connecting = connectTarget(target, appName);
  let state: ProjectState;
  try {
    state = await reading;
  } catch (e) {
    void connecting.then(
      (c) => c.end(),
      () => undefined,
    );
    throw e;
  }
  const includeRc = inputs.includeRc ?? state.config.allowRc;
  const git = new GitReader(state.root, ctx.env);
  prefetchReleases(
    git,
    [...state.production, ...state.rcs].map((s) => releaseTag(s.id)),
  );
  const notice = (m: string) => ctx.ci.warning(m);
  let client: pg.Client;
  try {
    client = await connecting;
  } catch (e) {
    git.close();
    throw e;
  }
  try {
    const serverMajor = await serverMajorVersion(client);
    // The dry-run takes the lock too: it stops where the real run would, and rehearses what it would meet.
    await acquireUpgradeLock(client, { timeoutMs: inputs.lockTimeoutMs, clock: ctx.clock, log: (m) => ctx.ci.info(m) });
    const version = await readDatabaseVersion(client);
    if (inputs.baseline) {
      if (inputs.dryRun)
        throw new HopError('--baseline and --dry-run do not go together', {
          code: 'usage',
          hint: 'drop --dry-run: a baseline only records a version',
        });
      return await recordBaseline(ctx, client, state, inputs.baseline, resolvePosition(version.recorded, version.ledger, state));
    }
    const position = resolvePosition(version.recorded, version.ledger, state);
    if (!position) throw noVersionError();
    const planned = planUpgrade(state, position, { ...(inputs.to ? { to: inputs.to } : {}), includeRc });
    const loadOptions = { serverMajor, refusePython: inputs.refusePython, notice };
    const releases = await loadReleases(git, planned, loadOptions);
    const resume = position.resume ? await loadResume(git, state, position.resume, loadOptions) : undefined;
    const to = planned.length ? planned[planned.length - 1]!.release : position.release;
    const lock = {
      lockTimeoutMs: PART_LOCK_TIMEOUT_MS,
      lockWaitMs: inputs.lockWaitMs,
      ...(inputs.statementTimeoutMs ? { statementTimeoutMs: inputs.statementTimeoutMs } : {}),
    };
    // The dry-run also says which existing tables each release locks, and how hard.
    if (inputs.dryRun) {
      const { locksOfRelease } = await import('../adapters/release-locks.js');
      for (const r of releases) r.plan.locks = await locksOfRelease(r.files, serverMajor);
    }
    const parts = atomicityNotes(releases.map((r) => r.plan));
    const outputs: Record<string, string> = { from: position.release, to, applied: '[]', backup: '', drift: 'skipped' };
    const planText = renderUpgradePlan(
      position.release,
      releases.map((r) => r.plan),
    );
    ctx.ci.info(
      `${target.describe} is at ${position.release} (from ${position.source === 'ledger' ? 'hop_ci.applied_release' : '"half_orm_meta.view".hop_last_release'})`,
    );

    if (releases.length === 0 && !resume) {
      return {
        ok: true,
        outputs: { ...outputs, result: 'success' },
        text: planText,
        summary: renderUpgradeSummary('hop-ci upgrade', position.release, to, []),
        json: { ...outputs, applied: [] },
      };
    }

    // A release left part-way has no recorded schema to compare with: its parts resume first.
    const driftStarted = ctx.clock.now();
    let drift: DriftReport;
    if (resume)
      drift = {
        status: 'skipped',
        differences: [],
        note: `${position.release} was left part-way by a previous run: no drift check, its remaining parts run first`,
      };
    else {
      const { checkDrift } = await import('./upgrade/drift-check.js');
      drift = await checkDrift({
        ctx,
        git,
        state,
        position,
        live: client,
        refusePython: inputs.refusePython,
        python: inputs.python,
      }).catch((e: unknown): DriftReport => {
        // --allow-drift goes on without the check when the expected schema cannot be built here.
        if (!inputs.allowDrift || !(e instanceof HopError)) throw e;
        return { status: 'skipped', differences: [], note: `the drift check could not run (--allow-drift: going on): ${e.message}` };
      });
    }
    outputs['drift'] = await reportDrift(ctx, drift, inputs.allowDrift);
    // The drift check's share of the stage, for --json (bench/upgrade.bench.ts reports it apart).
    const stageTimings = { driftMs: Math.round(ctx.clock.now() - driftStarted) };

    if (inputs.dryRun) {
      ctx.ci.info(planText);
      const rehearsal = {
        ctx,
        target,
        releases,
        resume,
        serverMajor,
        appName,
        python: inputs.python,
        refusePython: inputs.refusePython,
        lock,
        state,
      };
      let timings: RehearsalResult;
      const { rehearseOffServer, rehearseOnServer } = await import('./upgrade/rehearsal.js');
      if (inputs.rehearseOnServer) {
        // A template copy needs the target to itself: our session (and its lock) goes first.
        await client.end();
        client = undefined as never;
        timings = await rehearseOnServer(rehearsal);
      } else {
        timings = await rehearseOffServer({ ...rehearsal, targetClient: client });
      }
      const rows: AppliedRelease[] = timings.applied;
      // The plan was printed before the rehearsal (so that a failing one still shows it): not twice.
      const text = `${timings.where}\n${rows.map((r) => `  ${r.release}: ${(r.durationMs / 1000).toFixed(2)} s`).join('\n')}\nThe target database was not changed.`;
      return {
        ok: true,
        outputs: { ...outputs, applied: JSON.stringify(rows), result: 'success' },
        text,
        summary: renderUpgradeSummary('hop-ci upgrade (dry run: rehearsal on a copy)', position.release, to, rows, [
          timings.where,
          ...parts,
          ...lockNotes(releases.map((r) => r.plan)),
        ]),
        json: {
          ...outputs,
          ...driftJson(drift),
          applied: rows,
          plan: releases.map((r) => r.plan),
          rehearsal: timings.where,
          timings: stageTimings,
        },
      };
    }

    // The ledger exists before the backup, so that restoring the backup also restores hop-ci's record.
    if (!version.hasLedger)
      await ensureLedger(client).catch((e: unknown) => {
        throw new HopError(
          `cannot create hop-ci's record (schema hop_ci) in ${target.describe}: ${(e as Error).message}; nothing was changed`,
          {
            kind: 'failed',
            hint: 'the role the upgrade connects as needs CREATE on the database (the database owner has it), or to own an existing hop_ci schema and its table',
            code: 'ledger-create',
          },
        );
      });
    let backup: Backup | undefined;
    if (inputs.skipBackup) ctx.ci.warning('--skip-backup: no backup is taken before the upgrade');
    else {
      const dir = inputs.backupDir ?? (await mkdtemp(path.join(tmpdir(), 'hop-ci-backup-')));
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      backup = await ctx.ci.group('Backup', () =>
        takeBackup({
          target,
          dir,
          fileName: `${target.database.replace(/[^\w.-]/g, '_')}-${position.release}-${stamp}.dump`,
          env: ctx.env,
          serverMajor,
          ...(inputs.backupRecipient ? { recipient: inputs.backupRecipient } : {}),
        }),
      );
      outputs['backup'] = backup.path;
      await ctx.ci.setOutput('backup', backup.path);
      ctx.ci.info(
        `backup: ${backup.path} (${backup.bytes} bytes, ${backup.entries} entries, checked with pg_restore --list${backup.encrypted ? ', encrypted with age' : ''})`,
      );
    }

    const applied: AppliedRelease[] = [];
    try {
      await applyAll({
        client,
        ctx,
        releases,
        resume,
        serverMajor,
        target,
        state,
        hasHopRelease: version.hasHopRelease,
        appName,
        python: inputs.python,
        refusePython: inputs.refusePython,
        lock,
        databaseUrl: target.address.url(target.database),
        ...(backup ? { backup: backup.path } : {}),
        onApplied: (r) => applied.push(r),
      });
    } catch (e) {
      await ctx.ci.setOutput('applied', JSON.stringify(applied));
      await ctx.ci.setOutput('from', position.release);
      await ctx.ci.setOutput('to', applied.length ? applied[applied.length - 1]!.release : position.release);
      await ctx.ci.setOutput('drift', outputs['drift']!);
      if (e instanceof HopError) {
        const committed = applied.length > 0 || (await ledgerMoved(client, version.ledger));
        throw new HopError(e.message, {
          kind: e.kind,
          ...(e.file ? { file: e.file } : {}),
          ...(e.line ? { line: e.line } : {}),
          ...(e.column ? { column: e.column } : {}),
          ...(e.code ? { code: e.code } : {}),
          hint:
            e.code === 'lock-wait' && !committed
              ? (e.hint ?? '')
              : // The restore command comes last, alone at the end of its line: it is copied from there.
                `${e.hint ? `${e.hint}; ` : ''}${renderFailureAdvice({ from: position.release, applied: applied.map((a) => a.release), committed, ...(backup ? { backup } : {}), serverMajor })}`,
        });
      }
      throw e;
    }
    return {
      ok: true,
      outputs: { ...outputs, applied: JSON.stringify(applied), result: 'success' },
      text: `${planText}\n\nDone: ${target.describe} is at ${to}.`,
      summary: renderUpgradeSummary('hop-ci upgrade', position.release, to, applied, [
        ...(backup ? [`backup: \`${backup.path}\``] : []),
        ...parts,
      ]),
      json: { ...outputs, ...driftJson(drift), applied, timings: stageTimings },
    };
  } finally {
    git.close();
    if (client) await client.end().catch(() => undefined);
  }
}

/**
 * Whether the failed run committed anything (a release whose post-commit step failed is
 * committed but not in `applied`): hop-ci's ledger moved. Unreadable counts as moved.
 */
async function ledgerMoved(client: pg.Client, before: unknown): Promise<boolean> {
  try {
    const after = await readDatabaseVersion(client);
    return JSON.stringify(after.ledger) !== JSON.stringify(before);
  } catch {
    return true;
  }
}

/** The drift check in `--json`: what was compared and each difference as an object. */
function driftJson(drift: DriftReport): Record<string, unknown> {
  return { driftCheck: { against: drift.against ?? null, differences: drift.differences } };
}

async function reportDrift(ctx: StageContext, drift: DriftReport, allowDrift: boolean): Promise<string> {
  if (drift.note) ctx.ci.warning(drift.note);
  if (drift.status === 'none') {
    ctx.ci.info(`no drift: the live schema matches ${drift.against} (compared by catalog)`);
    return 'none';
  }
  if (drift.status !== 'drift') return drift.status;
  const list = drift.differences.map((d) => `  ${describeDrift(d)}`).join('\n');
  const what = `the live schema differs from ${drift.against} (${drift.differences.length} difference${drift.differences.length === 1 ? '' : 's'})`;
  await ctx.ci.summary(renderDriftTable(drift.differences, drift.against!));
  // A dry-run refuses exactly where the real run does.
  if (allowDrift) {
    ctx.ci.warning(`${what} (--allow-drift: going on):\n${list}`);
    return 'allowed';
  }
  throw new HopError(`${what}: someone changed the database outside the releases; nothing was changed\n${list}`, {
    kind: 'refused',
    hint: 'bring the difference into a release (or undo it on the database), or pass --allow-drift to upgrade anyway',
    code: 'drift',
  });
}

async function recordBaseline(
  ctx: StageContext,
  client: pg.Client,
  state: ProjectState,
  baseline: string,
  position: DatabasePosition | undefined,
): Promise<StageResult> {
  const id = parseRelease(baseline, 'baseline version');
  const snapshot = [...state.production, ...state.rcs].find((s) => compareReleases(s.id, id) === 0);
  if (!snapshot && baseline !== '0.0.0') {
    throw new HopError(`--baseline ${baseline} is not a release of this project`, {
      hint: `known: ${[...state.production, ...state.rcs].map((s) => s.release).join(', ') || '0.0.0'}`,
      code: 'unknown-baseline',
    });
  }
  if (position && compareReleases(id, position.id) < 0) {
    throw new HopError(`the database already records ${position.release}, above --baseline ${baseline}`, {
      kind: 'refused',
      hint: 'a baseline only moves forward; upgrade instead',
      code: 'baseline-down',
    });
  }
  const outputs = { from: position?.release ?? '', to: formatRelease(id), applied: '[]', backup: '', drift: 'skipped', result: 'success' };
  if (position && compareReleases(id, position.id) === 0)
    return { ok: true, outputs, text: `The database already records ${position.release}: nothing to do.` };
  await ensureLedger(client);
  await upsertLedgerRow(client, {
    id: snapshot?.id ?? id,
    status: 'baseline',
    patches: (snapshot?.patches ?? []).map((p) => ({ id: p.id, files: [] })),
    parts: [],
    partsDone: 0,
    ...(ctx.ci.context.runUrl ? { runUrl: ctx.ci.context.runUrl } : {}),
    hopCiVersion: VERSION,
    startedAt: new Date(),
    finishedAt: new Date(),
    durationMs: 0,
  });
  return { ok: true, outputs, text: `Recorded ${formatRelease(id)} as the database's version (nothing applied; tag ${releaseTag(id)}).` };
}
