/**
 * `.hop/` is the same on every branch (HOP-FORMAT.md): after a promotion changes it, the
 * folder is copied from the branch the promotion worked on to `ho-prod` and every active
 * `ho-release/*` and `ho-patch/*` branch. `ho-staged/*` branches are frozen and never synced
 * (the fixtures show them keeping the `.hop/` of the moment they were merged).
 */

const RELEASE_FILE_VERSION = /^\.hop\/releases\/(\d+\.\d+\.\d+)[-.]/;

/** Branches (short names) that receive the synced `.hop/`, in a stable order. */
export function syncTargets(remoteBranches: readonly string[], source: string, excluded: readonly string[] = []): string[] {
  const skip = new Set([source, ...excluded]);
  const prod = remoteBranches.includes('ho-prod') && !skip.has('ho-prod') ? ['ho-prod'] : [];
  const pick = (prefix: string) => remoteBranches.filter((b) => b.startsWith(prefix) && !skip.has(b)).sort();
  return [...prod, ...pick('ho-release/'), ...pick('ho-patch/')];
}

/**
 * Files of the target's `.hop/` to delete after copying the source's over it: those the
 * source does not have — except release files of versions the source knows nothing about,
 * which half-orm-dev keeps so that a sync never erases another release's state.
 * Paths are relative to the project root (`.hop/...`).
 */
export function syncRemovals(sourceFiles: readonly string[], targetFiles: readonly string[]): string[] {
  const source = new Set(sourceFiles);
  const sourceVersions = new Set<string>();
  for (const f of sourceFiles) {
    const m = RELEASE_FILE_VERSION.exec(f);
    if (m) sourceVersions.add(m[1]!);
  }
  return targetFiles
    .filter((f) => !source.has(f))
    .filter((f) => {
      const m = RELEASE_FILE_VERSION.exec(f);
      return !m || sourceVersions.has(m[1]!);
    })
    .sort();
}
