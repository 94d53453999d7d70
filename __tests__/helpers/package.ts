/**
 * The published package as a user gets it: `npm pack` of this checkout (its built dist/),
 * then the tarball installed the way npx installs it (`npm install --omit=dev <tarball>`)
 * into an empty folder with a private npm cache. Shared by the package test and
 * `npm run bench -- install`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './project.js';

/** Packs `root` (default this checkout) into `dest`; returns the tarball's path. */
export function packProject(dest: string, root = REPO_ROOT): string {
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], { cwd: root, encoding: 'utf8' });
  const [info] = JSON.parse(out) as Array<{ filename: string }>;
  return path.join(dest, info!.filename);
}

export interface Installed {
  /** Packages in node_modules, hop-ci included. */
  packages: string[];
  bytes: number;
  ms: number;
  /** npm's own warnings (EBADENGINE…). */
  stderr: string;
  bin: string;
}

/** Bytes of every file under `dir`, symlinks not followed. */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** `npm install --omit=dev <tarball>` in the empty folder `dir`; `offline` when the package has no dependency to fetch. */
export function installTarball(tarball: string, dir: string, options: { cache: string; offline?: boolean }): Installed {
  const args = [
    'install',
    '--omit=dev',
    '--no-audit',
    '--no-fund',
    '--cache',
    options.cache,
    ...(options.offline ? ['--offline'] : []),
    tarball,
  ];
  const started = performance.now();
  const r = spawnSync('npm', args, { cwd: dir, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`npm install ${tarball} failed (${r.status}):\n${r.stderr}`);
  const lock = JSON.parse(readFileSync(path.join(dir, 'node_modules', '.package-lock.json'), 'utf8')) as {
    packages: Record<string, unknown>;
  };
  const packages = Object.keys(lock.packages).map((p) => p.replace(/^.*node_modules\//, ''));
  return {
    packages,
    bytes: folderBytes(path.join(dir, 'node_modules')),
    ms,
    stderr: r.stderr,
    bin: path.join(dir, 'node_modules', '.bin', 'hop-ci'),
  };
}
