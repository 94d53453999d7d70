/**
 * Reads each planned release's patch files from git at the release's tag (no checkout),
 * checksums them, parses their SQL with the real PostgreSQL parser, and refuses — before
 * anything touches the database — what an upgrade cannot apply safely.
 */
import { createHash } from 'node:crypto';
import { HopError } from '../../core/errors.js';
import { selectPatchFiles } from '../../core/patch-files.js';
import type { PlannedRelease } from '../../core/upgrade-plan.js';
import type { ExecutableFile, ExecutableRelease } from '../../adapters/postgres/upgrade/applier.js';
import { postCommitSteps } from '../../adapters/postgres/upgrade/applier.js';
import type { GitReader, TreeEntry } from '../../adapters/git-read.js';
import { splitSql } from '../../adapters/sql-statements.js';

const FOLDERS = ['Patches', 'Patches/staged', 'Patches/orphaned'];

export interface LoadOptions {
  serverMajor: number;
  allowPython: boolean;
  notice: (message: string) => void;
}

/** The patch folder of `id` in a tree listing: the first of Patches/<id>, staged/, orphaned/. */
function folderOf(entries: TreeEntry[], id: string): { dir: string; files: TreeEntry[] } | undefined {
  for (const base of FOLDERS) {
    const dir = `${base}/${id}`;
    const files = entries.filter((e) => e.type === 'blob' && e.path.startsWith(`${dir}/`) && !e.path.slice(dir.length + 1).includes('/'));
    if (files.length) return { dir, files };
  }
  return undefined;
}

export async function loadReleases(git: GitReader, planned: PlannedRelease[], options: LoadOptions): Promise<ExecutableRelease[]> {
  const listed: Array<{ release: PlannedRelease; commit: string; folders: Map<string, { dir: string; files: TreeEntry[] }> }> = [];
  for (const release of planned) {
    const commit = await git.tagCommit(release.tag);
    const entries = release.patches.length ? await git.listTree(commit, 'Patches') : [];
    const folders = new Map<string, { dir: string; files: TreeEntry[] }>();
    for (const id of release.patches) {
      const folder = folderOf(entries, id);
      if (!folder) {
        throw new HopError(`patch ${id} of release ${release.release} has no folder at tag ${release.tag}`, {
          kind: 'failed',
          file: release.file,
          hint: `the tag must contain Patches/${id}/ (or Patches/staged/${id}/); check that ${release.tag} points at the commit that promoted ${release.release}`,
          code: 'patch-folder-missing',
        });
      }
      folders.set(id, folder);
    }
    listed.push({ release, commit, folders });
  }
  // One `git cat-file --batch` for every file of every release.
  const blobs = await git.readBlobs(listed.flatMap((l) => [...l.folders.values()].flatMap((f) => f.files.map((e) => e.oid))));

  const result: ExecutableRelease[] = [];
  for (const { release, commit, folders } of listed) {
    const files: ExecutableFile[] = [];
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
        const text = content.toString('utf8');
        const sha256 = createHash('sha256').update(content).digest('hex');
        const file: ExecutableFile = { patch: id, name: entry.name, kind: entry.kind, path: repoPath, sha256, text, statements: [] };
        if (entry.kind === 'py') {
          if (!options.allowPython) {
            throw new HopError(
              `${repoPath} (release ${release.release}) is a Python file: it cannot run inside the release's transaction`,
              {
                kind: 'refused',
                file: repoPath,
                hint: 'pass --allow-python to run Python files after their release commits (they are recorded, and a re-run resumes with the first that did not finish)',
                code: 'upgrade-python-refused',
              },
            );
          }
        } else {
          const split = await splitSql(text, options.serverMajor);
          if (!split.ok) {
            const meta = entry.kind === 'psql' && /^\s*\\/m.test(text);
            throw new HopError(
              meta
                ? `${repoPath} (release ${release.release}) uses psql commands: an upgrade sends SQL over one connection, in one transaction`
                : `${repoPath}:${split.line}:${split.column} (release ${release.release}): ${split.message}`,
              {
                kind: 'failed',
                file: repoPath,
                line: split.line,
                column: split.column,
                hint: meta
                  ? "replace the backslash commands by SQL (\\i → the file's statements, \\set → literals) or move them to a .sql file"
                  : 'fix the SQL at that line in a new hotfix release (the tag cannot change); nothing was applied',
                code: meta ? 'upgrade-psql-meta' : 'sql-syntax',
              },
            );
          }
          for (const s of split.statements) {
            if (s.transactionControl === 'other') {
              throw new HopError(
                `${repoPath}:${s.line} (release ${release.release}): ${s.text.trim().split('\n')[0]} cannot run inside the release's transaction`,
                {
                  kind: 'refused',
                  file: repoPath,
                  line: s.line,
                  hint: 'an upgrade applies each release in one transaction: remove ROLLBACK / PREPARE TRANSACTION from the patch',
                  code: 'upgrade-transaction-control',
                },
              );
            }
            if (s.transactionControl)
              options.notice(`${repoPath}:${s.line}: ${s.transactionControl.toUpperCase()} skipped: the release runs in one transaction`);
          }
          file.statements = split.statements;
        }
        files.push(file);
      }
    }
    const executable: ExecutableRelease = {
      plan: {
        ...release,
        commit,
        files: files.map(({ patch, name, kind, path, sha256 }) => ({ patch, name, kind, path, sha256 })),
        steps: [],
        ignored,
      },
      files,
      folders: contents,
    };
    executable.plan.steps = postCommitSteps(executable).map((s) => ({
      patch: s.file.patch,
      file: s.file.name,
      line: s.kind === 'statement' ? s.statement.line : 1,
      kind: s.kind,
      what: s.what,
    }));
    result.push(executable);
  }
  return result;
}
