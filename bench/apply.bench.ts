/**
 * `npm run bench apply`: 200 patches × 5 files of DDL and DML, applied
 *  - by hop-ci (baseline restored into a template, cloned, then every patch through the applier),
 *  - by the floor: one `psql -1 -f` of the baseline and every file concatenated,
 *  - by dbmate and by node-pg-migrate, the same files as migrations;
 * all on one throwaway cluster, in one run. Also: a cold throwaway cluster start, and a
 * template clone against replaying the baseline. Prints figures and ratios.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEphemeralCluster } from '../src/adapters/postgres/ephemeral.js';
import { findClientTool } from '../src/adapters/postgres/binaries.js';
import { buildProjectState } from '../src/core/state.js';
import { FsWorkspace } from '../src/adapters/workspace-fs.js';
import { ValidationSession } from '../src/stages/validation/session.js';
import { applyOnClone } from '../src/stages/validation/run.js';
import type { DatabaseServer } from '../src/ports.js';
import type { PatchStep } from '../src/core/validation-plan.js';

const PATCHES = 200;
const REPEAT = 3;
const BIN = path.resolve('node_modules/.bin');

/** A plain-SQL baseline of a few tables with data (every tool can run it). */
function baselineSql(): string {
  const out = ['CREATE SCHEMA app;'];
  for (let i = 0; i < 20; i++) {
    out.push(
      `CREATE TABLE app.base_${i} (id serial PRIMARY KEY, code text NOT NULL UNIQUE, amount numeric(12,2) DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now());`,
    );
    out.push(`INSERT INTO app.base_${i} (code, amount) SELECT 'c' || g, g * 1.5 FROM generate_series(1, 500) g;`);
    out.push(`CREATE INDEX base_${i}_amount_idx ON app.base_${i} (amount);`);
  }
  return `${out.join('\n')}\n`;
}

/** Five files of one patch: a table, data, a change of it, a view and a function, an update. */
function patchFiles(i: number): Record<string, string> {
  const ref = `app.base_${i % 20}`;
  return {
    '01_table.sql': `CREATE TABLE app.item_${i} (\n  id serial PRIMARY KEY,\n  base_id int REFERENCES ${ref}(id) ON DELETE CASCADE,\n  label text NOT NULL,\n  qty int NOT NULL DEFAULT 0,\n  price numeric(10,2)\n);\nCREATE INDEX item_${i}_base_idx ON app.item_${i} (base_id);\nCOMMENT ON TABLE app.item_${i} IS 'items of patch ${i}';\n`,
    '02_data.sql': `INSERT INTO app.item_${i} (base_id, label, qty, price)\nSELECT (g % 500) + 1, 'item ' || g, g % 17, (g % 100) * 1.25 FROM generate_series(1, 200) g;\n`,
    '03_alter.sql': `ALTER TABLE app.item_${i} ADD COLUMN status text NOT NULL DEFAULT 'new';\nALTER TABLE app.item_${i} ADD CONSTRAINT item_${i}_qty_check CHECK (qty >= 0);\nUPDATE app.item_${i} SET status = 'active' WHERE qty > 5;\n`,
    '04_view.sql': `CREATE VIEW app.item_${i}_totals AS\n  SELECT base_id, sum(qty * price) AS total FROM app.item_${i} GROUP BY base_id;\nCREATE FUNCTION app.item_${i}_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM app.item_${i} $$;\n`,
    '05_update.sql': `UPDATE ${ref} SET amount = amount + 1 WHERE id IN (SELECT base_id FROM app.item_${i} WHERE status = 'active');\nDELETE FROM app.item_${i} WHERE qty = 0;\n`,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(fn: () => Promise<void> | void): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function admin(server: DatabaseServer, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: server.url('postgres') });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export default async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hop-ci-bench-'));
  const servers: DatabaseServer[] = [];
  try {
    // --- the project: baseline + 200 patches × 5 files, all staged
    const root = path.join(dir, 'project');
    mkdirSync(path.join(root, '.hop/releases'), { recursive: true });
    mkdirSync(path.join(root, '.hop/model'), { recursive: true });
    writeFileSync(path.join(root, '.hop/config'), '[halfORM]\nhop_version = 1.0.0-a32\npackage_name = bench\n');
    const baseline = baselineSql();
    writeFileSync(path.join(root, '.hop/model/schema-0.1.0.sql'), baseline);
    symlinkSync('schema-0.1.0.sql', path.join(root, '.hop/model/schema.sql'));
    writeFileSync(path.join(root, '.hop/releases/0.1.0.txt'), '');
    const toml: string[] = [];
    const all: string[] = [baseline];
    const migrationsDbmate = path.join(dir, 'dbmate');
    const migrationsNpm = path.join(dir, 'npm');
    mkdirSync(migrationsDbmate);
    mkdirSync(migrationsNpm);
    writeFileSync(path.join(migrationsDbmate, '000000_baseline.sql'), `-- migrate:up\n${baseline}\n-- migrate:down\n`);
    writeFileSync(path.join(migrationsNpm, '000000_baseline.sql'), `-- Up Migration\n${baseline}\n-- Down Migration\n`);
    let n = 0;
    for (let i = 1; i <= PATCHES; i++) {
      const id = `${i}-p${i}`;
      toml.push(`[patches.${id}]\nstatus = "staged"\n`);
      for (const [name, sql] of Object.entries(patchFiles(i))) {
        const folder = path.join(root, 'Patches/staged', id);
        mkdirSync(folder, { recursive: true });
        writeFileSync(path.join(folder, name), sql);
        all.push(sql);
        n++;
        const version = String(n).padStart(6, '0');
        writeFileSync(path.join(migrationsDbmate, `${version}_${id}_${name}`), `-- migrate:up\n${sql}\n-- migrate:down\n`);
        writeFileSync(path.join(migrationsNpm, `${version}_${id}_${name}`), `-- Up Migration\n${sql}\n-- Down Migration\n`);
      }
    }
    writeFileSync(path.join(root, '.hop/releases/0.2.0-patches.toml'), toml.join('\n'));
    const concatenated = path.join(dir, 'all.sql');
    writeFileSync(concatenated, all.join('\n'));
    console.log(
      `workload: baseline (20 tables, 10 000 rows) + ${PATCHES} patches × 5 files = ${n} files, ${(all.join('\n').length / 1024).toFixed(0)} KiB of SQL`,
    );

    // --- cold cluster starts
    const starts: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      let server: DatabaseServer | undefined;
      starts.push(await time(async () => void (server = await startEphemeralCluster())));
      await server!.close();
    }
    const server = await startEphemeralCluster();
    servers.push(server);
    const url = (db: string) => server.url(db);
    const psql = await findClientTool('psql', { env: process.env });

    // --- hop-ci: baseline into a template, clone, 1000 files through the applier
    const state = buildProjectState(await new FsWorkspace().readProject(root));
    const silent = { info: () => undefined, setSecret: () => undefined, debug: () => undefined };
    const steps: PatchStep[] = state.inPreparation[0]!.patches.map((p) => ({
      id: p.id,
      status: 'staged',
      release: '0.2.0',
      folder: state.patchFolders.get(p.id)!,
    }));
    const hop: number[] = [];
    const hopPhases: Array<Record<string, number>> = [];
    for (let i = 0; i < REPEAT; i++) {
      hop.push(
        await time(async () => {
          const session = await ValidationSession.open({ state, ci: silent, env: process.env, databaseUrl: url('postgres') });
          try {
            const { run } = await applyOnClone(session, silent, 'bench', steps);
            if (run.failure) throw new Error(run.failure.message);
          } finally {
            hopPhases.push({ ...session.phases });
            await session.close();
          }
        }),
      );
    }

    // --- the floor: one psql -1 -f of everything
    const floor: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      const db = `floor_${i}`;
      await admin(server, `CREATE DATABASE ${db}`);
      floor.push(
        await time(
          () =>
            void execFileSync(psql, ['-X', '-q', '-1', '-v', 'ON_ERROR_STOP=1', '-d', url(db), '-f', concatenated], { stdio: 'ignore' }),
        ),
      );
      await admin(server, `DROP DATABASE ${db}`);
    }

    // --- dbmate and node-pg-migrate, same files
    const dbmate: number[] = [];
    const npm: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      const db = `dbmate_${i}`;
      await admin(server, `CREATE DATABASE ${db}`);
      dbmate.push(
        await time(() => {
          const r = spawnSync(
            path.join(BIN, 'dbmate'),
            ['--url', `${url(db)}?sslmode=disable`, '--migrations-dir', migrationsDbmate, '--no-dump-schema', 'migrate'],
            { encoding: 'utf8' },
          );
          if (r.status !== 0) throw new Error(`dbmate: ${r.stderr}`);
        }),
      );
      await admin(server, `DROP DATABASE ${db}`);
      const db2 = `npm_${i}`;
      await admin(server, `CREATE DATABASE ${db2}`);
      npm.push(
        await time(() => {
          const r = spawnSync(
            path.join(BIN, 'node-pg-migrate'),
            ['up', '-m', migrationsNpm, '--verbose', 'false', '--check-order', 'false'],
            { encoding: 'utf8', env: { ...process.env, DATABASE_URL: url(db2) } },
          );
          if (r.status !== 0) throw new Error(`node-pg-migrate: ${r.stderr.slice(-500)}`);
        }),
      );
      await admin(server, `DROP DATABASE ${db2}`);
    }

    // --- template clone against replaying the baseline
    await admin(server, 'CREATE DATABASE tpl');
    execFileSync(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url('tpl'), '-f', path.join(root, '.hop/model/schema-0.1.0.sql')], {
      stdio: 'ignore',
    });
    const cloneFile: number[] = [];
    const cloneWal: number[] = [];
    const replay: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      cloneFile.push(await time(() => admin(server, `CREATE DATABASE c_f_${i} TEMPLATE tpl STRATEGY FILE_COPY`)));
      cloneWal.push(await time(() => admin(server, `CREATE DATABASE c_w_${i} TEMPLATE tpl STRATEGY WAL_LOG`)));
      replay.push(
        await time(async () => {
          await admin(server, `CREATE DATABASE r_${i}`);
          execFileSync(
            psql,
            ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url(`r_${i}`), '-f', path.join(root, '.hop/model/schema-0.1.0.sql')],
            { stdio: 'ignore' },
          );
        }),
      );
    }

    const ms = (x: number) => `${x.toFixed(0)} ms`;
    const h = median(hop);
    const f = median(floor);
    console.log(`\nmedian of ${REPEAT} runs each, PostgreSQL ${server.majorVersion}, throwaway cluster (fsync off) on ${process.platform}`);
    console.log(
      `cold throwaway cluster, start to first query: ${starts.map(ms).join(', ')} (median ${ms(median(starts))}; target < 1000 ms)`,
    );
    console.log(`hop-ci (baseline → template → clone → ${n} files): ${ms(h)}   [${hop.map(ms).join(', ')}]`);
    const ph = hopPhases[Math.floor(hopPhases.length / 2)]!;
    console.log(
      `  phases: ${Object.entries(ph)
        .map(([k, v]) => `${k} ${ms(v)}`)
        .join(' · ')}`,
    );
    console.log(`floor (one psql -1 -f):                      ${ms(f)}   [${floor.map(ms).join(', ')}]`);
    console.log(`dbmate migrate:                              ${ms(median(dbmate))}   [${dbmate.map(ms).join(', ')}]`);
    console.log(`node-pg-migrate up:                          ${ms(median(npm))}   [${npm.map(ms).join(', ')}]`);
    console.log(
      `ratios: hop-ci / floor = ${(h / f).toFixed(2)} (target ≤ 1.15); dbmate / hop-ci = ${(median(dbmate) / h).toFixed(2)}; node-pg-migrate / hop-ci = ${(median(npm) / h).toFixed(2)} (targets > 1)`,
    );
    console.log(
      `template clone FILE_COPY ${ms(median(cloneFile))}, WAL_LOG ${ms(median(cloneWal))}, against replaying the baseline ${ms(median(replay))}: replay / clone = ${(median(replay) / median(cloneFile)).toFixed(1)}`,
    );
  } finally {
    for (const s of servers) await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
