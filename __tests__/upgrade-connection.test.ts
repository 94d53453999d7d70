/**
 * How the upgrade reaches the production database: a server that accepts TCP and never
 * answers stops the upgrade within connect_timeout (URL or PGCONNECT_TIMEOUT), and the
 * failure reaches the `error` output both where GitHub reads it (dist/index.js,
 * $GITHUB_OUTPUT) and in GitLab's dotenv report (dist/cli.js); libpq URL parameters and
 * PG* variables become the same settings for hop-ci's connection and its libpq tools.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { HopError } from '../src/core/errors.js';
import { targetFromUrl } from '../src/adapters/postgres/upgrade/target.js';
import { DIST_ACTION, DIST_CLI, git, tempDir, writeProject } from './helpers/project.js';

let silent: net.Server;
let port: number;
const sockets = new Set<net.Socket>();
let project: string;

test.before(async () => {
  // Accepts, reads, never answers: a firewall that drops replies, a server stuck in recovery.
  silent = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  port = (silent.address() as net.AddressInfo).port;
  project = writeProject({});
  git(project, 'init', '-q', '-b', 'ho-prod');
  git(project, 'add', '-A');
  git(project, 'commit', '-q', '-m', '[HOP] Initial commit (release: 0.0.0)');
});

test.after.always(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => silent?.close(resolve));
  if (project) rmSync(project, { recursive: true, force: true });
});

function run(program: string, args: string[], env: Record<string, string>): Promise<{ code: number; log: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [program, ...args],
      { cwd: project, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: project, CI: 'true', ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, log: stdout + stderr, ms: Date.now() - started }),
    );
  });
}

test('GitHub: a server that never answers stops the upgrade within connect_timeout, with the error output set', async (t) => {
  t.true(existsSync(DIST_ACTION), 'run `npm run build` first');
  const scratch = tempDir('hop-ci-gh-');
  t.teardown(() => rmSync(scratch, { recursive: true, force: true }));
  const output = path.join(scratch, 'output');
  writeFileSync(output, '');
  const r = await run(DIST_ACTION, [], {
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: path.join(scratch, 'summary'),
    GITHUB_WORKSPACE: project,
    INPUT_STAGE: 'upgrade',
    'INPUT_WORKING-DIRECTORY': '.',
    'INPUT_DATABASE-URL': `postgresql://app:s3cret@127.0.0.1:${port}/prod?connect_timeout=2`,
  });
  t.is(r.code, 1, r.log);
  t.true(r.ms < 20_000, `gave up after ${r.ms} ms`);
  const outputs = readFileSync(output, 'utf8');
  t.regex(
    outputs,
    new RegExp(`^error<<\\S+\\ncannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}: no answer within connect_timeout \\(2 s\\)`, 'm'),
  );
  t.regex(outputs, /^result<<\S+\nfailure$/m);
  // (the runner's own masking commands carry the secret on purpose; nothing else does)
  t.notRegex(r.log.replace(/^::add-mask::.*$/gm, '') + outputs, /s3cret/);
  t.regex(r.log, /hint: .*connect_timeout/);
});

test('GitLab: PGCONNECT_TIMEOUT applies to a URL without connect_timeout, and the dotenv report carries the error', async (t) => {
  t.true(existsSync(DIST_CLI), 'run `npm run build` first');
  const r = await run(DIST_CLI, ['run', 'upgrade'], {
    GITLAB_CI: 'true',
    CI_PROJECT_DIR: project,
    HOP_DATABASE_URL: `postgresql://app:s3cret@127.0.0.1:${port}/prod`,
    PGCONNECT_TIMEOUT: '2',
  });
  t.is(r.code, 1, r.log);
  t.true(r.ms < 20_000, `gave up after ${r.ms} ms`);
  const dotenv = readFileSync(path.join(project, 'hop-ci.env'), 'utf8');
  t.regex(
    dotenv,
    new RegExp(`^HOP_OUT_ERROR=.*cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}: no answer within connect_timeout \\(2 s\\)`, 'm'),
  );
  t.notRegex(r.log + dotenv, /s3cret/);
});

test('URL parameters and PG* variables: the same settings for hop-ci and for pg_dump/psql; 15 s by default', (t) => {
  const target = targetFromUrl('postgresql://app@db.example/prod?sslmode=require&options=-c%20lock_timeout%3D3s&application_name=x', {
    PGPASSWORD: 'from-env',
    PGPASSFILE: '/run/secrets/pgpass',
    PGHOST: 'elsewhere',
  });
  t.like(target.env, {
    PGHOST: 'db.example',
    PGDATABASE: 'prod',
    PGPASSWORD: 'from-env',
    PGPASSFILE: '/run/secrets/pgpass',
    PGSSLMODE: 'require',
    PGOPTIONS: '-c lock_timeout=3s',
    PGAPPNAME: 'x',
    PGCONNECT_TIMEOUT: '15',
  });
  t.like(target.address.pg, {
    host: 'db.example',
    password: 'from-env',
    options: '-c lock_timeout=3s',
    connectionTimeoutMillis: 15_000,
    ssl: { rejectUnauthorized: false },
  });
  const own = targetFromUrl('postgresql://app:url-pw@db.example/prod?connect_timeout=4', {
    PGPASSWORD: 'from-env',
    PGCONNECT_TIMEOUT: '9',
  });
  t.is(own.env['PGPASSWORD'], 'url-pw', "the URL's password wins, as in libpq");
  t.is(own.address.pg.connectionTimeoutMillis, 4000);
  const e = t.throws(() => targetFromUrl('postgresql://app:pw@db/prod?sslmod=require'), { instanceOf: HopError });
  t.is(e!.exitCode, 2);
  t.regex(e!.message, /'sslmod'/);
  t.notRegex(e!.message, /pw@/);
  const missing = t.throws(() => targetFromUrl('postgresql://app@db/prod?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem'), {
    instanceOf: HopError,
  });
  t.regex(missing!.message, /cannot read sslrootcert \/nonexistent\/ca\.pem/);
});
