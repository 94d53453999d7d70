/**
 * `validate-patch`: baseline ← the release's staged patches ← this patch at its place,
 * on a fresh database, then the project's tests. The patch comes from `--patch`, the PR/MR
 * source branch or the checked-out `ho-patch/<id>` branch.
 */
import { HopError } from '../core/errors.js';
import { planBaseline } from '../core/baseline.js';
import { asSchemaChanges, describeSchemaChange, renderSchemaChangeTable } from '../core/schema-change.js';
import { hotfixStep, patchFromBranch, planValidatePatch, requireFolder } from '../core/validation-plan.js';
import type { ProjectState } from '../core/state.js';
import type { StageContext, StageResult } from '../ports.js';
import { booleanInput } from './inputs.js';
import { loadState } from './load-state.js';
import { describeTests, failureBlock, howItBroke, patchTable, phasesLine, testsBlock, failureMessage } from './validation/report.js';
import { validateSteps } from './validation/run.js';
import { lintPatches, readLintMode, reportFindings } from './validation/lint.js';
import { renderLintTable, type LintFinding } from '../core/lint.js';
import { ValidationSession } from './validation/session.js';
import { DEFAULT_TEST_COMMAND } from './validation/test-runner.js';

export function patchToValidate(ctx: StageContext, state: ProjectState): string {
  const id = ctx.ci.input('patch') ?? patchFromBranch(ctx.ci.context.headRef) ?? patchFromBranch(state.branch);
  if (!id) {
    throw new HopError('which patch? no --patch given and the branch is not ho-patch/<id>', {
      hint: 'pass --patch <id> (input `patch`), or run on the patch branch or its PR/MR',
      code: 'no-patch',
    });
  }
  return id;
}

export async function validatePatchStage(ctx: StageContext): Promise<StageResult> {
  const state = await loadState(ctx);
  const plan = planValidatePatch(state, patchToValidate(ctx, state));
  const baseline = planBaseline(state);
  // Every folder must be on this checkout before anything starts.
  for (const s of plan.patches) requireFolder(s, state.branch);
  for (const s of baseline.steps) if (s.kind === 'patch') requireFolder(hotfixStep(state, s.id, s.release), state.branch);
  const testCommand = ctx.ci.input('test-command') ?? DEFAULT_TEST_COMMAND;
  const id = plan.patch.id;

  if (booleanInput(ctx.ci, 'dry-run')) {
    const lines = [
      `validate-patch ${id} (${plan.patch.status} in ${plan.release}), dry run: nothing is started`,
      `baseline ${baseline.release}:`,
      ...baseline.steps.map((s) => (s.kind === 'psql' ? `  psql ${s.file}` : `  hotfix ${s.release}: patch ${s.id}`)),
      'then, on a clone of the baseline:',
      ...plan.patches.map((p, i) => `  ${i + 1}. ${p.id} (${p.status}${p.id === id ? ', this patch' : ''}) ${p.folder}`),
      `then the tests: ${testCommand}`,
    ];
    return {
      ok: true,
      outputs: { result: 'dry-run', patches: JSON.stringify(plan.patches.map((p) => p.id)) },
      text: lines.join('\n'),
      json: { dryRun: true, patch: id, release: plan.release, baseline, patches: plan.patches, testCommand },
    };
  }

  const lintMode = await readLintMode(ctx, state);
  const start = ctx.clock.now();
  ctx.ci.info(
    `validate-patch ${id} for release ${plan.release}: ${plan.patches.length} patch${plan.patches.length === 1 ? '' : 'es'} to apply`,
  );
  const session = await ValidationSession.forStage(ctx, state);
  let run;
  let findings: LintFinding[] = [];
  try {
    run = await ctx.ci.group(
      `apply ${plan.patches.map((p) => p.id).join(', ')} and test`,
      () => validateSteps(session, ctx.ci, id, plan.patches, testCommand, undefined, new Set([id])),
      (r) => !r.ok,
    );
    if (lintMode !== 'off') {
      const t0 = ctx.clock.now();
      findings = await lintPatches(
        session,
        ctx,
        plan.patches.filter((p) => p.id === id),
      );
      session.phases['lint'] = ctx.clock.now() - t0;
    }
  } finally {
    await session.close();
  }
  const phases = { ...session.phases, total: ctx.clock.now() - start };
  if (run.failure)
    ctx.ci.error(failureMessage(run.failure), {
      ...(run.failure.file ? { file: run.failure.file } : {}),
      ...(run.failure.line ? { line: run.failure.line } : {}),
      ...(run.failure.column ? { column: run.failure.column } : {}),
      title: `patch ${run.failure.patch} fails`,
    });

  // Known only when the patch applied.
  const changes = run.schemaChanges?.[id];
  if (lintMode !== 'off') await reportFindings(ctx, state.root, findings, lintMode);
  const lintFails = lintMode === 'fail' && findings.length > 0;
  const ok = run.ok && !lintFails;
  const broke = run.ok
    ? lintFails
      ? `lint: fail: ${findings.length} squawk finding${findings.length === 1 ? '' : 's'}`
      : ''
    : howItBroke(run);
  const verdict = ok ? '✅ passed' : '❌ failed';
  const summary = [
    `### hop-ci validate-patch \`${id}\` → ${plan.release}: ${verdict}`,
    '',
    `Baseline ${session.baselineRelease}, then the release's staged patches and this one:`,
    '',
    patchTable(run, id),
    ...(changes ? ['', renderSchemaChangeTable(`Schema change of \`${id}\``, changes)] : []),
    ...(lintMode !== 'off' ? ['', renderLintTable(findings, lintMode)] : []),
    '',
    `**Tests** \`${testCommand}\`: ${describeTests(run.tests)}`,
    ...(run.failure ? ['', failureBlock(run.failure)] : []),
    ...(run.tests?.status === 'failed' ? ['', testsBlock(run.tests)] : []),
    '',
    `<sub>${phasesLine(phases)}</sub>`,
  ].join('\n');
  const text = [
    `validate-patch ${id} → ${plan.release}: ${ok ? 'passed' : 'FAILED'}${ok ? '' : ` — ${broke}`}`,
    ...(changes
      ? [
          `schema change of ${id}: ${changes.length ? `${changes.length} change${changes.length === 1 ? '' : 's'}` : 'none'}`,
          ...changes.map((c) => `  ${describeSchemaChange(c)}`),
        ]
      : []),
    `tests: ${describeTests(run.tests)}`,
    phasesLine(phases),
  ].join('\n');
  return {
    ok,
    outputs: {
      result: ok ? 'success' : 'failure',
      patches: JSON.stringify(plan.patches.map((p) => p.id)),
      ...(ok ? {} : { error: broke }),
    },
    summary,
    text,
    json: {
      result: ok ? 'success' : 'failure',
      patch: id,
      release: plan.release,
      baseline: session.baselineRelease,
      patches: run.patches.map((p) => ({
        id: p.id,
        status: p.status,
        ms: run.timings.find((t) => t.id === p.id)?.ms ?? null,
        files: run.timings.find((t) => t.id === p.id)?.files ?? [],
      })),
      schemaChanges: changes ? asSchemaChanges(changes) : null,
      lint: lintMode === 'off' ? null : { mode: lintMode, findings },
      failure: run.failure ?? null,
      tests: run.tests ? { status: run.tests.status, exitCode: run.tests.exitCode, ms: run.tests.ms } : null,
      phases,
    },
  };
}
