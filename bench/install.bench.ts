/**
 * What `npx hop-ci` installs (issue 13): this checkout packed (`npm pack`) and installed
 * the way npx installs it (`npm install --omit=dev <tarball>`) into an empty folder with a
 * fresh npm cache: packages, MB on disk, milliseconds. The floor, measured in the same run
 * and the same way, is a package with nothing but a package.json. BENCH_INSTALL_BEFORE=<git
 * rev> also packs and installs that revision (it fetches its dependencies from the
 * registry); without it the figures of the issue (before the lean package) are printed.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { installTarball, packProject, type Installed } from '../__tests__/helpers/package.js';
import { REPO_ROOT } from '../__tests__/helpers/project.js';
import { median } from './measure.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);

/** Installs `tarball` RUNS times, each into an empty folder with a fresh cache. */
function measure(scratch: string, label: string, tarball: string): Installed & { msRuns: number[] } {
  const msRuns: number[] = [];
  let last: Installed | undefined;
  for (let i = 0; i < RUNS; i++) {
    const dir = path.join(scratch, `${label}-${i}`);
    mkdirSync(dir);
    last = installTarball(tarball, dir, { cache: path.join(dir, '.npm-cache') });
    msRuns.push(last.ms);
    rmSync(dir, { recursive: true, force: true });
  }
  return { ...last!, msRuns };
}

export default async function installBench(): Promise<void> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'hop-ci-bench-install-'));
  try {
    const floorRoot = path.join(scratch, 'floor');
    mkdirSync(floorRoot);
    writeFileSync(path.join(floorRoot, 'package.json'), JSON.stringify({ name: 'hop-ci-floor', version: '1.0.0' }));
    const floor = measure(scratch, 'floor', packProject(scratch, floorRoot));
    const now = measure(scratch, 'now', packProject(scratch));
    const row = (name: string, r: Installed & { msRuns: number[] }) =>
      `${name.padEnd(30)} ${String(r.packages.filter(Boolean).length).padStart(3)} packages  ${(r.bytes / 1e6).toFixed(1).padStart(6)} MB  median ${median(r.msRuns).toFixed(0).padStart(6)} ms  → ${(median(r.msRuns) / median(floor.msRuns)).toFixed(2)}× floor${/EBADENGINE/.test(r.stderr) ? '  (EBADENGINE warning)' : ''}`;
    console.log(
      `runs: ${RUNS} each, a fresh npm cache each; node ${process.version}, npm ${execSync('npm --version', { encoding: 'utf8' }).trim()}`,
    );
    console.log(row('floor (package.json only)', floor));
    console.log(row('hop-ci (this checkout)', now));
    const before = process.env['BENCH_INSTALL_BEFORE'];
    if (before) {
      const root = path.join(scratch, 'before-src');
      mkdirSync(root);
      execSync(`git archive ${before} | tar -x -C ${JSON.stringify(root)}`, { cwd: REPO_ROOT });
      console.log(row(`hop-ci at ${before}`, measure(scratch, 'before', packProject(scratch, root))));
    } else {
      console.log(
        'hop-ci before the lean package    47 packages    88.0 MB  ~5 s warm cache, ~23 s fresh runner (issue 13; BENCH_INSTALL_BEFORE=<rev> measures it here)',
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
