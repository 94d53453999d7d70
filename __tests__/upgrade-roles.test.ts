/**
 * upgrade as production runs it: the 04-hotfix fixture's production database (0.1.0, then
 * the hotfix 0.1.0.post1) restored as half-orm-dev's production clone does — `psql -f
 * schema-0.1.0.sql`, then `metadata-0.1.0.sql` — into a database owned by a role with
 * neither SUPERUSER nor CREATEDB, with the application connected. That role runs the drift
 * check, the backup, the lock, the dry-run (rehearsed off the server, as that role) and
 * the upgrade.
 */
import test from 'ava';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEphemeralCluster } from '../src/adapters/postgres/ephemeral.js';
import type { DatabaseServer } from '../src/ports.js';
import { cloneFixture, fixturesAvailable, tempDir, type FixtureClone } from './helpers/project.js';
import { psqlFile, runUpgrade, sqlAt } from './helpers/upgrade-run.js';

const ft = fixturesAvailable() ? test.serial : test.skip;

let server: DatabaseServer;
let fixture: FixtureClone;
let port: number;
const ROLE = 'app_owner';
const PASSWORD = 'app pw/1';
let dbCounter = 0;

test.before(async () => {
  if (!fixturesAvailable()) return;
  server = await startEphemeralCluster();
  port = Number(new URL(server.url('postgres')).port);
  fixture = cloneFixture('04-hotfix.bundle', 'ho-prod');
  await sqlAt(server.url('postgres'), `CREATE ROLE ${ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${PASSWORD}'`);
});

test.after.always(async () => {
  await server?.close();
  fixture?.cleanup();
});

function roleUrl(db: string, query = ''): string {
  return `postgresql://${ROLE}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${db}${query}`;
}

/** The production database at 0.1.0, as half-orm-dev's production clone builds it, owned by the role. */
async function productionDatabase(): Promise<string> {
  const db = `prod_${++dbCounter}`;
  await sqlAt(server.url('postgres'), `CREATE DATABASE ${db} OWNER ${ROLE}`);
  await psqlFile(roleUrl(db), path.join(fixture.work, '.hop/model/schema-0.1.0.sql'));
  await psqlFile(roleUrl(db), path.join(fixture.work, '.hop/model/metadata-0.1.0.sql'));
  // The developer's public schema did not belong to pg_database_owner: today's drift check
  // compares dump text and sees that (the catalog comparison of the drift work ignores it).
  await sqlAt(roleUrl(db), `ALTER SCHEMA public OWNER TO ${ROLE}`);
  return db;
}

/** The application: a session of its own on the database, connected the whole time. */
async function application(t: { teardown(fn: () => unknown): void }, db: string): Promise<pg.Client> {
  const app = new pg.Client({ connectionString: roleUrl(db), application_name: 'the application' });
  await app.connect();
  t.teardown(() => app.end().catch(() => undefined));
  await app.query('SELECT count(*) FROM public.users');
  return app;
}

ft(
  'an owner role without SUPERUSER or CREATEDB dry-runs and upgrades a restored production database, the application connected',
  async (t) => {
    const db = await productionDatabase();
    const app = await application(t, db);
    const backupDir = path.join(tempDir('hop-ci-backup-test-'), 'nested', 'backups');
    t.teardown(() => rmSync(path.dirname(path.dirname(backupDir)), { recursive: true, force: true }));

    const dry = await runUpgrade(fixture.work, roleUrl(db), { 'dry-run': 'true' });
    t.is(dry.exitCode, 0, dry.err);
    t.is(dry.outputs['drift'], 'none', dry.err);
    t.regex(dry.out, /Upgrade 0\.1\.0 → 0\.1\.0\.post1: 1 release/);
    t.regex(dry.out, new RegExp(`rehearsed as role ${ROLE} on the backup restored into a throwaway PostgreSQL`));
    t.deepEqual(await sqlAt(roleUrl(db), "SELECT to_regclass('hop_ci.applied_release') AS r"), [{ r: null }], 'the dry-run wrote nothing');

    const run = await runUpgrade(fixture.work, roleUrl(db), { 'backup-dir': backupDir });
    t.is(run.exitCode, 0, run.err);
    t.is(run.outputs['from'], '0.1.0');
    t.is(run.outputs['to'], '0.1.0.post1');
    const backup = run.outputs['backup']!;
    t.is(path.dirname(backup), backupDir);
    t.is(statSync(backup).mode & 0o777, 0o600, 'the backup is readable by its owner only');
    t.is(statSync(backupDir).mode & 0o777, 0o700, 'in a folder of its own');
    t.deepEqual(readdirSync(backupDir), [path.basename(backup)], 'no partial file');
    t.deepEqual(await sqlAt(roleUrl(db), 'SELECT release, status FROM hop_ci.applied_release'), [
      { release: '0.1.0.post1', status: 'applied' },
    ]);
    t.deepEqual((await app.query('SELECT 1 AS alive')).rows, [{ alive: 1 }], 'the application session is still there');
  },
);

ft(
  'the rehearsal applies as the target role: a privilege the role lacks fails the dry-run as it fails the real run, which commits nothing',
  async (t) => {
    const db = await productionDatabase();
    await application(t, db);
    // users now belongs to someone else; the role may read it (the backup needs that) but not alter it.
    await sqlAt(
      server.url(db),
      `CREATE ROLE other_owner NOLOGIN; ALTER TABLE public.users OWNER TO other_owner; GRANT SELECT ON public.users, public.users_id_seq TO ${ROLE}`,
    );
    t.teardown(() => sqlAt(server.url(db), 'DROP OWNED BY other_owner CASCADE; DROP ROLE other_owner').catch(() => undefined));

    // The grant to another role is no drift: the drift check compares catalogs, not privileges.
    const dry = await runUpgrade(fixture.work, roleUrl(db), { 'dry-run': 'true' });
    t.is(dry.exitCode, 1, dry.out);
    t.regex(
      dry.err,
      /rehearsal on a copy: release 0\.1\.0\.post1 \(tag v0\.1\.0\.post1\) failed and was rolled back: [^]*permission denied for table users/,
    );

    const run = await runUpgrade(fixture.work, roleUrl(db), { 'skip-backup': 'true' });
    t.is(run.exitCode, 1);
    t.regex(run.err, /release 0\.1\.0\.post1 \(tag v0\.1\.0\.post1\) failed and was rolled back: [^]*permission denied for table users/);
    t.regex(run.err, /nothing was committed: the database is still at 0\.1\.0, no restore is needed/);
    t.notRegex(run.err, /pg_restore/, 'no restore advice when there is nothing to restore');
    t.regex(run.outputs['error']!, /^release 0\.1\.0\.post1 \(tag v0\.1\.0\.post1\) failed/);
  },
);

ft("a dry-run exits 1 with the real run's message on drift and on a held upgrade lock", async (t) => {
  const db = await productionDatabase();
  await sqlAt(roleUrl(db), 'ALTER TABLE public.users ADD COLUMN nickname text');
  const drift = await runUpgrade(fixture.work, roleUrl(db), { 'dry-run': 'true' });
  const real = await runUpgrade(fixture.work, roleUrl(db), { 'skip-backup': 'true' });
  t.is(drift.exitCode, 1);
  t.is(real.exitCode, 1);
  const first = (s: string) => s.split('\n').find((l) => l.includes('the live schema differs'));
  t.truthy(first(drift.err));
  t.is(first(drift.err), first(real.err));
  await sqlAt(roleUrl(db), 'ALTER TABLE public.users DROP COLUMN nickname');

  const holder = new pg.Client({ connectionString: roleUrl(db), application_name: 'hop-ci upgrade elsewhere' });
  await holder.connect();
  t.teardown(() => holder.end().catch(() => undefined));
  await holder.query('SELECT pg_advisory_lock($1, $2)', [0x686f702d, 0x75706772]);
  const locked = await runUpgrade(fixture.work, roleUrl(db), { 'dry-run': 'true', 'lock-timeout': '1' });
  t.is(locked.exitCode, 1);
  t.regex(locked.err, /another upgrade is running on this database: pid \d+, application "hop-ci upgrade elsewhere", .*, role app_owner/);
});

ft('PGPASSWORD reaches pg_dump when the URL has no password', async (t) => {
  const db = await productionDatabase();
  const dir = tempDir('hop-ci-backup-test-');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const url = `postgresql://${ROLE}@127.0.0.1:${port}/${db}`;
  const run = await runUpgrade(fixture.work, url, { 'backup-dir': dir }, { PGPASSWORD: PASSWORD });
  t.is(run.exitCode, 0, run.err);
  t.true(run.outputs['backup']!.startsWith(dir));
  t.regex(run.out, /backup: .*entries, checked with pg_restore --list/);
});
