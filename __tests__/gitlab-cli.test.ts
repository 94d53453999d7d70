/**
 * End to end: the built dist/cli.js run as a GitLab job runs it (GITLAB_CI, CI_*, HOP_*),
 * over the real half-orm-dev fixture: the dotenv report, the log, and the MR note through
 * a loopback server that answers like GitLab's REST API. Needs `npm run build` first.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cloneFixture, DIST_CLI, fixturesAvailable, tempDir, type FixtureClone } from './helpers/project.js';
import { startFakeApi, type FakeApi } from './helpers/fake-api.js';

const ft = fixturesAvailable() ? test.serial : test.serial.skip;

const DB_PASSWORD = 'Gl-pa55word-e2e';
const DB_URL = `postgresql://hop:${DB_PASSWORD}@postgres:5432/hop`;
const TOKEN = 'glpat-FAKE0123456789token';
const JOB_TOKEN = 'glcbt-FAKEjobtoken987654';
const SECRETS = [DB_URL, DB_PASSWORD, TOKEN, JOB_TOKEN];

let api: FakeApi;
let fixture: FixtureClone;
let home: string;
const logs: string[] = [];
const files: string[] = [];

test.before(async () => {
  if (!fixturesAvailable()) return;
  api = await startFakeApi();
  fixture = cloneFixture('05-final.bundle', 'ho-patch/6-comments');
  home = tempDir('hop-ci-gl-e2e-');
});

test.after.always(async () => {
  await api?.close();
  fixture?.cleanup();
  if (home) rmSync(home, { recursive: true, force: true });
});

interface Run {
  code: number;
  log: string;
  dotenv: Record<string, string>;
  dotenvText: string;
}

async function runJob(args: string[], vars: Record<string, string | undefined> = {}): Promise<Run> {
  const dotenvFile = path.join(fixture.work, 'hop-ci.env');
  rmSync(dotenvFile, { force: true });
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    CI: 'true',
    GITLAB_CI: 'true',
    CI_PROJECT_DIR: fixture.work,
    CI_API_V4_URL: `${api.url}/api/v4`,
    CI_PROJECT_ID: '42',
    CI_PROJECT_PATH: 'acme/hopdemo',
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_PIPELINE_URL: 'https://gitlab.example/acme/hopdemo/-/pipelines/77',
    CI_COMMIT_SHA: 'c0ffee00aa11bb22cc33dd44ee55ff6677889900',
    CI_COMMIT_REF_NAME: 'ho-patch/6-comments',
    CI_MERGE_REQUEST_IID: '3',
    CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'ho-patch/6-comments',
    CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'ho-release/0.2.0',
    CI_JOB_TOKEN: JOB_TOKEN,
    HOP_STAGE: 'plan',
    HOP_DATABASE_URL: DB_URL,
    HOP_GITLAB_TOKEN: TOKEN,
  };
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  // GitLab runs the script in the checkout, merging stdout and stderr into the job log.
  const { code, log } = await new Promise<{ code: number; log: string }>((resolve) => {
    execFile(process.execPath, [DIST_CLI, ...args], { cwd: fixture.work, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, log: stdout + stderr });
    });
  });
  logs.push(log);
  const dotenvText = existsSync(dotenvFile) ? readFileSync(dotenvFile, 'utf8') : '';
  files.push(dotenvText);
  const dotenv = Object.fromEntries(
    dotenvText
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { code, log, dotenv, dotenvText };
}

const notes = () => api.comments.filter((c) => c.thread === 'gitlab:42!3' && c.body.includes('<!-- hop-ci:plan -->'));

ft('HOP_STAGE=plan: the dotenv report, the log, and an MR note created', async (t) => {
  t.true(existsSync(DIST_CLI), 'run `npm run build` first');
  const run = await runJob(['run']);
  t.is(run.code, 0, run.log);
  t.regex(run.log, /promote-rc\s+→ 0\.2\.0-rc1/);
  // GitLab's dotenv rules: KEY=value lines only, no blank or comment line, single-line values.
  t.regex(run.dotenvText, /^(HOP_OUT_[A-Z0-9_]+=[^\n]*\n)+$/);
  t.is(run.dotenv['HOP_OUT_RESULT'], 'success');
  t.is((JSON.parse(run.dotenv['HOP_OUT_PLAN']!) as { production: string }).production, '0.1.0.post1');
  t.is((JSON.parse(run.dotenv['HOP_OUT_MATRIX']!) as unknown[]).length, 2);
  t.regex(run.log, /MR !3: note created/);
  const [note, ...others] = notes();
  t.is(others.length, 0);
  t.true(note!.body.startsWith('<!-- hop-ci:plan -->\n### hop-ci plan'));
  t.regex(note!.body, /\[run\]\(https:\/\/gitlab\.example\/acme\/hopdemo\/-\/pipelines\/77\)/);
  const tokens = api.requests.map((r) => [r.headers['private-token'], r.headers['job-token']]);
  t.true(
    tokens.every(([priv, job]) => priv === TOKEN && job === undefined),
    'HOP_GITLAB_TOKEN is preferred, as PRIVATE-TOKEN',
  );
});

ft('a second run updates the same note; the job token is the fallback', async (t) => {
  const before = notes()[0]!;
  const from = api.requests.length;
  const run = await runJob(['run'], { HOP_GITLAB_TOKEN: undefined });
  t.is(run.code, 0, run.log);
  t.regex(run.log, /MR !3: note updated/);
  t.is(notes().length, 1);
  t.is(notes()[0]!.id, before.id);
  const sent = api.requests.slice(from);
  t.deepEqual(
    sent.map((r) => r.method),
    ['GET', 'PUT'],
  );
  t.true(sent.every((r) => r.headers['job-token'] === JOB_TOKEN && r.headers['private-token'] === undefined));
});

ft('an invalid input exits 2 with the message and hint; flags win over HOP_* variables', async (t) => {
  const bad = await runJob(['run'], { HOP_FROM: DB_PASSWORD });
  t.is(bad.code, 2);
  // GitLab's log renders ANSI colours: the error is red.
  t.regex(
    bad.log.replaceAll('\u001b', '<ESC>'),
    /<ESC>\[31merror:<ESC>\[0m invalid starting version '\*\*\*'\nhint: write a release as X\.Y\.Z/,
  );
  t.is(bad.dotenv['HOP_OUT_RESULT'], 'failure');
  t.regex(notes()[0]!.body, /hop-ci plan: failed/);

  const fixed = await runJob(['run', 'plan', '--from', '0.1.0'], { HOP_FROM: 'nope', HOP_STAGE: 'validate-patch', HOP_COMMENT: 'false' });
  t.is(fixed.code, 0, fixed.log);
  t.is(fixed.dotenv['HOP_OUT_RESULT'], 'success');
});

ft('outside a merge request pipeline no note is posted; HOP_DOTENV_FILE moves the report', async (t) => {
  const from = api.requests.length;
  const run = await runJob(['run'], { CI_MERGE_REQUEST_IID: undefined, HOP_DOTENV_FILE: '../elsewhere.env' });
  t.is(run.code, 0, run.log);
  t.is(api.requests.length, from);
  const moved = path.resolve(fixture.work, '../elsewhere.env');
  t.regex(readFileSync(moved, 'utf8'), /^HOP_OUT_RESULT=success$/m);
  files.push(readFileSync(moved, 'utf8'));
});

ft('no secret reaches a request, the dotenv report, a note or the log', (t) => {
  t.true(logs.length > 0 && api.requests.length > 0);
  const sent = api.requests.map((r) => {
    const { 'private-token': _p, 'job-token': _j, ...headers } = r.headers;
    return `${r.method} ${r.url}\n${JSON.stringify(headers)}\n${r.body}`;
  });
  for (const secret of SECRETS) {
    t.false(
      logs.some((l) => l.includes(secret)),
      `log carries ${secret}`,
    );
    t.false(
      files.some((f) => f.includes(secret)),
      `dotenv carries ${secret}`,
    );
    t.false(
      sent.some((s) => s.includes(secret)),
      `a request carries ${secret}`,
    );
    t.false(
      api.comments.some((c) => c.body.includes(secret)),
      `a note carries ${secret}`,
    );
  }
});
