/**
 * Finalising a promotion that reached `ho-prod` through a reviewed pull/merge request
 * (promotion mode `pull-request`). The merge brought the release file (`X.Y.Z.txt`,
 * `X.Y.Z.postN.txt`) and the dumps to `ho-prod`; what a push-mode promotion also does is
 * left: the annotated tag, `ho-prod-X.Y.Z`, the release, `ho-staged/*` and promotion
 * branches deleted, `.hop/` synced to the other branches. The promotion is found from the
 * repository state (the newest production release on `ho-prod` whose tag is absent), never
 * from a commit id, so that a merge commit, a squash and a fast-forward all finalise.
 * Pure: the stage carries the plan out.
 */
import { promotionBranch } from './promotion-mode.js';
import { syncCommitMessage, syncReason, tagMessage } from './promotion-messages.js';
import { syncTargets } from './promotion-sync.js';
import type { PromotionScript } from './promotion-plan.js';
import type { ProjectState, ReleaseSnapshot } from './state.js';
import { baseVersion, releaseTag } from './version.js';

export interface FinalisationPlan {
  kind: 'prod' | 'hotfix';
  /** The release finalised: `0.1.0`, `0.1.0.post1`. */
  version: string;
  releaseFile: string;
  patches: string[];
  tag: string;
  tagMessage: string;
  /** Created at `ho-prod`'s tip when absent. */
  createBranches: string[];
  /** Deleted when present: the release branch, its `ho-staged/*`, the promotion branch. */
  deleteBranches: string[];
  /** Branches that receive `ho-prod`'s `.hop/`. */
  syncTo: string[];
  syncMessage: string;
}

/** The promotion on `ho-prod` that is not finalised yet, or undefined (nothing to do). */
export function pendingPromotion(state: ProjectState, remoteTags: readonly string[]): ReleaseSnapshot | undefined {
  const current = state.current;
  if (!current) return undefined;
  return remoteTags.includes(releaseTag(current.id)) ? undefined : current;
}

export function planFinalisation(
  state: ProjectState,
  remoteBranches: readonly string[],
  remoteTags: readonly string[],
): FinalisationPlan | undefined {
  const pending = pendingPromotion(state, remoteTags);
  if (!pending) return undefined;
  const kind = pending.kind === 'hotfix' ? 'hotfix' : 'prod';
  const base = baseVersion(pending.id);
  const releaseBranch = `ho-release/${base}`;
  const has = (b: string) => remoteBranches.includes(b);
  const patches = pending.patches.map((p) => p.id);
  const prodBranch = `ho-prod-${pending.release}`;
  return {
    kind,
    version: pending.release,
    releaseFile: pending.file,
    patches,
    tag: releaseTag(pending.id),
    tagMessage: tagMessage(kind, base, pending.release),
    createBranches: has(prodBranch) ? [] : [prodBranch],
    deleteBranches: [releaseBranch, ...patches.map((id) => `ho-staged/${id}`), promotionBranch(pending.release)].filter(has),
    syncTo: syncTargets(remoteBranches, 'ho-prod', [releaseBranch]),
    syncMessage: syncCommitMessage('ho-prod', syncReason(kind, pending.release)),
  };
}

/** The plan as a person reads it (`--dry-run`, the log). */
export function renderFinalisation(plan: FinalisationPlan, remote = 'origin'): string {
  return [
    `promote-finalise: ${plan.version} is on ho-prod (${plan.releaseFile}) but not tagged yet`,
    ...plan.syncTo.map((b) => `commit on ${b} (if .hop/ differs): "${plan.syncMessage}"`),
    `push to ${remote}, atomically:`,
    `  create tag ${plan.tag} on ho-prod ("${plan.tagMessage}")`,
    ...plan.createBranches.map((b) => `  create branch ${b} at ho-prod`),
    ...plan.syncTo.map((b) => `  move branch ${b}`),
    ...plan.deleteBranches.map((b) => `  delete branch ${b}`),
  ].join('\n');
}

/** What finalising `script` will do once its promotion branch `head` is merged (the request's body says it). */
export function finalisationOf(script: PromotionScript, head: string): FinalisationPlan {
  return {
    kind: script.kind === 'hotfix' ? 'hotfix' : 'prod',
    version: script.version,
    releaseFile: script.releaseFile,
    patches: script.patches,
    tag: script.tag,
    tagMessage: script.tagMessage,
    createBranches: script.createBranches,
    deleteBranches: [...script.deleteBranches, head],
    syncTo: script.syncTo,
    syncMessage: script.syncMessage,
  };
}
