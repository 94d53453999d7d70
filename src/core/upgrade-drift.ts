/**
 * Drift: the live schema of a database against the schema its recorded release should
 * have. The expected schema is the recorded dump of the nearest release at or below the
 * database's own (its tag holds `.hop/model/schema-<release>.sql`), plus the releases
 * between that one and the database's (a hotfix that half-orm-dev promoted without a
 * dump): so a database that lacks a hotfix differs from its expected schema. The two are
 * compared by catalog (core/catalog.ts), never by dump text.
 */
import { changeSubject, oneLine, type CatalogChange } from './catalog.js';
import { MODEL_DIR, type ProjectState } from './state.js';
import { compareReleases, formatRelease, releaseTag, tryParseRelease, type ReleaseId } from './version.js';

export type DriftStatus = 'none' | 'drift' | 'allowed' | 'skipped';

export interface DumpCandidate {
  /** The release the dump stands for. */
  release: string;
  id: ReleaseId;
  /** Relative to the project root. */
  path: string;
  /** Where to read it (`v0.1.0`); 0.0.0 has no tag: its dump is on every branch since the initial commit. */
  tag: string | undefined;
}

/**
 * The recorded dumps that may stand for the database's release `id`, nearest first: its
 * own, then each production release or hotfix below it down to the last plain release.
 * (A dump below the last plain release is never needed: each promote prod writes one.)
 */
export function expectedSchemaCandidates(id: ReleaseId, state: Pick<ProjectState, 'production'>): DumpCandidate[] {
  const at = (v: ReleaseId): DumpCandidate => {
    const release = formatRelease(v);
    return { release, id: v, path: `${MODEL_DIR}/schema-${release}.sql`, tag: release === '0.0.0' ? undefined : releaseTag(v) };
  };
  const out = [at(id)];
  if (id.level === 'release') return out;
  const below = state.production.filter((s) => compareReleases(s.id, id) < 0).sort((a, b) => compareReleases(b.id, a.id));
  for (const s of below) {
    out.push(at(s.id));
    if (s.id.level === 'release') return out;
  }
  // No plain release below (a project before its first promote prod): 0.0.0's dump.
  out.push(at(tryParseRelease('0.0.0')!));
  return out;
}

/** How one difference reads for a person: the recorded release is `before`, the live database `after`. */
export function describeDrift(c: CatalogChange): string {
  const subject = changeSubject(c);
  if (c.change === 'added') return `${subject} only in the database`;
  if (c.change === 'dropped') return `${subject} missing from the database`;
  return `${subject}: ${c.property} is ${c.after ? oneLine(c.after) : '(none)'} in the database, ${c.before ? oneLine(c.before) : '(none)'} in the release`;
}

/** The differences as a Markdown table for the job summary. */
export function renderDriftTable(changes: readonly CatalogChange[], against: string): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/`/g, "'");
  const rows = changes.map((c) => {
    const what =
      c.change === 'added'
        ? 'only in the database'
        : c.change === 'dropped'
          ? 'missing from the database'
          : `${c.property}: \`${cell(oneLine(c.before, 80))}\` → \`${cell(oneLine(c.after, 80))}\``;
    return `| ${cell(changeSubject(c))} | ${what} |`;
  });
  return [`### Schema drift against ${against}`, '', '| object | difference (release → database) |', '|---|---|', ...rows, ''].join('\n');
}
