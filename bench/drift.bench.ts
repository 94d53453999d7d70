/**
 * The drift check's cost on the 20-release workload of upgrade.bench.ts: a database at
 * release 20 (200 tables with their sequences, keys, indexes and rows) checked against its
 * recorded dump. The check's parts as the upgrade runs them — a throwaway cluster, the dump
 * restored with psql, both catalogs read, the comparison — against the floor of the old
 * dump-text check, one `pg_dump --schema-only` of the live database. Median of 3 rounds.
 */
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { compareCatalogs } from '../src/core/catalog.js';
import { readCatalog } from '../src/adapters/postgres/catalog.js';
import { startEphemeralCluster } from '../src/adapters/postgres/ephemeral.js';
import { dumpSchema } from '../src/adapters/postgres/psql.js';
import { restoreRecordedDump } from '../src/adapters/postgres/upgrade/drift.js';
import { median, workloadPatchSql as patchSql } from './measure.js';

const RELEASES = 20;
const PATCHES = 10;
const ROUNDS = 3;

export default async function bench(): Promise<void> {
  const production = await startEphemeralCluster();
  try {
    await production.createDatabase('live');
    const live = new pg.Client({ connectionString: production.url('live') });
    await live.connect();
    for (let r = 1; r <= RELEASES; r++) for (let p = 1; p <= PATCHES; p++) await live.query(patchSql(r, p));
    const dump = await dumpSchema(production, 'live');
    const t = { cluster: [] as number[], restore: [] as number[], read: [] as number[], compare: [] as number[], total: [] as number[] };
    const floor: number[] = [];
    let objects = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now();
      const scratch = await startEphemeralCluster();
      const t1 = performance.now();
      try {
        await scratch.createDatabase('expected');
        await restoreRecordedDump(scratch, 'expected', { text: dump, name: 'schema-0.20.0.sql' }, process.env);
        const t2 = performance.now();
        const client = new pg.Client({ connectionString: scratch.url('expected') });
        await client.connect();
        const expected = await readCatalog(client, { exclude: ['hop_ci'] });
        await client.end();
        const actual = await readCatalog(live, { exclude: ['hop_ci'] });
        const t3 = performance.now();
        const changes = compareCatalogs(expected, actual);
        const t4 = performance.now();
        if (changes.length) throw new Error(`the bench database drifted: ${JSON.stringify(changes.slice(0, 3))}`);
        objects = actual.entries.length;
        t.cluster.push(t1 - t0);
        t.restore.push(t2 - t1);
        t.read.push(t3 - t2);
        t.compare.push(t4 - t3);
        t.total.push(t4 - t0);
      } finally {
        await scratch.close();
      }
      const f0 = performance.now();
      execFileSync('pg_dump', ['--schema-only', '--no-owner', '--dbname', production.url('live')], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      floor.push(performance.now() - f0);
    }
    await live.end();
    const ms = (x: number[]) => `${median(x).toFixed(0).padStart(6)} ms`;
    const base = median(floor);
    console.log(`drift check of a database at release ${RELEASES} (${objects} catalog objects), median of ${ROUNDS} rounds`);
    console.log(`  throwaway cluster start:           ${ms(t.cluster)}`);
    console.log(`  recorded dump restored (psql):     ${ms(t.restore)}`);
    console.log(`  both catalogs read:                ${ms(t.read)}`);
    console.log(`  comparison:                        ${ms(t.compare)}`);
    console.log(`  whole drift check:                 ${ms(t.total)}  = ${(median(t.total) / base).toFixed(2)}× the floor`);
    console.log(`  floor: one pg_dump --schema-only:  ${ms(floor)}  (what the old dump-text check ran, at least)`);
    console.log(`  catalogs read + compared:          ${((median(t.read) + median(t.compare)) / base).toFixed(2)}× the floor`);
  } finally {
    await production.close();
  }
}
