/** `hop-ci plan` the way a user runs it: the built dist/cli.js in a child process. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the plan JSON is checked field by field below */
import test from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { rmSync, symlinkSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { DIST_CLI, cloneFixture, fixturesAvailable, git, writeProject } from './helpers/project.js';

function cli(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [DIST_CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', GITLAB_CI: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('plan --json from a nested folder: keys other tools rely on', (t) => {
  const root = writeProject({
    releases: {
      '0.1.0-rc1.txt': '1-a:aaaaaaaa\n',
      '0.1.0.txt': '1-a\n',
      '0.1.0-patches.toml': '[patches]\n',
      '0.2.0-patches.toml': '[patches]\n"2-b" = "staged"\n"456" = "candidate"\n',
    },
    model: { 'schema-0.1.0.sql': '-- x\n' },
    schemaLink: 'schema-0.1.0.sql',
    patches: { 'staged/2-b': { '01.sql': 'select 1;' } },
    files: { 'pkg/sub/.keep': '' },
  });
  const r = cli(['plan', '--json', '--from', '0.0.0'], path.join(root, 'pkg', 'sub'));
  t.is(r.code, 0, r.stderr);
  const plan = JSON.parse(r.stdout);
  t.is(plan.production, '0.1.0');
  t.deepEqual(
    plan.inPreparation.map((x: { version: string; hotfix: boolean }) => [x.version, x.hotfix]),
    [
      ['0.1.0', true],
      ['0.2.0', false],
    ],
  );
  t.deepEqual(
    plan.inPreparation[1].patches.map((p: { id: string }) => p.id),
    ['2-b', '456'],
  );
  t.deepEqual(plan.rcs, { '0.1.0': [1] });
  t.deepEqual(plan.promote.rc, { version: '0.2.0-rc1', tag: 'v0.2.0-rc1' });
  t.regex(plan.promote.prod.error, /hotfix 0\.1\.0 is open/);
  t.regex(plan.promote.hotfix.error, /no staged patches/);
  t.deepEqual(plan.upgrade, ['0.1.0']);
  rmSync(root, { recursive: true, force: true });
});

test('after a hotfix hop-ci promoted, plan says the baseline is the .postN dump (schema.sql stays on X.Y.Z)', (t) => {
  const root = writeProject({
    releases: { '0.1.0.txt': '1-a\n', '0.1.0.post1.txt': '2-b\n' },
    model: { 'schema-0.1.0.sql': '-- x\n', 'schema-0.1.0.post1.sql': '-- y\n' },
    schemaLink: 'schema-0.1.0.sql',
  });
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const r = cli(['plan'], root);
  t.is(r.code, 0, r.stderr);
  t.regex(
    r.stdout,
    /^production: 0\.1\.0\.post1 \(schema\.sql → 0\.1\.0; baseline 0\.1\.0\.post1 from \.hop\/model\/schema-0\.1\.0\.post1\.sql\)$/m,
  );
});

test('plan --matrix is a JSON array for fromJSON', (t) => {
  const root = writeProject({
    releases: { '0.1.0-patches.toml': '[patches.1-a]\nstatus = "staged"\n\n[patches.2-b]\nstatus = "candidate"\n' },
  });
  const r = cli(['plan', '--matrix', '--cwd', root]);
  t.is(r.code, 0, r.stderr);
  t.deepEqual(JSON.parse(r.stdout), [
    { patch: '1-a', release: '0.1.0' },
    { patch: '2-b', release: '0.1.0' },
  ]);
  rmSync(root, { recursive: true, force: true });
});

test('human output says where each patch folder is', (t) => {
  const root = writeProject({
    releases: { '0.1.0-patches.toml': '[patches.1-a]\nstatus = "staged"\n\n[patches.2-b]\nstatus = "candidate"\n' },
    patches: { '1-a': { 'a.sql': '' } },
  });
  const r = cli(['plan', '--cwd', root]);
  t.is(r.code, 0);
  t.regex(r.stdout, /1-a\s+staged\s+Patches\/1-a/);
  t.regex(r.stdout, /2-b\s+candidate\s+not on this branch \(on ho-patch\/2-b\)/);
  t.regex(r.stdout, /promote-prod\s+refused: release 0\.1\.0 still has candidate patches: 2-b/);
  rmSync(root, { recursive: true, force: true });
});

const bad: Array<[string, (root: string) => void, RegExp]> = [
  [
    'malformed TOML',
    (r) => writeFileSync(path.join(r, '.hop/releases/0.1.0-patches.toml'), '[patches\n'),
    /0\.1\.0-patches\.toml:1:\d+: malformed TOML/,
  ],
  [
    'unknown status',
    (r) => writeFileSync(path.join(r, '.hop/releases/0.1.0-patches.toml'), '[patches]\n"1-a" = "done"\n'),
    /0\.1\.0-patches\.toml:2: patch '1-a' has unknown status "done"/,
  ],
  [
    'invalid patch id',
    (r) => writeFileSync(path.join(r, '.hop/releases/0.1.0-patches.toml'), '[patches]\n"../x" = "staged"\n'),
    /invalid patch id in \[patches\] '\.\.\/x'/,
  ],
  ['unknown file', (r) => writeFileSync(path.join(r, '.hop/releases/notes.txt'), ''), /notes\.txt: unrecognised file name/],
  [
    'schema.sql not a link',
    (r) => {
      unlinkSync(path.join(r, '.hop/model/schema.sql'));
      writeFileSync(path.join(r, '.hop/model/schema.sql'), '');
    },
    /schema\.sql is a regular file/,
  ],
  [
    'schema.sql dangling',
    (r) => {
      unlinkSync(path.join(r, '.hop/model/schema.sql'));
      symlinkSync('schema-1.0.0.sql', path.join(r, '.hop/model/schema.sql'));
    },
    /points to 'schema-1\.0\.0\.sql', which does not exist/,
  ],
  [
    'hotfix twice',
    (r) => {
      for (const f of ['0.1.0.txt', '0.1.0-hotfix1.txt', '0.1.0.post1.txt']) writeFileSync(path.join(r, '.hop/releases', f), '');
    },
    /same hotfix written twice/,
  ],
  ['missing .hop/config', (r) => rmSync(path.join(r, '.hop/config')), /no \.hop\/config in .* or any folder above it/],
];
for (const [what, breakIt, message] of bad) {
  test(`bad input, one clear line and exit 2: ${what}`, (t) => {
    const root = writeProject({});
    mkdirSync(path.join(root, '.hop/releases'), { recursive: true });
    breakIt(root);
    const r = cli(['plan', '--cwd', root]);
    t.is(r.code, 2);
    t.regex(r.stderr, message);
    t.regex(r.stderr, /hint: /);
    t.notRegex(r.stderr, /\bat .*\.js:\d+/, 'no stack trace');
    rmSync(root, { recursive: true, force: true });
  });
}

test('usage errors exit 2; --help and --version exit 0', (t) => {
  t.is(cli(['plan', '--bogus']).code, 2);
  t.is(cli(['frobnicate']).code, 2);
  t.is(cli(['run', 'nope']).code, 2);
  const help = cli(['--help']);
  t.is(help.code, 0);
  t.regex(help.stdout, /hop-ci plan/);
  t.regex(cli(['--version']).stdout, /^\d+\.\d+\.\d+/);
});

const ft = fixturesAvailable() ? test : test.skip;

ft('real half-orm-dev trees read at every point of the lifecycle', (t) => {
  const points: Array<[string, string, (plan: any) => void]> = [
    [
      '00-release-0.1.0-created.bundle',
      'ho-release/0.1.0',
      (p) => {
        t.is(p.production, null);
        t.is(p.schema, '0.0.0');
        t.deepEqual(
          p.inPreparation.map((r: any) => [r.version, r.patches.length]),
          [['0.1.0', 0]],
        );
        t.regex(p.promote.rc.error, /no staged patches/);
      },
    ],
    [
      '01-rc1.bundle',
      'ho-release/0.1.0',
      (p) => {
        t.deepEqual(p.rcs, { '0.1.0': [1] });
        t.deepEqual(
          p.inPreparation[0].patches.map((x: any) => [x.id, x.status, x.folder]),
          [
            ['1-users', 'staged', 'Patches/staged/1-users'],
            ['2-posts', 'staged', 'Patches/staged/2-posts'],
          ],
        );
        t.deepEqual(p.promote.rc, { version: '0.1.0-rc2', tag: 'v0.1.0-rc2' });
        t.deepEqual(p.promote.prod, { version: '0.1.0', tag: 'v0.1.0' });
      },
    ],
    [
      '01-rc1.bundle',
      'ho-prod',
      (p) => {
        // .hop/ is synced: ho-prod lists the patches whose folders only the release branch has.
        t.deepEqual(
          p.inPreparation[0].patches.map((x: any) => [x.id, x.folder, x.branch]),
          [
            ['1-users', null, 'ho-release/0.1.0'],
            ['2-posts', null, 'ho-release/0.1.0'],
          ],
        );
      },
    ],
    ['02-rc2.bundle', 'ho-release/0.1.0', (p) => t.deepEqual(p.rcs, { '0.1.0': [1, 2] })],
    [
      '03-prod.bundle',
      'ho-prod',
      (p) => {
        t.is(p.production, '0.1.0');
        t.is(p.schema, '0.1.0');
        t.deepEqual(p.inPreparation, []);
      },
    ],
    [
      '04-hotfix.bundle',
      'ho-prod',
      (p) => {
        t.is(p.production, '0.1.0.post1');
        t.is(p.schema, '0.1.0');
        t.deepEqual(
          p.baseline,
          { release: '0.1.0.post1', dump: '.hop/model/schema-0.1.0.sql', exact: false },
          "half-orm-dev's tree has no hotfix dump: the release's dump plus the hotfix patches",
        );
        t.is(p.hotfixNaming, 'post');
        t.regex(p.promote.hotfix.error, /no production release is reopened/);
      },
    ],
    [
      '05-final.bundle',
      'ho-patch/6-comments',
      (p) => {
        t.is(p.production, '0.1.0.post1');
        t.deepEqual(
          p.inPreparation[0].patches.map((x: any) => [x.id, x.status]),
          [
            ['5-tags', 'staged'],
            ['6-comments', 'candidate'],
          ],
        );
        t.truthy(p.inPreparation[0].patches[1].folder, 'the patch branch has its own folder');
        t.deepEqual(p.promote.rc, { version: '0.2.0-rc1', tag: 'v0.2.0-rc1' });
        t.regex(p.promote.prod.error, /candidate patches: 6-comments/);
        t.deepEqual(p.upgrade, ['0.1.0', '0.1.0.post1']);
      },
    ],
    ['upg-after-0.1.1.bundle', 'ho-prod', (p) => t.is(p.production, '0.1.1')],
  ];
  for (const [bundle, branch, check] of points) {
    const fx = cloneFixture(bundle, branch);
    const r = cli(['plan', '--json', '--from', '0.0.0', '--cwd', fx.work]);
    t.is(r.code, 0, `${bundle} ${branch}: ${r.stderr}`);
    check(JSON.parse(r.stdout));
    t.is(git(fx.work, 'status', '--porcelain'), '', 'plan writes nothing');
    fx.cleanup();
  }
});

test('plan --from an unknown release says so, with the known ones; from before the first release is fine', (t) => {
  const root = writeProject({
    releases: { '0.1.0.txt': '1-a\n', '0.2.0.txt': '2-b\n' },
    model: { 'schema-0.2.0.sql': '-- x\n' },
    schemaLink: 'schema-0.2.0.sql',
  });
  const unknown = cli(['plan', '--from', '9.9.9', '--cwd', root]);
  t.is(unknown.code, 2, unknown.stdout);
  t.regex(unknown.stderr, /release 9\.9\.9 \(--from\) is not a release of this project/);
  t.regex(unknown.stderr, /known releases: 0\.1\.0, 0\.2\.0/);
  t.regex(cli(['plan', '--from', '0.2.1', '--cwd', root]).stderr, /did you mean 0\.2\.0\?/);
  const before = cli(['plan', '--from', '0.0.0', '--cwd', root]);
  t.is(before.code, 0, before.stderr);
  t.regex(before.stdout, /upgrade: 0\.1\.0 → 0\.2\.0/);
});

test('outside a git repository, git exits at once: hop-ci still waits to see it go (never exit 13, an unsettled await)', async (t) => {
  const root = writeProject({ releases: { '0.1.0.txt': '1-a\n' } });
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  // The race was lost about one run in ten with two runs at a time: twelve pairs.
  const run = () =>
    new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [DIST_CLI, 'plan', '--from', '0.0.0', '--cwd', root], { stdio: 'ignore' });
      child.on('close', resolve);
    });
  const codes: Array<number | null> = [];
  for (let i = 0; i < 12; i++) codes.push(...(await Promise.all([run(), run()])));
  t.deepEqual(
    codes.filter((c) => c !== 0),
    [],
  );
});
