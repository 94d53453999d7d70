/**
 * What a generated GitLab job runs before hop-ci starts, step by step, on this machine
 * (whose image-equivalent already has Node.js and a new enough pg_dump: the cheap path),
 * against a floor measured in the same run: `bash -c true` for the shell steps, and
 * `node dist/cli.js --version` for starting hop-ci through `npx hop-ci@file:<worktree>`
 * with the npm cache the job keeps (`.hop-ci-cache/npm`). The steps are taken from the
 * freshly generated `.gitlab/hop-ci.yml`, not copied. Downloads (Node.js tarball, apt)
 * cannot be timed here (no network): their sizes are in the README.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { planGeneration } from '../src/generator/generate.js';
import { git, writeProject } from '../__tests__/helpers/project.js';
import { median } from './measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env['BENCH_RUNS'] ?? 7);

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): number {
  const started = performance.now();
  const r = spawnSync(cmd, args, { env, cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ').slice(0, 80)} failed: ${r.stderr}`);
  return ms;
}

export default async function gitlabSetupBench(): Promise<void> {
  const project = writeProject({
    config:
      '[halfORM]\nhop_version = 1.0.0-a32\ngit_origin = git@gitlab.example.com:acme/hopdemo.git\ndevel = True\npackage_name = hopdemo\n',
  });
  const scratch = mkdtempSync(path.join(tmpdir(), 'hop-ci-bench-gl-'));
  try {
    git(project, 'init', '-q');
    const plan = await planGeneration({ cwd: project, flags: { provider: 'gitlab', 'postgres-version': '15' } });
    const text = plan.files.find((f) => f.path === '.gitlab/hop-ci.yml')!.expected;
    const body = YAML.parseAllDocuments(text)[1]!.toJS() as Record<string, { before_script: string[]; variables: Record<string, unknown> }>;
    const lines = body['.hop-ci']!.before_script;
    const variables = body['.hop-ci']!.variables;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      HOME: scratch,
      CI_PROJECT_DIR: scratch,
      HOP_NODE_VERSION: String(variables['HOP_NODE_VERSION']),
      HOP_SERVICE_PG_VERSION: '15',
      PG_MAJOR: '15',
      npm_config_cache: path.join(scratch, '.hop-ci-cache', 'npm'),
      npm_config_update_notifier: 'false',
    };
    const steps: [string, string][] = [
      ['Node.js check (image has it)', lines[0]!],
      ['pg_dump check (new enough)', lines[2]!],
    ];
    const hopCi = ['--yes', `hop-ci@file:${ROOT}`, '--version'];
    // Warm the job's npm cache once, as the first job of a pipeline does.
    timed('npx', hopCi, env, scratch);

    const floor: number[] = [];
    const nodeFloor: number[] = [];
    const npx: number[] = [];
    const byStep = steps.map(() => [] as number[]);
    for (let i = 0; i < RUNS; i++) {
      floor.push(timed('bash', ['-c', 'true'], env, scratch));
      steps.forEach(([, script], k) => byStep[k]!.push(timed('bash', ['-eo', 'pipefail', '-c', script], env, scratch)));
      nodeFloor.push(timed(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), '--version'], env, scratch));
      npx.push(timed('npx', hopCi, env, scratch));
    }
    const f = median(floor);
    console.log(
      `runs: ${RUNS} (median); floor bash -c true: ${f.toFixed(0)} ms; node dist/cli.js --version: ${median(nodeFloor).toFixed(0)} ms`,
    );
    steps.forEach(([name], k) => {
      const m = median(byStep[k]!);
      console.log(`${name.padEnd(34)} ${m.toFixed(0).padStart(6)} ms  ${(m / f).toFixed(1)}x bash`);
    });
    const n = median(npx);
    console.log(
      `${'npx hop-ci@file:… (warm npm cache)'.padEnd(34)} ${n.toFixed(0).padStart(6)} ms  ${(n / median(nodeFloor)).toFixed(1)}x node dist/cli.js`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    rmSync(project, { recursive: true, force: true });
  }
}
