/**
 * What `generate` learns from the repository: where the git top level is (the workflows
 * go there), which CI provider it uses, and how its Python project is installed.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseHopConfig } from '../core/config.js';
import type { Provider } from './options.js';
import { GITHUB_FILES, GITLAB_COMPONENT_FILE } from './targets.js';

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  );
}

/** The nearest folder at or above `root` holding `.git` (a folder, or a file for worktrees), or undefined. */
export async function findGitTop(root: string): Promise<string | undefined> {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    if (await exists(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The url of the remote `origin` (else the first remote) in the repository's git config. */
export async function gitRemoteUrl(gitTop: string): Promise<string | undefined> {
  let gitDir = path.join(gitTop, '.git');
  try {
    if ((await fs.stat(gitDir)).isFile()) {
      const m = /^gitdir:\s*(.+)$/m.exec(await fs.readFile(gitDir, 'utf8'));
      if (!m) return undefined;
      gitDir = path.resolve(gitTop, m[1]!.trim());
      // A worktree keeps its config in the common git folder.
      const common = await fs.readFile(path.join(gitDir, 'commondir'), 'utf8').catch(() => undefined);
      if (common) gitDir = path.resolve(gitDir, common.trim());
    }
    const urls = remoteUrls(await fs.readFile(path.join(gitDir, 'config'), 'utf8'));
    return urls.get('origin') ?? urls.values().next().value;
  } catch {
    return undefined;
  }
}

/**
 * Remote name → url, from git's config format. Not `parseIni`: git indents its keys,
 * which configparser's rules would read as continuation lines.
 */
export function remoteUrls(configText: string): Map<string, string> {
  const urls = new Map<string, string>();
  let remote: string | undefined;
  for (const line of configText.split(/\r?\n/)) {
    const section = /^\s*\[\s*([^\]\s"]+)(?:\s+"([^"]*)")?\s*\]/.exec(line);
    if (section) {
      remote = section[1]!.toLowerCase() === 'remote' ? section[2] : undefined;
      continue;
    }
    const url = /^\s*url\s*=\s*(.*?)\s*$/i.exec(line);
    if (remote !== undefined && url && !urls.has(remote)) urls.set(remote, url[1]!);
  }
  return urls;
}

export function providerOfUrl(url: string | undefined): Provider | undefined {
  if (!url) return undefined;
  if (/github/i.test(url)) return 'github';
  if (/gitlab/i.test(url)) return 'gitlab';
  return undefined;
}

export interface Detection {
  providers: Provider[] | undefined;
  /** What was looked at, for the error when nothing was found. */
  hint: string;
}

/**
 * The providers to generate for when neither --provider nor `.hop/ci.toml` says:
 * 1. those whose hop-ci files are already there (an earlier `generate` chose them);
 * 2. else the host of the git remote (`.git/config`, then `git_origin` in `.hop/config`);
 * 3. else the CI files present (`.github/workflows/`, `.gitlab-ci.yml`).
 */
export async function detectProviders(gitTop: string, projectRoot: string): Promise<Detection> {
  const generated: Provider[] = [];
  if ((await Promise.all(GITHUB_FILES.map((f) => exists(path.join(gitTop, f.output))))).some(Boolean)) generated.push('github');
  if (await exists(path.join(gitTop, GITLAB_COMPONENT_FILE))) generated.push('gitlab');
  if (generated.length) return { providers: generated, hint: '' };

  const gitUrl = await gitRemoteUrl(gitTop);
  const hopUrl = await fs
    .readFile(path.join(projectRoot, '.hop', 'config'), 'utf8')
    .then((t) => parseHopConfig(t).gitOrigin)
    .catch(() => undefined);
  const fromUrl = providerOfUrl(gitUrl) ?? providerOfUrl(hopUrl);
  if (fromUrl) return { providers: [fromUrl], hint: '' };

  const present: Provider[] = [];
  if (await exists(path.join(gitTop, '.github', 'workflows'))) present.push('github');
  if (await exists(path.join(gitTop, '.gitlab-ci.yml'))) present.push('gitlab');
  if (present.length) return { providers: present, hint: '' };
  // Never echo the URL itself: it may carry a token.
  return {
    providers: undefined,
    hint: `neither the git remote nor git_origin in .hop/config names github or gitlab${gitUrl || hopUrl ? '' : ' (there is no remote)'}, and there is no .github/workflows/ or .gitlab-ci.yml`,
  };
}

export async function pythonFacts(projectRoot: string): Promise<{ hasPythonPackaging: boolean; hasRequirementsTxt: boolean }> {
  const [pyproject, setupPy, requirements] = await Promise.all(
    ['pyproject.toml', 'setup.py', 'requirements.txt'].map((f) => exists(path.join(projectRoot, f))),
  );
  return { hasPythonPackaging: Boolean(pyproject || setupPy), hasRequirementsTxt: Boolean(requirements) };
}
