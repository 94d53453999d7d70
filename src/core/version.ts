/**
 * Release ids and their order. hop names releases `X.Y.Z`, candidates `X.Y.Z-rcN`,
 * hotfixes `X.Y.Z-hotfixN` (hop up to 1.0.0-a18) or `X.Y.Z.postN` (later). semver alone
 * would put `1.2.0-hotfix1` before `1.2.0`, so the order is our own:
 * `X.Y.Z-rcN` < `X.Y.Z` < `X.Y.Z-hotfix1` = `X.Y.Z.post1` < `X.Y.Z-hotfix2` < `X.Y.(Z+1)`.
 */
import { HopError } from './errors.js';

export type ReleaseLevel = 'rc' | 'release' | 'hotfix';
/** How a repository spells its hotfixes. */
export type HotfixNaming = 'hotfix' | 'post';

export interface ReleaseId {
  major: number;
  minor: number;
  patch: number;
  level: ReleaseLevel;
  /** rc or hotfix number; 0 for a release. */
  n: number;
  /** Only for hotfixes: the spelling used. */
  naming?: HotfixNaming;
}

const RELEASE_RE = /^v?(\d+)\.(\d+)\.(\d+)(?:-rc(\d+)|-hotfix(\d+)|\.post(\d+))?$/;
const LEVEL_RANK: Record<ReleaseLevel, number> = { rc: 0, release: 1, hotfix: 2 };

/** Parses a release id, or returns undefined when the text is not one. */
export function tryParseRelease(text: string): ReleaseId | undefined {
  const m = RELEASE_RE.exec(text.trim());
  if (!m) return undefined;
  const base = { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) };
  if (m[4] !== undefined) return { ...base, level: 'rc', n: Number(m[4]) };
  if (m[5] !== undefined) return { ...base, level: 'hotfix', n: Number(m[5]), naming: 'hotfix' };
  if (m[6] !== undefined) return { ...base, level: 'hotfix', n: Number(m[6]), naming: 'post' };
  return { ...base, level: 'release', n: 0 };
}

export function parseRelease(text: string, what = 'version'): ReleaseId {
  const v = tryParseRelease(text);
  if (!v) {
    throw new HopError(`invalid ${what} '${text}'`, {
      hint: 'write a release as X.Y.Z, X.Y.Z-rcN, X.Y.Z-hotfixN or X.Y.Z.postN',
      code: 'invalid-version',
    });
  }
  return v;
}

export function compareReleases(a: ReleaseId, b: ReleaseId): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.n - b.n;
}

/** The id as hop writes it in file names (`1.3.0`, `1.3.0-rc2`, `1.3.0.post1`). */
export function formatRelease(v: ReleaseId): string {
  const base = baseVersion(v);
  if (v.level === 'rc') return `${base}-rc${v.n}`;
  if (v.level === 'hotfix') return v.naming === 'post' ? `${base}.post${v.n}` : `${base}-hotfix${v.n}`;
  return base;
}

/** `X.Y.Z` of any release id. */
export function baseVersion(v: ReleaseId): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}

export function releaseTag(v: ReleaseId): string {
  return `v${formatRelease(v)}`;
}
