/**
 * Reads files of a commit straight from the git object store (`git ls-tree -r`, then one
 * `git cat-file --batch` for all blobs), so that an upgrade can take each release's patch
 * files as they are at its tag without checking anything out.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { HopError } from '../core/errors.js';

const run = promisify(execFile);

export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  oid: string;
  /** Path from the repository root. */
  path: string;
}

export class GitReader {
  constructor(
    private readonly root: string,
    private readonly env: Readonly<Record<string, string | undefined>>,
  ) {}

  private async git(args: string[]): Promise<string> {
    const { stdout } = await run('git', args, { cwd: this.root, env: this.env as NodeJS.ProcessEnv, maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  }

  /** The commit a ref (tag, branch, sha) points to, or undefined when it does not exist. */
  async commitOf(ref: string): Promise<string | undefined> {
    try {
      return (await this.git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The commit of tag `tag`. A CI checkout is often shallow and without tags: when the tag
   * is missing, fetch it alone from `origin` before giving up.
   */
  async tagCommit(tag: string): Promise<string> {
    const local = await this.commitOf(`refs/tags/${tag}`);
    if (local) return local;
    try {
      await this.git(['fetch', '--quiet', '--no-tags', 'origin', `+refs/tags/${tag}:refs/tags/${tag}`]);
    } catch {
      // reported below
    }
    const fetched = await this.commitOf(`refs/tags/${tag}`);
    if (fetched) return fetched;
    throw new HopError(`tag ${tag} is not in the repository`, {
      kind: 'failed',
      hint: `fetch the release tags (\`git fetch --tags origin\`; with actions/checkout set \`fetch-depth: 0\`), or check that ${tag} was pushed`,
      code: 'tag-missing',
    });
  }

  /** Every entry under `prefix` (a folder path, no trailing slash) at `commit`, recursively. */
  async listTree(commit: string, prefix: string): Promise<TreeEntry[]> {
    const out = await this.git(['ls-tree', '-r', '-z', '--full-tree', commit, '--', prefix]);
    const entries: TreeEntry[] = [];
    for (const record of out.split('\0')) {
      if (!record) continue;
      const tab = record.indexOf('\t');
      const [mode, type, oid] = record.slice(0, tab).split(' ');
      entries.push({ mode: mode!, type: type as TreeEntry['type'], oid: oid!, path: record.slice(tab + 1) });
    }
    return entries;
  }

  /** The contents of blobs by object id, read through one `git cat-file --batch`. */
  async readBlobs(oids: string[]): Promise<Map<string, Buffer>> {
    const result = new Map<string, Buffer>();
    const unique = [...new Set(oids)];
    if (unique.length === 0) return result;
    const child = spawn('git', ['cat-file', '--batch'], {
      cwd: this.root,
      env: this.env as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const done = new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve(code ?? 1));
    });
    child.stdin.end(`${unique.join('\n')}\n`);
    const code = await done;
    if (code !== 0) throw new Error(`git cat-file --batch failed: ${stderr.trim()}`);
    const all = Buffer.concat(chunks);
    let pos = 0;
    for (const oid of unique) {
      const eol = all.indexOf(0x0a, pos);
      const header = all.subarray(pos, eol).toString('utf8');
      const parts = header.split(' ');
      if (parts[1] === 'missing' || parts.length < 3) throw new Error(`git object ${oid} is missing`);
      const size = Number(parts[2]);
      result.set(oid, all.subarray(eol + 1, eol + 1 + size));
      pos = eol + 1 + size + 1;
    }
    return result;
  }

  /** One file's text at `commit`, or undefined when the path does not exist there. */
  async readText(commit: string, path: string): Promise<string | undefined> {
    const entries = await this.listTree(commit, path);
    const entry = entries.find((e) => e.path === path && e.type === 'blob');
    if (!entry) return undefined;
    return (await this.readBlobs([entry.oid])).get(entry.oid)!.toString('utf8');
  }
}
