/**
 * `promote-finalise`: run on the push to `ho-prod` that merging a promotion request makes
 * (promotion mode `pull-request`). Reads `ho-prod` as the remote has it; when its newest
 * production release has no tag yet, does what a push-mode promotion does besides the
 * commits — annotated tag and `ho-prod-X.Y.Z` on `ho-prod`'s tip, release, `ho-staged/*`
 * and promotion branches deleted, `.hop/` synced to the other branches — in one atomic
 * push. Anything else on `ho-prod` (a merge that is not a promotion, a second run) is
 * nothing to do.
 */
import path from 'node:path';
import { planFinalisation, renderFinalisation, type FinalisationPlan } from '../../core/promotion-finalise.js';
import type { GitWorktree, StageContext, StageResult } from '../../ports.js';
import { booleanInput } from '../inputs.js';
import { syncHop } from './commits.js';
import { BRANCH_PREFIX, prodTipOf, pushedTable, refUpdates, shortNames, TAG_PREFIX } from './refs.js';
import { identityOf, readState, type PromotionDeps } from './run-promotion.js';

function outputsOf(plan: FinalisationPlan | undefined, result: string, schemaFile = ''): Record<string, string> {
  return {
    version: plan?.version ?? '',
    tag: plan?.tag ?? '',
    patches: JSON.stringify(plan?.patches ?? []),
    'release-file': plan?.releaseFile ?? '',
    'schema-file': schemaFile,
    result,
  };
}

export async function runFinalisation(ctx: StageContext, deps: Pick<PromotionDeps, 'git'>): Promise<StageResult> {
  const dryRun = booleanInput(ctx.ci, 'dry-run') ?? false;
  const remote = ctx.ci.input('remote') ?? 'origin';
  const identity = identityOf(ctx);
  const { git } = deps;
  const checkout = await ctx.workspace.findRoot(ctx.cwd);
  const { top, prefix } = await git.locate(checkout);

  const refs = await ctx.ci.group(`fetch ho-* branches and tags from ${remote}`, () => git.fetchRemoteRefs(top, remote));
  let wt: GitWorktree | undefined;
  try {
    const prodTip = prodTipOf(refs, remote);
    wt = await git.openWorktree(top, prodTip);
    const root = path.join(wt.dir, prefix);
    const state = await readState(ctx, root);
    const plan = planFinalisation(state, shortNames(refs, BRANCH_PREFIX), shortNames(refs, TAG_PREFIX));
    if (!plan) {
      const latest = state.current ? `${state.current.release} is tagged` : 'no production release yet';
      const text = `promote-finalise: nothing to finalise on ho-prod (${latest}); nothing was pushed`;
      return { ok: true, outputs: outputsOf(undefined, 'success'), text, json: { finalised: null } };
    }
    const schemaFile = state.modelFiles.includes(`schema-${plan.version}.sql`) ? `.hop/model/schema-${plan.version}.sql` : '';
    if (dryRun) {
      const text = `${renderFinalisation(plan, remote)}\n(dry run: nothing committed or pushed)`;
      return {
        ok: true,
        outputs: outputsOf(plan, 'dry-run', schemaFile),
        text,
        summary: `### hop-ci promote-finalise (dry run)\n\n\`\`\`\n${text}\n\`\`\``,
        json: plan,
      };
    }

    const tips = new Map<string, string>();
    await syncHop(wt, root, prodTip, { to: plan.syncTo, message: plan.syncMessage }, identity, refs, tips);
    const tagId = await git.createTag(top, plan.tag, prodTip, plan.tagMessage, identity);
    const updates = refUpdates(refs, tips, { tagId, at: prodTip, ...plan });
    await ctx.ci.group(`push ${updates.length} refs to ${remote} (atomic)`, () => git.pushAtomic(top, remote, updates));
    const text = `${renderFinalisation(plan, remote)}\npushed: ${plan.tag}`;
    return {
      ok: true,
      outputs: outputsOf(plan, 'success', schemaFile),
      summary: [
        `### hop-ci promote-finalise: ${plan.version}`,
        `**${plan.version}** reached ho-prod by a reviewed merge; tagged \`${plan.tag}\` on ho-prod (\`${prodTip.slice(0, 8)}\`).`,
        '',
        ...pushedTable(updates, remote),
      ].join('\n'),
      text,
      json: { finalised: plan, pushed: updates },
    };
  } finally {
    await wt?.close();
    await git.forgetRemoteRefs(top);
  }
}
