/**
 * Which patches `validate-patch` and `validate-release` apply, in which order, and where
 * each patch's folder is (or which branch has it). Pure: the stages do the applying.
 */
import { HopError } from './errors.js';
import { didYouMean } from './suggest.js';
import { canonicalPatchId, checkPatchId } from './patch-id.js';
import { checkMergeOrder, openHotfix, regularReleases } from './rules.js';
import type { ProjectState, ReleaseInPreparation } from './state.js';
import { baseVersion, tryParseRelease } from './version.js';

export interface PatchStep {
  id: string;
  status: 'staged' | 'candidate' | 'hotfix';
  /** Release the patch belongs to (`0.2.0`, or the hotfix `0.1.0.post1`). */
  release: string;
  /**
   * Folder relative to the root on this checkout, or undefined when this branch lacks it;
   * absolute when a stage extracted it from another branch (then `shownAs` names it).
   */
  folder?: string;
  /** How messages name an extracted folder (`ho-patch/6-comments:Patches/6-comments`). */
  shownAs?: string;
}

export interface ValidatePatchPlan {
  release: string;
  hotfix: boolean;
  patch: PatchStep;
  /** Staged patches and this one, in the release's order (the TOML's). */
  patches: PatchStep[];
}

export interface ValidateReleasePlan {
  release: string;
  hotfix: boolean;
  staged: PatchStep[];
  /** Each one is validated alone on top of `staged`. */
  candidates: PatchStep[];
  /** Smaller releases that still have patches: they are not part of this validation. */
  notIncluded: string[];
}

/** The branch where a patch's folder can be found when this checkout lacks it. */
export function branchHolding(step: Pick<PatchStep, 'id' | 'status' | 'release'>): string {
  if (step.status === 'candidate') return `ho-patch/${step.id}`;
  if (step.status === 'hotfix') return `ho-prod (tag v${step.release})`;
  return `ho-release/${step.release}`;
}

/** Throws when a step's folder is not on this checkout, naming the branch that has it. */
export function requireFolder(step: PatchStep, branch?: string): string {
  if (step.folder) return step.folder;
  const holder = branchHolding(step);
  throw new HopError(
    `patch ${step.id} (${step.status} in ${step.release}) has no folder on this checkout${branch ? ` (${branch})` : ''}: it is on ${holder}`,
    {
      hint: `run on a checkout that has merged it: check out ${holder.split(' ')[0]}${step.status === 'candidate' ? ` or the merge of it into ho-release/${step.release}` : ''}`,
      code: 'patch-folder-missing',
    },
  );
}

function step(state: ProjectState, id: string, status: PatchStep['status'], release: string): PatchStep {
  const folder = state.patchFolders.get(id) ?? state.patchFolders.get(canonicalPatchId(id));
  return { id, status, release, ...(folder ? { folder } : {}) };
}

/**
 * The release's patches in apply order: the TOML's order; a patch that only an RC file
 * of this version lists (a TOML edited by hand) comes first, in RC order. RC files are
 * cumulative, so their lists are deduplicated.
 */
export function releaseOrder(state: ProjectState, rel: ReleaseInPreparation): Array<{ id: string; status: 'staged' | 'candidate' }> {
  const own = rel.patches.map((p) => ({ id: p.id, status: p.status }));
  // A release reopened for a hotfix: its RCs are already in production, hence in the baseline.
  if (rel.hotfix) return own;
  const seen = new Set(rel.patches.map((p) => canonicalPatchId(p.id)));
  const fromRcs: Array<{ id: string; status: 'staged' }> = [];
  for (const rc of state.rcs) {
    if (baseVersion(rc.id) !== rel.version) continue;
    for (const e of rc.patches) {
      const key = canonicalPatchId(e.id);
      if (seen.has(key)) continue;
      seen.add(key);
      fromRcs.push({ id: e.id, status: 'staged' });
    }
  }
  return [...fromRcs, ...own];
}

function findRelease(state: ProjectState, patchId: string): ReleaseInPreparation | undefined {
  const key = canonicalPatchId(patchId);
  return state.inPreparation.find((r) => r.patches.some((p) => canonicalPatchId(p.id) === key));
}

/** The patch id a branch name stands for (`ho-patch/42-x` → `42-x`), when it is a patch branch. */
export function patchFromBranch(branch: string | undefined): string | undefined {
  const m = /^(?:refs\/heads\/)?ho-patch\/(.+)$/.exec(branch ?? '');
  return m ? checkPatchId(m[1]!, { what: `patch id in branch '${branch}'` }) : undefined;
}

export function planValidatePatch(state: ProjectState, patchId: string): ValidatePatchPlan {
  checkPatchId(patchId);
  const rel = findRelease(state, patchId);
  if (!rel) {
    const known = state.inPreparation.flatMap((r) => r.patches.map((p) => ({ id: p.id, where: `${p.status} in ${r.version}` })));
    const guess = didYouMean(
      patchId,
      known.map((k) => k.id),
    );
    const list = known.length
      ? `the patches in preparation: ${known.map((k) => `${k.id} (${k.where})`).join(', ')}`
      : 'no release has patches';
    throw new HopError(`patch ${patchId} is in no release in preparation (.hop/releases/*-patches.toml)${guess ? `: ${guess}` : ''}`, {
      hint: `${list}; check the patch id (--patch), or add it with \`half_orm dev patch create\``,
      code: 'patch-not-in-release',
    });
  }
  const order = checkMergeOrder(state, rel.version);
  if (!order.ok) {
    throw new HopError(`patch ${patchId} cannot be validated for ${rel.version}: ${order.error}`, {
      kind: 'refused',
      hint: `promote or empty ${order.blockers.join(', ')} first; patches are merged release by release, smallest first`,
      code: 'merge-order',
    });
  }
  const key = canonicalPatchId(patchId);
  const patches = releaseOrder(state, rel)
    .filter((p) => p.status === 'staged' || canonicalPatchId(p.id) === key)
    .map((p) => step(state, p.id, p.status, rel.version));
  const patch = patches.find((p) => canonicalPatchId(p.id) === key)!;
  return { release: rel.version, hotfix: rel.hotfix, patch, patches };
}

/**
 * The release to validate: `requested`, else the one the branch names
 * (`ho-release/X.Y.Z`), else the smallest release in preparation (the open hotfix first).
 */
export function pickRelease(state: ProjectState, requested?: string, branch?: string): ReleaseInPreparation {
  const fromBranch = /^(?:refs\/heads\/)?ho-release\/(.+)$/.exec(branch ?? '')?.[1];
  const wanted = requested ?? (fromBranch && tryParseRelease(fromBranch) ? fromBranch : undefined);
  if (wanted !== undefined) {
    const rel = state.inPreparation.find((r) => r.version === wanted);
    if (!rel) {
      throw new HopError(`release ${wanted} is not in preparation (no .hop/releases/${wanted}-patches.toml)`, {
        hint: `releases in preparation: ${state.inPreparation.map((r) => r.version).join(', ') || 'none'}`,
        code: 'release-not-in-preparation',
      });
    }
    return rel;
  }
  const rel = openHotfix(state) ?? regularReleases(state)[0];
  if (!rel) {
    throw new HopError('no release in preparation: nothing to validate', {
      hint: 'create one with `half_orm dev release create`',
      code: 'no-release',
    });
  }
  return rel;
}

export function planValidateRelease(state: ProjectState, rel: ReleaseInPreparation): ValidateReleasePlan {
  const order = releaseOrder(state, rel);
  const merge = checkMergeOrder(state, rel.version);
  return {
    release: rel.version,
    hotfix: rel.hotfix,
    staged: order.filter((p) => p.status === 'staged').map((p) => step(state, p.id, 'staged', rel.version)),
    candidates: order.filter((p) => p.status === 'candidate').map((p) => step(state, p.id, 'candidate', rel.version)),
    notIncluded: merge.ok ? [] : merge.blockers,
  };
}

/** The baseline's hotfix patches as steps (folders looked up on this checkout). */
export function hotfixStep(state: ProjectState, id: string, release: string): PatchStep {
  return step(state, id, 'hotfix', release);
}
