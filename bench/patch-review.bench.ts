/**
 * What the schema change and the squawk lint add to a validate-patch of the fixture
 * project (05-final, ho-patch/6-comments: baseline 0.1.0.post1, 5-tags, then 6-comments),
 * on one throwaway PostgreSQL given as the server. The whole stage with `lint: off` is the
 * floor; its `schema` phase (the catalog read before and after the patch, and the
 * comparison) and the `lint` phase of a `lint: warn` run are what the review adds.
 * Target: ≤ 300 ms together. Median of 5 rounds each.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { LocalProvider } from '../src/adapters/ci/local.js';
import { systemClock } from '../src/adapters/clock.js';
import { startEphemeralCluster } from '../src/adapters/postgres/ephemeral.js';
import { FsWorkspace } from '../src/adapters/workspace-fs.js';
import { validatePatchStage } from '../src/stages/validate-patch.js';
import { median } from './measure.js';

const ROUNDS = 5;
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'fixtures', 'half-orm-dev');

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hop-ci-bench-review-'));
  const server = await startEphemeralCluster();
  try {
    const origin = path.join(dir, 'origin.git');
    const work = path.join(dir, 'work');
    execFileSync('git', ['clone', '-q', '--mirror', path.join(FIXTURES, '05-final.bundle'), origin]);
    execFileSync('git', ['clone', '-q', '-b', 'ho-patch/6-comments', origin, work]);
    const env = { PATH: process.env['PATH'], HOME: process.env['HOME'], DATABASE_URL: server.url('postgres') };
    const run = async (lint: string) => {
      const ci = new LocalProvider({
        inputs: { 'test-command': 'none', lint },
        env,
        stdout: new Writable({ write: (_c, _e, cb) => cb() }),
        stderr: new Writable({ write: (_c, _e, cb) => cb() }),
      });
      const t0 = performance.now();
      const result = await validatePatchStage({ cwd: work, workspace: new FsWorkspace(), clock: systemClock, ci, env });
      const total = performance.now() - t0;
      if (!result.ok) throw new Error(`validate-patch failed: ${result.text}`);
      const phases = (result.json as { phases: Record<string, number> }).phases;
      return { total, schema: phases['schema'] ?? 0, lint: phases['lint'] ?? 0 };
    };
    await run('off'); // warm-up: first parser load, first clone
    const off: number[] = [];
    const warn: number[] = [];
    const schema: number[] = [];
    const lint: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const a = await run('off');
      off.push(a.total);
      schema.push(a.schema);
      const b = await run('warn');
      warn.push(b.total);
      lint.push(b.lint);
    }
    const floor = median(off);
    const added = median(schema) + median(lint);
    const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
    console.log(`validate-patch 6-comments on the 05-final fixture, median of ${ROUNDS} rounds (PostgreSQL ${server.majorVersion})`);
    console.log(`  whole stage, lint: off (schema change included): ${ms(floor)}`);
    console.log(
      `  whole stage, lint: warn:                         ${ms(median(warn))}  = ${(median(warn) / floor).toFixed(2)}× lint: off`,
    );
    console.log(`  schema change (2 catalog reads + comparison):    ${ms(median(schema))}`);
    console.log(`  lint (squawk on 1 file + context):               ${ms(median(lint))}`);
    console.log(
      `  review total: ${ms(added)} = ${((added / (floor - median(schema))) * 100).toFixed(0)}% of the stage without it → target ≤ 300 ms ${added <= 300 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
