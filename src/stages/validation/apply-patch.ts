/**
 * Validation's use of the one executor: a patch folder on the checkout, its files in
 * HOP-FORMAT.md order, cut into parts (src/core/release-parts.ts) and run on one database
 * of the session. Patches are applied one at a time so that a failure names its patch and
 * callers can look at the database between patches.
 */
import type { ReleaseLocks } from '../../core/release-locks.js';
import { locksOfRelease } from '../../adapters/release-locks.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { HopError } from '../../core/errors.js';
import { selectPatchFiles } from '../../core/patch-files.js';
import { planParts, summarizeParts, type PartSummary, type ReleaseFile } from '../../core/release-parts.js';
import { runParts, type RanFile } from '../../adapters/postgres/release-executor.js';
import { toReleaseFile } from '../../adapters/release-file.js';

export { PatchApplyError } from '../../adapters/postgres/release-executor.js';

export interface ApplyTarget {
  /** A connected client on the database: SQL runs here. */
  client: pg.Client;
  /** The whole environment of `.psql` and `.py` children, pointing at the same database. */
  env: Record<string, string>;
  serverMajor?: number;
}

export interface PatchToApply {
  id: string;
  /** Absolute path of the patch folder. */
  folder: string;
  /** The folder as messages show it (relative to the project root). Default `folder`. */
  displayFolder?: string;
}

export interface ApplyOptions {
  /** The project's Python (`--python`); default `python3`. */
  python?: string;
  /** Progress and notices (ignored files, Python output). */
  log?: (message: string) => void;
  now?: () => number;
}

export interface PatchTiming {
  id: string;
  ms: number;
  files: RanFile[];
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  // Plain files and links to files; folders are skipped (HOP-FORMAT.md).
  const names: string[] = [];
  for (const e of entries) {
    if (e.isFile()) names.push(e.name);
    else if (e.isSymbolicLink()) {
      const st = await fs.stat(path.join(folder, e.name)).catch(() => undefined);
      if (st?.isFile()) names.push(e.name);
    }
  }
  return names;
}

/** The patch's files, ready for the executor, in the order they run. */
export async function readPatchFiles(patch: PatchToApply, serverMajor: number, log?: (m: string) => void): Promise<ReleaseFile[]> {
  const display = patch.displayFolder ?? patch.folder;
  let names: string[];
  try {
    names = await listFiles(patch.folder);
  } catch {
    throw new HopError(`patch ${patch.id}: folder ${display} cannot be read`, {
      kind: 'input',
      file: display,
      hint: 'check out a branch that has the patch folder',
      code: 'patch-folder-missing',
    });
  }
  const { run, ignored } = selectPatchFiles(names, display);
  for (const name of ignored) log?.(`notice: patch ${patch.id}: ${display}/${name} is neither .sql, .psql nor .py: ignored`);
  const files: ReleaseFile[] = [];
  for (const entry of run) {
    const text = entry.kind === 'sql' ? await fs.readFile(path.join(patch.folder, entry.name), 'utf8') : '';
    const { file } = await toReleaseFile({ patch: patch.id, ...entry, path: `${display}/${entry.name}`, text }, serverMajor);
    files.push(file);
  }
  return files;
}

export async function applyPatch(target: ApplyTarget, patch: PatchToApply, options: ApplyOptions = {}): Promise<PatchTiming> {
  const now = options.now ?? (() => performance.now());
  const start = now();
  const serverMajor = target.serverMajor ?? 15;
  const log = options.log ?? (() => undefined);
  const { parts, skipped } = planParts(await readPatchFiles(patch, serverMajor, log));
  for (const { file, statement } of skipped)
    log(
      `notice: ${file.path}:${statement.line}: ${statement.text.trim().split(/\s+/)[0]!.toUpperCase()} skipped: hop-ci runs the patch's SQL in its own transaction`,
    );
  const files = await runParts(
    parts,
    {
      client: target.client,
      env: target.env,
      folderOf: () => Promise.resolve(patch.folder),
      serverMajor,
      ...(options.python ? { python: options.python } : {}),
      log,
    },
    { now },
  );
  return { id: patch.id, ms: now() - start, files };
}

/** The rehearsal of an upgrade: what it ran, or where it failed. */
export interface ReleaseRehearsal {
  parts: PartSummary[];
  ms: number;
  /** The table-level locks the release takes on tables it did not create. */
  locks?: ReleaseLocks;
}

/**
 * Applies patches the way `upgrade` applies a release (src/stages/upgrade/apply-all.ts):
 * all their files as one sequence of parts, consecutive transactional SQL of different
 * patches in one transaction. Validation applies patch by patch; this shows what
 * production will run.
 */
export async function applyAsRelease(target: ApplyTarget, patches: PatchToApply[], options: ApplyOptions = {}): Promise<ReleaseRehearsal> {
  const now = options.now ?? (() => performance.now());
  const start = now();
  const serverMajor = target.serverMajor ?? 15;
  const log = options.log ?? (() => undefined);
  const files: ReleaseFile[] = [];
  for (const patch of patches) files.push(...(await readPatchFiles(patch, serverMajor)));
  const { parts } = planParts(files);
  const locks = await locksOfRelease(files, serverMajor);
  const folders = new Map(patches.map((p) => [p.id, p.folder]));
  await runParts(
    parts,
    {
      client: target.client,
      env: target.env,
      folderOf: (id) => Promise.resolve(folders.get(id)!),
      serverMajor,
      ...(options.python ? { python: options.python } : {}),
      log,
    },
    { now },
  );
  return { parts: summarizeParts(parts), ms: now() - start, locks };
}

export async function applyPatches(target: ApplyTarget, patches: PatchToApply[], options: ApplyOptions = {}): Promise<PatchTiming[]> {
  const timings: PatchTiming[] = [];
  for (const patch of patches) timings.push(await applyPatch(target, patch, options));
  return timings;
}
