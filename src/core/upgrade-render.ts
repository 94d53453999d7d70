/**
 * The upgrade plan as data (releases, patches, files with their checksums, the steps that
 * run after each release's transaction) and as text for people: the `--dry-run` print,
 * the job summary, and the restore instructions of a failure.
 */
import type { PatchFileKind } from './patch-files.js';
import type { PostCommitStep } from './upgrade-ledger.js';
import type { PlannedRelease } from './upgrade-plan.js';
import { LEDGER_TABLE } from './upgrade-ledger.js';
import { baseVersion, tryParseRelease } from './version.js';

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
  steps: PostCommitStep[];
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
    for (const s of r.steps) lines.push(`    after commit: ${s.what} (${s.patch}/${s.file}:${s.line})`);
    for (const name of r.ignored) lines.push(`    ignored: ${name}`);
  }
  return lines.join('\n');
}

/** Table of what ran (or would run), for the job summary. */
export function renderUpgradeSummary(title: string, from: string, to: string, rows: AppliedRelease[], notes: string[] = []): string {
  const hotfix = rows.length ? hotfixLevelNote(to) : undefined;
  if (hotfix) notes = [...notes, hotfix];
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

/**
 * half_orm_meta.hop_release cannot hold a hotfix level (HOP-FORMAT.md), so a database
 * upgraded to `X.Y.Z.postN` still reads `X.Y.Z` to half-orm-dev, whose own upgrade would
 * apply the hotfix again: said where the user sees the upgrade's result.
 */
export function hotfixLevelNote(to: string): string | undefined {
  const id = tryParseRelease(to);
  if (id?.level !== 'hotfix') return undefined;
  const base = baseVersion(id);
  return (
    `**${to} is a hotfix level, which half-orm-dev cannot record**: \`half_orm_meta.hop_release\` still says ${base} ` +
    `(hop-ci's own record, \`${LEDGER_TABLE}\`, says ${to}). Upgrade this database with hop-ci only: ` +
    `\`half_orm dev upgrade\` would read ${base} and apply ${to}'s patches again.`
  );
}
