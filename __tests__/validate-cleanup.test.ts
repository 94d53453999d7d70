/**
 * Nothing left behind, through the built CLI in a child process as users run it: no
 * cluster process, no temp folder, no database on a given server — after success, after
 * failure, and after SIGTERM in the middle of the tests.
 */
import test from 'ava';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { closeSharedCluster, hopDatabases, hopPostmasters, sharedCluster } from './helpers/pg.js';
import { DIST_CLI, writeProject } from './helpers/project.js';

// HOP_CI_E2E_CLI: a bundle built elsewhere (e.g. while dist/ is being rebuilt by someone else).
const CLI = process.env['HOP_CI_E2E_CLI'] ?? DIST_CLI;

test.after.always(closeSharedCluster);

function project(sql: string) {
  return writeProject({
    releases: { '0.1.0-patches.toml': '[patches.1-a]\nstatus = "candidate"\n' },
    patches: { '1-a': { '01.sql': sql } },
  });
}

interface Run {
  code: number | null;
  out: string;
}

/** Runs `hop-ci run validate-patch`; `onOutput` may return true to send SIGTERM. */
function runCli(cwd: string, args: string[], env: Record<string, string | undefined>, onOutput?: (all: string) => boolean): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'run', 'validate-patch', '--cwd', cwd, '--patch', '1-a', ...args], {
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let signalled = false;
    const feed = (b: Buffer) => {
      out += b.toString('utf8');
      if (!signalled && onOutput?.(out)) {
        signalled = true;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', feed);
    child.stderr.on('data', feed);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

function clusterFolderIn(out: string): string | undefined {
  return /started a throwaway PostgreSQL \d+ in (\S+) \(/.exec(out)?.[1];
}

/** Live processes whose command line has `marker`. */
function sleepersWith(marker: string): string[] {
  return execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => !/^\s*\d+\s+Z/.test(l) && l.includes(marker) && !l.includes('validate-patch'));
}

function assertClusterGone(t: import('ava').ExecutionContext, out: string): void {
  const folder = clusterFolderIn(out);
  t.truthy(folder, out);
  t.false(existsSync(folder!), `${folder} is left behind`);
  t.deepEqual(
    hopPostmasters().filter((l) => l.includes(folder!)),
    [],
    'no postmaster left',
  );
}

test.before(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
});

test('success: the throwaway cluster and its folder are gone', async (t) => {
  const r = await runCli(project('CREATE TABLE ok (id int);\n'), ['--test-command', 'none'], {});
  t.is(r.code, 0, r.out);
  assertClusterGone(t, r.out);
});

test('failure (SQL error): exit 1, the error names file and line, the cluster is gone', async (t) => {
  const r = await runCli(project('CREATE TABLE ok (id int);\nCREATE TABLE bad (id intt);\n'), ['--test-command', 'none'], {});
  t.is(r.code, 1, r.out);
  t.regex(r.out, /Patches\/1-a\/01\.sql:2:\d+/);
  t.regex(r.out, /type "intt" does not exist/);
  assertClusterGone(t, r.out);
});

test('SIGTERM during the tests: the test command, the cluster and its folder are gone', async (t) => {
  const marker = 'sleep 37.25';
  const r = await runCli(project('CREATE TABLE ok (id int);\n'), ['--test-command', marker], {}, (out) =>
    out.includes('running the tests'),
  );
  t.is(r.code, 143, r.out);
  assertClusterGone(t, r.out);
  t.deepEqual(sleepersWith(marker), [], 'the test command was killed');
});

test.serial('a given server: no database left after success, failure and SIGTERM; its password never printed', async (t) => {
  const server = await sharedCluster();
  const url = server.url('postgres');
  const password = decodeURIComponent(new URL(url).password);
  const env = { DATABASE_URL: url };
  const ok = await runCli(project('CREATE TABLE ok (id int);\n'), ['--test-command', 'none'], env);
  t.is(ok.code, 0, ok.out);
  t.deepEqual(await hopDatabases(server), []);
  const bad = await runCli(project('SELEC 1;\n'), ['--test-command', 'none'], env);
  t.is(bad.code, 1, bad.out);
  t.deepEqual(await hopDatabases(server), []);
  const marker = 'sleep 38.5';
  const term = await runCli(project('CREATE TABLE ok (id int);\n'), ['--test-command', marker], env, (out) =>
    out.includes('running the tests'),
  );
  t.is(term.code, 143, term.out);
  t.deepEqual(await hopDatabases(server), []);
  t.deepEqual(sleepersWith(marker), []);
  for (const r of [ok, bad, term]) t.false(r.out.includes(password), 'the password is not printed');
});
