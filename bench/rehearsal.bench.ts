/**
 * What the dry-run costs: `upgrade --dry-run` rehearsing off the server (the backup
 * restored into a throwaway cluster, applied as the target's role) and with
 * `--rehearse-on-server` (a template copy), against the real upgrade with its backup, on
 * the same database: 5 releases × 3 patches over a 200 000-row table. Median of 3
 * rounds, each on a fresh copy of the database, interleaved.
 */

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { startEphemeralCluster } from '../src/adapters/postgres/ephemeral.js';
import { dumpSchema } from '../src/adapters/postgres/psql.js';
import { LocalProvider } from '../src/adapters/ci/local.js';
import { FsWorkspace } from '../src/adapters/workspace-fs.js';
import { systemClock } from '../src/adapters/clock.js';
import { executeStage } from '../src/stages/execute.js';
import { upgradeStage } from '../src/stages/upgrade.js';
import { median, git } from './measure.js';

const RELEASES = 5;
const PATCHES = 3;
const ROWS = 200_000;
const ROUNDS = 3;

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
CREATE TABLE public.users (id serial PRIMARY KEY, name text NOT NULL, created timestamptz DEFAULT now());
INSERT INTO public.users (name) SELECT 'user ' || g FROM generate_series(1, ${ROWS}) g;
`;

function patchSql(r: number, p: number): string {
  return `CREATE TABLE public.t_${r}_${p} (id serial PRIMARY KEY, user_id int REFERENCES public.users, note text);
INSERT INTO public.t_${r}_${p} (user_id, note) SELECT id, 'n' FROM public.users WHERE id % 100 = ${p};
`;
}

export default async function bench(): Promise<void> {
  const server = await startEphemeralCluster();
  const dir = mkdtempSync(path.join(tmpdir(), 'hop-ci-bench-rehearsal-'));
  try {
    await server.createDatabase('base');
    const admin = new pg.Client({ connectionString: server.url('base') });
    await admin.connect();
    await admin.query(BASE_SQL);
    await admin.end();
    const work = path.join(dir, 'project');
    const write = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(work, rel)), { recursive: true });
      writeFileSync(path.join(work, rel), text);
    };
    git(dir, 'init', '-q', '-b', 'ho-prod', work);
    write('.hop/config', '[halfORM]\nhop_version = 1.0.0-a32\npackage_name = bench\n');
    write('.hop/model/schema-0.0.0.sql', await dumpSchema(server, 'base'));
    symlinkSync('schema-0.0.0.sql', path.join(work, '.hop/model/schema.sql'));
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', 'init');
    for (let r = 1; r <= RELEASES; r++) {
      const ids: string[] = [];
      for (let p = 1; p <= PATCHES; p++) {
        const id = `${(r - 1) * PATCHES + p}-p`;
        ids.push(id);
        write(`Patches/staged/${id}/01.sql`, patchSql(r, p));
      }
      write(`.hop/releases/0.${r}.0.txt`, `${ids.join('\n')}\n`);
      git(work, 'add', '-A');
      git(work, 'commit', '-q', '-m', `release 0.${r}.0`);
      git(work, 'tag', '-a', `v0.${r}.0`, '-m', `Production release %0.${r}.0`);
    }

    const env = { ...process.env, DATABASE_URL: undefined };
    const silent = () => new Writable({ write: (_c, _e, cb) => cb() });
    const run = async (db: string, flags: Record<string, string>): Promise<number> => {
      const ci = new LocalProvider({ inputs: { 'database-url': server.url(db), ...flags }, env, stdout: silent(), stderr: silent() });
      const t0 = performance.now();
      const { exitCode } = await executeStage(
        upgradeStage,
        { cwd: work, workspace: new FsWorkspace(), clock: systemClock, ci, env },
        { write: () => undefined },
      );
      if (exitCode !== 0) throw new Error(`upgrade ${JSON.stringify(flags)} failed (exit ${exitCode})`);
      return performance.now() - t0;
    };
    const timings = { real: [] as number[], off: [] as number[], on: [] as number[] };
    const backups = path.join(dir, 'backups');
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of ['off', 'on', 'real'] as const) {
        const db = `${kind}_${round}`;
        await server.createDatabase(db, { template: 'base' });
        const flags: Record<string, string> =
          kind === 'real' ? { 'backup-dir': backups } : { 'dry-run': 'true', ...(kind === 'on' ? { 'rehearse-on-server': 'true' } : {}) };
        timings[kind].push(await run(db, flags));
        await server.dropDatabase(db);
      }
    }
    const real = median(timings.real);
    const line = (label: string, ms: number) =>
      console.log(`${label.padEnd(56)} median ${(ms / 1000).toFixed(2)} s  → ${(ms / real).toFixed(2)}× the real upgrade`);
    console.log(`${RELEASES} releases × ${PATCHES} patches over ${ROWS} rows; ${ROUNDS} rounds, interleaved`);
    line('upgrade (backup + apply), the floor', real);
    line('upgrade --dry-run (off the server: restore + apply)', median(timings.off));
    line('upgrade --dry-run --rehearse-on-server (template copy)', median(timings.on));
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
