/**
 * The upgrade plan as data (releases, patches, files with their checksums, the parts each
 * release runs in) and as text for people: the `--dry-run` print, the job summary, and the
 * restore instructions of a failure.
 */
import type { PatchFileKind } from './patch-files.js';
import { describeReleaseLocks, type ReleaseLocks } from './release-locks.js';
import { describeAtomicity, type PartSummary } from './release-parts.js';
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
  /** The parts it runs in, in order (src/core/release-parts.ts). */
  parts: PartSummary[];
  /** Files of the patch folders that are neither run nor README.md. */
  ignored: string[];
  /** The table-level locks it takes on tables that existed before it (the dry-run and `plan --from` read them). */
  locks?: ReleaseLocks;
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
    if (r.locks) lines.push(`    ${describeReleaseLocks(r.release, r.locks)}`);
    for (const name of r.ignored) lines.push(`    ignored: ${name}`);
  }
  return lines.join('\n');
}

/** One line per release that does not run as one transaction: what a failure would leave. */
export function atomicityNotes(releases: Array<Pick<UpgradeReleasePlan, 'release' | 'parts'>>): string[] {
  return releases.filter((r) => r.parts.length > 1).map((r) => describeAtomicity(r.release, r.parts));
}

/** One line per release whose locks were read: what production's traffic will wait on. */
export function lockNotes(releases: Array<Pick<UpgradeReleasePlan, 'release' | 'locks'>>): string[] {
  return releases.flatMap((r) => (r.locks ? [describeReleaseLocks(r.release, r.locks)] : []));
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

export interface FailureAdvice {
  /** The release the database was on before the run. */
  from: string;
  /** Releases this run applied (committed) before the failure. */
  applied: string[];
  /** Whether anything was committed (a release, or a post-commit step of one). */
  committed: boolean;
  backup?: { path: string; encrypted: boolean };
  serverMajor: number;
}

/** What to do after a failed upgrade: the restore command only when there is something to undo. */
export function renderFailureAdvice(a: FailureAdvice): string {
  if (!a.committed) {
    return `nothing was committed: the database is still at ${a.from}, no restore is needed; fix it in a new release and run the upgrade again`;
  }
  const kept = a.applied.length ? `releases ${a.applied.join(', ')} stay applied; ` : '';
  const back = a.backup
    ? `to go back to ${a.from} instead, with DATABASE_URL set to the database's URL (this restores hop-ci's record too): ${restoreCommand(a.backup, a.serverMajor)}`
    : 'no backup was taken (--skip-backup)';
  return `${kept}fix it in a new release and run the upgrade again (it resumes where it stopped); ${back}`;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The exact command that puts the backup back, in one transaction (it fails whole or not
 * at all). `pg_restore --clean` cannot do it: it drops only what the backup knows, and a
 * table a committed release added with a foreign key to an older one blocks the drop of
 * that key. So every schema goes (CASCADE), `public` comes back as initdb makes it, and
 * the archive is replayed as SQL. The SQL holds no single quote: it sits in shell quotes.
 * The connection is a placeholder: the URL is a secret and never printed.
 */
export function restoreCommand(backup: { path: string; encrypted: boolean }, serverMajor: number): string {
  const source = backup.encrypted
    ? `age -d -i "$AGE_KEY_FILE" ${shellQuote(backup.path)} | pg_restore -f -`
    : `pg_restore -f - ${shellQuote(backup.path)}`;
  const dropSchemas =
    'DO $do$DECLARE s name; BEGIN FOR s IN SELECT nspname FROM pg_namespace WHERE nspname !~ $r$^pg_$r$ AND nspname <> $i$information_schema$i$ ' +
    'LOOP EXECUTE format($f$DROP SCHEMA %I CASCADE$f$, s); END LOOP; END$do$';
  // PostgreSQL 15 made public belong to pg_database_owner with USAGE only for PUBLIC; before, CREATE too.
  const publicSchema =
    serverMajor >= 15
      ? 'CREATE SCHEMA public AUTHORIZATION pg_database_owner; GRANT USAGE ON SCHEMA public TO PUBLIC; COMMENT ON SCHEMA public IS $c$standard public schema$c$'
      : 'CREATE SCHEMA public; GRANT ALL ON SCHEMA public TO PUBLIC; COMMENT ON SCHEMA public IS $c$standard public schema$c$';
  return `${source} | psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 --single-transaction -c '${dropSchemas}' -c '${publicSchema}' -f -`;
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
