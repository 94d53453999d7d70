/**
 * Commit and tag messages of promotions, worded exactly as half-orm-dev writes them
 * (HOP-FORMAT.md, checked against the real fixtures), so that a history made by hop-ci
 * reads the same as one made by hand.
 */

/** `[HOP] Promote release %0.1.0 to RC 1` */
export function rcCommitMessage(version: string, n: number): string {
  return `[HOP] Promote release %${version} to RC ${n}`;
}

/** `[HOP] Promote release %0.1.0 to production` */
export function prodCommitMessage(version: string): string {
  return `[HOP] Promote release %${version} to production`;
}

/** `[release] Merge hotfix %0.1.0.post1` */
export function hotfixMergeMessage(hotfix: string): string {
  return `[release] Merge hotfix %${hotfix}`;
}

/** `[HOP] Finalize hotfix %0.1.0.post1 release files` */
export function hotfixFinalizeMessage(hotfix: string): string {
  return `[HOP] Finalize hotfix %${hotfix} release files`;
}

/** `[HOP] Sync .hop/ from ho-release/0.1.0 (promote 0.1.0 to rc)` */
export function syncCommitMessage(sourceBranch: string, reason: string): string {
  return `[HOP] Sync .hop/ from ${sourceBranch} (${reason})`;
}

/** The reason half-orm-dev puts in the sync commits of each promotion. */
export function syncReason(kind: 'rc' | 'prod' | 'hotfix', version: string): string {
  if (kind === 'rc') return `promote ${version} to rc`; // verbatim from the fixtures
  if (kind === 'prod') return `promote ${version} to prod`;
  return `hotfix ${version}`; // release_manager.py promote_to_hotfix: reason=f"hotfix {version}.post{post_num}"
}

/** Annotated tag messages: `Release Candidate %0.1.0`, `Production release %0.1.0`, `Hotfix release %0.1.0.post1`. */
export function tagMessage(kind: 'rc' | 'prod' | 'hotfix', baseVersion: string, written: string): string {
  if (kind === 'rc') return `Release Candidate %${baseVersion}`;
  if (kind === 'prod') return `Production release %${baseVersion}`;
  return `Hotfix release %${written}`;
}
