/**
 * The one executor on a real PostgreSQL and real git (tags on a bare origin), with the
 * release of issue 11: one patch whose six files mix SQL, Python, psql and a concurrent
 * index, in an order that only works if nothing is moved. Production is a database at
 * 0.1.0 built as the recorded dump says; `upgrade` runs in-process (and as dist/cli.js for
 * kill -9). The tests share one cluster and run one at a time: each upgrade opens several
 * connections and children, and the lock test measures waits.
 */
import test from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEphemeralCluster } from '../src/adapters/postgres/ephemeral.js';
import { reapOrphanTempFolders } from '../src/adapters/temp-folders.js';
import { dumpSchema, runPsqlFile } from '../src/adapters/postgres/psql.js';
import { METADATA_0_0_0, SCHEMA_0_0_0 } from '../src/demo/half-orm-meta.js';
import { populateInitial } from '../src/demo/sample-project.js';
import { addPatch, checkoutRemote, createRelease, fetchAll, initHopRepo, mergePatch } from '../src/demo/hop-acts.js';
import { describeAtomicity, planParts, summarizeParts, type ReleaseFile } from '../src/core/release-parts.js';
import type { DatabaseServer } from '../src/ports.js';
import { DEFAULT_CONFIG, DIST_CLI, git, tempDir } from './helpers/project.js';
import { HALF_ORM_META_SQL, query, runUpgradeStage } from './helpers/pg.js';

const META_SQL = HALF_ORM_META_SQL;
const USERS_SQL = 'CREATE TABLE public.users (id serial PRIMARY KEY, email text NOT NULL);\n';

/** The patch of issue 11, in file order. The Python file backfills through psql (PG* in its environment). */
const VERIFIED: Record<string, string> = {
  '01_add.sql':
    "INSERT INTO public.users (email) VALUES ('ann@example.com'), ('bob@example.com');\nALTER TABLE public.users ADD COLUMN verified boolean;\n",
  '02_backfill.py': [
    'import os, subprocess, time',
    'subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", "UPDATE public.users SET verified = false WHERE verified IS NULL"], check=True)',
    'print("backfilled", flush=True)',
    '# Tests that kill hop-ci in the middle of this part make it wait here.',
    'if os.environ.get("HOP_TEST_PIDFILE"):',
    '    open(os.environ["HOP_TEST_PIDFILE"], "w").write(str(os.getpid()))',
    '    time.sleep(120)',
    '',
  ].join('\n'),
  '03_default.psql': '\\set flag true\nALTER TABLE public.users ALTER COLUMN verified SET DEFAULT :flag;\n',
  '04_not_null.sql': 'ALTER TABLE public.users ALTER COLUMN verified SET NOT NULL;\n',
  '05_index.sql': 'CREATE UNIQUE INDEX CONCURRENTLY users_email_verified_idx ON public.users (email, verified);\n',
  '06_constraint.sql': 'ALTER TABLE public.users ADD CONSTRAINT users_email_verified_key UNIQUE USING INDEX users_email_verified_idx;\n',
};

/** For each part, a version of its file that fails there (and the line it fails at). */
const BROKEN: Array<{ file: string; text: string; line: number; what: string }> = [
  {
    file: '01_add.sql',
    text: `${VERIFIED['01_add.sql']}\nINSERT INTO public.no_such_table VALUES (1);\n`,
    line: 4,
    what: 'SQL 01_add.sql',
  },
  {
    file: '02_backfill.py',
    text: 'print("about to fail")\n\nraise SystemExit("backfill refused")\n',
    line: 0,
    what: 'Python 02_backfill.py',
  },
  {
    file: '03_default.psql',
    text: '\\set flag true\nALTER TABLE public.users ALTER COLUMN no_such_column SET DEFAULT :flag;\n',
    line: 2,
    what: 'psql 03_default.psql',
  },
  {
    file: '04_not_null.sql',
    text: 'ALTER TABLE public.users ALTER COLUMN no_such_column SET NOT NULL;\n',
    line: 1,
    what: 'SQL 04_not_null.sql',
  },
  {
    file: '05_index.sql',
    text: 'CREATE UNIQUE INDEX CONCURRENTLY users_email_verified_idx ON public.users (no_such_column);\n',
    line: 1,
    what: 'CREATE INDEX CONCURRENTLY 05_index.sql:1',
  },
  {
    file: '06_constraint.sql',
    text: 'ALTER TABLE public.users ADD CONSTRAINT users_email_verified_key UNIQUE USING INDEX no_such_index;\n',
    line: 1,
    what: 'SQL 06_constraint.sql',
  },
];

let server: DatabaseServer;
let repoDir: string;
let schema010: string;
let dbCounter = 0;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const sql = async (db: string, text: string) => ({ rows: await query<any>(server, db, text) });

/** A project whose 0.1.0 creates users and whose 0.2.0 is the six-file patch, `files` replacing some. */
function buildProject(name: string, files: Record<string, string>): string {
  const origin = path.join(repoDir, `${name}.git`);
  const work = path.join(repoDir, name);
  git(repoDir, 'init', '-q', '--bare', origin);
  git(repoDir, 'init', '-q', '-b', 'ho-prod', work);
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(work, rel)), { recursive: true });
    writeFileSync(path.join(work, rel), text);
  };
  const link = (release: string) => {
    rmSync(path.join(work, '.hop/model/schema.sql'), { force: true });
    symlinkSync(`schema-${release}.sql`, path.join(work, '.hop/model/schema.sql'));
  };
  write('.hop/config', DEFAULT_CONFIG);
  write('.hop/model/schema-0.0.0.sql', '-- not compared: the databases of these tests are at 0.1.0\n');
  link('0.0.0');
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', '[HOP] Initial commit (release: 0.0.0)');
  const release = (version: string, patch: string, patchFiles: Record<string, string>, dump: string) => {
    for (const [file, text] of Object.entries(patchFiles)) write(`Patches/staged/${patch}/${file}`, text);
    write(`.hop/releases/${version}.txt`, `${patch}\n`);
    write(`.hop/model/schema-${version}.sql`, dump);
    link(version);
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', `[HOP] Promote release %${version} to production`);
    git(work, 'tag', '-a', `v${version}`, '-m', `Production release %${version}`);
  };
  release('0.1.0', '1-users', { '01_users.sql': USERS_SQL }, schema010);
  // 0.2.0's dump is only read for a database already at 0.2.0 (none here).
  release('0.2.0', '2-verified', { ...VERIFIED, ...files }, schema010);
  git(work, 'remote', 'add', 'origin', origin);
  git(work, 'push', '-q', '--follow-tags', 'origin', 'ho-prod');
  return work;
}

test.before(async () => {
  server = await startEphemeralCluster();
  repoDir = tempDir('hop-ci-executor-');
  await server.createDatabase('scratch');
  await sql('scratch', META_SQL + USERS_SQL);
  schema010 = await dumpSchema(server, 'scratch');
  await server.dropDatabase('scratch');
});

test.after.always(async () => {
  await server?.close();
  if (repoDir) rmSync(repoDir, { recursive: true, force: true });
});

/** A production database at 0.1.0, as its recorded dump says, with one user. */
async function production(): Promise<{ name: string; url: string }> {
  const name = `prod_${++dbCounter}`;
  await server.createDatabase(name);
  await sql(
    name,
    `${META_SQL}${USERS_SQL}INSERT INTO half_orm_meta.hop_release (major, minor, patch) VALUES (0, 1, 0);
     INSERT INTO public.users (email) VALUES ('old@example.com');`,
  );
  return { name, url: server.url(name) };
}

function upgrade(work: string, url: string, flags: Record<string, string> = {}) {
  return runUpgradeStage(work, { 'database-url': url, 'skip-backup': 'true', ...flags });
}

async function ledger(db: string): Promise<Array<{ release: string; status: string; parts_done: number }>> {
  return (await sql(db, 'SELECT release, status, parts_done FROM hop_ci.applied_release ORDER BY started_at')).rows;
}

async function hopReleases(db: string): Promise<string[]> {
  return (await sql(db, `SELECT major || '.' || minor || '.' || patch AS v FROM half_orm_meta.hop_release ORDER BY 1`)).rows.map(
    (r) => r.v,
  );
}

/** The end state issue 11 asks for: verified NOT NULL DEFAULT true, rows backfilled, the constraint on the concurrent index. */
async function assertUpgraded(
  t: import('ava').ExecutionContext,
  db: string,
  expectedLedger = [{ release: '0.2.0', status: 'applied', parts_done: 6 }],
): Promise<void> {
  const column = (
    await sql(
      db,
      "SELECT is_nullable, column_default FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'verified'",
    )
  ).rows[0];
  t.deepEqual(column, { is_nullable: 'NO', column_default: 'true' });
  const users = (await sql(db, 'SELECT email, verified FROM public.users ORDER BY id')).rows;
  t.deepEqual(users, [
    { email: 'old@example.com', verified: false },
    { email: 'ann@example.com', verified: false },
    { email: 'bob@example.com', verified: false },
  ]);
  const constraint = (
    await sql(
      db,
      "SELECT c.contype, i.relname AS index FROM pg_constraint c JOIN pg_class i ON i.oid = c.conindid WHERE c.conname = 'users_email_verified_key'",
    )
  ).rows;
  t.deepEqual(
    constraint,
    [{ contype: 'u', index: 'users_email_verified_key' }],
    'USING INDEX renames the concurrent index to the constraint',
  );
  t.deepEqual(await hopReleases(db), ['0.0.0', '0.1.0', '0.2.0']);
  t.deepEqual(await ledger(db), expectedLedger);
}

test('the six files of issue 11 become six parts, in file order, and the plan says what a failure leaves', (t) => {
  const files: ReleaseFile[] = Object.entries(VERIFIED).map(([name, text]) => ({
    patch: '2-verified',
    name,
    kind: name.endsWith('.py') ? 'py' : name.endsWith('.psql') ? 'psql' : 'sql',
    path: `Patches/2-verified/${name}`,
    text,
    ...(name === '05_index.sql'
      ? { statements: [{ text: text.trim().replace(/;$/, ''), offset: 0, line: 1, nonTransactional: 'CREATE INDEX CONCURRENTLY' }] }
      : {}),
  }));
  const { parts } = planParts(files);
  t.deepEqual(
    summarizeParts(parts).map((p) => p.what),
    BROKEN.map((b) => b.what),
  );
  t.is(
    describeAtomicity('0.2.0', summarizeParts(parts)),
    '0.2.0 runs in 6 parts: 1. SQL 01_add.sql; 2. Python 02_backfill.py; 3. psql 03_default.psql; 4. SQL 04_not_null.sql; ' +
      '5. CREATE INDEX CONCURRENTLY 05_index.sql:1; 6. SQL 06_constraint.sql; a failure in part 3 leaves parts 1–2 applied and recorded',
  );
  const sqlOnly = planParts(files.filter((f) => f.kind === 'sql' && !f.statements));
  t.is(sqlOnly.parts.length, 1, 'consecutive transactional SQL is one transaction');
  t.is(describeAtomicity('0.3.0', summarizeParts(sqlOnly.parts)), '0.3.0 runs in one transaction (all or nothing)');
});

test.serial('upgrade of a production database at 0.1.0 runs the patch as validated: .py and .psql at their place, no flag', async (t) => {
  const work = buildProject('good', {});
  const db = await production();
  const run = await upgrade(work, db.url);
  t.is(run.exitCode, 0, run.err);
  t.regex(run.out, /0\.2\.0 runs in 6 parts: 1\. SQL 01_add\.sql; 2\. Python 02_backfill\.py;/);
  t.regex(run.out, /02_backfill\.py: backfilled/, 'the Python output is shown');
  await assertUpgraded(t, db.name);
  const again = await upgrade(work, db.url);
  t.is(again.exitCode, 0, again.err);
  t.regex(again.out, /nothing to apply/);
});

test.serial('plan --from 0.1.0 and the dry-run say that 0.2.0 runs in six parts and what a failure leaves', async (t) => {
  t.true(existsSync(DIST_CLI), 'run `npm run build` first: this test runs dist/cli.js');
  const work = buildProject('planned', {});
  const plan = spawnSync(process.execPath, [DIST_CLI, 'plan', '--cwd', work, '--from', '0.1.0'], { encoding: 'utf8' });
  t.is(plan.status, 0, plan.stderr);
  t.regex(
    plan.stdout,
    /upgrade: 0\.2\.0\n {2}0\.2\.0 runs in 6 parts: 1\. SQL 01_add\.sql; .*a failure in part 3 leaves parts 1–2 applied and recorded/,
  );
  const db = await production();
  const dry = await upgrade(work, db.url, { 'dry-run': 'true' });
  t.is(dry.exitCode, 0, dry.err);
  t.regex(dry.out, /0\.2\.0 runs in 6 parts: .*5\. CREATE INDEX CONCURRENTLY 05_index\.sql:1; 6\. SQL 06_constraint\.sql/);
  t.deepEqual(await hopReleases(db.name), ['0.0.0', '0.1.0'], 'the dry-run changes nothing');
});

test.serial('plan --from 0.1.0 and the dry-run list the locks 0.2.0 takes on existing tables, not on the one it creates', async (t) => {
  t.true(existsSync(DIST_CLI), 'run `npm run build` first: this test runs dist/cli.js');
  // orders is 0.2.0's own: its FOREIGN KEY locks users, its index and rename lock nothing listed.
  const work = buildProject('lock-plan', {
    '07_orders.sql':
      'CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES public.users (id));\nCREATE INDEX orders_user_idx ON public.orders (user_id);\n',
  });
  const line =
    /0\.2\.0 locks: public\.users ACCESS EXCLUSIVE \(blocks reads and writes: 2-verified\/01_add\.sql:2 ALTER TABLE … ADD COLUMN, 2-verified\/04_not_null\.sql:1 ALTER TABLE … SET NOT NULL, 2-verified\/06_constraint\.sql:1 ALTER TABLE … ADD CONSTRAINT\); not known ahead for 2-verified\/02_backfill\.py, 2-verified\/03_default\.psql \(run as written\)\n/;
  const plan = spawnSync(process.execPath, [DIST_CLI, 'plan', '--cwd', work, '--from', '0.1.0'], { encoding: 'utf8' });
  t.is(plan.status, 0, plan.stderr);
  t.regex(plan.stdout, line);
  const json = spawnSync(process.execPath, [DIST_CLI, 'plan', '--json', '--cwd', work, '--from', '0.1.0'], { encoding: 'utf8' });
  t.is(json.status, 0, json.stderr);
  const planJson = JSON.parse(json.stdout) as {
    upgradeParts: string[];
    upgradeLocks: Array<{ release: string; tables: Array<Record<string, unknown>> }>;
  };
  t.deepEqual(planJson.upgradeParts.length, 1, 'upgradeParts stays the atomicity notes');
  const [locks] = planJson.upgradeLocks;
  t.is(locks!.release, '0.2.0');
  t.deepEqual(
    locks!.tables.map((x) => [x['table'], x['level'], x['blocks']]),
    [['public.users', 'ACCESS EXCLUSIVE', 'blocks reads and writes']],
    'public.orders, created by 0.2.0, is not listed',
  );
  t.deepEqual(
    (locks!.tables[0]!['statements'] as Array<{ at: string; level: string }>).map((s) => `${s.at} ${s.level}`),
    [
      '2-verified/01_add.sql:1 ROW EXCLUSIVE',
      '2-verified/01_add.sql:2 ACCESS EXCLUSIVE',
      '2-verified/04_not_null.sql:1 ACCESS EXCLUSIVE',
      '2-verified/05_index.sql:1 SHARE UPDATE EXCLUSIVE',
      '2-verified/06_constraint.sql:1 ACCESS EXCLUSIVE',
      '2-verified/07_orders.sql:1 SHARE ROW EXCLUSIVE',
    ],
  );
  const db = await production();
  const dry = await upgrade(work, db.url, { 'dry-run': 'true' });
  t.is(dry.exitCode, 0, dry.err);
  t.regex(dry.out, line);
  t.deepEqual(await hopReleases(db.name), ['0.0.0', '0.1.0'], 'the dry-run changes nothing');
});

test.serial('--no-python refuses a release with a .py file before anything is applied; --allow-python changes nothing', async (t) => {
  const work = buildProject('nopython', {});
  const db = await production();
  const refused = await upgrade(work, db.url, { python: 'refuse' });
  t.is(refused.exitCode, 1);
  t.regex(refused.err, /02_backfill\.py \(release 0\.2\.0\) is a Python file, and Python files are refused \(--no-python\)/);
  t.is((await sql(db.name, "SELECT to_regclass('hop_ci.applied_release') AS r")).rows[0].r, null);
  const allowed = await upgrade(work, db.url, { 'allow-python': 'true' });
  t.is(allowed.exitCode, 0, allowed.err);
  await assertUpgraded(t, db.name);
});

for (const [i, broken] of BROKEN.entries()) {
  const part = i + 1;
  const kept = part === 1 ? 'nothing applied' : part === 2 ? 'part 1 applied and recorded' : `parts 1–${part - 1} applied and recorded`;
  test.serial(`a failure in part ${part} (${broken.what}) leaves ${kept}; a re-run resumes at part ${part}`, async (t) => {
    const work = buildProject(`broken${part}`, { [broken.file]: broken.text });
    const db = await production();
    const run = await upgrade(work, db.url);
    t.is(run.exitCode, 1);
    const escaped = broken.what.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    t.regex(
      run.err,
      new RegExp(
        `release 0\\.2\\.0 \\(tag v0\\.2\\.0\\), part ${part} of 6 \\(${escaped}\\) failed: ${part === 1 ? 'nothing of it was applied' : part === 2 ? 'part 1 stays applied and recorded' : `parts 1–${part - 1} stay applied and recorded`}`,
      ),
    );
    t.regex(
      run.err,
      new RegExp(`patch 2-verified: Patches/staged/2-verified/${broken.file.replace('.', '\\.')}${broken.line ? `:${broken.line}` : ''}`),
    );
    t.deepEqual(await ledger(db.name), part === 1 ? [] : [{ release: '0.2.0', status: 'partial', parts_done: part - 1 }]);
    t.deepEqual(await hopReleases(db.name), ['0.0.0', '0.1.0'], 'the version rows go with the last part');
    const users = async () => Number((await sql(db.name, 'SELECT count(*) AS n FROM public.users')).rows[0].n);
    t.is(await users(), part === 1 ? 1 : 3, 'part 1 committed or not at all');

    const rerun = await upgrade(work, db.url);
    t.is(rerun.exitCode, 1);
    if (part > 1) t.regex(rerun.err, new RegExp(`left by a previous run after ${part - 1} of its 6 parts: resuming at part ${part}`));
    t.regex(rerun.err, new RegExp(`part ${part} of 6`));
    t.is(await users(), part === 1 ? 1 : 3, 'a committed part never runs twice');
  });
}

test.serial('kill -9 of hop-ci inside part 2 (the .py), then a re-run: resumes at part 2 and ends as a clean run', async (t) => {
  t.true(existsSync(DIST_CLI), 'run `npm run build` first: this test runs dist/cli.js');
  const work = buildProject('killed', {});
  const db = await production();
  const pidFile = path.join(repoDir, 'killed-python.pid');
  const child = spawn(process.execPath, [DIST_CLI, 'run', 'upgrade', '--cwd', work, '--skip-backup'], {
    env: { ...process.env, DATABASE_URL: db.url, HOP_TEST_PIDFILE: pidFile },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let childErr = '';
  child.stderr!.on('data', (b: Buffer) => (childErr += b.toString()));
  let pythonPid: number | undefined;
  t.teardown(() => {
    child.kill('SIGKILL');
    try {
      if (pythonPid) process.kill(pythonPid, 'SIGKILL');
    } catch {
      // already stopped by the test
    }
  });
  const deadline = Date.now() + 60_000;
  while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8') === '') {
    if (Date.now() > deadline || child.exitCode !== null) {
      t.fail(`the upgrade never reached the Python part: ${childErr}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  pythonPid = Number(readFileSync(pidFile, 'utf8'));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  // kill -9 leaves hop-ci no chance to stop its children: the test stops the Python file itself.
  process.kill(pythonPid, 'SIGKILL');
  pythonPid = undefined;
  t.deepEqual(await ledger(db.name), [{ release: '0.2.0', status: 'partial', parts_done: 1 }]);
  // Its folder of .py/.psql files stays, named after its pid: the next cluster start reaps it.
  const left = readdirSync(tmpdir()).filter((n) => n.startsWith(`hop-ci-files-p${child.pid}-`));
  t.is(left.length, 1, 'the killed run left its folder of patch files');
  t.deepEqual(
    reapOrphanTempFolders().filter((p) => left.includes(path.basename(p))),
    left.map((n) => path.join(tmpdir(), n)),
  );

  const rerun = await upgrade(work, db.url, { 'lock-timeout': '30' });
  t.is(rerun.exitCode, 0, rerun.err);
  t.regex(rerun.err, /left by a previous run after 1 of its 6 parts: resuming at part 2/);
  t.regex(rerun.out, /02_backfill\.py may have run before the previous run stopped: it runs again/);
  await assertUpgraded(t, db.name);
});

test.serial(
  'a session holding a lock on users: the upgrade gives up within --lock-wait naming it, while the application still reads users',
  async (t) => {
    const work = buildProject('locked', {});
    const db = await production();
    const blocker = new pg.Client({ connectionString: db.url, application_name: 'forgotten-report' });
    await blocker.connect();
    t.teardown(() => blocker.end().catch(() => undefined));
    const { rows } = await blocker.query('SELECT pg_backend_pid() AS pid');
    await blocker.query('BEGIN');
    await blocker.query('SELECT count(*) FROM public.users');

    const running = upgrade(work, db.url, { 'lock-wait': '6' });
    // From the moment the upgrade first waits for the lock…
    let waitingSince: number | undefined;
    while (waitingSince === undefined) {
      const waiting = await sql(
        db.name,
        "SELECT 1 FROM pg_stat_activity WHERE application_name LIKE 'hop-ci upgrade%' AND wait_event_type = 'Lock'",
      );
      if (waiting.rows.length) waitingSince = Date.now();
      else await new Promise((r) => setTimeout(r, 50));
    }
    // …the application reads users: each read waits at most one lock_timeout (2 s) behind it.
    const app = new pg.Client({ connectionString: db.url, application_name: 'the-application', statement_timeout: 20_000 });
    await app.connect();
    t.teardown(() => app.end().catch(() => undefined));
    const latencies: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = Date.now();
      await app.query('SELECT count(*) FROM public.users');
      latencies.push(Date.now() - t0);
      await new Promise((r) => setTimeout(r, 700));
    }
    const run = await running;
    const elapsed = Date.now() - waitingSince;
    t.is(run.exitCode, 1);
    t.regex(
      run.err,
      /gave up after waiting 6 s for locks held by other sessions; nothing of this part \(Patches\/staged\/2-verified\/01_add\.sql\) was applied/,
    );
    t.regex(
      run.err,
      new RegExp(`pid ${rows[0].pid}, application_name 'forgotten-report', user \\S+, idle in transaction since \\d{4}-\\d\\d-\\d\\dT`),
    );
    t.regex(run.err, /last query: SELECT count\(\*\) FROM public\.users/);
    t.true(elapsed < 6000 + 4000, `gave up ${elapsed} ms after it started waiting`);
    t.true(Math.max(...latencies) < 4000, `application reads took ${latencies.join(', ')} ms`);
    t.is(Number((await sql(db.name, 'SELECT count(*) AS n FROM public.users')).rows[0].n), 1, 'nothing of 0.2.0 applied');
    t.deepEqual(await ledger(db.name), []);
  },
);

test.serial(
  'the pipeline of issue 11: validate-release and promote-prod pass, then upgrade of production at 0.1.0 with no extra flag',
  async (t) => {
    t.true(existsSync(DIST_CLI), 'run `npm run build` first: this test runs dist/cli.js');
    const dir = tempDir('hop-ci-pipeline-');
    // Release 0.0.0 as half-orm-dev's init writes it: half_orm_meta dumped, its metadata.
    await server.createDatabase('pipeline_prod');
    const initial = path.join(dir, 'initial.sql');
    writeFileSync(initial, SCHEMA_0_0_0);
    await runPsqlFile(server, 'pipeline_prod', initial);
    const schema000 = await dumpSchema(server, 'pipeline_prod');
    writeFileSync(initial, METADATA_0_0_0);
    await runPsqlFile(server, 'pipeline_prod', initial);
    const repo = initHopRepo(path.join(dir, 'project'), (dev) => void populateInitial(dev, false, schema000));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const cli = (args: string[], databaseUrl: string) => {
      const r = spawnSync(process.execPath, [DIST_CLI, ...args], {
        cwd: repo.dev,
        env: { ...process.env, DATABASE_URL: databaseUrl, NO_COLOR: '1' },
        encoding: 'utf8',
      });
      return { code: r.status, out: `${r.stdout}${r.stderr}` };
    };
    // Validations and promotions create their throwaway databases on this test's cluster.
    const scratch = server.url('postgres');
    const prod = server.url('pipeline_prod');

    const ok = (run: { code: number | null; out: string }) => t.is(run.code, 0, run.out);
    /** half-orm-dev on the laptop: a release with one patch, merged; CI's checkout of its branch. */
    const prepare = (version: string, id: string, files: Record<string, string>) => {
      createRelease(repo, version);
      addPatch(repo, version, id, files);
      mergePatch(repo, version, id);
      checkoutRemote(repo, `ho-release/${version}`);
    };
    /** promote-prod, then the upgrade of production from ho-prod. */
    const release = () => {
      ok(cli(['run', 'promote-prod', '--test-command', 'none'], scratch));
      fetchAll(repo);
      checkoutRemote(repo, 'ho-prod');
      ok(cli(['run', 'upgrade', '--skip-backup'], prod));
    };

    prepare('0.1.0', '1-users', { '01_users.sql': USERS_SQL });
    release();
    await sql('pipeline_prod', "INSERT INTO public.users (email) VALUES ('old@example.com')");
    prepare('0.2.0', '2-verified', VERIFIED);
    const validated = cli(['run', 'validate-release', '--test-command', 'none'], scratch);
    ok(validated);
    t.regex(validated.out, /0\.2\.0 runs in 6 parts: 1\. SQL 01_add\.sql; 2\. Python 02_backfill\.py; 3\. psql 03_default\.psql;/);
    release();
    await assertUpgraded(t, 'pipeline_prod', [
      { release: '0.1.0', status: 'applied', parts_done: 1 },
      { release: '0.2.0', status: 'applied', parts_done: 6 },
    ]);
  },
);
