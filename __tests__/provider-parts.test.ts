/**
 * The CI providers' parts, in process: secrets and redaction, where inputs come from on
 * each provider, GitHub's event context, GitLab's dotenv report, sections and MR note,
 * and the local provider's output.
 */
import test from 'ava';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Redactor } from '../src/adapters/ci/redact.js';
import { secretValues } from '../src/adapters/ci/secrets.js';
import { providerName, selectProvider } from '../src/adapters/ci/select.js';
import { githubContext } from '../src/adapters/ci/github-context.js';
import { GitHubProvider } from '../src/adapters/ci/github.js';
import { GitLabProvider } from '../src/adapters/ci/gitlab.js';
import { LocalProvider } from '../src/adapters/ci/local.js';
import { dotenvKey, renderDotenv } from '../src/adapters/ci/gitlab-dotenv.js';
import { COMMENT_LIMIT, commentMarker, commentWanted, renderComment } from '../src/adapters/ci/comment.js';
import { upsertMergeRequestNote } from '../src/adapters/ci/gitlab-note.js';
import { startFakeApi } from './helpers/fake-api.js';
import { tempDir } from './helpers/project.js';

function capture(isTTY = false): PassThrough & { isTTY: boolean; text(): string } {
  const chunks: string[] = [];
  const s = Object.assign(new PassThrough(), { isTTY, text: () => chunks.join('') });
  s.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  return s;
}

test('the redactor masks a URL whole, its password raw and decoded, and credentials it was not told about', (t) => {
  const r = new Redactor();
  r.addSecretUrlOrToken('postgres://app:p%40ss%3Aword@db:5432/app');
  t.is(r.redact('connect postgres://app:p%40ss%3Aword@db:5432/app failed'), 'connect *** failed');
  t.is(r.redact('pw p%40ss%3Aword or p@ss:word'), 'pw *** or ***');
  t.is(r.redact('other postgresql://bob:hunter22@h/x'), 'other postgresql://bob:***@h/x');
  t.is(r.redact("dsn host=h password='a b' user=u"), 'dsn host=h password=*** user=u');
  r.addSecretUrlOrToken('host=db password=Kw9-secret dbname=x');
  t.is(r.redact('Kw9-secret leaked'), '*** leaked');
  t.is(r.redact('ok'), 'ok');
});

test('secret values come from secret inputs, flags and credential variables, not from flags like true', (t) => {
  const values = secretValues(
    {
      DATABASE_URL: 'postgres://a:b1c2@h/d',
      'INPUT_GITHUB-TOKEN': 'ghs_abcdef',
      CI_REGISTRY_PASSWORD: 'regpass99',
      SOME_TOKEN: 'true',
      PGPASSWORD: 'pgpw-123',
      HOME: '/root',
    },
    { 'database-url': 'postgres://x:y9y9y9@h/d' },
  );
  for (const v of ['postgres://a:b1c2@h/d', 'ghs_abcdef', 'regpass99', 'pgpw-123', 'postgres://x:y9y9y9@h/d'])
    t.true(values.includes(v), v);
  t.false(values.includes('true'));
  t.false(values.includes('/root'));
});

test('the provider is picked from the environment passed in', async (t) => {
  t.is(providerName({ GITHUB_ACTIONS: 'true' }), 'github');
  t.is(providerName({ GITLAB_CI: 'true' }), 'gitlab');
  t.is(providerName({ GITHUB_ACTIONS: 'false', GITLAB_CI: '' }), 'local');
  t.is((await selectProvider({ env: { GITLAB_CI: 'true' }, flags: {} })).name, 'gitlab');
  t.is((await selectProvider({ env: {}, flags: {} })).name, 'local');
  t.is((await selectProvider({ env: { GITHUB_ACTIONS: 'true' }, flags: {} })).name, 'github');
});

test('GitHub inputs: flags, then INPUT_* (dashes kept), then HOP_*, then DATABASE_URL; blank is missing', (t) => {
  const env = {
    GITHUB_ACTIONS: 'true',
    'INPUT_TO-RELEASE': ' 1.2.0 ',
    INPUT_PATCH: '',
    HOP_PATCH: '7-x',
    INPUT_STAGE: 'plan',
  };
  const gh = new GitHubProvider({ env, flags: { stage: 'upgrade' }, write: () => {} });
  t.is(gh.input('stage'), 'upgrade');
  t.is(gh.input('to-release'), '1.2.0');
  t.is(gh.input('patch'), '7-x');
  t.is(gh.input('database-url'), undefined);
  const withUrl = new GitHubProvider({ env: { ...env, DATABASE_URL: 'postgres://h/db' }, flags: {}, write: () => {} });
  t.is(withUrl.input('database-url'), 'postgres://h/db');
});

test('GitHub workflow commands: masks first, escaped annotations on file/line/column, flat groups, one failure annotation', async (t) => {
  const lines: string[] = [];
  const gh = new GitHubProvider({
    env: { GITHUB_ACTIONS: 'true', 'INPUT_DATABASE-URL': 'postgres://u:p%2Cw-9x@h/db' },
    flags: {},
    write: (l) => lines.push(l),
  });
  t.deepEqual(lines, ['::add-mask::postgres://u:p%252Cw-9x@h/db', '::add-mask::p%252Cw-9x', '::add-mask::p,w-9x']);
  lines.length = 0;
  gh.error('syntax error at "FROM"\nhint: fix it', { file: 'Patches/1-a/01, init.sql', line: 3, column: 7, title: 'SQL: 1-a' });
  await gh.group('outer', async () => gh.group('inner', async () => gh.info('using p,w-9x')));
  gh.setFailed('the stage failed');
  t.deepEqual(lines, [
    '::error title=SQL%3A 1-a,file=Patches/1-a/01%2C init.sql,line=3,col=7::syntax error at "FROM"%0Ahint: fix it',
    '::group::outer',
    '▸ inner',
    'using ***',
    '::endgroup::',
  ]);
  t.is(gh.failure, 'the stage failed');
  const quiet: string[] = [];
  new GitHubProvider({ env: {}, flags: {}, write: (l) => quiet.push(l) }).setFailed('nothing reported before');
  t.deepEqual(quiet, ['::error title=hop-ci::nothing reported before']);
});

test('GitHub context: a pull_request payload gives head, base, number and the run URL', (t) => {
  const payload = JSON.stringify({
    pull_request: { number: 12, head: { ref: 'ho-patch/3-a', sha: 'abc123' }, base: { ref: 'ho-release/1.0.0' } },
  });
  const ctx = githubContext(
    {
      GITHUB_EVENT_PATH: '/event.json',
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_RUN_ID: '9',
      GITHUB_SERVER_URL: 'https://ghe.example',
      GITHUB_EVENT_NAME: 'pull_request',
    },
    () => payload,
  );
  t.like(ctx, {
    changeNumber: 12,
    headRef: 'ho-patch/3-a',
    baseRef: 'ho-release/1.0.0',
    sha: 'abc123',
    owner: 'o',
    repo: 'r',
    eventName: 'pull_request',
  });
  t.is(ctx.runUrl, 'https://ghe.example/o/r/actions/runs/9');
  t.is(ctx.apiUrl, 'https://api.github.com');

  const comment = githubContext({ GITHUB_EVENT_PATH: '/e' }, () => JSON.stringify({ issue: { number: 5, pull_request: {} } }));
  t.is(comment.changeNumber, 5);
  const push = githubContext({ GITHUB_EVENT_PATH: '/missing', GITHUB_REF_NAME: 'ho-release/1.0.0', GITHUB_SHA: 'def' }, () => {
    throw new Error('ENOENT');
  });
  t.is(push.changeNumber, undefined);
  t.is(push.headRef, 'ho-release/1.0.0');
});

test('GitLab dotenv: HOP_OUT_ keys, single-line values, what does not fit is left out with a reason', (t) => {
  t.is(dotenvKey('release-file'), 'HOP_OUT_RELEASE_FILE');
  const small = renderDotenv(
    new Map([
      ['result', 'success'],
      ['applied', 'a\nb'],
    ]),
  );
  t.is(small.text, 'HOP_OUT_RESULT=success\nHOP_OUT_APPLIED=a\\nb\n');
  t.deepEqual(small.dropped, []);

  const big = renderDotenv(
    new Map([
      ['plan', 'x'.repeat(6000)],
      ['result', 'failure'],
    ]),
  );
  t.is(big.text, 'HOP_OUT_RESULT=failure\n');
  t.is(big.dropped[0]?.name, 'plan');
  t.regex(big.dropped[0]!.reason, /5 KB/);

  const many = renderDotenv(new Map(Array.from({ length: 25 }, (_, i) => [`o${i}`, 'v'] as [string, string])));
  t.is(many.text.split('\n').filter(Boolean).length, 20);
  t.is(many.dropped.length, 5);
});

test('GitLab provider: inputs, collapsed sections, a rewritten dotenv file, redacted log', async (t) => {
  const dir = tempDir('hop-ci-gl-unit-');
  try {
    const out = capture();
    const gl = new GitLabProvider({
      env: {
        GITLAB_CI: 'true',
        CI_PROJECT_DIR: dir,
        HOP_TEST_COMMAND: 'pytest -x',
        HOP_DATABASE_URL: 'postgres://u:zz-Secret9@h/db',
        NO_COLOR: '1',
      },
      flags: { patch: '3-a' },
      stdout: out,
    });
    t.is(gl.input('test-command'), 'pytest -x');
    t.is(gl.input('patch'), '3-a');
    t.is(gl.input('database-url'), 'postgres://u:zz-Secret9@h/db');
    const value = await gl.group('Apply 3-a', async () => {
      gl.info('connecting to postgres://u:zz-Secret9@h/db');
      return 42;
    });
    t.is(value, 42);
    gl.setOutput('result', 'failure');
    gl.setOutput('result', 'success');
    gl.error('bad SQL', { file: 'Patches/3-a/01.sql', line: 4, column: 2 });
    const log = out.text().replaceAll('\u001b', '<ESC>');
    t.regex(log, /^<ESC>\[0Ksection_start:\d+:hop_1_apply_3_a\[collapsed=true\]\r<ESC>\[0KApply 3-a$/m);
    t.regex(log, /^<ESC>\[0Ksection_end:\d+:hop_1_apply_3_a\r<ESC>\[0K$/m);
    t.regex(log, /^connecting to \*\*\*$/m);
    t.regex(log, /^error: Patches\/3-a\/01\.sql:4:2: bad SQL$/m);
    t.is(readFileSync(path.join(dir, 'hop-ci.env'), 'utf8'), 'HOP_OUT_RESULT=success\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('GitLab MR note: created then updated by marker; other notes untouched; a 403 is a warning', async (t) => {
  const api = await startFakeApi();
  try {
    api.comments.push({ id: 1, body: 'LGTM <!-- hop-ci:validate-patch -->', thread: 'gitlab:grp/proj!8', system: true });
    api.comments.push({ id: 2, body: 'a human note', thread: 'gitlab:grp/proj!8' });
    const target = {
      apiUrl: `${api.url}/api/v4/`,
      projectId: 'grp/proj',
      mergeRequestIid: 8,
      auth: { header: 'PRIVATE-TOKEN' as const, token: 'tok-123' },
    };
    const marker = commentMarker('validate-patch');
    t.is(await upsertMergeRequestNote(target, marker, `${marker}\nfirst`), 'created');
    t.is(await upsertMergeRequestNote(target, marker, `${marker}\nsecond`), 'updated');
    const mine = api.comments.filter((c) => !c.system && c.body.includes(marker));
    t.is(mine.length, 1);
    t.is(mine[0]!.body, `${marker}\nsecond`);
    t.is(api.comments.find((c) => c.id === 2)!.body, 'a human note');
    t.true(api.requests.every((r) => r.url.startsWith('/api/v4/projects/grp%2Fproj/merge_requests/8/notes')));

    api.failWith = 403;
    const out = capture();
    const gl = new GitLabProvider({
      env: {
        GITLAB_CI: 'true',
        CI_API_V4_URL: `${api.url}/api/v4`,
        CI_PROJECT_ID: '5',
        CI_MERGE_REQUEST_IID: '8',
        CI_JOB_TOKEN: 'job-tok-1',
        NO_COLOR: '1',
      },
      flags: {},
      stdout: out,
    });
    await gl.upsertComment(marker, 'body');
    t.regex(out.text(), /^warning: could not post the MR note on !8 \(HTTP 403: GET notes: Forbidden.*set HOP_GITLAB_TOKEN/m);
  } finally {
    await api.close();
  }
});

test('comment body: marker first, run link, truncated under the GitHub limit', (t) => {
  const marker = commentMarker('plan');
  t.is(marker, '<!-- hop-ci:plan -->');
  const body = renderComment(marker, 'x'.repeat(100_000), { runUrl: 'https://r/1', sha: '0123456789abcdef' });
  t.true(body.startsWith(`${marker}\n`));
  t.true(body.length <= COMMENT_LIMIT);
  t.regex(body, /truncated/);
  t.regex(body, /\[run\]\(https:\/\/r\/1\) · commit `01234567`/);
  t.true(commentWanted(undefined));
  t.true(commentWanted('true'));
  t.false(commentWanted('false'));
  t.false(commentWanted(' No '));
});

test('local provider: DATABASE_URL fallback, no colours with NO_COLOR, progress with durations, secrets masked', async (t) => {
  let now = 0;
  const out = capture(true);
  const err = capture(true);
  const local = new LocalProvider({
    inputs: {},
    env: { DATABASE_URL: 'postgres://me:loc4l-pw@localhost/x', NO_COLOR: '1' },
    stdout: out,
    stderr: err,
    now: () => now,
  });
  t.is(local.input('database-url'), 'postgres://me:loc4l-pw@localhost/x');
  await local.group('Validate 0.2.0', async () => {
    now += 1500;
  });
  await t.throwsAsync(local.group('Apply 6-comments', async () => Promise.reject(new Error('boom'))));
  local.warning('password loc4l-pw rejected', { file: 'a.sql', line: 2 });
  local.setFailed('the stage failed');
  t.is(out.text(), '▸ Validate 0.2.0\n✓ Validate 0.2.0 (1.5 s)\n▸ Apply 6-comments\n✗ Apply 6-comments (0 ms)\n');
  t.is(err.text(), 'warning: a.sql:2: password *** rejected\nerror: the stage failed\n');
  t.is(local.failure, 'the stage failed');

  const tty = capture(true);
  new LocalProvider({ inputs: {}, env: {}, stdout: tty }).info('plain');
  const coloured = capture(true);
  new LocalProvider({ inputs: {}, env: {}, stdout: coloured, stderr: coloured }).error('x');
  t.is(tty.text(), 'plain\n');
  t.is(coloured.text(), '\u001b[31merror:\u001b[0m x\n');
  const json = capture(false);
  const jsonErr = capture(false);
  new LocalProvider({ inputs: {}, env: {}, json: true, stdout: json, stderr: jsonErr }).info('log line');
  t.is(json.text(), '', 'in --json mode stdout carries only the document');
  t.is(jsonErr.text(), 'log line\n');
});
