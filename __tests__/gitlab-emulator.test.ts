/**
 * The generated GitLab file under a GitLab CI emulator (gitlab-ci-local, shell executor, no
 * Docker), over the real half-orm-dev fixture:
 * - the jobs each kind of pipeline selects (merge request, pushes to ho-release/* and
 *   ho-prod, web pipelines on release, production and feature branches);
 * - the validate-patch job run for real: its before_script (Node.js check, pg_dump check,
 *   the user's install command with shell characters in it), then hop-ci — the worktree's
 *   build, packed with `npm pack`, through `npx hop-ci@file:<tarball>` as the job writes it — against a
 *   PostgreSQL the test starts, and its dotenv report.
 * The emulator has no Docker: the test's .gitlab-ci.yml (the user's file, which hop-ci
 * leaves alone) replaces the job's service by the test's cluster; the generated file is
 * run as generated.
 */
import test from 'ava';
import { execFile, spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { closeSharedCluster, hopdemoStandIn, hopDatabases, sharedCluster } from './helpers/pg.js';
import { cloneFixture, DIST_CLI, fixturesAvailable, git, REPO_ROOT, tempDir, type FixtureClone } from './helpers/project.js';
import { packProject } from './helpers/package.js';

const GCL = path.join(REPO_ROOT, 'node_modules', 'gitlab-ci-local', 'dist', 'index.js');
const ft = fixturesAvailable() ? test.serial : test.serial.skip;

/** Shell characters GitLab used to choke on: `#`, both quotes, `;`, `&&`, `$`. */
const INSTALL_COMMAND = `echo "installed; with 'quotes'" > install-ran.txt && echo 'a # is not a comment here' >> install-ran.txt; echo "home=$HOME" >> install-ran.txt # a real comment`;
const TEST_COMMAND = `python3 -c 'import hopdemo; print("tests ran")' > tests-ran.txt && echo "it's done # twice" >> tests-ran.txt # a comment`;

let fixture: FixtureClone;
let home: string;
let standIn: string;
let generatedAt: string;
/** hop-ci as `npm pack` makes it: a `file:` install of the checkout itself would link it and chmod its dist/cli.js. */
let tarball: string;
let packDir: string;

test.before(() => {
  if (!fixturesAvailable()) return;
  if (spawnSync('rsync', ['--version']).status !== 0) throw new Error('gitlab-ci-local needs rsync: apt-get install rsync (.ci/run does)');
  fixture = cloneFixture('05-final.bundle', 'ho-patch/6-comments');
  home = tempDir('hop-ci-gcl-home-');
  standIn = hopdemoStandIn();
  packDir = tempDir('hop-ci-gcl-pack-');
  tarball = packProject(packDir);
  const gen = spawnSync(
    process.execPath,
    [
      DIST_CLI,
      'generate',
      '--provider',
      'gitlab',
      // The machine's pg_dump is 15: the job's client check passes without apt.
      '--postgres-version',
      '15',
      '--install-command',
      INSTALL_COMMAND,
      '--test-command',
      TEST_COMMAND,
    ],
    { cwd: fixture.work, encoding: 'utf8' },
  );
  if (gen.status !== 0) throw new Error(`generate failed: ${gen.stderr}`);
  appendFileSync(
    path.join(fixture.work, '.gitlab-ci.yml'),
    [
      '',
      '# The emulator has no Docker: the test gives its own PostgreSQL (HOP_DATABASE_URL) instead of the service.',
      'hop-validate-patch:',
      '  services: []',
      '  variables:',
      "    HOP_SERVICE_HOST: ''",
      '',
    ].join('\n'),
  );
  git(fixture.work, 'add', '-A');
  git(fixture.work, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'hop-ci generate');
  generatedAt = git(fixture.work, 'rev-parse', 'HEAD').trim();
});

test.after.always(async () => {
  await closeSharedCluster();
  fixture?.cleanup();
  for (const d of [home, standIn, packDir]) if (d) rmSync(d, { recursive: true, force: true });
});

function emulator(args: string[]): Promise<{ code: number; stdout: string; log: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [GCL, '--home', home, '--ignore-predefined-vars', 'GITLAB_CI,CI_PROJECT_DIR', ...args],
      {
        cwd: fixture.work,
        env: { ...process.env, HOME: home, NO_COLOR: '1', FORCE_COLOR: '0' },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 240_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? ((error.code as number) ?? 1) : 0, stdout, log: `${stdout}${stderr}` }),
    );
  });
}

/** The jobs a pipeline on `branch` selects (when: never left out), with their `when`. */
async function selected(branch: string, variables: Record<string, string>): Promise<Record<string, string>> {
  git(fixture.work, 'checkout', '-q', '-B', branch, generatedAt);
  const vars = Object.entries(variables).flatMap(([k, v]) => ['--variable', `${k}=${v}`]);
  // The schema is checked once, by the run below (and by generate-workflows.test.ts).
  const r = await emulator(['--list-json', '--json-schema-validation=false', ...vars]);
  // Warnings come first; the JSON array starts a line.
  const jobs = JSON.parse(r.stdout.slice(r.stdout.search(/^\[/m))) as { name: string; when: string }[];
  return Object.fromEntries(jobs.filter((j) => j.when !== 'never').map((j) => [j.name, j.when]));
}

ft('the jobs each pipeline selects: merge request, pushes, and web pipelines only on their branches', async (t) => {
  t.deepEqual(
    await selected('ho-patch/6-comments', {
      CI_PIPELINE_SOURCE: 'merge_request_event',
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'ho-release/0.2.0',
      CI_MERGE_REQUEST_IID: '3',
    }),
    { 'hop-validate-patch': 'on_success' },
    'a merge request into a release branch: its validation only',
  );
  t.deepEqual(
    await selected('ho-patch/6-comments', { CI_OPEN_MERGE_REQUESTS: 'acme/hopdemo!3' }),
    {},
    'a push to a patch branch with an open merge request: the MR pipeline validates it',
  );
  t.deepEqual(await selected('ho-patch/6-comments', {}), { 'hop-validate-patch': 'on_success' }, 'a push to a patch branch');
  t.deepEqual(
    await selected('ho-release/0.2.0', {}),
    {
      'hop-validate-release': 'on_success',
      'hop-promote-rc': 'manual',
      'hop-promote-prod': 'manual',
      'hop-promote-hotfix': 'manual',
      'hop-upgrade-staging': 'manual',
    },
    'a push to a release branch',
  );
  t.deepEqual(await selected('ho-prod', {}), { 'hop-upgrade-staging': 'manual', 'hop-upgrade-production': 'manual' }, 'a push to ho-prod');
  t.deepEqual(
    await selected('ho-release/0.2.0', { CI_PIPELINE_SOURCE: 'web', HOP_STAGE: 'promote-prod' }),
    { 'hop-promote-prod': 'on_success' },
    'a web pipeline on a release branch runs the promotion it names',
  );
  t.deepEqual(
    await selected('ho-prod', { CI_PIPELINE_SOURCE: 'web', HOP_STAGE: 'upgrade', HOP_ENVIRONMENT: 'production' }),
    { 'hop-upgrade-production': 'on_success' },
    'a web pipeline on ho-prod runs the production upgrade',
  );
  for (const [stage, environment] of [
    ['promote-rc', ''],
    ['promote-prod', ''],
    ['promote-hotfix', ''],
    ['upgrade', 'production'],
    ['upgrade', 'staging'],
  ] as const) {
    t.deepEqual(
      await selected('feature/x', {
        CI_PIPELINE_SOURCE: 'web',
        HOP_STAGE: stage,
        ...(environment ? { HOP_ENVIRONMENT: environment } : {}),
      }),
      {},
      `a web pipeline on feature/x with HOP_STAGE=${stage} ${environment} offers nothing`,
    );
  }
  t.deepEqual(
    await selected('ho-release/0.2.0', { CI_PIPELINE_SOURCE: 'web', HOP_STAGE: 'upgrade', HOP_ENVIRONMENT: 'production' }),
    {},
    'a web pipeline on a release branch cannot upgrade production',
  );
});

ft('validate-patch runs as generated: user commands with shell characters, the local hop-ci build, the dotenv report', async (t) => {
  const server = await sharedCluster();
  git(fixture.work, 'checkout', '-q', '-B', 'ho-patch/6-comments', generatedAt);
  const r = await emulator([
    '--force-shell-executor',
    'hop-validate-patch',
    // Forced onto the shell executor, a job with an image still gets the container's
    // CI_PROJECT_DIR (/builds/…); the shell runs in the checkout, which is what GitLab's is.
    '--variable',
    `CI_PROJECT_DIR=${fixture.work}`,
    '--variable',
    `HOP_CI_VERSION=file:${tarball}`,
    '--variable',
    `HOP_DATABASE_URL=${server.url('postgres')}`,
    '--variable',
    `PYTHONPATH=${standIn}`,
    '--variable',
    'HOP_COMMENT=false',
    // gitlab-ci-local says GITLAB_CI=false so that scripts can tell; GitLab says true.
    '--variable',
    'GITLAB_CI=true',
  ]);
  t.is(r.code, 0, r.log.slice(-4000));
  t.regex(r.log, /Node\.js v\d+\.\d+\.\d+ is on the image/, 'the image had Node.js: nothing downloaded');
  t.regex(r.log, /pg_dump 15 can dump PostgreSQL 15/);

  // The job ran in a copy of the checkout: read what the commands wrote there.
  // The shell executor runs the job in the checkout itself.
  const build = fixture.work;
  const install = readFileSync(path.join(build, 'install-ran.txt'), 'utf8');
  t.is(install, `installed; with 'quotes'\na # is not a comment here\nhome=${home}\n`);
  t.is(readFileSync(path.join(build, 'tests-ran.txt'), 'utf8'), "tests ran\nit's done # twice\n");

  // The report as the job leaves it for GitLab to collect (artifacts:reports:dotenv).
  const dotenv = readFileSync(path.join(build, 'hop-ci.env'), 'utf8');
  t.regex(dotenv, /^(HOP_OUT_[A-Z0-9_]+=[^\n]*\n)+$/, 'GitLab dotenv rules: KEY=value lines only');
  t.regex(dotenv, /^HOP_OUT_RESULT=success$/m);
  t.regex(dotenv, /^HOP_OUT_PATCHES=.*6-comments/m);
  t.false(dotenv.includes(server.url('postgres')), 'the database URL is not in the report');
  t.deepEqual(await hopDatabases(server), [], 'the job dropped its databases');
});
