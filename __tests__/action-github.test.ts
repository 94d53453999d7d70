/**
 * End to end: the built dist/index.js run as the GitHub runner runs it (INPUT_*,
 * GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH with a pull_request payload,
 * GITHUB_WORKSPACE), over the real half-orm-dev fixture, with the REST API answered by a
 * loopback server. Needs `npm run build` first (CI checks dist/ is fresh).
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cloneFixture, DIST_ACTION, fixturesAvailable, tempDir, writeProject, type FixtureClone } from './helpers/project.js';
import { startFakeApi, type FakeApi } from './helpers/fake-api.js';

const ft = fixturesAvailable() ? test.serial : test.serial.skip;

const DB_PASSWORD = 'Pa55w0rd-gh-e2e';
const DB_URL = `postgres://hop:${DB_PASSWORD}@db.internal:5432/hop`;
const TOKEN = 'ghs_FAKEtoken0123456789abcdef';
const SECRETS = [DB_URL, DB_PASSWORD, TOKEN];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

let api: FakeApi;
let fixture: FixtureClone;
let scratch: string;
const logs: string[] = [];
const files: string[] = [];

test.before(async () => {
  if (!fixturesAvailable()) return;
  api = await startFakeApi();
  fixture = cloneFixture('05-final.bundle', 'ho-patch/6-comments');
  scratch = tempDir('hop-ci-gh-e2e-');
});

test.after.always(async () => {
  await api?.close();
  fixture?.cleanup();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

let runNo = 0;
/** Runs the action in a fresh step: its own output and summary files, cwd elsewhere than the workspace. */
async function runAction(workspace: string, inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<Run> {
  const n = ++runNo;
  const outputFile = path.join(scratch, `output-${n}`);
  const summaryFile = path.join(scratch, `summary-${n}`);
  const eventFile = path.join(scratch, 'event.json');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  writeFileSync(
    eventFile,
    JSON.stringify({
      action: 'synchronize',
      number: 7,
      pull_request: {
        number: 7,
        head: { ref: 'ho-patch/6-comments', sha: 'c0ffee00aa11bb22cc33dd44ee55ff6677889900' },
        base: { ref: 'ho-release/0.2.0' },
      },
      repository: { full_name: 'acme/hopdemo' },
    }),
  );
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: scratch,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'acme/hopdemo',
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_API_URL: api.url,
    GITHUB_HEAD_REF: 'ho-patch/6-comments',
    GITHUB_BASE_REF: 'ho-release/0.2.0',
    // What the runner sets from action.yml's defaults and the step's `with:`.
    'INPUT_WORKING-DIRECTORY': '.',
    'INPUT_GITHUB-TOKEN': TOKEN,
    INPUT_COMMENT: 'true',
    'INPUT_DATABASE-URL': DB_URL,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...extraEnv,
  };
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [DIST_ACTION], { cwd: scratch, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
  logs.push(stdout, stderr);
  const outputsText = readFileSync(outputFile, 'utf8');
  const summary = readFileSync(summaryFile, 'utf8');
  files.push(outputsText, summary);
  return { code, stdout, stderr, outputs: parseOutputs(outputsText), summary };
}

/** The `name<<delimiter … delimiter` blocks @actions/core writes to GITHUB_OUTPUT. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out[m[1]!] = m[3]!;
  return out;
}

const planComments = () => api.comments.filter((c) => c.thread === 'github:acme/hopdemo#7' && c.body.includes('<!-- hop-ci:plan -->'));

ft('plan: outputs, job summary, and a PR comment created', async (t) => {
  t.true(existsSync(DIST_ACTION), 'run `npm run build` first');
  const run = await runAction(fixture.work, { stage: 'plan' });
  t.is(run.code, 0, run.stdout + run.stderr);
  t.is(run.outputs['result'], 'success');
  const plan = JSON.parse(run.outputs['plan']!) as { production: string; promote: { rc: { version: string } } };
  t.is(plan.production, '0.1.0.post1');
  t.is(plan.promote.rc.version, '0.2.0-rc1');
  t.deepEqual(JSON.parse(run.outputs['matrix']!), [
    { patch: '5-tags', release: '0.2.0' },
    { patch: '6-comments', release: '0.2.0' },
  ]);
  t.regex(run.summary, /### hop-ci plan/);
  t.regex(run.summary, /\| 0\.2\.0 \| `6-comments` \| candidate \|/);
  t.regex(run.stdout, /^::add-mask::Pa55w0rd-gh-e2e$/m, 'the database password is masked for the runner');
  t.regex(run.stdout, /PR #7: comment created/);

  const [comment, ...others] = planComments();
  t.is(others.length, 0);
  t.truthy(comment);
  t.true(comment!.body.startsWith('<!-- hop-ci:plan -->\n'));
  t.regex(comment!.body, /promote-rc: \*\*0\.2\.0-rc1\*\*/);
  t.regex(comment!.body, /\[run\]\(https:\/\/github\.example\/acme\/hopdemo\/actions\/runs\/4242\)/);
  const auth = api.requests.map((r) => r.headers['authorization']);
  t.true(
    auth.every((a) => a === `token ${TOKEN}`),
    'the token is sent only as the Authorization header',
  );
});

ft('plan again: the same comment is updated, not duplicated', async (t) => {
  const before = planComments()[0]!;
  const requestsBefore = api.requests.length;
  const run = await runAction(fixture.work, { stage: 'plan' });
  t.is(run.code, 0, run.stdout + run.stderr);
  t.regex(run.stdout, /PR #7: comment updated/);
  t.is(planComments().length, 1);
  t.is(planComments()[0]!.id, before.id);
  const methods = api.requests.slice(requestsBefore).map((r) => r.method);
  t.deepEqual(methods, ['GET', 'PATCH']);
});

ft('an invalid input fails the step with exit 2, an annotation, a summary and the comment says so', async (t) => {
  // The value is the database password: it must come out masked everywhere.
  const run = await runAction(fixture.work, { stage: 'plan', from: DB_PASSWORD });
  t.is(run.code, 2);
  t.is(run.outputs['result'], 'failure');
  t.regex(run.stdout, /^::error title=hop-ci::invalid starting version '\*\*\*'%0Ahint: write a release as X\.Y\.Z/m);
  t.regex(run.summary, /### hop-ci plan: failed/);
  t.regex(run.summary, /\*\*What to do:\*\* write a release as X\.Y\.Z/);
  t.is(planComments().length, 1);
  t.regex(planComments()[0]!.body, /hop-ci plan: failed/);
});

ft('an error in a release file is annotated on its file and line', async (t) => {
  const root = writeProject({ releases: { '0.1.0-patches.toml': '[patches]\n"1-a" = "staged"\n"2-b" = "merged"\n' } });
  try {
    const run = await runAction(root, { stage: 'plan' }, { INPUT_COMMENT: 'false' });
    t.is(run.code, 2);
    t.regex(run.stdout, /^::error title=hop-ci,file=\.hop\/releases\/0\.1\.0-patches\.toml,line=3::.*unknown status "merged"/m);
    t.is((run.stdout.match(/^::error/gm) ?? []).length, 1, 'one annotation, not one per report');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

ft('comment: false posts nothing; an unknown stage is a usage error', async (t) => {
  const before = api.requests.length;
  const off = await runAction(fixture.work, { stage: 'plan', comment: 'false' });
  t.is(off.code, 0);
  t.is(api.requests.length, before);

  const bad = await runAction(fixture.work, { stage: 'deploy' });
  t.is(bad.code, 2);
  t.regex(bad.stdout, /::error title=hop-ci::unknown stage 'deploy'%0Ahint: choose one of: plan, validate-patch/);
  t.is(bad.outputs['result'], 'failure');
});

ft('an API failure is a warning, never a failed stage', async (t) => {
  api.failWith = 403;
  try {
    const run = await runAction(fixture.work, { stage: 'plan' });
    t.is(run.code, 0);
    t.is(run.outputs['result'], 'success');
    t.regex(run.stdout, /^::warning title=hop-ci::could not post the PR comment on #7 \(HTTP 403.*pull-requests: write/m);
  } finally {
    delete api.failWith;
  }
});

ft('no secret reaches a request, an output, the summary or the log', (t) => {
  t.true(logs.length > 0 && api.requests.length > 0);
  const logText = logs
    .join('\n')
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
  const sent = api.requests.map((r) => {
    const { authorization: _auth, ...headers } = r.headers;
    return `${r.method} ${r.url}\n${JSON.stringify(headers)}\n${r.body}`;
  });
  const comments = api.comments.map((c) => c.body);
  for (const secret of SECRETS) {
    t.false(logText.includes(secret), `log carries ${secret}`);
    t.false(
      files.some((f) => f.includes(secret)),
      `output/summary file carries ${secret}`,
    );
    t.false(
      sent.some((s) => s.includes(secret)),
      `a request carries ${secret}`,
    );
    t.false(
      comments.some((c) => c.includes(secret)),
      `a comment carries ${secret}`,
    );
  }
});
