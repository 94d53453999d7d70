/**
 * Reads each planned release's patch files from git at the release's tag (no checkout),
 * checksums them, cuts them into the parts the one executor runs (src/core/release-parts.ts),
 * and refuses — before anything touches the database — what cannot run: SQL the parser
 * rejects, ROLLBACK/PREPARE TRANSACTION in a patch, Python files under --no-python.
 */
import { createHash } from 'node:crypto';
import { HopError } from '../../core/errors.js';
import { selectPatchFiles } from '../../core/patch-files.js';
import { planParts, summarizeParts, type ReleaseFile, type ReleasePart } from '../../core/release-parts.js';
import type { UpgradeReleasePlan } from '../../core/upgrade-render.js';
import type { PlannedRelease } from '../../core/upgrade-plan.js';
import type { GitReader, TreeEntry } from '../../adapters/git-read.js';
import { toReleaseFile } from '../../adapters/release-file.js';

export interface ExecutableRelease {
  plan: UpgradeReleasePlan;
  files: ReleaseFile[];
  parts: ReleasePart[];
  /** Every file of each patch folder at the tag (name → content): where `.psql` and `.py` files run. */
  folders: Map<string, Map<string, Buffer>>;
}

const FOLDERS = ['Patches', 'Patches/staged', 'Patches/orphaned'];

/** The folders patch folders sit in, at each commit: what the prefetch reads and `loadReleases` reads first. */
const parentSpecs = (commits: string[]): string[] => commits.flatMap((commit) => FOLDERS.map((base) => `${commit}:${base}`));

export interface LoadOptions {
  serverMajor: number;
  /** `--no-python` / `python: refuse`: a release with a `.py` file is refused before anything runs. */
  refusePython: boolean;
  notice: (message: string) => void;
}

/**
 * Starts reading what `loadReleases` asks git for first — the tags' commits and the patch
 * folders' parents — for `tags`, in the background: the upgrade calls it while its
 * connection opens, before it knows which releases it will apply. Errors are left for
 * `loadReleases` to meet and report.
 */
export function prefetchReleases(git: GitReader, tags: string[]): void {
  void git
    .commitsOf(tags.map((t) => `refs/tags/${t}`))
    .then((commits) => git.readFolders(parentSpecs(commits.filter((c): c is string => c !== undefined))))
    .catch(() => undefined);
}

export async function loadReleases(git: GitReader, planned: PlannedRelease[], options: LoadOptions): Promise<ExecutableRelease[]> {
  // Through the reader's one git process, in four requests whatever the number of
  // releases: the tags' commits, the patch folders' parents at each tag, the patch
  // folders (by object id: no path to walk again), every file.
  const found = await git.commitsOf(planned.map((r) => `refs/tags/${r.tag}`));
  const commits: string[] = [];
  for (const [i, release] of planned.entries()) commits.push(found[i] ?? (await git.tagCommit(release.tag)));
  const parents = await git.readFolders(parentSpecs(commits));
  // Each parent's sub-folders by path: a release of 200 patches looks each one up once.
  const subFolders = new Map<string, TreeEntry>();
  for (const [spec, entries] of parents) {
    const commit = spec.slice(0, spec.indexOf(':'));
    for (const e of entries ?? []) if (e.type === 'tree') subFolders.set(`${commit}:${e.path}`, e);
  }
  const asked: Array<{ name: string; dir: string; key: string }> = [];
  for (const [i, release] of planned.entries()) {
    for (const id of release.patches) {
      for (const base of FOLDERS) {
        const key = `${commits[i]}:${base}/${id}`;
        const entry = subFolders.get(key);
        if (entry) asked.push({ name: entry.oid, dir: entry.path, key });
      }
    }
  }
  const folderTrees = await git.readTrees(asked);
  const trees = new Map(asked.map((a, i) => [a.key, folderTrees[i]]));
  const listed: Array<{ release: PlannedRelease; commit: string; folders: Map<string, { dir: string; files: TreeEntry[] }> }> = [];
  for (const [i, release] of planned.entries()) {
    const commit = commits[i]!;
    const folders = new Map<string, { dir: string; files: TreeEntry[] }>();
    for (const id of release.patches) {
      const dir = FOLDERS.map((base) => `${base}/${id}`).find((d) => trees.get(`${commit}:${d}`)?.some((e) => e.type === 'blob'));
      if (!dir) {
        throw new HopError(`patch ${id} of release ${release.release} has no folder at tag ${release.tag}`, {
          kind: 'failed',
          file: release.file,
          hint: `the tag must contain Patches/${id}/ (or Patches/staged/${id}/); check that ${release.tag} points at the commit that promoted ${release.release}`,
          code: 'patch-folder-missing',
        });
      }
      folders.set(id, { dir, files: trees.get(`${commit}:${dir}`)!.filter((e) => e.type === 'blob') });
    }
    listed.push({ release, commit, folders });
  }
  // One `git cat-file --batch` for every file of every release.
  const blobs = await git.readBlobs(listed.flatMap((l) => [...l.folders.values()].flatMap((f) => f.files.map((e) => e.oid))));

  const result: ExecutableRelease[] = [];
  for (const { release, commit, folders } of listed) {
    const files: ReleaseFile[] = [];
    const checksums: string[] = [];
    const ignored: string[] = [];
    const contents = new Map<string, Map<string, Buffer>>();
    for (const id of release.patches) {
      const folder = folders.get(id)!;
      const byName = new Map(folder.files.map((e) => [e.path.slice(folder.dir.length + 1), e]));
      contents.set(id, new Map([...byName].map(([name, e]) => [name, blobs.get(e.oid)!])));
      const selection = selectPatchFiles([...byName.keys()], folder.dir);
      for (const name of selection.ignored) {
        ignored.push(`${folder.dir}/${name}`);
        options.notice(`${release.release}: ${folder.dir}/${name} is not .sql, .psql or .py: ignored`);
      }
      for (const entry of selection.run) {
        const repoPath = `${folder.dir}/${entry.name}`;
        const content = blobs.get(byName.get(entry.name)!.oid)!;
        if (entry.kind === 'py' && options.refusePython) {
          throw new HopError(`${repoPath} (release ${release.release}) is a Python file, and Python files are refused (--no-python)`, {
            kind: 'refused',
            file: repoPath,
            hint: 'drop --no-python (or the input python: refuse): the upgrade then runs it at its place, as validation did; nothing was applied',
            code: 'upgrade-python-refused',
          });
        }
        const text = entry.kind === 'sql' ? content.toString('utf8') : '';
        const { file, syntaxError } = await toReleaseFile({ patch: id, ...entry, path: repoPath, text }, options.serverMajor);
        if (syntaxError) {
          throw new HopError(`${repoPath}:${syntaxError.line}:${syntaxError.column} (release ${release.release}): ${syntaxError.message}`, {
            kind: 'failed',
            file: repoPath,
            line: syntaxError.line,
            column: syntaxError.column,
            hint: 'fix the SQL at that line in a new hotfix release (the tag cannot change); nothing was applied',
            code: 'sql-syntax',
          });
        }
        files.push(file);
        checksums.push(createHash('sha256').update(content).digest('hex'));
      }
    }
    const { parts, skipped } = planParts(files);
    for (const { file, statement } of skipped)
      options.notice(
        `${file.path}:${statement.line}: ${statement.transactionControl!.toUpperCase()} skipped: hop-ci runs the release's SQL in its own transactions`,
      );
    result.push({
      plan: {
        ...release,
        commit,
        files: files.map(({ patch, name, kind, path }, i) => ({ patch, name, kind, path, sha256: checksums[i]! })),
        parts: summarizeParts(parts),
        ignored,
      },
      files,
      parts,
      folders: contents,
    });
  }
  return result;
}
