/**
 * Reads and plans a generated project with 2,000 releases and 40,000 patches.
 * Target (issue 2): under 300 ms on a 2-core machine. The floor is reading the same
 * files with node:fs and nothing else, measured in the same run.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FsWorkspace } from '../src/adapters/workspace-fs.js';
import { buildProjectState } from '../src/core/state.js';
import { buildPlan } from '../src/core/plan.js';

const RELEASES = 2000;
const PATCHES_PER_RELEASE = 20;

export function generate(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'hop-ci-bench-plan-'));
  mkdirSync(path.join(root, '.hop/releases'), { recursive: true });
  mkdirSync(path.join(root, '.hop/model'), { recursive: true });
  mkdirSync(path.join(root, 'Patches/staged'), { recursive: true });
  writeFileSync(path.join(root, '.hop/config'), '[halfORM]\nhop_version = 1.0.0-a32\npackage_name = bench\n');
  writeFileSync(path.join(root, '.hop/model/schema-0.0.0.sql'), '');
  symlinkSync('schema-0.0.0.sql', path.join(root, '.hop/model/schema.sql'));
  let id = 1;
  // 1,200 production releases, 400 release candidates, 400 releases in preparation (TOML).
  for (let r = 0; r < RELEASES; r++) {
    const version = `${Math.floor(r / 100)}.${r % 100}.0`;
    const ids = Array.from({ length: PATCHES_PER_RELEASE }, () => `${id++}-change-${r}`);
    let name: string;
    let text: string;
    if (r < 1200) {
      name = `${version}.txt`;
      text = ids.join('\n') + '\n';
    } else if (r < 1600) {
      name = `${version}-rc1.txt`;
      text = ids.map((i) => `${i}:abcdef12`).join('\n') + '\n';
    } else {
      name = `${version}-patches.toml`;
      text = ids.map((i, k) => `[patches.${i}]\nstatus = "${k % 3 ? 'staged' : 'candidate'}"\nmerge_commit = "abcdef12"\n`).join('\n');
    }
    writeFileSync(path.join(root, '.hop/releases', name), text);
    if (r >= 1600) for (const i of ids) mkdirSync(path.join(root, 'Patches/staged', i));
  }
  return root;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export default async function bench(): Promise<void> {
  const root = generate();
  try {
    const ws = new FsWorkspace();
    const runs = 7;
    const hop: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t0 = performance.now();
      const names = readdirSync(path.join(root, '.hop/releases'));
      for (const n of names) readFileSync(path.join(root, '.hop/releases', n), 'utf8');
      readdirSync(path.join(root, 'Patches/staged'));
      floor.push(performance.now() - t0);

      t0 = performance.now();
      const state = buildProjectState(await ws.readProject(root));
      const plan = buildPlan(state, { from: '0.0.0' });
      hop.push(performance.now() - t0);
      if (plan.inPreparation.length !== 400 || plan.upgrade!.length !== 1199) throw new Error('bench project misread');
    }
    const cli = path.resolve('dist/cli.js');
    const cold: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < 5; i++) {
      let t0 = performance.now();
      const r = spawnSync(process.execPath, [cli, 'plan', '--json', '--cwd', root], { encoding: 'utf8', maxBuffer: 1 << 28 });
      cold.push(performance.now() - t0);
      if (r.status !== 0) throw new Error(r.stderr);
      t0 = performance.now();
      spawnSync(process.execPath, ['-e', '']);
      bare.push(performance.now() - t0);
    }
    const m = median(hop);
    console.log(
      `project: ${RELEASES} releases, ${RELEASES * PATCHES_PER_RELEASE} patches (400 TOML, 400 rc, 1200 production), 8,000 patch folders`,
    );
    console.log(
      `read + state + plan (in process, median of ${runs}): ${m.toFixed(1)} ms  (target < 300 ms: ${m < 300 ? 'met' : 'MISSED'})`,
    );
    console.log(`floor, fs reads only: ${median(floor).toFixed(1)} ms  → ratio ${(m / median(floor)).toFixed(2)}×`);
    console.log(
      `cold CLI \`hop-ci plan --json\` (median of 5): ${median(cold).toFixed(0)} ms; bare \`node -e ''\`: ${median(bare).toFixed(0)} ms → ratio ${(median(cold) / median(bare)).toFixed(2)}×`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
