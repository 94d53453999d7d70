import test from 'ava';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { validateReleaseStage } from '../src/stages/validate-release.js';
import { createReleaseValidator } from '../src/stages/validation/release-validator.js';
import { closeSharedCluster, hopDatabases, hopdemoStandIn, recordingCi, sharedCluster, stageContext } from './helpers/pg.js';
import { cloneFixture, fixturesAvailable, writeProject } from './helpers/project.js';

const ft = fixturesAvailable() ? test : test.skip;

test.after.always(closeSharedCluster);

async function envFor(): Promise<Record<string, string | undefined>> {
  const server = await sharedCluster();
  return { PATH: process.env['PATH'], HOME: process.env['HOME'], DATABASE_URL: server.url('postgres'), PYTHONPATH: hopdemoStandIn() };
}

interface RunJson {
  label: string;
  ok: boolean;
  failure: { patch: string; file?: string; line?: number } | null;
  notRun: string | null;
  tests: { status: string } | null;
}

ft('fixture 05-final, ho-release/0.2.0: 5-tags staged, then 6-comments read from its branch', async (t) => {
  const fx = cloneFixture('05-final.bundle', 'ho-release/0.2.0');
  try {
    const ci = recordingCi({ 'test-command': 'psql -X -At -c "SELECT 1 FROM pg_class WHERE relname = \'tags\'" | grep -q 1' });
    const result = await validateReleaseStage(stageContext(fx.work, ci, await envFor()));
    t.true(result.ok, `${result.text}\n${ci.lines.join('\n')}`);
    const runs = (result.json as { runs: RunJson[] }).runs;
    t.deepEqual(
      runs.map((r) => [r.label, r.ok, r.tests?.status]),
      [
        ['staged', true, 'passed'],
        ['6-comments', true, 'passed'],
      ],
    );
    t.true(ci.lines.some((l) => l.includes('candidate 6-comments: read from ho-patch/6-comments:Patches/6-comments')));
    t.is(result.outputs['patches'], '["5-tags","6-comments"]');
  } finally {
    fx.cleanup();
  }
});

ft('fixture 01-rc1, ho-release/0.1.0: the .py patch seeds through the project package (stand-in)', async (t) => {
  const fx = cloneFixture('01-rc1.bundle', 'ho-release/0.1.0');
  try {
    mkdirSync(path.join(fx.work, 'tests'));
    writeFileSync(
      path.join(fx.work, 'tests', 'test_seed.py'),
      'import subprocess\n\ndef test_admin_seeded():\n    out = subprocess.run(["psql", "-X", "-At", "-c", "SELECT name FROM public.users"], check=True, capture_output=True, text=True).stdout\n    assert out.strip() == "admin"\n',
    );
    const ci = recordingCi();
    const result = await validateReleaseStage(stageContext(fx.work, ci, await envFor()));
    t.true(result.ok, `${result.text}\n${ci.lines.join('\n')}`);
    t.true(ci.lines.some((l) => /02_seed_admin\.py: admin user seeded/.test(l)));
    t.deepEqual(
      (result.json as { runs: RunJson[] }).runs.map((r) => r.tests?.status),
      ['passed'],
    );
  } finally {
    fx.cleanup();
  }
});

test.serial('a candidate that breaks the release is named with how; the others still pass; nothing is left on the server', async (t) => {
  const root = writeProject({
    releases: {
      '0.3.0-patches.toml':
        '[patches.1-base]\nstatus = "staged"\n\n[patches.2-broken]\nstatus = "candidate"\n\n[patches.3-fine]\nstatus = "candidate"\n',
    },
    patches: {
      'staged/1-base': { '01.sql': 'CREATE TABLE items (id int PRIMARY KEY, label text);\n' },
      '2-broken': { '01.sql': 'ALTER TABLE items\n  ADD COLUMN price numerik;\n' },
      '3-fine': { '01.sql': 'ALTER TABLE items ADD COLUMN qty int;\n' },
    },
  });
  const ci = recordingCi({ 'test-command': 'none' });
  const server = await sharedCluster();
  const result = await validateReleaseStage(stageContext(root, ci, await envFor()));
  t.false(result.ok);
  const runs = (result.json as { runs: RunJson[] }).runs;
  t.deepEqual(
    runs.map((r) => [r.label, r.ok]),
    [
      ['staged', true],
      ['2-broken', false],
      ['3-fine', true],
    ],
  );
  t.deepEqual(runs[1]!.failure, { ...runs[1]!.failure!, patch: '2-broken', file: 'Patches/2-broken/01.sql', line: 2 });
  t.regex(
    result.summary!,
    /\| \+ `2-broken` \(candidate\) \| 2-broken \| ❌ 2-broken \| — \| patch 2-broken: Patches\/2-broken\/01\.sql:2:20: type "numerik" does not exist \|/,
  );
  t.regex(result.outputs['error']!, /2-broken: patch 2-broken/);
  t.deepEqual(await hopDatabases(server), []);
});

test.serial('the production-upgrade rehearsal lists the locks the release takes on tables of the baseline, not on its own', async (t) => {
  const root = writeProject({
    model: { 'schema-0.0.0.sql': 'CREATE TABLE public.users (id int PRIMARY KEY, email text);\n' },
    releases: { '0.1.0-patches.toml': '[patches.1-orders]\nstatus = "staged"\n' },
    patches: {
      'staged/1-orders': {
        '01.sql':
          'CREATE TABLE orders (id int PRIMARY KEY);\nALTER TABLE orders ADD COLUMN user_id int;\nCREATE INDEX ON orders (user_id);\n',
        '02.sql': 'CREATE INDEX users_email_idx ON users (email);\n',
      },
    },
  });
  const ci = recordingCi({ 'test-command': 'none' });
  const result = await validateReleaseStage(stageContext(root, ci, await envFor()));
  t.true(result.ok, `${result.text}\n${ci.lines.join('\n')}`);
  const line = '0.1.0 locks: public.users SHARE (blocks writes: 1-orders/02.sql:1 CREATE INDEX)';
  t.true(result.summary!.includes(`\n${line}\n`), result.summary);
  t.true(result.text!.includes(`    ${line}\n`), result.text);
  const upgrade = (result.json as { upgrade: { locks: { tables: Array<{ table: string; level: string }>; notAnalysed: string[] } } })
    .upgrade;
  t.deepEqual(
    upgrade.locks.tables.map((x) => [x.table, x.level]),
    [['public.users', 'SHARE']],
  );
  t.deepEqual(upgrade.locks.notAnalysed, []);
});

test('when the staged patches fail, candidates are reported as not run', async (t) => {
  const root = writeProject({
    releases: { '0.1.0-patches.toml': '[patches.1-a]\nstatus = "staged"\n\n[patches.2-b]\nstatus = "candidate"\n' },
    patches: { 'staged/1-a': { '01.sql': 'SELEC 1;\n' }, '2-b': { '01.sql': 'SELECT 1;\n' } },
  });
  const result = await validateReleaseStage(stageContext(root, recordingCi({ 'test-command': 'none' }), await envFor()));
  t.false(result.ok);
  const runs = (result.json as { runs: RunJson[] }).runs;
  t.is(runs[0]!.failure?.patch, '1-a');
  t.regex(runs[1]!.notRun!, /staged patches fail \(1-a\)/);
});

test('the ReleaseValidator port: validates the staged patches, then hands the database to `use` for dumps', async (t) => {
  const root = writeProject({
    releases: { '0.1.0-patches.toml': '[patches.1-a]\nstatus = "staged"\n\n[patches.2-b]\nstatus = "candidate"\n' },
    patches: { 'staged/1-a': { '01.sql': 'CREATE TABLE kept (id int);\n' } },
  });
  const ctx = stageContext(root, recordingCi({ 'test-command': 'none' }), await envFor());
  const outcome = await createReleaseValidator(ctx).validateRelease({ root, version: '0.1.0' }, async (db) => db.dumpSchema());
  t.true(outcome.ok);
  t.regex(outcome.value!, /CREATE TABLE public\.kept/);
  const failing = writeProject({
    releases: { '0.1.0-patches.toml': '[patches.1-a]\nstatus = "staged"\n' },
    patches: { 'staged/1-a': { '01.sql': 'CREATE TABLE x (id intt);\n' } },
  });
  let used = false;
  const bad = await createReleaseValidator(stageContext(failing, recordingCi({ 'test-command': 'none' }), await envFor())).validateRelease(
    { root: failing, version: '0.1.0' },
    async () => {
      used = true;
    },
  );
  t.false(bad.ok);
  t.false(used);
  t.is(bad.failures[0]!.patch, '1-a');
  t.is(bad.failures[0]!.line, 1);
});
