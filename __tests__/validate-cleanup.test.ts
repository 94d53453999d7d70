/**
 * Nothing left behind, through the built CLI in a child process as users run it: no
 * cluster process, no temp folder, no database on a given server — after success, after
 * failure, after SIGTERM or SIGINT in the middle of the tests, with stdout closed
 * (`| head -1`), and after a kill -9 once the next run has gone. Each test looks only at
 * what its own run created (its cluster by owner pid, its own TMPDIR, its databases).
 */
import test from 'ava';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { closeSharedCluster, clusterFolders, hopDatabases, hopPostmasters, sharedCluster } from './helpers/pg.js';
import { DIST_CLI, tempDir, writeProject } from './helpers/project.js';

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
  signal: NodeJS.Signals | null;
  out: string;
  /** The throwaway cluster folders this run owned (their hop-ci-owner file named its pid). */
  clusters: string[];
}

interface RunOptions {
  /** Called on each output chunk with all output so far; returns the signal to send, if any. */
  onOutput?: (all: string) => NodeJS.Signals | undefined;
  /** Close our end of the run's stdout after its first line, as `| head -1` does. */
  headOne?: boolean;
}

/** hop-ci's cluster folders in /dev/shm whose recorded owner is `pid`. */
function clustersOwnedBy(pid: number): string[] {
  return clusterFolders().filter((dir) => {
    try {
      return JSON.parse(readFileSync(path.join(dir, 'hop-ci-owner'), 'utf8')).pid === pid;
    } catch {
      return false;
    }
  });
}

/** Runs `hop-ci run validate-patch`, with a TMPDIR of its own (`tmp`). */
function runCli(cwd: string, args: string[], env: Record<string, string | undefined>, options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'run', 'validate-patch', '--cwd', cwd, '--patch', '1-a', ...args], {
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], TMPDIR: process.env['TMPDIR'], NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let signalled = false;
    const clusters = new Set<string>();
    // The cluster's folder may not be in the output (stdout closed): find it by owner while it runs.
    const watch = setInterval(() => child.pid && clustersOwnedBy(child.pid).forEach((d) => clusters.add(d)), 25);
    const feed = (b: Buffer) => {
      out += b.toString('utf8');
      const signal = signalled ? undefined : options.onOutput?.(out);
      if (signal) {
        signalled = true;
        child.kill(signal);
      }
    };
    child.stdout.on('data', (b: Buffer) => {
      feed(b);
      if (options.headOne && out.includes('\n')) child.stdout.destroy();
    });
    child.stderr.on('data', feed);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(watch);
      const announced = clusterFolderIn(out);
      if (announced) clusters.add(announced);
      resolve({ code, signal, out, clusters: [...clusters] });
    });
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

/** The run's cluster: seen, then gone with its folder (in /dev/shm or TMPDIR) and its postmaster. */
function assertClusterGone(t: import('ava').ExecutionContext, r: Run): void {
  t.true(r.clusters.length > 0, `no cluster seen: ${r.out}`);
  for (const folder of r.clusters) {
    t.false(existsSync(folder), `${folder} is left behind`);
    t.deepEqual(
      hopPostmasters().filter((l) => l.includes(folder)),
      [],
      'no postmaster left',
    );
  }
}

/** A TMPDIR for one run, to see what that run leaves there. */
function ownTmp(): string {
  return tempDir('hop-ci-cleanup-tmp-');
}

function assertEmptyTmp(t: import('ava').ExecutionContext, tmp: string): void {
  t.deepEqual(readdirSync(tmp), [], `left in TMPDIR ${tmp}`);
}

test.before(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
});

test('success: the throwaway cluster, its folder and the temp folders are gone', async (t) => {
  const tmp = ownTmp();
  const r = await runCli(project('CREATE TABLE ok (id int);\n'), ['--test-command', 'none'], { TMPDIR: tmp });
  t.is(r.code, 0, r.out);
  assertClusterGone(t, r);
  assertEmptyTmp(t, tmp);
});

test('failure (SQL error): exit 1, the error names file and line, the cluster is gone', async (t) => {
  const tmp = ownTmp();
  const r = await runCli(project('CREATE TABLE ok (id int);\nCREATE TABLE bad (id intt);\n'), ['--test-command', 'none'], { TMPDIR: tmp });
  t.is(r.code, 1, r.out);
  t.regex(r.out, /Patches\/1-a\/01\.sql:2:\d+/);
  t.regex(r.out, /type "intt" does not exist/);
  assertClusterGone(t, r);
  assertEmptyTmp(t, tmp);
});

for (const [signal, code, marker] of [
  ['SIGTERM', 143, 'sleep 37.25'],
  ['SIGINT', 130, 'sleep 37.75'],
] as const) {
  test(`${signal} during the tests: exit ${code}; the test command, the cluster and the temp folders are gone`, async (t) => {
    const tmp = ownTmp();
    const r = await runCli(
      project('CREATE TABLE ok (id int);\n'),
      ['--test-command', marker],
      { TMPDIR: tmp },
      {
        onOutput: (out) => (out.includes('running the tests') ? signal : undefined),
      },
    );
    t.is(r.code, code, r.out);
    t.notRegex(r.out, /Unhandled|ERR_|at .*\.js:\d+/);
    assertClusterGone(t, r);
    t.deepEqual(sleepersWith(marker), [], 'the test command was killed');
    assertEmptyTmp(t, tmp);
  });
}

test('stdout closed after one line (| head -1): the run ends cleanly with its own exit code, nothing left', async (t) => {
  const tmp = ownTmp();
  const ok = await runCli(project('CREATE TABLE ok (id int);\n'), ['--test-command', 'sleep 0.3'], { TMPDIR: tmp }, { headOne: true });
  t.is(ok.code, 0, ok.out);
  t.notRegex(ok.out, /EPIPE|Unhandled/);
  assertClusterGone(t, ok);
  assertEmptyTmp(t, tmp);
  const bad = await runCli(project('SELEC 1;\n'), ['--test-command', 'none'], { TMPDIR: tmp }, { headOne: true });
  t.is(bad.code, 1, bad.out);
  t.regex(bad.out, /syntax error/, 'stderr still carries the error');
  assertClusterGone(t, bad);
  assertEmptyTmp(t, tmp);
});

test('kill -9 of hop-ci leaves its cluster running; the next run stops it and removes it and the temp folders', async (t) => {
  const tmp = ownTmp();
  const marker = 'sleep 39.125';
  const root = project('CREATE TABLE ok (id int);\n');
  const killed = await runCli(
    root,
    ['--test-command', marker],
    { TMPDIR: tmp },
    {
      onOutput: (out) => (out.includes('running the tests') ? 'SIGKILL' : undefined),
    },
  );
  t.is(killed.signal, 'SIGKILL', killed.out);
  // The test command is in a process group of its own: a SIGKILLed hop-ci cannot stop it.
  for (const line of sleepersWith(marker)) process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL');
  const [folder] = killed.clusters;
  t.truthy(folder, killed.out);
  t.notDeepEqual(readdirSync(tmp), [], 'kill -9 runs no cleanup: its temp folders are there');
  // Its cluster too, until a run reaps it: this test's next run, or any other test's run
  // that starts a cluster meanwhile (the reaper does not wait for us), so not asserted here.

  const next = await runCli(root, ['--test-command', 'none'], { TMPDIR: tmp });
  t.is(next.code, 0, next.out);
  t.false(existsSync(folder!), `${folder} is left behind`);
  t.deepEqual(
    hopPostmasters().filter((l) => l.includes(folder!)),
    [],
    'the orphaned postmaster is stopped',
  );
  assertClusterGone(t, next);
  assertEmptyTmp(t, tmp);
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
  const term = await runCli(project('CREATE TABLE ok (id int);\n'), ['--test-command', marker], env, {
    onOutput: (out) => (out.includes('running the tests') ? 'SIGTERM' : undefined),
  });
  t.is(term.code, 143, term.out);
  t.deepEqual(await hopDatabases(server), []);
  t.deepEqual(sleepersWith(marker), []);
  for (const r of [ok, bad, term]) t.false(r.out.includes(password), 'the password is not printed');
});
