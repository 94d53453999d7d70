/** `plan`: reads the state and says what each stage would do now. Writes nothing. */
import { buildMatrix, buildPlan, renderPlan } from '../core/plan.js';
import type { StageContext, StageResult } from '../ports.js';
import { loadState } from './load-state.js';
import { booleanInput } from './inputs.js';

export async function planStage(ctx: StageContext): Promise<StageResult> {
  const state = await loadState(ctx);
  const from = ctx.ci.input('from');
  const to = ctx.ci.input('to-release');
  const includeRc = booleanInput(ctx.ci, 'include-rc') ?? state.config.allowRc;
  const plan = buildPlan(state, { ...(from ? { from } : {}), ...(to ? { to } : {}), includeRc });
  // Releases of the upgrade path that run in several parts say so, and the locks each takes (loaded only then).
  const preview = plan.upgrade?.length
    ? await (await import('./upgrade/parts-preview.js')).previewParts(ctx, state, from!, { ...(to ? { to } : {}), includeRc })
    : undefined;
  const parts = preview?.notes ?? [];
  const notes = [...parts, ...(preview?.lockLines ?? [])];
  const matrix = buildMatrix(state);
  const wantMatrix = booleanInput(ctx.ci, 'matrix') ?? false;
  const rows = plan.inPreparation.flatMap((r) =>
    r.patches.map(
      (p) =>
        `| ${r.version}${r.hotfix ? ' (hotfix)' : ''} | \`${p.id}\` | ${p.status} | ${p.folder ?? `not on this branch (${p.branch})`} |`,
    ),
  );
  const summary = [
    `### hop-ci plan`,
    `Production: **${plan.production ?? 'none yet'}**`,
    '',
    ...(rows.length ? ['| release | patch | status | folder |', '|---|---|---|---|', ...rows, ''] : ['No release in preparation.', '']),
    ...(['rc', 'prod', 'hotfix'] as const).map((k) => {
      const p = plan.promote[k];
      return `- promote-${k}: ${'error' in p ? `refused — ${p.error}` : `**${p.version}** (tag \`${p.tag}\`)`}`;
    }),
    ...(plan.upgrade ? [`- upgrade: ${plan.upgrade.join(' → ') || 'nothing to apply'}`, ...notes.map((n) => `  - ${n}`)] : []),
  ].join('\n');
  return {
    ok: true,
    outputs: { plan: JSON.stringify(plan), matrix: JSON.stringify(matrix), result: 'success' },
    summary,
    text: wantMatrix ? JSON.stringify(matrix) : [renderPlan(plan), ...notes.map((n) => `  ${n}`)].join('\n'),
    json: wantMatrix
      ? matrix
      : { ...plan, ...(parts.length ? { upgradeParts: parts } : {}), ...(preview?.locks.length ? { upgradeLocks: preview.locks } : {}) },
  };
}
