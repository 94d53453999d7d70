/**
 * `upgrade`: brings a real database to a target release. Reads where it is (half_orm_meta
 * + hop-ci's ledger), plans the path from git, then — under a session advisory lock —
 * checks drift, takes a verified backup and applies each release in one transaction with
 * its version rows. `--dry-run` prints the plan and rehearses it on a copy.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HopError } from '../core/errors.js';
import { noVersionError, planUpgrade, resolvePosition, type DatabasePosition } from '../core/upgrade-plan.js';
import { renderUpgradePlan, renderUpgradeSummary, restoreCommand, type AppliedRelease } from '../core/upgrade-render.js';
import { compareReleases, formatRelease, parseRelease, releaseTag } from '../core/version.js';
import type { ProjectState } from '../core/state.js';
import type pg from 'pg';
import type { StageContext, StageResult } from '../ports.js';
import { GitReader } from '../adapters/git-read.js';
import { serverMajorVersion } from '../adapters/postgres/managed-server.js';
import { acquireUpgradeLock } from '../adapters/postgres/upgrade/lock.js';
import { ensureLedger, insertLedgerRow, readDatabaseVersion } from '../adapters/postgres/upgrade/ledger.js';
import { takeBackup } from '../adapters/postgres/upgrade/backup.js';
import { applicationName, connectTarget, targetFromUrl } from '../adapters/postgres/upgrade/target.js';
import { VERSION } from '../version.js';
import { loadState } from './load-state.js';
import { readUpgradeInputs } from './upgrade/inputs.js';
import { loadReleases } from './upgrade/load-releases.js';
import { checkDrift, type DriftReport } from './upgrade/drift-check.js';
import { applyAll, loadResume } from './upgrade/apply-all.js';
import { rehearse } from './upgrade/rehearsal.js';

export async function upgradeStage(ctx: StageContext): Promise<StageResult> {
  const state = await loadState(ctx);
  const inputs = readUpgradeInputs(ctx, state.config.allowRc);
  const target = targetFromUrl(inputs.databaseUrl);
  const git = new GitReader(state.root, ctx.env);
  const appName = applicationName(ctx.ci.context.runUrl);
  const notice = (m: string) => ctx.ci.warning(m);
  let client = await connectTarget(target, appName);
  try {
    const serverMajor = await serverMajorVersion(client);
    if (!inputs.dryRun) await acquireUpgradeLock(client, { timeoutMs: inputs.lockTimeoutMs, clock: ctx.clock, log: (m) => ctx.ci.info(m) });
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
    const planned = planUpgrade(state, position, { ...(inputs.to ? { to: inputs.to } : {}), includeRc: inputs.includeRc });
    const loadOptions = { serverMajor, allowPython: inputs.allowPython, notice };
    const releases = await loadReleases(git, planned, loadOptions);
    const resume = position.resume ? await loadResume(git, state, position.resume, loadOptions) : undefined;
    const to = planned.length ? planned[planned.length - 1]!.release : position.release;
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

    const drift = await checkDrift(git, position, target, ctx.env, serverMajor);
    outputs['drift'] = reportDrift(ctx, drift, inputs.allowDrift, inputs.dryRun);

    if (inputs.dryRun) {
      ctx.ci.info(planText);
      await client.end();
      client = undefined as never;
      const timings = await rehearse({
        ctx,
        target,
        releases,
        resume,
        serverMajor,
        appName,
        python: inputs.python,
        state,
        databaseUrl: inputs.databaseUrl!,
      });
      const rows: AppliedRelease[] = timings.applied;
      // The plan was printed before the rehearsal (so that a failing one still shows it): not twice.
      const text = `${timings.where}\n${rows.map((r) => `  ${r.release}: ${(r.durationMs / 1000).toFixed(2)} s`).join('\n')}\nThe target database was not changed.`;
      return {
        ok: true,
        outputs: { ...outputs, applied: JSON.stringify(rows), result: 'success' },
        text,
        summary: renderUpgradeSummary('hop-ci upgrade (dry run: rehearsal on a copy)', position.release, to, rows, [timings.where]),
        json: { ...outputs, applied: rows, plan: releases.map((r) => r.plan), rehearsal: timings.where },
      };
    }

    let backupPath: string | undefined;
    if (inputs.skipBackup) ctx.ci.warning('--skip-backup: no backup is taken before the upgrade');
    else {
      const dir = inputs.backupDir ?? (await mkdtemp(path.join(tmpdir(), 'hop-ci-backup-')));
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const backup = await ctx.ci.group('Backup', () =>
        takeBackup({
          target,
          dir,
          fileName: `${target.database.replace(/[^\w.-]/g, '_')}-${position.release}-${stamp}.dump`,
          env: ctx.env,
          serverMajor,
        }),
      );
      backupPath = backup.path;
      outputs['backup'] = backup.path;
      await ctx.ci.setOutput('backup', backup.path);
      ctx.ci.info(`backup: ${backup.path} (${backup.bytes} bytes, ${backup.entries} entries, checked with pg_restore --list)`);
    }

    await ensureLedger(client);
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
        python: inputs.python,
        databaseUrl: inputs.databaseUrl!,
        ...(backupPath ? { backup: backupPath } : {}),
        onApplied: (r) => applied.push(r),
      });
    } catch (e) {
      await ctx.ci.setOutput('applied', JSON.stringify(applied));
      await ctx.ci.setOutput('from', position.release);
      await ctx.ci.setOutput('to', applied.length ? applied[applied.length - 1]!.release : position.release);
      await ctx.ci.setOutput('drift', outputs['drift']!);
      if (e instanceof HopError) {
        const kept = applied.length ? `releases ${applied.map((a) => a.release).join(', ')} stay applied; ` : '';
        const restore = backupPath
          ? `to go back to ${position.release}: ${restoreCommand(backupPath)}`
          : 'no backup was taken (--skip-backup)';
        throw new HopError(e.message, {
          kind: e.kind,
          ...(e.file ? { file: e.file } : {}),
          ...(e.line ? { line: e.line } : {}),
          ...(e.column ? { column: e.column } : {}),
          ...(e.code ? { code: e.code } : {}),
          hint: `${kept}fix it in a new release and run the upgrade again (${e.hint ?? 'it resumes where it stopped'}); ${restore}`,
        });
      }
      throw e;
    }
    return {
      ok: true,
      outputs: { ...outputs, applied: JSON.stringify(applied), result: 'success' },
      text: `${planText}\n\nDone: ${target.describe} is at ${to}.`,
      summary: renderUpgradeSummary('hop-ci upgrade', position.release, to, applied, backupPath ? [`backup: \`${backupPath}\``] : []),
      json: { ...outputs, applied },
    };
  } finally {
    if (client) await client.end().catch(() => undefined);
  }
}

function reportDrift(ctx: StageContext, drift: DriftReport, allowDrift: boolean, dryRun: boolean): string {
  if (drift.note) ctx.ci.warning(drift.note);
  if (drift.status === 'none') {
    ctx.ci.info(`no drift: the live schema matches ${drift.against}`);
    return 'none';
  }
  if (drift.status === 'unverified') {
    ctx.ci.warning(`schema differences (unverified):\n${drift.diff}`);
    return 'unverified';
  }
  if (drift.status !== 'drift') return drift.status;
  if (allowDrift || dryRun) {
    ctx.ci.warning(
      `the live schema differs from ${drift.against}${allowDrift ? ' (--allow-drift: going on)' : ' (the upgrade would refuse)'}:\n${drift.diff}`,
    );
    return allowDrift ? 'allowed' : 'drift';
  }
  throw new HopError(
    `the live schema differs from ${drift.against}: someone changed the database outside the releases; nothing was changed\n${drift.diff}`,
    {
      kind: 'refused',
      hint: 'bring the difference into a release (or undo it on the database), or pass --allow-drift to upgrade anyway',
      code: 'drift',
    },
  );
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
  await insertLedgerRow(client, {
    id: snapshot?.id ?? id,
    status: 'baseline',
    patches: (snapshot?.patches ?? []).map((p) => ({ id: p.id, files: [] })),
    steps: [],
    ...(ctx.ci.context.runUrl ? { runUrl: ctx.ci.context.runUrl } : {}),
    hopCiVersion: VERSION,
    startedAt: new Date(),
    finishedAt: new Date(),
    durationMs: 0,
  });
  return { ok: true, outputs, text: `Recorded ${formatRelease(id)} as the database's version (nothing applied; tag ${releaseTag(id)}).` };
}
