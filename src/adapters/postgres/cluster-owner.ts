/**
 * Who owns a throwaway cluster folder. hop-ci writes its pid (and that process's start
 * time, so that a recycled pid is not taken for it) into each cluster folder it creates.
 * A hop-ci killed with SIGKILL runs no cleanup: the next run finds the folder, sees its
 * owner gone, stops the postmaster left running there and removes the folder. Folders of
 * another user, of a live owner, or without an owner file are never touched.
 */
import { existsSync, lstatSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { processExists } from '../temp-folders.js';

export const CLUSTER_PREFIX = 'hop-ci-pg-';
const OWNER_FILE = 'hop-ci-owner';

interface Owner {
  pid: number;
  /** Start time of the process in clock ticks since boot (/proc/<pid>/stat field 22). */
  start?: string;
}

function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Records this process as the owner of cluster folder `dir`. */
export function recordOwner(dir: string): void {
  const start = startTime(process.pid);
  const owner: Owner = { pid: process.pid, ...(start ? { start } : {}) };
  writeFileSync(path.join(dir, OWNER_FILE), `${JSON.stringify(owner)}\n`, { mode: 0o644 });
}

function isAlive(owner: Owner): boolean {
  if (!processExists(owner.pid)) return false;
  return owner.start === undefined || startTime(owner.pid) === undefined || startTime(owner.pid) === owner.start;
}

/** The owner of folder `dir` when it is ours to judge: the file exists and this user wrote it. */
function ownerOf(dir: string): Owner | undefined {
  const file = path.join(dir, OWNER_FILE);
  try {
    if (!lstatSync(dir).isDirectory()) return undefined;
    if (typeof process.getuid === 'function' && statSync(file).uid !== process.getuid()) return undefined;
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Owner;
    return Number.isInteger(owner.pid) && owner.pid > 0 ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** The postmaster running on `dataDir`, if any: its pid file names it and its command line names the folder. */
function postmasterOn(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes(dataDir) ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function stopOrphan(pid: number): Promise<void> {
  const gone = () => {
    try {
      process.kill(pid, 0);
      // A zombie is gone already, only not reaped by its new parent.
      return /^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return true;
    }
  };
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(pid, s);
    } catch {
      // gone meanwhile
    }
  };
  // Immediate shutdown: the data is thrown away, as close() would have done.
  signal('SIGQUIT');
  const deadline = performance.now() + 10_000;
  while (!gone() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  if (!gone()) signal('SIGKILL');
}

/**
 * Removes the cluster folders under `base` whose hop-ci owner is gone, stopping their
 * postmaster first. Returns what was reaped, for the log.
 */
export async function reapOrphanClusters(base: string): Promise<string[]> {
  let names: string[];
  try {
    names = readdirSync(base).filter((n) => n.startsWith(CLUSTER_PREFIX));
  } catch {
    return [];
  }
  const reaped: string[] = [];
  for (const name of names) {
    const dir = path.join(base, name);
    const owner = ownerOf(dir);
    if (!owner || isAlive(owner)) continue;
    try {
      const postmaster = postmasterOn(path.join(dir, 'data'));
      if (postmaster) await stopOrphan(postmaster);
      rmSync(dir, { recursive: true, force: true });
      if (!existsSync(dir))
        reaped.push(`${dir} (left by hop-ci process ${owner.pid}${postmaster ? `, postmaster ${postmaster} stopped` : ''})`);
    } catch {
      // Another run reaping the same folder, or a permission we lack: leave it to them.
    }
  }
  return reaped;
}
