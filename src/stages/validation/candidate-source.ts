/**
 * A candidate's folder exists only on its `ho-patch/<id>` branch (HOP-FORMAT.md), so a
 * release branch checkout lacks it. validate-release reads it from that branch with git
 * (the remote-tracking ref, fetched when missing) into a temp folder.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeTempFolder } from '../../adapters/temp-folders.js';

const run = promisify(execFile);

async function git(cwd: string, args: string[], env: Record<string, string>): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', args, { cwd, env, maxBuffer: 64 * 1024 * 1024, encoding: 'buffer' });
    return stdout.toString('utf8');
  } catch {
    return undefined;
  }
}

export interface BranchFolder {
  /** Absolute path of the extracted folder. */
  folder: string;
  /** How messages name it: `ho-patch/6-comments:Patches/6-comments`. */
  display: string;
}

/** Extracted folders live here until `dispose()`. */
export class CandidateSource {
  private readonly folder = makeTempFolder('candidates');

  constructor(
    private readonly root: string,
    private readonly env: Record<string, string>,
  ) {}

  /** The patch folder as branch `ho-patch/<id>` has it, or undefined when no such branch can be read. */
  async extract(id: string): Promise<BranchFolder | undefined> {
    const branch = `ho-patch/${id}`;
    const refs = [`refs/remotes/origin/${branch}`, `refs/heads/${branch}`];
    let ref: string | undefined;
    for (const r of refs) if ((await git(this.root, ['rev-parse', '--verify', '-q', `${r}^{commit}`], this.env))?.trim()) ref = ref ?? r;
    if (!ref) {
      // A CI checkout has only its own branch: fetch that one ref, shallow.
      const fetched = await git(
        this.root,
        ['fetch', '-q', '--no-tags', '--depth=1', 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`],
        this.env,
      );
      if (fetched === undefined) return undefined;
      ref = refs[0]!;
    }
    for (const sub of [`Patches/${id}`, `Patches/staged/${id}`, `Patches/orphaned/${id}`]) {
      const listing = await git(this.root, ['ls-tree', '-z', '--name-only', `${ref}:${sub}`], this.env);
      if (listing === undefined) continue;
      const target = path.join(this.folder.path, id);
      await mkdir(target, { recursive: true });
      for (const name of listing.split('\0').filter(Boolean)) {
        const blob = await git(this.root, ['cat-file', '-p', `${ref}:${sub}/${name}`], this.env);
        // Sub-folders come out as tree listings; the applier skips folders anyway.
        const type = (await git(this.root, ['cat-file', '-t', `${ref}:${sub}/${name}`], this.env))?.trim();
        if (blob !== undefined && type === 'blob') await writeFile(path.join(target, name), blob);
      }
      return { folder: target, display: `${branch}:${sub}` };
    }
    return undefined;
  }

  async dispose(): Promise<void> {
    await this.folder.remove();
  }
}
