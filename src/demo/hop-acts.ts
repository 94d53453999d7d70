/**
 * What half-orm-dev does on a developer's laptop between two CI stages — create a
 * release, add a patch, merge it, reopen a production release for a hotfix — each with
 * half-orm-dev's commit messages and its `.hop/` sync to every branch (HOP-FORMAT.md).
 * The demo uses these to play the developer; the promotion tests use them to build
 * lifecycles. hop-ci itself never does these acts: they are the developer's.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface HopRepo {
  /** Folder holding both repositories. */
  dir: string;
  /** The bare repository every clone pushes to. */
  origin: string;
  /** The clone that plays half-orm-dev. */
  dev: string;
  cleanup(): void;
}

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Hop Developer',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'Hop Developer',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...IDENTITY },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

function write(repo: HopRepo, rel: string, text: string): void {
  const p = path.join(repo.dev, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
}

/** A bare origin whose `ho-prod` holds the files written by `populate` as the initial commit. */
export function initHopRepo(dir: string, populate: (dev: string) => void): HopRepo {
  const origin = path.join(dir, 'origin.git');
  const dev = path.join(dir, 'dev');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'ho-prod', origin]);
  mkdirSync(dev, { recursive: true });
  git(dev, 'init', '-q', '-b', 'ho-prod');
  populate(dev);
  git(dev, 'add', '-A');
  git(dev, 'commit', '-q', '-m', '[HOP] Initial commit (release: 0.0.0)');
  git(dev, 'remote', 'add', 'origin', origin);
  git(dev, 'push', '-q', 'origin', 'ho-prod');
  return { dir, origin, dev, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function fetchAll(repo: HopRepo): void {
  git(repo.dev, 'fetch', '-q', '--prune', 'origin', '+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*');
}

export function checkoutRemote(repo: HopRepo, branch: string): void {
  git(repo.dev, 'checkout', '-q', '-B', branch, `origin/${branch}`);
}

function originBranches(repo: HopRepo): string[] {
  return git(repo.origin, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/').split('\n').filter(Boolean);
}

/** half-orm-dev's sync: `.hop/` of `source` onto ho-prod and every ho-release/*, ho-patch/* (one commit each), pushed. */
function syncHop(repo: HopRepo, source: string, reason: string): void {
  for (const b of originBranches(repo)) {
    if (b === source || !(b === 'ho-prod' || b.startsWith('ho-release/') || b.startsWith('ho-patch/'))) continue;
    checkoutRemote(repo, b);
    git(repo.dev, 'rm', '-r', '-q', '--', '.hop');
    git(repo.dev, 'checkout', `origin/${source}`, '--', '.hop');
    if (git(repo.dev, 'status', '--porcelain', '--', '.hop') === '') continue;
    git(repo.dev, 'commit', '-q', '-m', `[HOP] Sync .hop/ from ${source} (${reason})`);
    git(repo.dev, 'push', '-q', 'origin', b);
  }
}

function readToml(repo: HopRepo, version: string): string {
  return git(repo.dev, 'show', `HEAD:.hop/releases/${version}-patches.toml`);
}

/** half-orm-dev cuts the sync reason at the first '.' (its quirk Q4): `%0.1.0` → `%0`. */
function syncReason(text: string): string {
  return text.split('.')[0]!;
}

/** `release create`: the TOML on ho-prod, then `ho-release/<version>` from it. */
export function createRelease(repo: HopRepo, version: string): void {
  fetchAll(repo);
  checkoutRemote(repo, 'ho-prod');
  write(repo, `.hop/releases/${version}-patches.toml`, '[patches]\n');
  git(repo.dev, 'add', '-A');
  git(repo.dev, 'commit', '-q', '-m', `[HOP] Create release %${version} branch and patches file`);
  git(repo.dev, 'push', '-q', 'origin', 'ho-prod', `ho-prod:refs/heads/ho-release/${version}`);
  fetchAll(repo);
  syncHop(repo, `ho-release/${version}`, 'create_release');
}

/** `patch create`: the patch as a candidate of `version`, its branch `ho-patch/<id>` with `files` in `Patches/<id>/`. */
export function addPatch(repo: HopRepo, version: string, id: string, files: Record<string, string>): void {
  fetchAll(repo);
  checkoutRemote(repo, `ho-release/${version}`);
  const toml = readToml(repo, version);
  const entry = `[patches.${id}]\nstatus = "candidate"\n`;
  write(repo, `.hop/releases/${version}-patches.toml`, toml.trim() === '[patches]' ? entry : `${toml}\n\n${entry}`);
  git(repo.dev, 'commit', '-q', '-am', `[HOP] Add patch #${id} to %${version} candidates`);
  git(repo.dev, 'push', '-q', 'origin', `ho-release/${version}`);
  syncHop(repo, `ho-release/${version}`, syncReason(`Add patch #${id} to %${version}`));
  checkoutRemote(repo, `ho-release/${version}`);
  git(repo.dev, 'checkout', '-q', '-B', `ho-patch/${id}`);
  for (const [name, text] of Object.entries(files)) write(repo, `Patches/${id}/${name}`, text);
  git(repo.dev, 'add', '-A');
  git(repo.dev, 'commit', '-q', '-m', `${id}: work`);
  git(repo.dev, 'push', '-q', 'origin', `ho-patch/${id}`);
}

/** The developer amends a patch on its branch (a fix after a failed validation). */
export function amendPatch(repo: HopRepo, id: string, files: Record<string, string>, message: string): void {
  fetchAll(repo);
  checkoutRemote(repo, `ho-patch/${id}`);
  for (const [name, text] of Object.entries(files)) write(repo, `Patches/${id}/${name}`, text);
  git(repo.dev, 'commit', '-q', '-am', `${id}: ${message}`);
  git(repo.dev, 'push', '-q', 'origin', `ho-patch/${id}`);
}

/** `patch merge`: the patch branch into its release, folder moved to `Patches/staged/`, status staged; `ho-patch/<id>` becomes `ho-staged/<id>`. */
export function mergePatch(repo: HopRepo, version: string, id: string): void {
  fetchAll(repo);
  checkoutRemote(repo, `ho-release/${version}`);
  const patchTip = git(repo.dev, 'rev-parse', `origin/ho-patch/${id}`);
  git(repo.dev, 'merge', '-q', '--no-edit', `origin/ho-patch/${id}`);
  mkdirSync(path.join(repo.dev, 'Patches/staged'), { recursive: true });
  git(repo.dev, 'mv', `Patches/${id}`, `Patches/staged/${id}`);
  const toml = readToml(repo, version).replace(
    `[patches.${id}]\nstatus = "candidate"`,
    `[patches.${id}]\nstatus = "staged"\nmerge_commit = "${patchTip.slice(0, 8)}"`,
  );
  write(repo, `.hop/releases/${version}-patches.toml`, toml.endsWith('\n') ? toml : `${toml}\n`);
  git(repo.dev, 'add', '-A');
  git(repo.dev, 'commit', '-q', '-m', `[HOP] move patch #${id} from candidate to stage %${version}\nFixes #${id.split('-')[0]}.`);
  git(
    repo.dev,
    'push',
    '-q',
    'origin',
    `ho-release/${version}`,
    `origin/ho-patch/${id}:refs/heads/ho-staged/${id}`,
    `:refs/heads/ho-patch/${id}`,
  );
  fetchAll(repo);
  syncHop(repo, `ho-release/${version}`, syncReason(`move patch #${id} from candidate to stage %${version}`));
}

/** `release hotfix`: `ho-release/<version>` again, from tag v<version>, with an empty TOML. */
export function reopenHotfix(repo: HopRepo, version: string): void {
  fetchAll(repo);
  git(repo.dev, 'checkout', '-q', '-B', `ho-release/${version}`, `v${version}`);
  write(repo, `.hop/releases/${version}-patches.toml`, '[patches]\n');
  git(repo.dev, 'add', '-A');
  git(repo.dev, 'commit', '-q', '-m', `[release] Reopen %${version} for hotfix development`);
  git(repo.dev, 'push', '-q', 'origin', `ho-release/${version}`);
  fetchAll(repo);
  syncHop(repo, `ho-release/${version}`, syncReason(`[release] Reopen %${version}`));
}
