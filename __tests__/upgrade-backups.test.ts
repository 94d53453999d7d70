/**
 * Backups and restore advice on a real PostgreSQL and real git: the advice printed after a
 * failed upgrade, followed literally in a shell, puts back the database and hop-ci's own
 * record even when a committed release added a foreign key to an older table; backups are
 * private files, encrypted with age when given a recipient (and then never in clear on disk).
 */
import test from 'ava';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Decrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { startEphemeralCluster } from '../src/adapters/postgres/ephemeral.js';
import { findClientTool } from '../src/adapters/postgres/binaries.js';
import { runChild } from '../src/adapters/postgres/child.js';
import { dumpSchema } from '../src/adapters/postgres/psql.js';
import type { DatabaseServer } from '../src/ports.js';
import { DIST_CLI, git, tempDir, writeProject } from './helpers/project.js';
import { runUpgrade, shell, sqlAt } from './helpers/upgrade-run.js';

let server: DatabaseServer;
let dir: string;
let good: string;
let failing: string;
let dbCounter = 0;

function releases(failingRelease: boolean): Array<[string, string, string]> {
  return [
    [
      '0.1.0',
      '1-users',
      "CREATE TABLE public.users (id serial PRIMARY KEY, name text NOT NULL);\nINSERT INTO public.users (name) VALUES ('ada');\n",
    ],
    [
      '0.2.0',
      '2-orders',
      'CREATE TABLE public.orders (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES public.users);\nINSERT INTO public.orders (user_id) VALUES (1);\n',
    ],
    [
      '0.3.0',
      '3-notes',
      failingRelease
        ? 'CREATE TABLE public.notes (id int);\nINSERT INTO public.no_such_table VALUES (1);\n'
        : 'CREATE TABLE public.notes (id int);\n',
    ],
  ];
}

/** A project whose releases are tagged on ho-prod (no recorded schema dump above 0.0.0: the drift check is skipped). */
function project(name: string, failingRelease: boolean, schema0: string): string {
  const work = writeProject({ model: { 'schema-0.0.0.sql': schema0 } }, path.join(dir, name));
  git(work, 'init', '-q', '-b', 'ho-prod');
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', '[HOP] Initial commit (release: 0.0.0)');
  for (const [release, patch, sql] of releases(failingRelease)) {
    mkdirSync(path.join(work, 'Patches', 'staged', patch), { recursive: true });
    writeFileSync(path.join(work, 'Patches', 'staged', patch, '01.sql'), sql);
    writeFileSync(path.join(work, '.hop', 'releases', `${release}.txt`), `${patch}\n`);
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', `[HOP] Promote release %${release} to production`);
    git(work, 'tag', '-a', `v${release}`, '-m', `Production release %${release}`);
  }
  return work;
}

test.before(async () => {
  server = await startEphemeralCluster();
  dir = tempDir('hop-ci-upgrade-backups-');
  await server.createDatabase('empty');
  const schema0 = await dumpSchema(server, 'empty');
  good = project('good', false, schema0);
  failing = project('failing', true, schema0);
});

test.after.always(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A new database recorded at 0.0.0 (nothing in it). */
async function newTarget(): Promise<string> {
  const name = `target_${++dbCounter}`;
  await server.createDatabase(name);
  const run = await runUpgrade(good, server.url(name), { baseline: '0.0.0' });
  if (run.exitCode !== 0) throw new Error(run.err);
  return server.url(name);
}

async function ledger(url: string): Promise<string[]> {
  return (await sqlAt<{ release: string }>(url, 'SELECT release FROM hop_ci.applied_release ORDER BY started_at')).map((r) => r.release);
}

async function tables(url: string): Promise<string[]> {
  return (await sqlAt<{ t: string }>(url, "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).map((r) => r.t);
}

test("the restore advice, followed literally, undoes a committed release with a foreign key and hop-ci's record; the upgrade then runs again", async (t) => {
  const url = await newTarget();
  const backups = tempDir('hop-ci-backup-test-');
  t.teardown(() => rmSync(backups, { recursive: true, force: true }));
  t.is((await runUpgrade(good, url, { 'to-release': '0.1.0', 'skip-backup': 'true' })).exitCode, 0);

  const run = await runUpgrade(failing, url, { 'backup-dir': backups });
  t.is(run.exitCode, 1);
  t.deepEqual(
    JSON.parse(run.outputs['applied']!).map((a: { release: string }) => a.release),
    ['0.2.0'],
  );
  t.regex(run.outputs['error']!, /^release 0\.3\.0 \(tag v0\.3\.0\) failed and was rolled back/);
  const advice = /to go back to 0\.1\.0 instead, [^:]*: (.*)$/m.exec(run.err)?.[1];
  t.truthy(advice, run.err);
  t.deepEqual(await tables(url), ['orders', 'users']);

  const restored = await shell(advice!, { DATABASE_URL: url });
  t.is(restored.code, 0, restored.stderr);
  t.deepEqual(await tables(url), ['users'], 'the table of the committed release is gone, its foreign key with it');
  t.deepEqual(await ledger(url), ['0.0.0', '0.1.0'], "hop-ci's record is back at 0.1.0");
  t.deepEqual(await sqlAt(url, 'SELECT name FROM public.users'), [{ name: 'ada' }]);

  const again = await runUpgrade(good, url, { 'skip-backup': 'true' });
  t.is(again.exitCode, 0, again.err);
  t.deepEqual(
    JSON.parse(again.outputs['applied']!).map((a: { release: string }) => a.release),
    ['0.2.0', '0.3.0'],
  );
  t.deepEqual(await tables(url), ['notes', 'orders', 'users']);
});

test('a release that fails with nothing committed prints no restore advice', async (t) => {
  const url = await newTarget();
  const before = await runUpgrade(good, url, { 'to-release': '0.2.0', 'skip-backup': 'true' });
  t.is(before.exitCode, 0, before.err);
  const backups = tempDir('hop-ci-backup-test-');
  t.teardown(() => rmSync(backups, { recursive: true, force: true }));
  const run = await runUpgrade(failing, url, { 'backup-dir': backups });
  t.is(run.exitCode, 1);
  t.regex(run.err, /nothing was committed: the database is still at 0\.2\.0, no restore is needed/);
  t.notRegex(run.err, /pg_restore/);
});

test('a failed pg_dump leaves no file; a bad recipient is bad input and changes nothing', async (t) => {
  const url = await newTarget();
  const backups = path.join(tempDir('hop-ci-backup-test-'), 'b');
  t.teardown(() => rmSync(path.dirname(backups), { recursive: true, force: true }));
  // A role that may do everything the upgrade needs but read a sequence's value, which only a full pg_dump does.
  const db = new URL(url).pathname.slice(1);
  await sqlAt(
    url,
    `CREATE SEQUENCE public.counter; CREATE ROLE weak LOGIN PASSWORD 'weak'; GRANT CONNECT, CREATE ON DATABASE ${db} TO weak;
     ALTER SCHEMA hop_ci OWNER TO weak; ALTER TABLE hop_ci.applied_release OWNER TO weak`,
  );
  t.teardown(() => sqlAt(url, 'DROP SEQUENCE public.counter; DROP OWNED BY weak; DROP ROLE weak').catch(() => undefined));
  const weakUrl = url.replace(/\/\/[^@]*@/, '//weak:weak@');
  const run = await runUpgrade(good, weakUrl, { 'backup-dir': backups, 'allow-drift': 'true' });
  t.is(run.exitCode, 1);
  t.regex(run.err, /the backup failed, nothing was changed: pg_dump: .*permission denied/);
  t.deepEqual(readdirSync(backups), [], 'no partial file');
  t.is(statSync(backups).mode & 0o777, 0o700);
  const recipient = await identityToRecipient(await generateX25519Identity());
  const sealed = await runUpgrade(good, weakUrl, { 'backup-dir': backups, 'allow-drift': 'true', 'backup-recipient': recipient });
  t.is(sealed.exitCode, 1);
  t.regex(sealed.err, /the backup failed, nothing was changed: pg_dump: .*permission denied/);
  t.deepEqual(readdirSync(backups), [], 'no partial encrypted file either');

  const bad = await runUpgrade(good, url, { 'backup-dir': backups, 'backup-recipient': 'age1notakey' });
  t.is(bad.exitCode, 2);
  t.regex(bad.err, /backup-recipient is not an age public key/);
  t.deepEqual(await ledger(url), ['0.0.0']);
});

test('with backup-recipient the backup is written encrypted only, and decrypts into an archive pg_restore restores', async (t) => {
  const url = await newTarget();
  const before = await runUpgrade(good, url, { 'to-release': '0.2.0', 'skip-backup': 'true' });
  t.is(before.exitCode, 0, before.err);
  const identity = await generateX25519Identity();
  const backups = tempDir('hop-ci-backup-test-');
  t.teardown(() => rmSync(backups, { recursive: true, force: true }));
  const run = await runUpgrade(good, url, { 'backup-dir': backups, 'backup-recipient': await identityToRecipient(identity) });
  t.is(run.exitCode, 0, run.err);
  const file = run.outputs['backup']!;
  t.regex(file, /\.dump\.age$/);
  t.deepEqual(readdirSync(backups), [path.basename(file)], 'nothing in clear beside it');
  t.is(statSync(file).mode & 0o777, 0o600);
  t.regex(run.out, /encrypted with age/);
  const sealed = readFileSync(file);
  t.false(sealed.includes(Buffer.from('PGDMP')), 'no pg_dump archive header in the file');

  const decrypter = new Decrypter();
  decrypter.addIdentity(identity);
  const archive = path.join(backups, 'plain.dump');
  writeFileSync(archive, await decrypter.decrypt(sealed));
  t.teardown(() => rmSync(archive, { force: true }));
  await server.createDatabase('restored_from_age');
  t.teardown(() => server.dropDatabase('restored_from_age'));
  const pgRestore = await findClientTool('pg_restore', { env: process.env });
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '' };
  const restored = await runChild(pgRestore, ['--exit-on-error', '--dbname', server.url('restored_from_age'), archive], { env });
  t.is(restored.code, 0, restored.stderr);
  t.deepEqual(await tables(server.url('restored_from_age')), ['orders', 'users']);
  t.deepEqual(await ledger(server.url('restored_from_age')), ['0.0.0', '0.1.0', '0.2.0']);
});

test('the built CLI loads age from beside its bundle and writes only the encrypted backup', async (t) => {
  t.true(existsSync(DIST_CLI), 'run `npm run build` first');
  const url = await newTarget();
  const identity = await generateX25519Identity();
  const backups = tempDir('hop-ci-backup-test-');
  t.teardown(() => rmSync(backups, { recursive: true, force: true }));
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: backups, DATABASE_URL: url };
  const args = [
    'run',
    'upgrade',
    '--to-release',
    '0.1.0',
    '--backup-dir',
    backups,
    '--backup-recipient',
    await identityToRecipient(identity),
  ];
  const r = await runChild(process.execPath, [DIST_CLI, ...args], { env, cwd: good });
  t.is(r.code, 0, r.stdout + r.stderr);
  const files = readdirSync(backups);
  t.is(files.length, 1);
  t.regex(files[0]!, /\.dump\.age$/);
  const decrypter = new Decrypter();
  decrypter.addIdentity(identity);
  const plain = await decrypter.decrypt(readFileSync(path.join(backups, files[0]!)));
  t.is(Buffer.from(plain.subarray(0, 5)).toString('latin1'), 'PGDMP', 'a pg_dump custom archive inside');
});
