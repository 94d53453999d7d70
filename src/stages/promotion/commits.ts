/**
 * The commits of a promotion, made in its temporary worktree: the script's steps (merges,
 * release files, dumps), then `.hop/` copied to the other branches. Nothing is pushed here.
 */
import { HopError } from '../../core/errors.js';
import type { PromotionScript } from '../../core/promotion-plan.js';
import { syncRemovals } from '../../core/promotion-sync.js';
import type { GitIdentity, GitWorktree } from '../../ports.js';
import { BRANCH_PREFIX } from './refs.js';

/** The tip of `branch`: as moved by this run, else as fetched from the remote. */
export type TipOf = (branch: string) => string;

export function tipReader(refs: Map<string, string>, tips: Map<string, string>): TipOf {
  return (branch) => {
    const id = tips.get(branch) ?? refs.get(BRANCH_PREFIX + branch);
    if (!id) throw new HopError(`branch ${branch} vanished from the remote`, { kind: 'refused', code: 'branch-missing' });
    return id;
  };
}

/** Makes the script's commits (merges, release files, dumps); returns the moved tips by branch. */
export async function commitSteps(
  wt: GitWorktree,
  root: string,
  script: PromotionScript,
  refs: Map<string, string>,
  identity: GitIdentity,
): Promise<Map<string, string>> {
  const tips = new Map<string, string>();
  const tip = tipReader(refs, tips);
  for (const step of script.steps) {
    await wt.checkout(tip(step.branch));
    if (step.kind === 'merge') {
      const { conflicts } = await wt.merge(tip(step.from));
      if (conflicts.length) {
        throw new HopError(`merging ${step.from} into ${step.branch} conflicts in ${conflicts.join(', ')}; nothing was pushed`, {
          kind: 'refused',
          hint: `merge ${step.branch} into ${step.from} by hand, resolve the conflicts, push ${step.from}, then run the promotion again`,
          code: 'merge-conflict',
        });
      }
    }
    await wt.apply(root, step.changes);
    tips.set(step.branch, (await wt.commit(step.message, identity)) ?? tip(step.branch));
  }
  return tips;
}

/** Copies `source`'s `.hop/` to each branch of `syncTo` (a commit where it differs); records the moved tips in `tips`. */
export async function syncHop(
  wt: GitWorktree,
  root: string,
  sourceTip: string,
  sync: { to: readonly string[]; message: string },
  identity: GitIdentity,
  refs: Map<string, string>,
  tips: Map<string, string>,
): Promise<void> {
  const tip = tipReader(refs, tips);
  const sourceHop = await wt.listFiles(root, sourceTip, '.hop');
  for (const branch of sync.to) {
    await wt.checkout(tip(branch));
    const targetHop = await wt.listFiles(root, tip(branch), '.hop');
    await wt.copyHop(root, sourceTip, syncRemovals(sourceHop, targetHop));
    const id = await wt.commit(sync.message, identity);
    if (id) tips.set(branch, id);
  }
}
