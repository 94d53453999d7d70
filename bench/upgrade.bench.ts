/**
 * Upgrade of 20 releases × 10 patches on a throwaway PostgreSQL, measured as users run it:
 * a `node dist/cli.js run upgrade --skip-backup` process from start to exit (git reading,
 * parsing, drift check, lock, each release through the one executor with its ledger and
 * hop_release rows), against the floor — one `psql -1` process per release on the same
 * files — and against dbmate (one migration per release, each in a transaction). The drift
 * check's share (from the stage's --json) is reported apart. Median of 3 rounds, each on
 * a fresh database. hop-ci runs in a clone of the project, as in CI. Run `npm run build` first.
 *
 * Each round also measures the fixed cost of a run, so that the gap between hop-ci and
 * dbmate can be read: each tool run again on its upgraded database (nothing to do), bare
 * `node -e 0`, and a minimal Node.js client — node-postgres bundled as hop-ci bundles it,
 * connect, four queries, exit — the least any Node.js tool that connects pays.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEphemeralCluster } from '../src/adapters/postgres/ephemeral.js';
import { dumpSchema } from '../src/adapters/postgres/psql.js';
import { median, git, workloadPatchSql as patchSql } from './measure.js';
import { pgOnNode } from '../scripts/pg-on-node.mjs';

const RELEASES = 20;
const PATCHES = 10;
const ROUNDS = 3;
const CLI = path.resolve('dist/cli.js');

/** The minimal Node.js client: what a tool must do at least before and after its SQL. */
const MINIMAL_CLIENT = `import pg from 'pg';
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
for (const sql of ['SHOW server_version_num', 'SELECT pg_try_advisory_lock(1, 2)', "SELECT to_regclass('half_orm_meta.hop_release')", 'SELECT 1'])
  await client.query(sql);
await client.end();
`;

const BASE_SQL = `
CREATE SCHEMA half_orm_meta;
CREATE SCHEMA "half_orm_meta.view";
CREATE TABLE half_orm_meta.hop_release (major int NOT NULL, minor int NOT NULL, patch int NOT NULL,
  pre_release text DEFAULT '' NOT NULL, pre_release_num text DEFAULT '' NOT NULL, date date DEFAULT CURRENT_DATE,
  "time" time(0) with time zone DEFAULT CURRENT_TIME, changelog text, commit text, dbid text, hop_release text,
  PRIMARY KEY (major, minor, patch, pre_release, pre_release_num));
CREATE VIEW "half_orm_meta.view".hop_last_release AS SELECT * FROM half_orm_meta.hop_release
  ORDER BY major DESC, minor DESC, patch DESC, pre_release DESC, pre_release_num DESC LIMIT 1;
INSERT INTO half_orm_meta.hop_release (major, minor, patch) VALUES (0, 0, 0);
`;

export default async function bench(): Promise<void> {
  const server = await startEphemeralCluster();
  const dir = mkdtempSync(path.join(tmpdir(), 'hop-ci-bench-upgrade-'));
  try {
    await server.createDatabase('base');
    const admin = new pg.Client({ connectionString: server.url('base') });
    await admin.connect();
    await admin.query(BASE_SQL);
    await admin.end();
    const schema0 = await dumpSchema(server, 'base');

    // The project: one tag per release, patch folders at the tag.
    const work = path.join(dir, 'project');
    const write = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(work, rel)), { recursive: true });
      writeFileSync(path.join(work, rel), text);
    };
    git(dir, 'init', '-q', '-b', 'ho-prod', work);
    write('.hop/config', '[halfORM]\nhop_version = 1.0.0-a32\npackage_name = bench\n');
    write('.hop/model/schema-0.0.0.sql', schema0);
    symlinkSync('schema-0.0.0.sql', path.join(work, '.hop/model/schema.sql'));
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', 'init');
    const releaseFiles: string[][] = [];
    const dbmateDir = path.join(dir, 'dbmate');
    mkdirSync(dbmateDir);
    for (let r = 1; r <= RELEASES; r++) {
      const version = `0.${r}.0`;
      const ids: string[] = [];
      const files: string[] = [];
      for (let p = 1; p <= PATCHES; p++) {
        const id = `${(r - 1) * PATCHES + p}-p`;
        ids.push(id);
        write(`Patches/staged/${id}/01.sql`, patchSql(r, p));
        files.push(path.join(work, `Patches/staged/${id}/01.sql`));
      }
      releaseFiles.push(files);
      write(`.hop/releases/${version}.txt`, `${ids.join('\n')}\n`);
      writeFileSync(
        path.join(dbmateDir, `${String(r).padStart(4, '0')}_release_${r}.sql`),
        `-- migrate:up\n${ids.map((_, i) => patchSql(r, i + 1)).join('')}\n-- migrate:down\n`,
      );
      git(work, 'add', '-A');
      git(work, 'commit', '-q', '-m', `release ${version}`);
      git(work, 'tag', '-a', `v${version}`, '-m', `Production release %${version}`);
    }

    // hop-ci reads a clone, as CI's checkout gives it (objects packed, tags fetched): the
    // repository the bench wrote holds loose objects, which no checkout has.
    const checkout = path.join(dir, 'checkout');
    git(dir, 'clone', '-q', work, checkout);

    const minimalClient = path.join(dir, 'minimal-client.mjs');
    writeFileSync(path.join(dir, 'minimal-client.src.mjs'), MINIMAL_CLIENT);
    await build({
      entryPoints: [path.join(dir, 'minimal-client.src.mjs')],
      outfile: minimalClient,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      plugins: [pgOnNode],
      external: ['pg-native'],
      nodePaths: [path.resolve('node_modules')],
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      logLevel: 'warning',
    });

    const timings = {
      hop: [] as number[],
      hopNothing: [] as number[],
      dbmateNothing: [] as number[],
      node: [] as number[],
      minimalClient: [] as number[],
      drift: [] as number[],
      psql: [] as number[],
      dbmate: [] as number[],
      dbmateDump: [] as number[],
    };
    const env = { ...process.env, DATABASE_URL: undefined };
    const pgEnv = { ...process.env, ...server.env };
    const dbmateBin = path.resolve('node_modules/.bin/dbmate');
    /** Runs `f`, adds its wall time to `into`, returns what `f` returned. */
    const timed = <T>(into: number[], f: () => T): T => {
      const t = performance.now();
      const result = f();
      into.push(performance.now() - t);
      return result;
    };
    const hopUpgrade = (db: string) =>
      spawnSync(process.execPath, [CLI, 'run', 'upgrade', '--cwd', checkout, '--skip-backup', '--json'], {
        env: { ...env, DATABASE_URL: server.url(db) },
        encoding: 'utf8',
      });
    const dbmateUrl = (db: string) => `${server.url(db)}${server.url(db).includes('?') ? '&' : '?'}sslmode=disable`;
    const dbmateUp = (db: string) =>
      execFileSync(dbmateBin, ['--url', dbmateUrl(db), '--migrations-dir', dbmateDir, '--no-dump-schema', 'up'], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    for (let round = 0; round < ROUNDS; round++) {
      const db = `hop_${round}`;
      await server.createDatabase(db, { template: 'base' });
      const run = timed(timings.hop, () => hopUpgrade(db));
      if (run.status !== 0) throw new Error(`hop-ci upgrade failed (exit ${run.status}): ${run.stderr}`);
      const result = JSON.parse(run.stdout) as { timings: { driftMs: number }; applied: unknown[] };
      if (result.applied.length !== RELEASES) throw new Error(`hop-ci applied ${result.applied.length} releases`);
      timings.drift.push(result.timings.driftMs);
      // The same process on the database it just upgraded: nothing to do, no drift check.
      const again = timed(timings.hopNothing, () => hopUpgrade(db));
      if (again.status !== 0 || (JSON.parse(again.stdout) as { applied: unknown[] }).applied.length !== 0)
        throw new Error(`hop-ci's second upgrade did something (exit ${again.status}): ${again.stderr}`);

      const floorDb = `psql_${round}`;
      await server.createDatabase(floorDb, { template: 'base' });
      timed(timings.psql, () => {
        for (const files of releaseFiles) {
          execFileSync('psql', ['-X', '-q', '-1', '-v', 'ON_ERROR_STOP=1', '-d', floorDb, ...files.flatMap((f) => ['-f', f])], {
            env: pgEnv,
            stdio: ['ignore', 'ignore', 'inherit'],
          });
        }
      });

      const dbmateDb = `dbmate_${round}`;
      await server.createDatabase(dbmateDb, { template: 'base' });
      timed(timings.dbmate, () => dbmateUp(dbmateDb));
      timed(timings.dbmateNothing, () => dbmateUp(dbmateDb));
      timed(timings.node, () => execFileSync(process.execPath, ['-e', '0']));
      timed(timings.minimalClient, () =>
        execFileSync(process.execPath, [minimalClient], { env: { ...process.env, DATABASE_URL: server.url(dbmateDb) } }),
      );

      // dbmate as it runs by default: after migrating it writes the schema with pg_dump.
      const dumpDb = `dbmate_dump_${round}`;
      await server.createDatabase(dumpDb, { template: 'base' });
      const t3 = performance.now();
      const dumped = spawnSync(
        dbmateBin,
        ['--url', dbmateUrl(dumpDb), '--migrations-dir', dbmateDir, '--schema-file', path.join(dir, 'dbmate-schema.sql'), 'up'],
        { stdio: ['ignore', 'ignore', 'pipe'], env: pgEnv },
      );
      if (dumped.status === 0) timings.dbmateDump.push(performance.now() - t3);
    }
    const hop = median(timings.hop);
    const drift = median(timings.drift);
    const hopApply = median(timings.hop.map((h, i) => h - timings.drift[i]!));
    const floor = median(timings.psql);
    const dbmate = median(timings.dbmate);
    const line = (label: string, ms: number, ratio = true) =>
      console.log(`  ${label.padEnd(66)} ${(ms / 1000).toFixed(2)} s${ratio ? `  = ${(ms / floor).toFixed(2)}× the floor` : ''}`);
    console.log(
      `${RELEASES} releases × ${PATCHES} patches, median of ${ROUNDS} rounds (PostgreSQL ${server.majorVersion}, processes, backup skipped)`,
    );
    line('hop-ci upgrade process, whole stage (start to exit):', hop);
    line('  of which the drift check:', drift);
    line('hop-ci upgrade process without the drift check (applying):', hopApply);
    line('floor: one psql -1 process per release:', floor, false);
    line('dbmate up --no-dump-schema (one migration per release):', dbmate);
    if (timings.dbmateDump.length === ROUNDS)
      line('dbmate up as by default (then writes schema.sql with pg_dump):', median(timings.dbmateDump));
    else console.log('  dbmate up as by default: not measured (its pg_dump failed here)');
    const hopNothing = median(timings.hopNothing);
    const dbmateNothing = median(timings.dbmateNothing);
    const fixed = (label: string, ms: number) => console.log(`    ${label.padEnd(64)} ${(ms / 1000).toFixed(2)} s`);
    console.log('  fixed cost of a run (start to exit, nothing to apply):');
    fixed('node -e 0:', median(timings.node));
    fixed('minimal Node.js client (bundled node-postgres, 4 queries):', median(timings.minimalClient));
    fixed('dbmate up, nothing to do:', dbmateNothing);
    fixed('hop-ci upgrade, nothing to do:', hopNothing);
    console.log('  what applying the 20 releases adds to that:');
    fixed('hop-ci (applying − nothing to do):', hopApply - hopNothing);
    fixed('dbmate (up − nothing to do):', dbmate - dbmateNothing);
    console.log(
      `  targets: applying ≤ 1.1× the floor → ${hopApply / floor <= 1.1 ? 'met' : 'NOT met'}; faster than dbmate → ${hopApply < dbmate ? 'met' : 'NOT met'}`,
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
