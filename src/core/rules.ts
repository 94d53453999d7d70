/**
 * The rules of the hop workflow (HOP-FORMAT.md, "The rules of the workflow"): which
 * release each promotion acts on now, or why none; numbering; merge order; upgrade path.
 */
import { HopError } from './errors.js';
import { didYouMean } from './suggest.js';
import type { ProjectState, ReleaseInPreparation, ReleaseSnapshot } from './state.js';
import { compareReleases, formatRelease, parseRelease, releaseTag, type ReleaseId } from './version.js';

export type PromotionKind = 'rc' | 'prod' | 'hotfix';

export interface PromotionTarget {
  kind: PromotionKind;
  release: ReleaseInPreparation;
  /** The id the promotion writes: `1.4.0-rc3`, `1.4.0`, `1.3.0.post1`. */
  id: ReleaseId;
  version: string;
  tag: string;
  /** The snapshot file it writes, relative to the root. */
  file: string;
}

export interface PromotionRefusal {
  kind: PromotionKind;
  error: string;
  hint?: string;
}

export type PromotionPlan = PromotionTarget | PromotionRefusal;

export function isRefusal(p: PromotionPlan): p is PromotionRefusal {
  return 'error' in p;
}

/** Releases in preparation that are not a production release reopened for a hotfix. */
export function regularReleases(state: ProjectState): ReleaseInPreparation[] {
  return state.inPreparation.filter((r) => !r.hotfix);
}

export function openHotfix(state: ProjectState): ReleaseInPreparation | undefined {
  return state.inPreparation.find((r) => r.hotfix);
}

export function stagedPatches(rel: ReleaseInPreparation) {
  return rel.patches.filter((p) => p.status === 'staged');
}

export function candidatePatches(rel: ReleaseInPreparation) {
  return rel.patches.filter((p) => p.status === 'candidate');
}

export function nextRcNumber(state: ProjectState, version: string): number {
  const ns = state.rcs.filter((r) => formatRelease({ ...r.id, level: 'release', n: 0 }) === version).map((r) => r.id.n);
  return ns.length ? Math.max(...ns) + 1 : 1;
}

export function nextHotfixId(state: ProjectState, version: string): ReleaseId {
  const base = parseRelease(version);
  const ns = state.production
    .filter((p) => p.kind === 'hotfix' && p.id.major === base.major && p.id.minor === base.minor && p.id.patch === base.patch)
    .map((p) => p.id.n);
  return { ...base, level: 'hotfix', n: ns.length ? Math.max(...ns) + 1 : 1, naming: state.hotfixNaming };
}

function refuse(kind: PromotionKind, error: string, hint?: string): PromotionRefusal {
  return { kind, error, ...(hint ? { hint } : {}) };
}

function target(kind: PromotionKind, release: ReleaseInPreparation, id: ReleaseId): PromotionTarget {
  const version = formatRelease(id);
  return { kind, release, id, version, tag: releaseTag(id), file: `.hop/releases/${version}.txt` };
}

/** When the user names a release, it must be the one the rules pick. */
function checkRequested(kind: PromotionKind, picked: ReleaseInPreparation, requested?: string): PromotionRefusal | undefined {
  if (requested === undefined || requested === picked.version) return undefined;
  return refuse(
    kind,
    `release ${requested} cannot be promoted to ${kind} now: ${picked.version} comes first`,
    `promote ${picked.version} first (only the smallest release in preparation may be promoted)`,
  );
}

export function planPromoteRc(state: ProjectState, requested?: string): PromotionPlan {
  const rel = regularReleases(state)[0];
  if (!rel) return refuse('rc', 'no release in preparation', 'create one with `half_orm dev release create`');
  const wrong = checkRequested('rc', rel, requested);
  if (wrong) return wrong;
  if (stagedPatches(rel).length === 0) {
    return refuse(
      'rc',
      `release ${rel.version} has no staged patches`,
      `merge a patch into ho-release/${rel.version} first (\`half_orm dev patch merge\`)`,
    );
  }
  return target('rc', rel, { ...rel.id, level: 'rc', n: nextRcNumber(state, rel.version) });
}

export function planPromoteProd(state: ProjectState, requested?: string): PromotionPlan {
  const rel = regularReleases(state)[0];
  if (!rel) return refuse('prod', 'no release in preparation', 'create one with `half_orm dev release create`');
  const wrong = checkRequested('prod', rel, requested);
  if (wrong) return wrong;
  const hotfix = openHotfix(state);
  if (hotfix) {
    return refuse(
      'prod',
      `hotfix ${hotfix.version} is open: production must get it before ${rel.version}`,
      `promote the hotfix first (promote-hotfix), then merge ho-prod into ho-release/${rel.version}`,
    );
  }
  const candidates = candidatePatches(rel);
  if (candidates.length) {
    return refuse(
      'prod',
      `release ${rel.version} still has candidate patches: ${candidates.map((p) => p.id).join(', ')}`,
      `merge them (\`half_orm dev patch merge\`) or move them to a later release before promoting to production`,
    );
  }
  if (stagedPatches(rel).length === 0) {
    return refuse('prod', `release ${rel.version} has no staged patches`, `merge a patch into ho-release/${rel.version} first`);
  }
  return target('prod', rel, rel.id);
}

export function planPromoteHotfix(state: ProjectState, requested?: string): PromotionPlan {
  const rel = openHotfix(state);
  if (!rel) {
    return refuse('hotfix', 'no production release is reopened for a hotfix', 'reopen it with `half_orm dev release hotfix`');
  }
  const wrong = checkRequested('hotfix', rel, requested);
  if (wrong) return wrong;
  const current = state.current;
  if (!current || current.id.major !== rel.id.major || current.id.minor !== rel.id.minor || current.id.patch !== rel.id.patch) {
    return refuse(
      'hotfix',
      `release ${rel.version} is reopened for a hotfix but is not the production release (production is ${current?.release ?? 'none'})`,
      `only the current production release can be reopened; remove ${rel.file} or reopen ${current?.release ?? 'the production release'}`,
    );
  }
  if (candidatePatches(rel).length) {
    return refuse(
      'hotfix',
      `hotfix ${rel.version} still has candidate patches: ${candidatePatches(rel)
        .map((p) => p.id)
        .join(', ')}`,
      'merge or remove them first',
    );
  }
  if (stagedPatches(rel).length === 0) {
    return refuse('hotfix', `hotfix ${rel.version} has no staged patches`, `merge a patch into ho-release/${rel.version} first`);
  }
  return target('hotfix', rel, nextHotfixId(state, rel.version));
}

export function planPromotion(state: ProjectState, kind: PromotionKind, requested?: string): PromotionPlan {
  if (kind === 'rc') return planPromoteRc(state, requested);
  if (kind === 'prod') return planPromoteProd(state, requested);
  return planPromoteHotfix(state, requested);
}

export type MergeCheck = { ok: true } | { ok: false; error: string; blockers: string[] };

/** A patch may not be merged into release V while a smaller release still has patches. */
export function checkMergeOrder(state: ProjectState, version: string): MergeCheck {
  const v = parseRelease(version);
  const blockers = state.inPreparation.filter((r) => compareReleases(r.id, v) < 0 && r.patches.length > 0);
  if (blockers.length === 0) return { ok: true };
  return {
    ok: false,
    blockers: blockers.map((b) => b.version),
    error: `release ${blockers.map((b) => b.version).join(', ')} still has patches: finish ${blockers.length > 1 ? 'them' : 'it'} before merging into ${version}`,
  };
}

export interface UpgradeOptions {
  /** Target release; default the latest production release or hotfix (or rc with includeRc). */
  to?: string;
  includeRc?: boolean;
}

/** Every release to apply, in order, to go from `from` to the target. */
/**
 * `--from` as a person typed it: a release of this repository (production, hotfix or rc),
 * or one older than all of them (a database from before the first release, 0.0.0). Any
 * other is a typo or another project's release: planning from it would say "nothing to
 * apply" with no word on why.
 */
export function checkKnownStart(state: ProjectState, from: string): void {
  const start = parseRelease(from, 'starting version');
  const known = [...state.production, ...state.rcs].sort((a, b) => compareReleases(a.id, b.id));
  if (known.length === 0 || compareReleases(start, known[0]!.id) < 0) return;
  if (known.some((r) => compareReleases(r.id, start) === 0)) return;
  const guess = didYouMean(
    from,
    known.map((r) => r.release),
  );
  throw new HopError(`release ${from} (--from) is not a release of this project${guess ? `: ${guess}` : ''}`, {
    hint: `known releases: ${known.map((r) => r.release).join(', ')}`,
    code: 'unknown-start',
  });
}

export function upgradePath(state: ProjectState, from: string, options: UpgradeOptions = {}): ReleaseSnapshot[] {
  const start = parseRelease(from, 'starting version');
  const all = [...state.production, ...(options.includeRc ? state.rcs : [])].sort((a, b) => compareReleases(a.id, b.id));
  let end: ReleaseId | undefined;
  if (options.to !== undefined) {
    const wanted = parseRelease(options.to, 'target release');
    const found = all.find((r) => compareReleases(r.id, wanted) === 0);
    if (!found) {
      throw new HopError(
        `release ${options.to} is not a known ${options.includeRc ? 'production, hotfix or rc' : 'production or hotfix'} release`,
        {
          hint: `known: ${all.map((r) => r.release).join(', ') || 'none'}${options.includeRc ? '' : ' (add --include-rc for release candidates)'}`,
          code: 'unknown-target',
        },
      );
    }
    end = found.id;
    if (compareReleases(end, start) < 0) {
      throw new HopError(`cannot go down from ${from} to ${options.to}`, {
        kind: 'refused',
        hint: 'an upgrade only moves forward; restore a backup to go back',
        code: 'downgrade',
      });
    }
  }
  return all.filter((r) => compareReleases(r.id, start) > 0 && (!end || compareReleases(r.id, end) <= 0));
}
