/**
 * What an upgrade reads of a database before it plans (readDatabaseVersion): which of
 * half_orm_meta.hop_release and hop-ci's ledger exist, and their rows, in two round trips
 * whatever exists. Each combination on a real PostgreSQL.
 */
import test from 'ava';
import pg from 'pg';
import { ensureLedger, readDatabaseVersion, upsertLedgerRow } from '../src/adapters/postgres/upgrade/ledger.js';
import { formatRelease, parseRelease } from '../src/core/version.js';
import type { DatabaseServer } from '../src/ports.js';
import { closeSharedCluster, sharedCluster } from './helpers/pg.js';

let server: DatabaseServer;

test.before(async () => {
  server = await sharedCluster();
});

test.after.always(async () => {
  await closeSharedCluster();
});

const HOP_RELEASE_DDL = `
CREATE SCHEMA half_orm_meta;
CREATE TABLE half_orm_meta.hop_release (major int NOT NULL, minor int NOT NULL, patch int NOT NULL,
  pre_release text DEFAULT '' NOT NULL, pre_release_num text DEFAULT '' NOT NULL,
  PRIMARY KEY (major, minor, patch, pre_release, pre_release_num));
-- Out of order, with an rc row of the highest release: the rc must not hide its release.
INSERT INTO half_orm_meta.hop_release VALUES (0, 2, 0, '', ''), (0, 10, 0, 'rc', '1'), (0, 10, 0, '', ''), (0, 9, 0, '', '');
`;

async function withDatabase(name: string, setUp: (c: pg.Client) => Promise<void>, check: (c: pg.Client) => Promise<void>) {
  await server.createDatabase(name);
  const client = new pg.Client({ connectionString: server.url(name) });
  await client.connect();
  try {
    await setUp(client);
    await check(client);
  } finally {
    await client.end();
  }
}

async function recordLedger(client: pg.Client, release: string, status: 'applied' | 'partial'): Promise<void> {
  await ensureLedger(client);
  await upsertLedgerRow(client, {
    id: parseRelease(release, 'test'),
    status,
    patches: [{ id: '1-a', files: [] }],
    parts: [],
    partsDone: status === 'applied' ? 1 : 0,
    hopCiVersion: '0.0.0-test',
    startedAt: new Date(),
    ...(status === 'applied' ? { finishedAt: new Date(), durationMs: 12 } : {}),
  });
}

test('neither table: no version, no ledger', async (t) => {
  await withDatabase(
    'version_none',
    async () => undefined,
    async (c) => {
      t.deepEqual(await readDatabaseVersion(c), { hasHopRelease: false, hasLedger: false, ledger: [] });
    },
  );
});

test('half_orm_meta only: the highest release row, an rc row not hiding its release', async (t) => {
  await withDatabase(
    'version_hop_release',
    async (c) => void (await c.query(HOP_RELEASE_DDL)),
    async (c) => {
      const version = await readDatabaseVersion(c);
      t.true(version.hasHopRelease);
      t.false(version.hasLedger);
      t.deepEqual(version.ledger, []);
      t.is(version.recorded && formatRelease(version.recorded), '0.10.0');
    },
  );
});

test('the ledger only: its rows, no recorded version', async (t) => {
  await withDatabase(
    'version_ledger',
    (c) => recordLedger(c, '0.3.0', 'applied'),
    async (c) => {
      const version = await readDatabaseVersion(c);
      t.false(version.hasHopRelease);
      t.true(version.hasLedger);
      t.is(version.recorded, undefined);
      t.is(version.ledger.length, 1);
      t.like(version.ledger[0], { release: '0.3.0', status: 'applied', partsDone: 1, durationMs: 12 });
      t.deepEqual(version.ledger[0]!.patches, [{ id: '1-a', files: [] }]);
    },
  );
});

test('both tables: each read from its own result of the one message', async (t) => {
  await withDatabase(
    'version_both',
    async (c) => {
      await c.query(HOP_RELEASE_DDL);
      await recordLedger(c, '0.10.0', 'applied');
      await recordLedger(c, '0.11.0', 'partial');
    },
    async (c) => {
      const version = await readDatabaseVersion(c);
      t.true(version.hasHopRelease && version.hasLedger);
      t.is(version.recorded && formatRelease(version.recorded), '0.10.0');
      t.deepEqual(version.ledger.map((r) => [r.release, r.status, r.partsDone]).sort(), [
        ['0.10.0', 'applied', 1],
        ['0.11.0', 'partial', 0],
      ]);
    },
  );
});
