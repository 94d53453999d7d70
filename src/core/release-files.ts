/**
 * What a file name in `.hop/releases/` means. Every variant half-orm-dev has written is
 * recognised; anything else is an error, so that a typo is not silently ignored.
 */
import { HopError } from './errors.js';
import { parseRelease, type ReleaseId } from './version.js';

export type ReleaseFileKind =
  | 'patches-toml' // X.Y.Z-patches.toml: release in preparation
  | 'rc' // X.Y.Z-rcN.txt
  | 'production' // X.Y.Z.txt
  | 'hotfix' // X.Y.Z-hotfixN.txt or X.Y.Z.postN.txt
  | 'legacy-candidates' // X.Y.Z-candidates.txt (hop <= 0.16)
  | 'legacy-stage'; // X.Y.Z-stage.txt (hop <= 0.16)

export interface ReleaseFileName {
  name: string;
  kind: ReleaseFileKind;
  /** The release id the name carries (for rc and hotfix files, with its level). */
  release: ReleaseId;
}

const V = String.raw`\d+\.\d+\.\d+`;
const PATTERNS: Array<[RegExp, ReleaseFileKind]> = [
  [new RegExp(`^(${V})-patches\\.toml$`), 'patches-toml'],
  [new RegExp(`^(${V}-rc\\d+)\\.txt$`), 'rc'],
  [new RegExp(`^(${V}(?:-hotfix\\d+|\\.post\\d+))\\.txt$`), 'hotfix'],
  [new RegExp(`^(${V})-candidates\\.txt$`), 'legacy-candidates'],
  [new RegExp(`^(${V})-stage\\.txt$`), 'legacy-stage'],
  [new RegExp(`^(${V})\\.txt$`), 'production'],
];

/** Names that may sit in `.hop/releases/` and mean nothing to the state. */
const IGNORED = new Set(['README.md', '.gitkeep']);

export function isIgnoredReleaseFile(name: string): boolean {
  return IGNORED.has(name);
}

export function classifyReleaseFile(name: string, dir = '.hop/releases'): ReleaseFileName {
  for (const [re, kind] of PATTERNS) {
    const m = re.exec(name);
    if (m) return { name, kind, release: parseRelease(m[1]!) };
  }
  throw new HopError(`${dir}/${name}: unrecognised file name`, {
    file: `${dir}/${name}`,
    hint: 'release files are X.Y.Z-patches.toml, X.Y.Z-rcN.txt, X.Y.Z.txt, X.Y.Z-hotfixN.txt or X.Y.Z.postN.txt; move other files out of .hop/releases/',
    code: 'unknown-release-file',
  });
}
