/** The Workspace port over node:fs. */
import { promises as fs, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { HopError } from '../core/errors.js';
import type { ProjectFiles, SchemaLinkInfo } from '../core/project-files.js';
import type { Workspace } from '../ports.js';

async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}

async function listDirs(p: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(p, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

async function readSchemaLink(modelDir: string): Promise<SchemaLinkInfo> {
  const p = path.join(modelDir, 'schema.sql');
  let st;
  try {
    st = await fs.lstat(p);
  } catch {
    return { kind: 'missing' };
  }
  if (!st.isSymbolicLink()) return { kind: 'file' };
  const target = await fs.readlink(p);
  return { kind: 'symlink', target, targetExists: await exists(path.resolve(modelDir, target)) };
}

async function currentBranch(root: string): Promise<string | undefined> {
  // Read .git/HEAD directly: cheap, and no git process for a read-only command.
  try {
    let gitDir = path.join(root, '.git');
    const st = await fs.stat(gitDir);
    if (st.isFile()) {
      const m = /^gitdir:\s*(.+)$/m.exec(await fs.readFile(gitDir, 'utf8'));
      if (!m) return undefined;
      gitDir = path.resolve(root, m[1]!.trim());
    }
    const head = (await fs.readFile(path.join(gitDir, 'HEAD'), 'utf8')).trim();
    const ref = /^ref: refs\/heads\/(.+)$/.exec(head);
    return ref ? ref[1] : undefined;
  } catch {
    return undefined;
  }
}

export class FsWorkspace implements Workspace {
  async findRoot(from: string): Promise<string> {
    let dir = path.resolve(from);
    for (;;) {
      if (await exists(path.join(dir, '.hop', 'config'))) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) {
        throw new HopError(`no .hop/config in ${path.resolve(from)} or any folder above it`, {
          hint: 'run hop-ci inside a half-orm-dev project (or pass --cwd / working-directory)',
          code: 'no-project',
        });
      }
      dir = parent;
    }
  }

  async readProject(root: string): Promise<ProjectFiles> {
    const hop = path.join(root, '.hop');
    const releasesDir = path.join(hop, 'releases');
    // Synchronous on purpose: thousands of small files read faster in one go than through
    // the thread pool (bench/plan.bench.ts), and a stage has nothing else to do meanwhile.
    let entries: import('node:fs').Dirent[] = [];
    try {
      entries = readdirSync(releasesDir, { withFileTypes: true });
    } catch {
      // no .hop/releases yet: a project with no release
    }
    const releaseFiles = entries
      .filter((e) => e.isFile())
      .map((e) => ({ name: e.name, text: readFileSync(path.join(releasesDir, e.name), 'utf8') }));
    const altConfig = await fs.readFile(path.join(hop, 'alt_config'), 'utf8').then(
      (t) => t.split('\n')[0],
      () => undefined,
    );
    const patches = path.join(root, 'Patches');
    const [configText, modelFiles, rootDirs, staged, orphaned, schemaLink, branch] = await Promise.all([
      fs.readFile(path.join(hop, 'config'), 'utf8'),
      fs.readdir(path.join(hop, 'model')).catch(() => [] as string[]),
      listDirs(patches),
      listDirs(path.join(patches, 'staged')),
      listDirs(path.join(patches, 'orphaned')),
      readSchemaLink(path.join(hop, 'model')),
      currentBranch(root),
    ]);
    return {
      root,
      configText,
      ...(altConfig?.trim() ? { altConfig: altConfig.trim() } : {}),
      releaseFiles,
      schemaLink,
      modelFiles,
      patchDirs: { root: rootDirs, staged, orphaned },
      ...(branch ? { branch } : {}),
    };
  }

  readText(p: string): Promise<string> {
    return fs.readFile(p, 'utf8');
  }

  async writeText(p: string, text: string): Promise<void> {
    await fs.mkdir(path.dirname(p), { recursive: true });
    await fs.writeFile(p, text);
  }

  exists(p: string): Promise<boolean> {
    return exists(p);
  }

  async list(p: string): Promise<string[]> {
    return (await fs.readdir(p).catch(() => [] as string[])).sort();
  }

  async remove(p: string): Promise<void> {
    await fs.rm(p, { recursive: true, force: true });
  }

  async symlink(target: string, p: string): Promise<void> {
    await fs.rm(p, { force: true });
    await fs.symlink(target, p);
  }
}
