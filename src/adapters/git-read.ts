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

  /**
   * Objects by name (`<oid>`, `<commit>:<path>`) through one `git cat-file --batch`;
   * names that do not exist map to undefined.
   */
  private async catFile(names: string[]): Promise<Map<string, { type: string; content: Buffer } | undefined>> {
    const result = new Map<string, { type: string; content: Buffer } | undefined>();
    const unique = [...new Set(names)];
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
    for (const name of unique) {
      const eol = all.indexOf(0x0a, pos);
      const parts = all.subarray(pos, eol).toString('utf8').split(' ');
      if (parts[parts.length - 1] === 'missing' || parts.length < 3) {
        result.set(name, undefined);
        pos = eol + 1;
        continue;
      }
      const size = Number(parts[2]);
      result.set(name, { type: parts[1]!, content: all.subarray(eol + 1, eol + 1 + size) });
      pos = eol + 1 + size + 1;
    }
    return result;
  }

  /** The contents of blobs by object id, read through one `git cat-file --batch`. */
  async readBlobs(oids: string[]): Promise<Map<string, Buffer>> {
    const result = new Map<string, Buffer>();
    for (const [oid, object] of await this.catFile(oids)) {
      if (!object) throw new Error(`git object ${oid} is missing`);
      result.set(oid, object.content);
    }
    return result;
  }

  /**
   * The entries of folders (`<commit>:<path>`, not recursive) through one
   * `git cat-file --batch`: an upgrade reads every patch folder of every release at once.
   * A folder that does not exist maps to undefined.
   */
  async readFolders(specs: string[]): Promise<Map<string, TreeEntry[] | undefined>> {
    const result = new Map<string, TreeEntry[] | undefined>();
    for (const [spec, object] of await this.catFile(specs)) {
      if (!object || object.type !== 'tree') {
        result.set(spec, undefined);
        continue;
      }
      const dir = spec.slice(spec.indexOf(':') + 1);
      const entries: TreeEntry[] = [];
      // A tree object: `<mode> <name>\0<20-byte oid>` repeated.
      const tree = object.content;
      let pos = 0;
      while (pos < tree.length) {
        const space = tree.indexOf(0x20, pos);
        const nul = tree.indexOf(0x00, space);
        const mode = tree.subarray(pos, space).toString('utf8');
        const name = tree.subarray(space + 1, nul).toString('utf8');
        const oid = tree.subarray(nul + 1, nul + 21).toString('hex');
        const type = mode === '40000' ? 'tree' : mode === '160000' ? 'commit' : 'blob';
        entries.push({ mode: mode.padStart(6, '0'), type, oid, path: `${dir}/${name}` });
        pos = nul + 21;
      }
      result.set(spec, entries);
    }
    return result;
  }

  /** The commits of tags, from one `git for-each-ref` (annotated tags peeled); missing ones left out. */
  async tagCommits(): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    // Not a repository (or no git): every tag is then missing, which callers report.
    const out = await this.git(['for-each-ref', '--format=%(refname:strip=2) %(objectname) %(*objectname)', 'refs/tags']).catch(() => '');
    for (const line of out.split('\n')) {
      const [tag, object, peeled] = line.split(' ');
      if (tag && object) result.set(tag, peeled || object);
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
