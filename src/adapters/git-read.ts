/**
 * Reads files of a commit straight from the git object store, through one long-lived
 * `git cat-file --batch` (src/adapters/git-cat-file.ts), so that an upgrade can take each
 * release's patch files as they are at its tag without checking anything out.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { HopError } from '../core/errors.js';
import { CatFileBatch } from './git-cat-file.js';

const run = promisify(execFile);

export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  oid: string;
  /** Path from the repository root. */
  path: string;
}

/** A name that always means the same object: an object id, or `<commit id>:<path>`. */
const IMMUTABLE = /^[0-9a-f]{40}(?:[0-9a-f]{24})?(?::|$)/;

export class GitReader {
  private readonly batch: CatFileBatch;
  /** Answers already asked for, so that a prefetch made while the database connects is not read twice. */
  private readonly objects = new Map<string, Promise<{ type: string; content: Buffer } | undefined>>();
  private readonly commits = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly root: string,
    private readonly env: Readonly<Record<string, string | undefined>>,
  ) {
    this.batch = new CatFileBatch(root, env);
  }

  /** Ends the reader's git process (it also ends when hop-ci exits). */
  close(): void {
    this.batch.close();
  }

  private async git(args: string[]): Promise<string> {
    const { stdout } = await run('git', args, { cwd: this.root, env: this.env as NodeJS.ProcessEnv, maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  }

  /** The commit a ref (tag, branch, sha) points to, or undefined when it does not exist. */
  async commitOf(ref: string): Promise<string | undefined> {
    return (await this.commitsOf([ref]))[0];
  }

  /** The commits of refs, in one request; undefined for those that do not exist. */
  async commitsOf(refs: readonly string[]): Promise<Array<string | undefined>> {
    const asking = [...new Set(refs.filter((r) => !this.commits.has(r)))];
    if (asking.length) {
      // Not a repository (or no git): every ref is then missing, which callers report.
      const answers = this.batch.read(asking.map((r) => `${r}^{commit}`)).catch(() => asking.map(() => undefined));
      asking.forEach((ref, i) => {
        const commit = answers.then((objects) => {
          const o = objects[i];
          if (o?.type === 'commit') return o.oid;
          // A missing ref is asked again next time (tagCommit may have fetched it meanwhile).
          this.commits.delete(ref);
          return undefined;
        });
        this.commits.set(ref, commit);
      });
    }
    // Every ref is in the map now: a missing one leaves it only once its answer is in.
    return Promise.all(refs.map((r) => this.commits.get(r)!));
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

  /** Objects by name (`<oid>`, `<commit>:<path>`); names that do not exist map to undefined. */
  private async catFile(names: string[]): Promise<Map<string, { type: string; content: Buffer } | undefined>> {
    const unique = [...new Set(names)];
    const asking = unique.filter((n) => !this.objects.has(n));
    if (asking.length) {
      const answers = this.batch.read(asking);
      asking.forEach((name, i) => {
        const object = answers.then((objects) => objects[i]);
        // Only names that cannot change are kept (and a failed read is never kept).
        if (IMMUTABLE.test(name)) {
          this.objects.set(name, object);
          object.catch(() => this.objects.delete(name));
        } else
          this.objects.set(
            name,
            object.finally(() => this.objects.delete(name)),
          );
      });
    }
    const objects = await Promise.all(unique.map((n) => this.objects.get(n)!));
    return new Map(unique.map((name, i) => [name, objects[i]]));
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
    const trees = await this.readTrees(specs.map((spec) => ({ name: spec, dir: spec.slice(spec.indexOf(':') + 1) })));
    return new Map(specs.map((spec, i) => [spec, trees[i]]));
  }

  /**
   * Trees by name (an oid, or `<commit>:<path>`), in the order asked, their entries' paths
   * under `dir`. A name that is not a tree gives undefined.
   */
  async readTrees(requests: Array<{ name: string; dir: string }>): Promise<Array<TreeEntry[] | undefined>> {
    const result: Array<TreeEntry[] | undefined> = [];
    const objects = await this.catFile(requests.map((r) => r.name));
    for (const { name, dir } of requests) {
      const object = objects.get(name);
      if (!object || object.type !== 'tree') {
        result.push(undefined);
        continue;
      }
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
      result.push(entries);
    }
    return result;
  }

  /** One file's text at `commit`, or undefined when the path does not exist there. */
  async readText(commit: string, path: string): Promise<string | undefined> {
    const object = (await this.catFile([`${commit}:${path}`])).get(`${commit}:${path}`);
    return object?.type === 'blob' ? object.content.toString('utf8') : undefined;
  }
}
