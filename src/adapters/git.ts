/**
 * The Git port over the git CLI (@actions/exec, silent: git's own output never reaches the
 * logs, so neither does a URL with credentials). Works in a CI checkout: detached HEAD,
 * shallow clone (deepened when a promotion needs history), hooks of the user's repository
 * disabled for hop-ci's own commits and pushes.
 */
import { getExecOutput } from '@actions/exec';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { HopError } from '../core/errors.js';
import type { Git, GitIdentity, GitWorktree, RefUpdate } from '../ports.js';
import { onInterrupt } from './postgres/exit-cleanup.js';
import { makeTempFolder, type TempFolder } from './temp-folders.js';

/** Where fetched remote refs are kept, apart from the user's `refs/remotes/`. */
const NAMESPACE = 'refs/hop-ci/';

export interface GitCliOptions {
  /** The process environment (adapters never read `process.env` themselves). */
  env: Readonly<Record<string, string | undefined>>;
  /** A token to push with over HTTPS; sent as an HTTP header, never in argv or logs. */
  token?: string;
  /** The basic-auth user the host expects with that token: GitHub `x-access-token`, GitLab `oauth2`. */
  tokenUser?: string;
}

/** Removes credentials from text git printed (`https://user:secret@host/…`). */
export function scrubCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@').replace(/(authorization:\s*\w+\s+)\S+/gi, '$1***');
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class GitCli implements Git {
  private readonly env: Record<string, string>;

  constructor(options: GitCliOptions) {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(options.env)) if (v !== undefined) env[k] = v;
    // English messages (we read a few), never a credential prompt in CI.
    env['LC_ALL'] = 'C';
    env['GIT_TERMINAL_PROMPT'] = '0';
    this.env = env;
    this.token = options.token;
    this.tokenUser = options.tokenUser ?? 'x-access-token';
  }

  private readonly token: string | undefined;
  private readonly tokenUser: string;
  private authDecided = false;

  /**
   * Uses the token only when the checkout did not leave credentials of its own
   * (actions/checkout persists an `http.<url>.extraheader`; a second Authorization header
   * makes GitHub refuse the request) and the remote is reached over HTTPS.
   */
  private async decideAuth(top: string, remote: string): Promise<void> {
    if (this.authDecided || !this.token) return;
    this.authDecided = true;
    const persisted = (await this.run(top, ['config', '--get-regexp', '^http\\..*extraheader$'])).code === 0;
    const url = (await this.run(top, ['remote', 'get-url', remote])).stdout.trim();
    if (persisted || !/^https:\/\//i.test(url)) return;
    // Passed through the environment (git >= 2.31), not argv, so `ps` does not show it either.
    const n = Number(this.env['GIT_CONFIG_COUNT'] ?? '0') || 0;
    this.env['GIT_CONFIG_COUNT'] = String(n + 1);
    this.env[`GIT_CONFIG_KEY_${n}`] = 'http.extraheader';
    this.env[`GIT_CONFIG_VALUE_${n}`] = `AUTHORIZATION: basic ${Buffer.from(`${this.tokenUser}:${this.token}`).toString('base64')}`;
  }

  /** Runs git; never throws on a non-zero exit. */
  async run(cwd: string, args: string[], extra: { input?: string; env?: Record<string, string> } = {}): Promise<RunResult> {
    const r = await getExecOutput('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', ...args], {
      cwd,
      silent: true,
      ignoreReturnCode: true,
      env: { ...this.env, ...(extra.env ?? {}) },
      ...(extra.input !== undefined ? { input: Buffer.from(extra.input) } : {}),
    });
    return { code: r.exitCode, stdout: r.stdout, stderr: r.stderr };
  }

  /** Runs git and returns stdout; a failure is a HopError quoting git's (scrubbed) message. */
  async must(cwd: string, args: string[], extra: { input?: string; env?: Record<string, string> } = {}): Promise<string> {
    const r = await this.run(cwd, args, extra);
    if (r.code !== 0) {
      throw new HopError(`git ${args[0]} failed: ${scrubCredentials(r.stderr.trim() || r.stdout.trim()) || `exit code ${r.code}`}`, {
        kind: 'failed',
        hint: 'see the git message above; nothing was pushed',
        code: 'git-failed',
      });
    }
    return r.stdout;
  }

  async locate(dir: string): Promise<{ top: string; prefix: string }> {
    const r = await this.run(dir, ['rev-parse', '--show-toplevel', '--show-prefix']);
    if (r.code !== 0) {
      throw new HopError(`${dir} is not inside a git repository`, {
        kind: 'refused',
        hint: 'promotions commit and push: run them in a clone of the project (actions/checkout in CI)',
        code: 'not-a-repository',
      });
    }
    const [top = '', prefix = ''] = r.stdout.split('\n');
    return { top: top.trim(), prefix: prefix.trim() };
  }

  async uncommittedChanges(dir: string, paths: string[]): Promise<string[]> {
    const out = await this.must(dir, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...paths]);
    // Entries are `XY path`; a rename adds its old path as a bare entry, kept for the message.
    return out
      .split('\0')
      .filter(Boolean)
      .map((e) => (/^[ MADRCU?!]{2} /.test(e) ? e.slice(3) : e));
  }

  async fetchRemoteRefs(top: string, remote: string): Promise<Map<string, string>> {
    await this.forgetRemoteRefs(top);
    await this.decideAuth(top, remote);
    const shallow = (await this.must(top, ['rev-parse', '--is-shallow-repository'])).trim() === 'true';
    await this.must(top, [
      'fetch',
      '--quiet',
      '--no-tags',
      '--force',
      ...(shallow ? ['--unshallow'] : []),
      remote,
      `+refs/heads/ho-*:${NAMESPACE}heads/ho-*`,
      // The branches of promotions waiting in a pull/merge request (promotion mode pull-request).
      `+refs/heads/hop-promote/*:${NAMESPACE}heads/hop-promote/*`,
      `+refs/tags/v*:${NAMESPACE}tags/v*`,
    ]);
    const out = await this.must(top, ['for-each-ref', '--format=%(objectname) %(refname)', NAMESPACE]);
    const refs = new Map<string, string>();
    for (const line of out.split('\n')) {
      const [id, name] = line.split(' ');
      if (id && name) refs.set(`refs/${name.slice(NAMESPACE.length)}`, id);
    }
    return refs;
  }

  async forgetRemoteRefs(top: string): Promise<void> {
    const out = await this.must(top, ['for-each-ref', '--format=%(refname)', NAMESPACE]);
    const names = out.split('\n').filter(Boolean);
    if (names.length) await this.must(top, ['update-ref', '--stdin'], { input: names.map((n) => `delete ${n}\n`).join('') });
  }

  async openWorktree(top: string, commit: string): Promise<GitWorktree> {
    // Removed on close, on SIGINT/SIGTERM, and by the next run after a kill -9 (temp-folders.ts).
    const folder = makeTempFolder('worktree');
    const dir = folder.path;
    const r = await this.run(top, ['worktree', 'add', '--quiet', '--detach', '--force', dir, commit]);
    if (r.code !== 0) {
      await folder.remove();
      throw new HopError(`cannot create a temporary worktree: ${scrubCredentials(r.stderr.trim())}`, {
        kind: 'failed',
        code: 'git-failed',
      });
    }
    const worktree = new CliWorktree(this, top, folder);
    const unregister = onInterrupt(() => worktree.close());
    worktree.onClose = unregister;
    return worktree;
  }

  async createTag(top: string, name: string, commit: string, message: string, identity: GitIdentity): Promise<string> {
    const when = `${Math.floor(Date.now() / 1000)} +0000`;
    const body = `object ${commit}\ntype commit\ntag ${name}\ntagger ${identity.name} <${identity.email}> ${when}\n\n${message}\n`;
    return (await this.must(top, ['mktag'], { input: body })).trim();
  }

  async pushAtomic(top: string, remote: string, updates: RefUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    const args = ['push', '--atomic', '--porcelain', '--no-verify'];
    for (const u of updates) args.push(`--force-with-lease=${u.ref}:${u.expectedId ?? ''}`);
    args.push(remote, ...updates.map((u) => (u.newId ? `${u.newId}:${u.ref}` : `:${u.ref}`)));
    const r = await this.run(top, args);
    if (r.code === 0) return;
    const rejected = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('!'))
      .map((l) => l.split('\t'));
    const moved = rejected
      .filter((cols) => /stale info|fetch first|already exists/.test(cols[2] ?? ''))
      .map((cols) => (cols[1] ?? '').split(':').pop()!);
    if (moved.length) {
      const detail = moved
        .map((ref) => {
          const u = updates.find((x) => x.ref === ref);
          return `${ref} (expected ${u?.expectedId ? u.expectedId.slice(0, 8) : 'absent'})`;
        })
        .join(', ');
      throw new HopError(`${remote} moved while promoting: ${detail} changed since hop-ci fetched it; nothing was pushed`, {
        kind: 'refused',
        hint: 'someone pushed meanwhile (another promotion, a merged patch): run the promotion again, it re-reads the state',
        code: 'remote-moved',
      });
    }
    throw new HopError(
      `push to ${remote} failed, nothing was pushed: ${scrubCredentials((r.stderr.trim() || r.stdout.trim()).split('\n').slice(-3).join(' | '))}`,
      {
        kind: 'failed',
        hint: 'check that the job may push (GitHub: `permissions: contents: write`, and branch protection lets the bot push to ho-* branches and v* tags)',
        code: 'push-failed',
      },
    );
  }
}

class CliWorktree implements GitWorktree {
  private closed = false;
  readonly dir: string;
  onClose?: () => void;

  constructor(
    private readonly git: GitCli,
    private readonly top: string,
    private readonly folder: TempFolder,
  ) {
    this.dir = folder.path;
  }

  async checkout(commit: string): Promise<void> {
    await this.git.must(this.dir, ['reset', '--quiet', '--hard']);
    await this.git.must(this.dir, ['checkout', '--quiet', '--detach', '--force', commit]);
    await this.git.must(this.dir, ['clean', '-fdxq']);
  }

  async listFiles(root: string, commit: string, dir: string): Promise<string[]> {
    const out = await this.git.must(root, ['ls-tree', '-r', '-z', '--name-only', commit, '--', dir]);
    return out.split('\0').filter(Boolean);
  }

  async merge(commit: string): Promise<{ conflicts: string[] }> {
    const r = await this.git.run(this.dir, ['merge', '--no-ff', '--no-commit', '--no-verify', '--quiet', commit]);
    if (r.code === 0) return { conflicts: [] };
    const conflicts = (await this.git.must(this.dir, ['diff', '--name-only', '--diff-filter=U', '-z'])).split('\0').filter(Boolean);
    await this.git.run(this.dir, ['merge', '--abort']);
    if (conflicts.length) return { conflicts };
    throw new HopError(`git merge failed: ${scrubCredentials(r.stderr.trim() || r.stdout.trim())}`, { kind: 'failed', code: 'git-failed' });
  }

  async apply(
    root: string,
    changes: Array<
      { kind: 'write'; path: string; text: string } | { kind: 'symlink'; path: string; target: string } | { kind: 'remove'; path: string }
    >,
  ): Promise<void> {
    const added: string[] = [];
    const removed: string[] = [];
    for (const c of changes) {
      const p = path.join(root, c.path);
      if (c.kind === 'remove') {
        removed.push(c.path);
        continue;
      }
      await fs.mkdir(path.dirname(p), { recursive: true });
      await fs.rm(p, { force: true });
      if (c.kind === 'write') await fs.writeFile(p, c.text);
      else await fs.symlink(c.target, p);
      added.push(c.path);
    }
    if (removed.length) await this.git.must(root, ['rm', '-r', '-q', '--ignore-unmatch', '--', ...removed]);
    if (added.length) await this.git.must(root, ['add', '--', ...added]);
  }

  async copyHop(root: string, commit: string, remove: string[]): Promise<void> {
    await this.git.must(root, ['checkout', commit, '--', '.hop']);
    if (remove.length) await this.git.must(root, ['rm', '-r', '-q', '--ignore-unmatch', '--', ...remove]);
  }

  async commit(message: string, identity: GitIdentity): Promise<string | undefined> {
    const merging = (await this.git.run(this.dir, ['rev-parse', '-q', '--verify', 'MERGE_HEAD'])).code === 0;
    const clean = (await this.git.run(this.dir, ['diff', '--cached', '--quiet'])).code === 0;
    if (clean && !merging) return undefined;
    await this.git.must(this.dir, ['commit', '--quiet', '--no-verify', '--allow-empty', '--cleanup=verbatim', '-F', '-'], {
      input: `${message}\n`,
      env: {
        GIT_AUTHOR_NAME: identity.name,
        GIT_AUTHOR_EMAIL: identity.email,
        GIT_COMMITTER_NAME: identity.name,
        GIT_COMMITTER_EMAIL: identity.email,
      },
    });
    return (await this.git.must(this.dir, ['rev-parse', 'HEAD'])).trim();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose?.();
    await this.git.run(this.top, ['worktree', 'remove', '--force', this.dir]);
    await this.folder.remove();
    await this.git.run(this.top, ['worktree', 'prune']);
  }
}
