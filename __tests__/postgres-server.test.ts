import test from 'ava';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HopError } from '../src/core/errors.js';
import { startEphemeralCluster } from '../src/adapters/postgres/ephemeral.js';
import { openDatabaseServer, addressFromUrl } from '../src/adapters/postgres/server.js';
import { dumpHalfOrmMeta, dumpSchema, parsePsqlError, runPsqlFile } from '../src/adapters/postgres/psql.js';
import { closeSharedCluster, hopDatabases, hopPostmasters, query, sharedCluster } from './helpers/pg.js';
import { tempDir } from './helpers/project.js';

test.after.always(closeSharedCluster);

test('a throwaway cluster starts, answers, and close() removes its folder and process', async (t) => {
  const lines: string[] = [];
  const t0 = performance.now();
  const server = await startEphemeralCluster({ log: (m) => lines.push(m) });
  const startMs = performance.now() - t0;
  const dir = /in (\S+hop-ci-pg-\S+) \(/.exec(lines.join('\n'))?.[1];
  t.truthy(dir, lines.join('\n'));
  try {
    // Logged, not asserted: a time limit fails on a machine shared with other jobs (house rule:
    // figures go in bench/, as ratios measured in the same run).
    t.log(`cold start ${startMs.toFixed(0)} ms`);
    t.is(server.majorVersion, 15);
    await server.createDatabase('hop_ci_probe');
    const rows = await query<{ v: number }>(server, 'hop_ci_probe', 'SELECT 41 + 1 AS v');
    t.is(rows[0]!.v, 42);
    t.regex(server.url('x'), /^postgresql:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/x$/);
    t.true(existsSync(dir!));
  } finally {
    await server.close();
  }
  t.false(existsSync(dir!), 'the cluster folder is removed');
  t.deepEqual(
    hopPostmasters().filter((l) => l.includes(dir!)),
    [],
  );
  await server.close(); // idempotent
});

test('a given server (URL): hop-ci creates and drops only its own databases', async (t) => {
  const cluster = await sharedCluster();
  const given = await openDatabaseServer({ databaseUrl: cluster.url('postgres'), env: {} });
  t.is(given.majorVersion, cluster.majorVersion);
  await given.createDatabase('hop_ci_given_a');
  await given.createDatabase('hop_ci_given_b', { template: 'hop_ci_given_a' });
  t.true((await hopDatabases(cluster)).includes('hop_ci_given_b'));
  await given.close();
  const left = await hopDatabases(cluster);
  t.false(left.includes('hop_ci_given_a'));
  t.false(left.includes('hop_ci_given_b'));
  // The server itself is still there.
  t.is((await query<{ one: number }>(cluster, 'postgres', 'SELECT 1 AS one'))[0]!.one, 1);
});

test('PG* variables select a given server too', async (t) => {
  const cluster = await sharedCluster();
  const given = await openDatabaseServer({ env: { PGHOST: cluster.env['PGHOST'], PGPORT: cluster.env['PGPORT'], PGUSER: 'postgres' } });
  t.is(given.env['PGHOST'], cluster.env['PGHOST']);
  await given.createDatabase('hop_ci_pgvars');
  await given.close();
  t.false((await hopDatabases(cluster)).includes('hop_ci_pgvars'));
});

test('a server that refuses the connection: a failed HopError that names no password', async (t) => {
  const e = await t.throwsAsync(openDatabaseServer({ databaseUrl: 'postgresql://u:s3cr3tpw@127.0.0.1:1/db', env: {} }), {
    instanceOf: HopError,
  });
  t.is(e!.code, 'db-connect');
  t.is(e!.exitCode, 1);
  t.notRegex(e!.message, /s3cr3tpw/);
  t.regex(e!.hint!, /DATABASE_URL/);
});

test('a database URL is parsed into libpq variables; a bad one is an input error that does not echo it', (t) => {
  const a = addressFromUrl('postgres://me:p%40ss@db.example:6543/maint?sslmode=require');
  t.deepEqual(a.env, { PGHOST: 'db.example', PGPORT: '6543', PGUSER: 'me', PGPASSWORD: 'p@ss', PGSSLMODE: 'require' });
  t.is(a.maintenanceDb, 'maint');
  t.is(a.url('x'), 'postgresql://me:p%40ss@db.example:6543/x?sslmode=require');
  const e = t.throws(() => addressFromUrl('mysql://u:topsecret@h/db'), { instanceOf: HopError });
  t.is(e!.exitCode, 2);
  t.notRegex(e!.message, /topsecret/);
});

test('runPsqlFile: pg_dump-style input works; an error names the file, line and column', async (t) => {
  const server = await sharedCluster();
  await server.createDatabase('hop_ci_psql');
  const dir = tempDir();
  const good = path.join(dir, 'good.sql');
  writeFileSync(good, 'CREATE TABLE t (a int, b text);\nCOPY t (a, b) FROM stdin;\n1\tone\n2\ttwo\n\\.\n');
  await runPsqlFile(server, 'hop_ci_psql', good);
  t.is((await query<{ n: string }>(server, 'hop_ci_psql', 'SELECT count(*) AS n FROM t'))[0]!.n, '2');
  const bad = path.join(dir, 'bad.sql');
  writeFileSync(bad, 'SELECT 1;\n\nSELECT nope FROM t;\nSELECT 2;\n');
  const e = await t.throwsAsync(runPsqlFile(server, 'hop_ci_psql', bad, { displayName: 'bad.sql' }), { instanceOf: HopError });
  t.is(e!.file, 'bad.sql');
  t.is(e!.line, 3);
  t.is(e!.column, 8);
  t.regex(e!.message, /column "nope" does not exist/);
  await server.dropDatabase('hop_ci_psql');
});

test('parsePsqlError reads DETAIL and HINT', (t) => {
  const e = parsePsqlError(
    'psql:/x/f.psql:7: ERROR:  duplicate key value violates unique constraint "u"\nDETAIL:  Key (a)=(1) already exists.\nHINT:  do something\n',
  );
  t.deepEqual(e, {
    line: 7,
    message: 'duplicate key value violates unique constraint "u"',
    detail: 'Key (a)=(1) already exists.',
    hint: 'do something',
  });
});

test('dumpSchema is normalised; dumpHalfOrmMeta(metadata) keeps only the COPY blocks', async (t) => {
  const server = await sharedCluster();
  await server.createDatabase('hop_ci_dump');
  const dir = tempDir();
  const f = path.join(dir, 'meta.sql');
  writeFileSync(
    f,
    [
      'CREATE SCHEMA half_orm_meta;',
      'CREATE TABLE half_orm_meta.database (id text, name text, description text);',
      'CREATE TABLE half_orm_meta.hop_release (major int, minor int, patch int);',
      'CREATE TABLE half_orm_meta.hop_release_issue (num int);',
      'INSERT INTO half_orm_meta.hop_release VALUES (0, 1, 0);',
      '',
    ].join('\n'),
  );
  await runPsqlFile(server, 'hop_ci_dump', f);
  const schema = await dumpSchema(server, 'hop_ci_dump');
  t.regex(schema, /CREATE TABLE half_orm_meta\.hop_release/);
  t.notRegex(schema, /^-- Dumped (from|by)/m);
  const meta = await dumpHalfOrmMeta(server, 'hop_ci_dump', 'metadata');
  t.regex(
    meta,
    /^COPY half_orm_meta\.database \(id, name, description\) FROM stdin;\n\\\.\n\nCOPY half_orm_meta\.hop_release \(major, minor, patch\) FROM stdin;\n0\t1\t0\n\\\.\n\nCOPY half_orm_meta\.hop_release_issue/,
  );
  await server.dropDatabase('hop_ci_dump');
});
