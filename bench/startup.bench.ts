/**
 * How much the action's bundle adds to a bare Node start: the time from spawning
 * `node dist/index.js` (GitHub provider, stage plan on a small project) to its first log
 * line, against spawning `node -e ''` to its exit. Median of N runs each, interleaved so
 * that machine noise hits both alike; then the ratio and the bundle sizes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeProject } from '../__tests__/helpers/project.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env['BENCH_RUNS'] ?? 21);

/** Milliseconds from spawn to the first stdout byte (or to exit when nothing is printed), and to exit. */
function time(args: string[], env: Record<string, string>): Promise<{ firstLine: number; exit: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstLine: number | undefined;
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', () => {
      firstLine ??= performance.now() - started;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const exit = performance.now() - started;
      resolve({ firstLine: firstLine ?? exit, exit, code });
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

export default async function startupBench(): Promise<void> {
  const action = path.join(ROOT, 'dist', 'index.js');
  const cli = path.join(ROOT, 'dist', 'cli.js');
  const project = writeProject({ releases: { '0.1.0-patches.toml': '[patches.1-users]\nstatus = "staged"\n' } });
  const scratch = mkdtempSync(path.join(tmpdir(), 'hop-ci-bench-'));
  const output = path.join(scratch, 'output');
  const summary = path.join(scratch, 'summary');
  const base = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: scratch };
  const actionEnv = {
    ...base,
    GITHUB_ACTIONS: 'true',
    INPUT_STAGE: 'plan',
    INPUT_COMMENT: 'false',
    GITHUB_WORKSPACE: project,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
  };
  const bare: number[] = [];
  const first: number[] = [];
  const exit: number[] = [];
  const cliFirst: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      writeFileSync(output, '');
      writeFileSync(summary, '');
      bare.push((await time(['-e', ''], base)).exit);
      const run = await time([action], actionEnv);
      if (run.code !== 0) throw new Error(`dist/index.js exited ${run.code}: run \`npm run build\` first`);
      first.push(run.firstLine);
      exit.push(run.exit);
      cliFirst.push((await time([cli, '--version'], base)).firstLine);
    }
  } finally {
    rmSync(project, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  const chunks = readdirSync(path.join(ROOT, 'dist')).filter((f) => f.startsWith('chunk-'));
  const chunkBytes = chunks.reduce((sum, f) => sum + statSync(path.join(ROOT, 'dist', f)).size, 0);
  const b = median(bare);
  console.log(`runs: ${RUNS} each, interleaved; node ${process.version}`);
  console.log(`node -e ''                          median ${b.toFixed(1)} ms (spawn to exit)`);
  console.log(`node dist/index.js, first log line  median ${median(first).toFixed(1)} ms  → ${(median(first) / b).toFixed(2)}× bare node`);
  console.log(`node dist/index.js, exit (plan)     median ${median(exit).toFixed(1)} ms  → ${(median(exit) / b).toFixed(2)}× bare node`);
  console.log(
    `node dist/cli.js --version          median ${median(cliFirst).toFixed(1)} ms  → ${(median(cliFirst) / b).toFixed(2)}× bare node`,
  );
  console.log(
    `bundles: dist/index.js ${kb(statSync(action).size)}, dist/cli.js ${kb(statSync(cli).size)}, ${chunks.length} shared chunks ${kb(chunkBytes)}`,
  );
}
