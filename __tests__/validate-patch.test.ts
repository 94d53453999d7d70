import test from 'ava';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HopError } from '../src/core/errors.js';
import { executeStage } from '../src/stages/execute.js';
import { validatePatchStage } from '../src/stages/validate-patch.js';
import { closeSharedCluster, hopDatabases, hopdemoStandIn, recordingCi, sharedCluster, stageContext } from './helpers/pg.js';
import { cloneFixture, fixturesAvailable, writeProject } from './helpers/project.js';

const ft = fixturesAvailable() ? test : test.skip;
/** Runs alone (ava runs serial tests first): it asserts the given server has no hop-ci database left. */
const ftSerial = fixturesAvailable() ? test.serial : test.skip;

test.after.always(closeSharedCluster);

/** The stage's environment: our shared cluster as the given server, the hopdemo stand-in on PYTHONPATH. */
async function envFor(): Promise<Record<string, string | undefined>> {
  const server = await sharedCluster();
  return { PATH: process.env['PATH'], HOME: process.env['HOME'], DATABASE_URL: server.url('postgres'), PYTHONPATH: hopdemoStandIn() };
}

const RELEASE_TOML = `[patches.1-users]
status = "staged"
merge_commit = "aaaaaaaa"

[patches.2-posts]
status = "candidate"
`;

function tree(posts: string, extra: Parameters<typeof writeProject>[0] = {}) {
  return writeProject({
    releases: { '0.1.0-patches.toml': RELEASE_TOML },
    patches: {
      'staged/1-users': { '01_users.sql': 'CREATE TABLE users (id serial PRIMARY KEY, name text);\n', 'README.md': '# 1-users\n' },
      '2-posts': { '01_posts.sql': posts },
    },
    ...extra,
  });
}

const GOOD_POSTS = 'CREATE TABLE posts (id serial PRIMARY KEY, author int REFERENCES users(id));\n';

ftSerial(
  'fixture 05-final, ho-patch/6-comments: baseline 0.1.0 + hotfix, 5-tags, then 6-comments; pytest passes with the half_orm file',
  async (t) => {
    const fx = cloneFixture('05-final.bundle', 'ho-patch/6-comments');
    try {
      mkdirSync(path.join(fx.work, 'tests'));
      writeFileSync(
        path.join(fx.work, 'tests', 'test_schema.py'),
        [
          'import configparser, os, subprocess',
          'def psql(sql):',
          '    return subprocess.run(["psql", "-X", "-At", "-c", sql], check=True, capture_output=True, text=True).stdout.strip()',
          'def test_comments_and_tags_exist():',
          "    assert psql(\"SELECT count(*) FROM pg_class WHERE relname IN ('comments', 'tags', 'post_tags')\") == \"3\"",
          'def test_hotfix_applied():',
          '    assert psql("SELECT is_nullable FROM information_schema.columns WHERE table_name = \'users\' AND column_name = \'email\'") == "NO"',
          'def test_half_orm_file():',
          '    conf = configparser.ConfigParser()',
          '    conf.read(os.path.join(os.environ["HALFORM_CONF_DIR"], "hopdemo"))',
          '    assert conf["database"]["name"] == os.environ["PGDATABASE"]',
          '    assert conf["database"]["production"] == "False"',
          '    assert os.environ["DATABASE_URL"].endswith("/" + os.environ["PGDATABASE"])',
          '',
        ].join('\n'),
      );
      const env = await envFor();
      const ci = recordingCi({}, { headRef: 'ho-patch/6-comments' });
      const result = await validatePatchStage(stageContext(fx.work, ci, env));
      t.true(result.ok, `${result.text}\n${ci.lines.join('\n')}`);
      t.is(result.outputs['result'], 'success');
      t.is(result.outputs['patches'], '["5-tags","6-comments"]');
      const json = result.json as {
        baseline: string;
        tests: { status: string };
        phases: Record<string, number>;
        patches: Array<{ id: string; ms: number }>;
      };
      t.is(json.baseline, '0.1.0.post1');
      t.is(json.tests.status, 'passed');
      for (const phase of ['server', 'baseline', 'clone', 'patches', 'tests', 'total'])
        t.true(typeof json.phases[phase] === 'number', phase);
      t.true(json.patches.every((p) => typeof p.ms === 'number'));
      t.regex(result.summary!, /\| 2 \| 6-comments \| candidate \(this patch\) \| ✅ \|/);
      t.true(ci.lines.some((l) => /hotfix 0\.1\.0\.post1: 4-hotfix-email/.test(l)));
      t.deepEqual(await hopDatabases(await sharedCluster()), []);
    } finally {
      fx.cleanup();
    }
  },
);

ft('fixture 05-final: a failing test fails the stage and the summary shows the test output', async (t) => {
  const fx = cloneFixture('05-final.bundle', 'ho-patch/6-comments');
  try {
    const env = await envFor();
    const ci = recordingCi({ 'test-command': 'echo "1 failed, 0 passed"; exit 1' });
    const result = await validatePatchStage(stageContext(fx.work, ci, env));
    t.false(result.ok);
    t.is(result.outputs['result'], 'failure');
    t.regex(result.outputs['error']!, /tests failed \(exit 1\): 1 failed, 0 passed/);
    t.regex(result.summary!, /test output/);
  } finally {
    fx.cleanup();
  }
});

test('a failing SQL patch: result failure, the error annotated at its file, line and column', async (t) => {
  const root = tree('CREATE TABLE posts (\n  id serial PRIMARY KEY,\n  author intt REFERENCES users(id)\n);\n');
  const ci = recordingCi({ patch: '2-posts', 'test-command': 'none' });
  const result = await validatePatchStage(stageContext(root, ci, await envFor()));
  t.false(result.ok);
  const err = ci.errors.find((e) => e.at?.file === 'Patches/2-posts/01_posts.sql');
  t.truthy(err, JSON.stringify(ci.errors));
  t.regex(err!.message, /type "intt" does not exist/);
  t.is(err!.at?.line, 3);
  t.is(err!.at?.column, 10);
  t.regex(result.summary!, /\| 2 \| 2-posts \| candidate \(this patch\) \| ❌ failed \|/);
});

test('pytest exit 5 (no tests collected) counts as a pass; the default command is pytest', async (t) => {
  const root = tree(GOOD_POSTS);
  const ci = recordingCi({ patch: '2-posts' });
  const result = await validatePatchStage(stageContext(root, ci, await envFor()));
  t.true(result.ok, result.text);
  t.is((result.json as { tests: { status: string; exitCode: number } }).tests.status, 'no-tests');
  t.regex(result.summary!, /`pytest -v --tb=short`: no tests collected \(exit 5\): pass/);
});

test('the patch comes from the checked-out ho-patch/<id> branch when nothing else names it', async (t) => {
  const root = tree(GOOD_POSTS, { files: { '.git/HEAD': 'ref: refs/heads/ho-patch/2-posts\n' } });
  const result = await validatePatchStage(stageContext(root, recordingCi({ 'test-command': 'none' }), await envFor()));
  t.true(result.ok, result.text);
  t.is(result.outputs['patches'], '["1-users","2-posts"]');
});

test('no patch given and not on a patch branch: an input error (exit 2)', async (t) => {
  const root = tree(GOOD_POSTS);
  const { exitCode } = await executeStage(validatePatchStage, stageContext(root, recordingCi(), {}), { write: () => undefined });
  t.is(exitCode, 2);
});

test('refused (exit 1) while a smaller release still has patches', async (t) => {
  const root = writeProject({
    releases: {
      '0.1.0-patches.toml': '[patches.1-a]\nstatus = "candidate"\n',
      '0.2.0-patches.toml': '[patches.2-b]\nstatus = "candidate"\n',
    },
    patches: { '1-a': { '01.sql': 'SELECT 1;\n' }, '2-b': { '01.sql': 'SELECT 1;\n' } },
  });
  const ci = recordingCi({ patch: '2-b' });
  const e = await t.throwsAsync(validatePatchStage(stageContext(root, ci, {})), { instanceOf: HopError });
  t.is(e!.kind, 'refused');
  t.is(e!.exitCode, 1);
  t.regex(e!.message, /release 0\.1\.0 still has patches/);
});

test('a staged patch whose folder is not on this checkout: exit 2 naming the branch that has it', async (t) => {
  const root = writeProject({
    releases: { '0.1.0-patches.toml': RELEASE_TOML },
    patches: { '2-posts': { '01_posts.sql': GOOD_POSTS } },
  });
  const e = await t.throwsAsync(validatePatchStage(stageContext(root, recordingCi({ patch: '2-posts' }), {})), { instanceOf: HopError });
  t.is(e!.exitCode, 2);
  t.regex(e!.message, /patch 1-users .* it is on ho-release\/0\.1\.0/);
});

test('the candidate itself missing: the message names ho-patch/<id>', async (t) => {
  const root = writeProject({
    releases: { '0.1.0-patches.toml': RELEASE_TOML },
    patches: { 'staged/1-users': { '01.sql': 'SELECT 1;\n' } },
  });
  const e = await t.throwsAsync(validatePatchStage(stageContext(root, recordingCi({ patch: '2-posts' }), {})), { instanceOf: HopError });
  t.regex(e!.message, /it is on ho-patch\/2-posts/);
});

test('a missing schema.sql: exit 2 with a hint', async (t) => {
  const root = writeProject({
    releases: { '0.1.0-patches.toml': RELEASE_TOML },
    schemaLink: null,
    patches: { 'staged/1-users': { '01.sql': 'SELECT 1;\n' }, '2-posts': { '01.sql': 'SELECT 1;\n' } },
  });
  const e = await t.throwsAsync(validatePatchStage(stageContext(root, recordingCi({ patch: '2-posts' }), {})), { instanceOf: HopError });
  t.is(e!.code, 'no-schema');
  t.is(e!.exitCode, 2);
});

test('--dry-run prints the plan and starts no database', async (t) => {
  const root = tree(GOOD_POSTS);
  // No server at all in the environment: a dry run must not need one.
  const result = await validatePatchStage(
    stageContext(root, recordingCi({ patch: '2-posts', 'dry-run': 'true' }), { PATH: '/nonexistent' }),
  );
  t.true(result.ok);
  t.is(result.outputs['result'], 'dry-run');
  t.regex(
    result.text!,
    /psql \.hop\/model\/schema-0\.0\.0\.sql\n.*\n\s+1\. 1-users \(staged\) Patches\/staged\/1-users\n\s+2\. 2-posts \(candidate, this patch\) Patches\/2-posts/,
  );
});
