/**
 * Reading a large patch file (a 25 MB data seed) at a commit through hop-ci's git reader
 * (one long-lived `git cat-file --batch`), against the floor: `git cat-file blob` writing
 * the same file to a pipe, a process started for it, in the same run. Median of 5.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GitReader } from '../src/adapters/git-read.js';
import { git, median } from './measure.js';

const ROWS = 400_000;
const ROUNDS = 5;

export default async function bench(): Promise<void> {
  const repo = mkdtempSync(path.join(tmpdir(), 'hop-ci-bench-git-read-'));
  try {
    const seed = Array.from({ length: ROWS }, (_, i) => `INSERT INTO seed VALUES (${i}, 'row ${i} of the seed data');\n`).join('');
    git(repo, 'init', '-q');
    writeFileSync(path.join(repo, 'seed.sql'), seed);
    git(repo, 'add', 'seed.sql');
    git(repo, 'commit', '-q', '-m', 'seed');
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
    const reader: number[] = [];
    const floor: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // A new reader each round: nothing kept from the round before.
      const r = new GitReader(repo, process.env);
      const t0 = performance.now();
      const text = await r.readText(commit, 'seed.sql');
      reader.push(performance.now() - t0);
      r.close();
      if (text?.length !== seed.length) throw new Error(`the reader returned ${text?.length} bytes, not ${seed.length}`);
      const t1 = performance.now();
      execFileSync('git', ['cat-file', 'blob', `${commit}:seed.sql`], { cwd: repo, maxBuffer: 64 * 1024 * 1024 });
      floor.push(performance.now() - t1);
    }
    const mb = (seed.length / 1e6).toFixed(1);
    console.log(`one ${mb} MB file at a commit, median of ${ROUNDS}`);
    console.log(`  hop-ci's git reader (git cat-file --batch): ${median(reader).toFixed(0)} ms`);
    console.log(`  floor: git cat-file blob, a process:        ${median(floor).toFixed(0)} ms`);
    console.log(`  ratio: ${(median(reader) / median(floor)).toFixed(2)}× the floor`);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}
