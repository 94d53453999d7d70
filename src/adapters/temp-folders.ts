/**
 * hop-ci's temp folders: `hop-ci-<label>-p<pid>-XXXXXX` in the temp dir. Each is removed
 * by its owner's `remove()`, on SIGINT/SIGTERM and at exit; the pid in the name lets the
 * next run remove those of a hop-ci that was killed outright (SIGKILL, OOM), and never
 * those of a live process or of another user.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onInterrupt } from './postgres/exit-cleanup.js';

export interface TempFolder {
  readonly path: string;
  remove(): Promise<void>;
}

const OWNED = /^hop-ci-[a-z]+-p(\d+)-/;

export function makeTempFolder(label: string, base = tmpdir()): TempFolder {
  const dir = mkdtempSync(path.join(base, `hop-ci-${label}-p${process.pid}-`));
  const unregister = onInterrupt(
    () => rm(dir, { recursive: true, force: true }),
    () => rmSync(dir, { recursive: true, force: true }),
  );
  return {
    path: dir,
    async remove() {
      unregister();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Whether process `pid` exists (EPERM: it does, under another user). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes this user's hop-ci temp folders under `base` whose process is gone; returns them. */
export function reapOrphanTempFolders(base = tmpdir()): string[] {
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return [];
  }
  const reaped: string[] = [];
  for (const name of names) {
    const pid = Number(OWNED.exec(name)?.[1]);
    if (!pid || processExists(pid)) continue;
    const dir = path.join(base, name);
    try {
      const st = statSync(dir);
      if (!st.isDirectory() || (typeof process.getuid === 'function' && st.uid !== process.getuid())) continue;
      rmSync(dir, { recursive: true, force: true });
      reaped.push(dir);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  return reaped;
}
