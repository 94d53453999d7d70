/**
 * The upgrade plan as data (releases, patches, files with their checksums, the parts each
 * release runs in) and as text for people: the `--dry-run` print, the job summary, and the
 * restore instructions of a failure.
 */
import type { PatchFileKind } from './patch-files.js';
import { describeAtomicity, type PartSummary } from './release-parts.js';
import type { PlannedRelease } from './upgrade-plan.js';

export interface UpgradeFilePlan {
  patch: string;
  name: string;
  kind: PatchFileKind;
  /** Path in the repository at the release's tag. */
  path: string;
  sha256: string;
}

export interface UpgradeReleasePlan extends PlannedRelease {
  /** The commit the tag points to. */
  commit: string;
  files: UpgradeFilePlan[];
  /** The parts it runs in, in order (src/core/release-parts.ts). */
  parts: PartSummary[];
  /** Files of the patch folders that are neither run nor README.md. */
  ignored: string[];
}

export interface AppliedRelease {
  release: string;
  patches: string[];
  durationMs: number;
}

export function renderUpgradePlan(from: string, releases: UpgradeReleasePlan[]): string {
  if (releases.length === 0) return `The database is at ${from}: nothing to apply.`;
  const to = releases[releases.length - 1]!.release;
  const lines = [`Upgrade ${from} → ${to}: ${releases.length} release${releases.length > 1 ? 's' : ''}`];
  for (const r of releases) {
    lines.push(`  ${r.release} (tag ${r.tag} at ${r.commit.slice(0, 12)})${r.patches.length ? '' : ': no new patch'}`);
    if (r.alreadyApplied.length) lines.push(`    already applied through an rc: ${r.alreadyApplied.join(', ')}`);
    for (const patch of r.patches) {
      lines.push(`    ${patch}`);
      for (const f of r.files.filter((x) => x.patch === patch)) lines.push(`      ${f.name}  sha256:${f.sha256}`);
    }
    if (r.parts.length > 1) lines.push(`    ${describeAtomicity(r.release, r.parts)}`);
    for (const name of r.ignored) lines.push(`    ignored: ${name}`);
  }
  return lines.join('\n');
}

/** One line per release that does not run as one transaction: what a failure would leave. */
export function atomicityNotes(releases: Array<Pick<UpgradeReleasePlan, 'release' | 'parts'>>): string[] {
  return releases.filter((r) => r.parts.length > 1).map((r) => describeAtomicity(r.release, r.parts));
}

/** Table of what ran (or would run), for the job summary. */
export function renderUpgradeSummary(title: string, from: string, to: string, rows: AppliedRelease[], notes: string[] = []): string {
  return [
    `### ${title}`,
    `From **${from}** to **${to}**`,
    '',
    ...(rows.length
      ? [
          '| release | patches | seconds |',
          '|---|---|---|',
          ...rows.map((r) => `| ${r.release} | ${r.patches.join(', ') || '—'} | ${(r.durationMs / 1000).toFixed(2)} |`),
          '',
        ]
      : ['Nothing to apply.', '']),
    ...notes.map((n) => `- ${n}`),
  ].join('\n');
}

/**
 * The exact command that puts the backup back. The connection is a placeholder: the URL
 * is a secret and never printed.
 */
export function restoreCommand(backupPath: string): string {
  return `pg_restore --clean --if-exists --single-transaction --exit-on-error --dbname "$DATABASE_URL" '${backupPath.replace(/'/g, `'\\''`)}'`;
}
