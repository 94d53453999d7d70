/**
 * upgrade on a real PostgreSQL (one throwaway cluster for the file) and real git (a bare
 * origin with annotated tags for 0.1.0, 0.2.0, 0.3.0 and the hotfix 0.3.0.post1). Each
 * test upgrades its own database, given by URL as a user would.
 */
import test from 'ava';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEphemeralCluster } from '../src/adapters/postgres/ephemeral.js';
import { dumpSchema } from '../src/adapters/postgres/psql.js';
import { LOCK_KEYS } from '../src/adapters/postgres/upgrade/lock.js';
import { normaliseSchemaDump } from '../src/core/schema-dump.js';
import type { DatabaseServer } from '../src/ports.js';
import { DEFAULT_CONFIG, DIST_CLI, git, tempDir } from './helpers/project.js';
import { HALF_ORM_META_SQL, runUpgradeStage } from './helpers/pg.js';

const BASE_SQL = `${HALF_ORM_META_SQL}CREATE TABLE public.applied_log (release text NOT NULL, patch text NOT NULL);
`;

const log = (release: string, patch: string) => `INSERT INTO public.applied_log VALUES ('${release}', '${patch}');\n`;

/** release → patch id → file → SQL. */
function releases(failing: boolean): Array<[string, Record<string, Record<string, string>>]> {
  return [
    [
      '0.1.0',
      {
        '1-users': { '01_users.sql': `CREATE TABLE public.users (id serial PRIMARY KEY, name text NOT NULL);\n${log('0.1.0', '1-users')}` },
      },
    ],
    [
      '0.2.0',
      {
        '2-posts': {
          '01_posts.sql': `CREATE TABLE public.posts (id serial PRIMARY KEY, user_id int REFERENCES public.users, title text);\n${log('0.2.0', '2-posts')}`,
          // Tests make it sleep (a database setting) to kill hop-ci in the middle of the release.
          '02_pause.sql': `SELECT pg_sleep(coalesce(nullif(current_setting('hop_test.sleep', true), ''), '0')::float);\n`,
        },
        '3-index': {
          '01_index.sql': failing
            ? `-- a statement that fails at run time\nCREATE TABLE public.audit (id int);\n\nINSERT INTO public.no_such_table VALUES (1);\n`
            : `CREATE INDEX CONCURRENTLY posts_title_idx ON public.posts (title);\n${log('0.2.0', '3-index')}`,
        },
      },
    ],
    [
      '0.3.0',
      {
        '4-tags': {
          '01_tags.sql': `BEGIN;\nCREATE TABLE public.tags (id serial PRIMARY KEY, label text UNIQUE);\nCOMMIT;\n${log('0.3.0', '4-tags')}`,
        },
      },
    ],
    ['0.3.0.post1', { '5-email': { '01_email.sql': `ALTER TABLE public.users ADD COLUMN email text;\n${log('0.3.0.post1', '5-email')}` } }],
  ];
}

let server: DatabaseServer;
let repoDir: string;
let goodWork: string;
let failingWork: string;
const expectedSchema = new Map<string, string>();
let dbCounter = 0;

async function sql(db: string, text: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: server.url(db) });
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
}

/** A project repository whose releases were "promoted" on a scratch database, with their dumps. */
async function buildProject(name: string, failing: boolean): Promise<string> {
  const origin = path.join(repoDir, `${name}.git`);
  const work = path.join(repoDir, name);
  git(repoDir, 'init', '-q', '--bare', origin);
  git(repoDir, 'init', '-q', '-b', 'ho-prod', work);
  const scratch = `scratch_${name}`;
  await server.createDatabase(scratch);
  await sql(scratch, BASE_SQL);
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(work, rel)), { recursive: true });
    writeFileSync(path.join(work, rel), text);
  };
  write('.hop/config', DEFAULT_CONFIG);
  const schema0 = await dumpSchema(server, scratch);
  write('.hop/model/schema-0.0.0.sql', schema0);
  symlinkSync('schema-0.0.0.sql', path.join(work, '.hop/model/schema.sql'));
  if (!failing) expectedSchema.set('0.0.0', schema0);
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', '[HOP] Initial commit (release: 0.0.0)');
  for (const [release, patches] of releases(failing)) {
    for (const [id, files] of Object.entries(patches)) {
      for (const [file, text] of Object.entries(files)) {
        write(`Patches/staged/${id}/${file}`, text);
        // A failing release cannot be promoted: its dump is that of the good project.
        if (!failing || release === '0.1.0') await sql(scratch, text.replace(/CONCURRENTLY /, ''));
      }
    }
    write(`.hop/releases/${release}.txt`, `${Object.keys(patches).join('\n')}\n`);
    if (!failing || release === '0.1.0') {
      const dump = await dumpSchema(server, scratch);
      write(`.hop/model/schema-${release}.sql`, dump);
      rmSync(path.join(work, '.hop/model/schema.sql'));
      symlinkSync(`schema-${release}.sql`, path.join(work, '.hop/model/schema.sql'));
      if (!failing) expectedSchema.set(release, dump);
    }
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', `[HOP] Promote release %${release} to production`);
    git(work, 'tag', '-a', `v${release}`, '-m', `Production release %${release}`);
  }
  git(work, 'remote', 'add', 'origin', origin);
  git(work, 'push', '-q', '--follow-tags', 'origin', 'ho-prod');
  await server.dropDatabase(scratch);
  return work;
}

test.before(async () => {
  server = await startEphemeralCluster();
  repoDir = tempDir('hop-ci-upgrade-');
  goodWork = await buildProject('good', false);
  failingWork = await buildProject('failing', true);
});

test.after.always(async () => {
  await server?.close();
  if (repoDir) rmSync(repoDir, { recursive: true, force: true });
});

/** A fresh production database at 0.0.0. */
async function newTarget(withMeta = true): Promise<{ name: string; url: string }> {
  const name = `target_${++dbCounter}`;
  await server.createDatabase(name);
  if (withMeta) await sql(name, BASE_SQL);
  return { name, url: server.url(name) };
}

type Run = Awaited<ReturnType<typeof runUpgradeStage>>;

function upgrade(work: string, url: string, flags: Record<string, string> = {}, onOutput?: (all: string) => void): Promise<Run> {
  return runUpgradeStage(work, { 'database-url': url, ...flags }, onOutput);
}

async function ledger(db: string): Promise<Array<{ release: string; status: string }>> {
  return (await sql(db, 'SELECT release, status FROM hop_ci.applied_release ORDER BY started_at')).rows;
}

async function appliedLog(db: string): Promise<string[]> {
  return (await sql(db, "SELECT release || ':' || patch AS p FROM public.applied_log ORDER BY 1")).rows.map((r) => r.p);
}

const ALL_PATCHES = ['0.1.0:1-users', '0.2.0:2-posts', '0.2.0:3-index', '0.3.0.post1:5-email', '0.3.0:4-tags'];

test('upgrades across three releases and a hotfix, then a second run is a no-op', async (t) => {
  const db = await newTarget();
  const backupDir = tempDir('hop-ci-backup-test-');
  t.teardown(() => rmSync(backupDir, { recursive: true, force: true }));
  const first = await upgrade(goodWork, db.url, { 'backup-dir': backupDir });
  t.is(first.exitCode, 0, first.err);
  t.is(first.outputs['from'], '0.0.0');
  t.is(first.outputs['to'], '0.3.0.post1');
  t.is(first.outputs['drift'], 'none');
  t.deepEqual(
    JSON.parse(first.outputs['applied']!).map((a: { release: string }) => a.release),
    ['0.1.0', '0.2.0', '0.3.0', '0.3.0.post1'],
  );
  t.true(first.outputs['backup']!.startsWith(backupDir) && existsSync(first.outputs['backup']!));
  t.regex(
    first.err,
    /0\.2\.0 runs in 3 parts: 1\. SQL 2-posts\/01_posts\.sql, 2-posts\/02_pause\.sql; 2\. CREATE INDEX CONCURRENTLY 3-index\/01_index\.sql:1; 3\. SQL 3-index\/01_index\.sql; a failure in part 3 leaves parts 1–2 applied and recorded/,
  );
  t.false(first.out.includes(db.url), 'the URL is never printed');
  t.deepEqual(
    await ledger(db.name),
    ['0.1.0', '0.2.0', '0.3.0', '0.3.0.post1'].map((release) => ({ release, status: 'applied' })),
  );
  t.deepEqual(await appliedLog(db.name), ALL_PATCHES);
  const versions = (await sql(db.name, `SELECT major || '.' || minor || '.' || patch AS v FROM "half_orm_meta.view".hop_last_release`))
    .rows;
  t.deepEqual(versions, [{ v: '0.3.0' }], 'hop_release has X.Y.Z; the hotfix level is in the ledger only');
  t.is(await liveSchema(db.url), normaliseSchemaDump(expectedSchema.get('0.3.0.post1')!));
  t.is(
    (await sql(db.name, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.posts_title_idx'::regclass")).rows[0].indisvalid,
    true,
  );
  const checksums = (await sql(db.name, "SELECT patches FROM hop_ci.applied_release WHERE release = '0.1.0'")).rows[0].patches;
  t.regex(checksums[0].files[0].sha256, /^[0-9a-f]{64}$/);

  const second = await upgrade(goodWork, db.url, { 'backup-dir': backupDir });
  t.is(second.exitCode, 0, second.err);
  t.is(second.outputs['applied'], '[]');
  t.is(second.outputs['from'], '0.3.0.post1');
  t.is(second.outputs['backup'], '', 'a no-op takes no backup');
  t.is((await ledger(db.name)).length, 4);
  t.deepEqual(await appliedLog(db.name), ALL_PATCHES);
});

test('a failing statement in the second release leaves the database exactly at the first', async (t) => {
  const db = await newTarget();
  const backupDir = tempDir('hop-ci-backup-test-');
  t.teardown(() => rmSync(backupDir, { recursive: true, force: true }));
  const run = await upgrade(failingWork, db.url, { 'backup-dir': backupDir });
  t.is(run.exitCode, 1);
  t.regex(
    run.err,
    /release 0\.2\.0 \(tag v0\.2\.0\) failed and was rolled back: nothing of it was applied\npatch 3-index: Patches\/staged\/3-index\/01_index\.sql:4:13: relation "public\.no_such_table" does not exist/,
  );
  t.regex(run.err, /statement: INSERT INTO public\.no_such_table VALUES \(1\)/);
  const dump = /pg_restore -f - '(.*\.dump)' \| psql "\$DATABASE_URL" .*--single-transaction/.exec(run.err);
  t.truthy(dump, run.err);
  // The backup went to a temp folder of its own (no --backup-dir): the test removes it.
  if (dump) rmSync(path.dirname(dump[1]!), { recursive: true, force: true });
  t.regex(run.err, /releases 0\.1\.0 stay applied/);
  t.deepEqual(
    JSON.parse(run.outputs['applied']!).map((a: { release: string }) => a.release),
    ['0.1.0'],
  );
  t.deepEqual(await ledger(db.name), [{ release: '0.1.0', status: 'applied' }]);
  t.is(await liveSchema(db.url), normaliseSchemaDump(expectedSchema.get('0.1.0')!));
  t.deepEqual(await appliedLog(db.name), ['0.1.0:1-users']);
});

/** The live schema without hop-ci's own schema (the recorded dumps never have it), as the recorded dumps are written. */
async function liveSchema(url: string): Promise<string> {
  return normaliseSchemaDump(
    execFileSync('pg_dump', ['--schema-only', '--no-owner', '--exclude-schema=hop_ci', '--dbname', url], { encoding: 'utf8' }),
  );
}

test('a second upgrade waits for the lock, or fails naming its holder', async (t) => {
  const db = await newTarget();
  const holder = new pg.Client({ connectionString: db.url, application_name: 'hop-ci upgrade https://ci.example/run/42' });
  await holder.connect();
  t.teardown(() => holder.end().catch(() => undefined));
  await holder.query('SELECT pg_advisory_lock($1, $2)', [...LOCK_KEYS]);
  const { rows } = await holder.query('SELECT pg_backend_pid() AS pid');
  const refused = await upgrade(goodWork, db.url, { 'lock-timeout': '1', 'skip-backup': 'true' });
  t.is(refused.exitCode, 1);
  t.regex(
    refused.err,
    new RegExp(
      `another upgrade is running on this database: pid ${rows[0].pid}, application "hop-ci upgrade https://ci.example/run/42", connected since \\d{4}-`,
    ),
  );
  t.deepEqual(await appliedLog(db.name), [], 'nothing applied');

  // Released once the second upgrade says it waits: a timer would race a slow machine.
  let released = false;
  const waited = await upgrade(goodWork, db.url, { 'lock-timeout': '30', 'skip-backup': 'true' }, (out) => {
    if (released || !out.includes('another upgrade holds the lock')) return;
    released = true;
    void holder.query('SELECT pg_advisory_unlock_all()');
  });
  t.is(waited.exitCode, 0, waited.err);
  t.regex(waited.out, /another upgrade holds the lock .*waiting up to 30 s/);
  t.deepEqual(await appliedLog(db.name), ALL_PATCHES);
});

test('drift is refused with a diff, and nothing is changed', async (t) => {
  const db = await newTarget();
  await sql(db.name, 'CREATE TABLE public.rogue (id int)');
  const run = await upgrade(goodWork, db.url, { 'skip-backup': 'true' });
  t.is(run.exitCode, 1);
  t.regex(run.err, /the live schema differs from \.hop\/model\/schema-0\.0\.0\.sql@HEAD \(1 difference\)/);
  t.regex(run.err, /^ {2}table public\.rogue only in the database$/m);
  t.regex(run.err, /--allow-drift/);
  t.is((await sql(db.name, "SELECT to_regclass('hop_ci.applied_release') AS r")).rows[0].r, null);

  const allowed = await upgrade(goodWork, db.url, { 'skip-backup': 'true', 'allow-drift': 'true', 'to-release': '0.1.0' });
  t.is(allowed.exitCode, 0, allowed.err);
  t.is(allowed.outputs['drift'], 'allowed');
  t.is(allowed.outputs['to'], '0.1.0');
});

test('a database with no version is refused with a hint on --baseline, which records one', async (t) => {
  const db = await newTarget(false);
  const run = await upgrade(goodWork, db.url, { 'skip-backup': 'true' });
  t.is(run.exitCode, 1);
  t.regex(run.err, /records no hop version[\s\S]*--baseline X\.Y\.Z/);
  const base = await upgrade(goodWork, db.url, { baseline: '0.3.0' });
  t.is(base.exitCode, 0, base.err);
  t.deepEqual(await ledger(db.name), [{ release: '0.3.0', status: 'baseline' }]);
  // The dry-run refuses the drift as the real run would ...
  const refused = await upgrade(goodWork, db.url, { 'dry-run': 'true' });
  t.is(refused.exitCode, 1);
  t.regex(refused.err, /the live schema differs from \.hop\/model\/schema-0\.3\.0\.sql@v0\.3\.0/);
  // ... and, told to go on, rehearses on a copy of this schema-less database: 0.3.0.post1 cannot apply there.
  const dry = await upgrade(goodWork, db.url, { 'dry-run': 'true', 'allow-drift': 'true' });
  t.is(dry.exitCode, 1);
  t.regex(dry.out, /Upgrade 0\.3\.0 → 0\.3\.0\.post1: 1 release/);
  t.regex(
    dry.err,
    /rehearsal on a copy: release 0\.3\.0\.post1 \(tag v0\.3\.0\.post1\) failed and was rolled back: nothing of it was applied\npatch 5-email: Patches\/staged\/5-email\/01_email\.sql:1: relation "public\.users" does not exist/,
  );
  t.regex(dry.err, /the target database was not changed/);
  t.deepEqual(await ledger(db.name), [{ release: '0.3.0', status: 'baseline' }]);
});

test('--dry-run prints the plan with checksums, rehearses on a copy (off the server, or a template copy when asked) and leaves the target unchanged', async (t) => {
  const db = await newTarget();
  const off = await upgrade(goodWork, db.url, { 'dry-run': 'true' });
  t.is(off.exitCode, 0, off.err);
  t.regex(off.out, /rehearsed as role postgres on the backup restored into a throwaway PostgreSQL/);
  t.is(off.outputs['backup'], '', 'the dry-run keeps no backup');
  const run = await upgrade(goodWork, db.url, { 'dry-run': 'true', 'rehearse-on-server': 'true' });
  t.is(run.exitCode, 0, run.err);
  t.regex(run.out, /Upgrade 0\.0\.0 → 0\.3\.0\.post1: 4 releases/);
  t.is(run.out.match(/Upgrade 0\.0\.0 → /g)?.length, 1, 'the plan is printed once');
  t.regex(run.out, /0\.3\.0\.post1 rehearsed on the copy in /);
  t.notRegex(run.out, /applied in/, 'nothing is said applied by a dry run');
  t.regex(run.out, /01_users\.sql {2}sha256:[0-9a-f]{64}/);
  t.regex(run.out, /rehearsed on hop_ci_rehearsal_[0-9a-f]+, a template copy/);
  t.regex(run.out, /0\.3\.0\.post1: \d+\.\d\d s/);
  t.deepEqual(JSON.parse(run.outputs['applied']!).length, 4);
  t.deepEqual(await appliedLog(db.name), []);
  t.is((await sql(db.name, "SELECT to_regclass('hop_ci.applied_release') AS r")).rows[0].r, null);
  // This run's copy only: other tests of the file rehearse on the same cluster meanwhile.
  const copy = /rehearsed on (hop_ci_rehearsal_[0-9a-f]+)/.exec(run.out)?.[1];
  t.truthy(copy, run.out);
  const left = await sql('postgres', `SELECT datname FROM pg_database WHERE datname = '${copy}'`);
  t.is(left.rowCount, 0, 'the copy is dropped');
});

test('a rehearsal that fails drops its copy: no hop_ci_rehearsal_ database is left on the target server', async (t) => {
  // A cluster of this test's own, so that every rehearsal copy on it is this run's.
  const own = await startEphemeralCluster();
  t.teardown(() => own.close());
  await own.createDatabase('target');
  const client = new pg.Client({ connectionString: own.url('target') });
  client.on('error', () => undefined);
  await client.connect();
  await client.query(BASE_SQL).finally(() => client.end());
  // Off the server (the default), then on a template copy on the server itself.
  for (const flags of [{}, { 'rehearse-on-server': 'true' }] as Array<Record<string, string>>) {
    const dry = await upgrade(failingWork, own.url('target'), { 'dry-run': 'true', ...flags });
    t.is(dry.exitCode, 1, dry.out);
    t.regex(dry.err, /rehearsal on a copy: release 0\.2\.0 \(tag v0\.2\.0\) failed and was rolled back/);
  }
  const probe = new pg.Client({ connectionString: own.url('postgres') });
  probe.on('error', () => undefined);
  await probe.connect();
  const left = await probe.query("SELECT datname FROM pg_database WHERE datname LIKE 'hop\\_ci\\_%'").finally(() => probe.end());
  t.deepEqual(left.rows, [], 'the copy is dropped');
});

test('kill -9 of hop-ci in the middle of a release, then a re-run, ends at the target with nothing applied twice or half', async (t) => {
  t.true(existsSync(DIST_CLI), 'run `npm run build` first: this test runs dist/cli.js');
  const db = await newTarget();
  await sql('postgres', `ALTER DATABASE ${db.name} SET hop_test.sleep = '30'`);
  const child = spawn(process.execPath, [DIST_CLI, 'run', 'upgrade', '--cwd', goodWork, '--skip-backup'], {
    env: { ...process.env, DATABASE_URL: db.url },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let childErr = '';
  child.stderr!.on('data', (b: Buffer) => (childErr += b.toString()));
  t.teardown(() => child.kill('SIGKILL'));
  // Wait until 0.2.0's transaction is running (0.1.0 is committed by then).
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { rowCount } = await sql(
      db.name,
      "SELECT 1 FROM pg_stat_activity WHERE application_name LIKE 'hop-ci upgrade%' AND query LIKE '%pg_sleep%' AND state = 'active'",
    );
    if (rowCount) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      t.fail(`the upgrade never reached 0.2.0: ${childErr}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  t.deepEqual(await ledger(db.name), [{ release: '0.1.0', status: 'applied' }]);
  await sql('postgres', `ALTER DATABASE ${db.name} RESET hop_test.sleep`);

  const rerun = await upgrade(goodWork, db.url, { 'skip-backup': 'true', 'lock-timeout': '30' });
  t.is(rerun.exitCode, 0, rerun.err);
  t.is(rerun.outputs['from'], '0.1.0');
  t.deepEqual(
    await ledger(db.name),
    ['0.1.0', '0.2.0', '0.3.0', '0.3.0.post1'].map((release) => ({ release, status: 'applied' })),
  );
  t.deepEqual(await appliedLog(db.name), ALL_PATCHES);
  t.is(await liveSchema(db.url), normaliseSchemaDump(expectedSchema.get('0.3.0.post1')!));
});
