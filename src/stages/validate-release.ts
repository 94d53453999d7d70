/**
 * `validate-release`: every staged patch in order on the baseline, tests; then each
 * candidate alone on top of the staged patches, tests. The staged database is built once
 * and cloned for each run. The summary says which patch breaks the release and how.
 */
import { planBaseline, type BaselinePlan } from '../core/baseline.js';
import {
  branchHolding,
  hotfixStep,
  pickRelease,
  planValidateRelease,
  requireFolder,
  type ValidateReleasePlan,
} from '../core/validation-plan.js';
import { CandidateSource } from './validation/candidate-source.js';
import type { ProjectState } from '../core/state.js';
import type { StageContext, StageResult } from '../ports.js';
import { booleanInput } from './inputs.js';
import { loadState } from './load-state.js';
import {
  cell,
  describeTests,
  failureBlock,
  howItBroke,
  patchTable,
  phasesLine,
  runOk,
  testsBlock,
  type ValidationRun,
  failureMessage,
} from './validation/report.js';
import { applyOnClone, rehearseUpgrade, testOnClone, type UpgradeRehearsal } from './validation/run.js';
import { asSchemaChanges, renderSchemaChangeTable } from '../core/schema-change.js';
import { renderLintTable, type LintFinding } from '../core/lint.js';
import { lintPatches, readLintMode, reportFindings } from './validation/lint.js';
import { ValidationSession } from './validation/session.js';
import { DEFAULT_TEST_COMMAND } from './validation/test-runner.js';

export async function validateReleaseStage(ctx: StageContext): Promise<StageResult> {
  const state = await loadState(ctx);
  const rel = pickRelease(state, ctx.ci.input('release'), ctx.ci.context.headRef ?? state.branch);
  const plan = planValidateRelease(state, rel);
  const baseline = planBaseline(state);
  for (const s of plan.staged) requireFolder(s, state.branch);
  for (const s of baseline.steps) if (s.kind === 'patch') requireFolder(hotfixStep(state, s.id, s.release), state.branch);
  const testCommand = ctx.ci.input('test-command') ?? DEFAULT_TEST_COMMAND;
  for (const v of plan.notIncluded) ctx.ci.warning(`release ${v} still has patches: they are not in this validation of ${plan.release}`);
  const allIds = JSON.stringify([...plan.staged, ...plan.candidates].map((p) => p.id));

  if (booleanInput(ctx.ci, 'dry-run')) {
    const lines = [
      `validate-release ${plan.release}, dry run: nothing is started`,
      `baseline ${baseline.release}:`,
      ...baseline.steps.map((s) => (s.kind === 'psql' ? `  psql ${s.file}` : `  hotfix ${s.release}: patch ${s.id}`)),
      'staged patches, in order, then the tests:',
      ...plan.staged.map((p, i) => `  ${i + 1}. ${p.id} ${p.folder}`),
      ...(plan.candidates.length ? ['each candidate alone on top of the staged patches, then the tests:'] : []),
      ...plan.candidates.map((p) => `  + ${p.id} ${p.folder ?? `(folder on ${branchHolding(p)})`}`),
      `tests: ${testCommand}`,
    ];
    return {
      ok: true,
      outputs: { result: 'dry-run', patches: allIds },
      text: lines.join('\n'),
      json: { dryRun: true, release: plan.release, baseline, staged: plan.staged, candidates: plan.candidates, testCommand },
    };
  }

  const start = ctx.clock.now();
  // A release branch lacks its candidates' folders: read them from their ho-patch/<id> branches.
  const source = new CandidateSource(state.root, childEnv(ctx.env));
  try {
    for (const c of plan.candidates) {
      if (c.folder) continue;
      const found = await source.extract(c.id);
      if (found) {
        c.folder = found.folder;
        c.shownAs = found.display;
        ctx.ci.info(`candidate ${c.id}: read from ${found.display}`);
      } else requireFolder(c, state.branch);
    }
    return await validate(ctx, state, plan, baseline, testCommand, allIds, start);
  } finally {
    await source.dispose();
  }
}

function childEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

async function validate(
  ctx: StageContext,
  state: ProjectState,
  plan: ValidateReleasePlan,
  baseline: BaselinePlan,
  testCommand: string,
  allIds: string,
  start: number,
): Promise<StageResult> {
  const lintMode = await readLintMode(ctx, state);
  const session = await ValidationSession.forStage(ctx, state);
  const runs: ValidationRun[] = [];
  let findings: LintFinding[] = [];
  let rehearsal: UpgradeRehearsal | undefined;
  try {
    // The staged patches once; that database is then the template of every test run.
    const staged = await ctx.ci.group(
      `release ${plan.release}: ${plan.staged.length} staged patch(es)`,
      async () => {
        const { name, run } = await applyOnClone(session, ctx.ci, 'staged', plan.staged, undefined, new Set(plan.staged.map((p) => p.id)));
        if (!run.failure) {
          const tests = await testOnClone(session, ctx.ci, 'staged', name, testCommand);
          run.tests = tests;
        }
        run.ok = runOk(run);
        runs.push(run);
        return { name, run };
      },
      (r) => !r.run.ok,
    );
    // What production will run: the staged patches as one release, the way `upgrade` applies it.
    if (!staged.run.failure && plan.staged.length)
      rehearsal = await ctx.ci.group(
        `release ${plan.release} as upgrade will apply it to production`,
        () => rehearseUpgrade(session, ctx.ci, plan.release, plan.staged),
        (r) => r.failure !== undefined,
      );
    for (const c of plan.candidates) {
      await ctx.ci.group(
        `candidate ${c.id} on top of the staged patches`,
        async () => {
          if (staged.run.failure) {
            ctx.ci.info(`  not run: the staged patches fail`);
            runs.push({
              label: c.id,
              patches: [c],
              timings: [],
              notRun: `not run: the staged patches fail (${staged.run.failure.patch})`,
              ok: false,
            });
            return false;
          }
          const { name, run } = await applyOnClone(session, ctx.ci, c.id, [c], staged.name, new Set([c.id]));
          try {
            if (!run.failure) run.tests = await testOnClone(session, ctx.ci, c.id, name, testCommand);
          } finally {
            await session.drop(name);
          }
          run.ok = runOk(run);
          runs.push(run);
          return run.ok;
        },
        (ok) => ok === false,
      );
    }
    await session.drop(staged.name);
    if (lintMode !== 'off') {
      const t0 = ctx.clock.now();
      findings = await lintPatches(session, ctx, [...plan.staged, ...plan.candidates]);
      session.phases['lint'] = ctx.clock.now() - t0;
    }
  } finally {
    await session.close();
  }
  if (lintMode !== 'off') await reportFindings(ctx, state.root, findings, lintMode);
  const lintFails = lintMode === 'fail' && findings.length > 0;
  const phases = { ...session.phases, total: ctx.clock.now() - start };
  if (rehearsal?.failure)
    ctx.ci.error(failureMessage(rehearsal.failure), {
      ...(rehearsal.failure.file ? { file: rehearsal.failure.file } : {}),
      ...(rehearsal.failure.line ? { line: rehearsal.failure.line } : {}),
      title: `${plan.release} fails as upgrade applies it`,
    });
  for (const r of runs) {
    if (r.failure)
      ctx.ci.error(failureMessage(r.failure), {
        ...(r.failure.file ? { file: r.failure.file } : {}),
        ...(r.failure.line ? { line: r.failure.line } : {}),
        ...(r.failure.column ? { column: r.failure.column } : {}),
        title: `patch ${r.failure.patch} breaks ${plan.release}`,
      });
  }
  const ok = runs.every((r) => r.ok) && !rehearsal?.failure && !lintFails;
  const upgradeLine = rehearsal
    ? rehearsal.failure
      ? `Production upgrade rehearsal: ❌ the staged patches pass one by one but fail applied as one release, as \`upgrade\` runs them: ${rehearsal.failure.message.split('\n')[0]}`
      : `Production upgrade rehearsal (the staged patches on the baseline, as \`upgrade\` runs them): ✅ ${rehearsal.plan}.`
    : undefined;
  // What production's traffic will wait on while the release runs (the rehearsal read it from the SQL).
  const locksLine = rehearsal?.locksLine;
  const stagedRun = runs[0]!;
  const breaking = runs.filter((r) => !r.ok);
  const table = [
    '| run | patches | apply | tests | what broke |',
    '|---|---|---|---|---|',
    ...runs.map((r, i) => {
      const what = i === 0 ? `staged (${r.patches.length})` : `+ \`${r.label}\` (candidate)`;
      const apply = r.notRun ? '—' : r.failure ? `❌ ${r.failure.patch}` : '✅';
      return `| ${what} | ${r.patches.map((p) => p.id).join(', ') || '(none)'} | ${apply} | ${r.tests ? describeTests(r.tests) : '—'} | ${cell(howItBroke(r))} |`;
    }),
  ].join('\n');
  const summary = [
    `### hop-ci validate-release ${plan.release}: ${ok ? '✅ passed' : '❌ failed'}`,
    '',
    `Baseline ${session.baselineRelease}. Staged patches in order, then each candidate alone on top of them.`,
    '',
    table,
    ...(upgradeLine ? ['', upgradeLine] : []),
    ...(locksLine ? ['', locksLine] : []),
    ...(rehearsal?.failure ? [failureBlock(rehearsal.failure)] : []),
    '',
    '<details><summary>staged patches</summary>',
    '',
    patchTable(stagedRun),
    '</details>',
    ...schemaChangeSections(runs),
    ...(lintMode !== 'off' ? ['', renderLintTable(findings, lintMode)] : []),
    ...breaking.flatMap((r) => [
      '',
      `**${r.label === 'staged' ? 'staged patches' : r.label}**: ${cell(howItBroke(r))}`,
      ...(r.failure ? [failureBlock(r.failure)] : []),
      ...(r.tests?.status === 'failed' ? [testsBlock(r.tests)] : []),
    ]),
    '',
    `<sub>${phasesLine(phases)}</sub>`,
  ].join('\n');
  const text = [
    `validate-release ${plan.release}: ${ok ? 'passed' : 'FAILED'}`,
    ...runs.map(
      (r, i) =>
        `  ${r.ok ? '✓' : '✗'} ${i === 0 ? `staged (${r.patches.map((p) => p.id).join(', ') || 'none'})` : `+ ${r.label}`}${r.ok ? '' : ` — ${howItBroke(r)}`}`,
    ),
    ...(upgradeLine ? [`  ${rehearsal!.failure ? '✗' : '✓'} ${upgradeLine.replace(/`/g, '')}`] : []),
    ...(locksLine ? [`    ${locksLine}`] : []),
    phasesLine(phases),
  ].join('\n');
  return {
    ok,
    outputs: {
      result: ok ? 'success' : 'failure',
      patches: allIds,
      ...(ok
        ? {}
        : {
            error: [
              ...breaking.map((r) => `${r.label}: ${howItBroke(r)}`),
              ...(lintFails ? [`lint: fail: ${findings.length} squawk finding${findings.length === 1 ? '' : 's'}`] : []),
              ...(rehearsal?.failure ? [`upgrade rehearsal: ${rehearsal.failure.message.split('\n')[0]}`] : []),
            ].join('; '),
          }),
    },
    summary,
    text,
    json: {
      result: ok ? 'success' : 'failure',
      release: plan.release,
      baseline: session.baselineRelease,
      runs: runs.map((r) => ({
        label: r.label,
        ok: r.ok,
        patches: r.patches.map((p) => ({ id: p.id, status: p.status, ms: r.timings.find((t) => t.id === p.id)?.ms ?? null })),
        schemaChanges: Object.fromEntries(Object.entries(r.schemaChanges ?? {}).map(([id, c]) => [id, asSchemaChanges(c)])),
        failure: r.failure ?? null,
        notRun: r.notRun ?? null,
        tests: r.tests ? { status: r.tests.status, exitCode: r.tests.exitCode, ms: r.tests.ms } : null,
      })),
      lint: lintMode === 'off' ? null : { mode: lintMode, findings },
      upgrade: rehearsal ? { plan: rehearsal.plan, locks: rehearsal.locks ?? null, failure: rehearsal.failure ?? null } : null,
      phases,
    },
  };
}

/** Each applied patch's schema change, in the order the patches ran. */
function schemaChangeSections(runs: ValidationRun[]): string[] {
  const sections = runs.flatMap((r) =>
    r.patches.flatMap((p) => {
      const changes = r.schemaChanges?.[p.id];
      return changes ? [renderSchemaChangeTable(`\`${p.id}\` (${p.status})`, changes)] : [];
    }),
  );
  return sections.length ? ['', '<details><summary>schema change of each patch</summary>', '', sections.join('\n\n'), '</details>'] : [];
}
