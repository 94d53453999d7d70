/**
 * Promotion mode `pull-request` end to end, on real git (bare origins, shallow detached CI
 * clones) and the loopback fake of the GitHub and GitLab APIs: promote-prod / promote-hotfix
 * push only `hop-promote/X.Y.Z` and open (then update) the pull/merge request; `ho-prod` stays
 * as it was until the merge; after a merge commit, a squash or a fast-forward, promote-finalise
 * leaves the origin with exactly the refs and files a push-mode promotion of the same
 * repository leaves (two origins compared); a second finalisation changes nothing.
 */
import test, { type ExecutionContext } from 'ava';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GitCli } from '../src/adapters/git.js';
import { githubPullRequests } from '../src/adapters/ci/github-pulls.js';
import { gitlabMergeRequests } from '../src/adapters/ci/gitlab-merge-requests.js';
import { FsWorkspace } from '../src/adapters/workspace-fs.js';
import { GitHubProvider } from '../src/adapters/ci/github.js';
import { GitLabProvider } from '../src/adapters/ci/gitlab.js';
import { executeStage } from '../src/stages/execute.js';
import { promoteProdStage } from '../src/stages/promote-prod.js';
import { createPromotionDeps } from '../src/stages/promotion/deps.js';
import { runFinalisation } from '../src/stages/promotion/finalise.js';
import type { ChangeRequests, StageContext } from '../src/ports.js';
import { startFakeApi, type FakeApi } from './helpers/fake-api.js';
import {
  HOP_A32,
  RecordingCi,
  addPatch,
  ciCheckout,
  configFor,
  createRelease,
  fakeValidator,
  initHopRepo,
  mergePatch,
  originRefs,
  parents,
  promote,
  reopenHotfix,
  show,
  tagInfo,
  type HopRepo,
} from './helpers/git-fixture.js';
import { DIST_ACTION, git, tempDir } from './helpers/project.js';
import { rmSync } from 'node:fs';
import { PassThrough } from 'node:stream';

const TOKEN = 'ghs_pullRequestModeSecret0123456789';
const GITLAB_TOKEN = 'glpat-pullRequestModeSecret01';
const PR = { promotion: 'pull-request' };

function errorsOf(run: { ci: RecordingCi }): string {
  return [...run.ci.errors, run.ci.failed ?? ''].join('\n');
}

/** Release 0.1.0 with two staged patches; 0.2.0 open with a candidate (branches to sync). */
function preparedRepo(t: ExecutionContext): HopRepo {
  const repo = initHopRepo({ config: configFor(HOP_A32) });
  t.teardown(repo.cleanup);
  createRelease(repo, '0.1.0');
  for (const id of ['1-users', '2-posts']) {
    addPatch(repo, '0.1.0', id, { '01.sql': `create table ${id.split('-')[1]} ();\n` });
    mergePatch(repo, '0.1.0', id);
  }
  createRelease(repo, '0.2.0');
  addPatch(repo, '0.2.0', '3-tags', { '01.sql': 'create table tags ();\n' });
  return repo;
}

/** A second origin with the same refs (and a dev clone of it): the two modes run on twins. */
function twin(t: ExecutionContext, repo: HopRepo): HopRepo {
  const dir = tempDir('hop-ci-git-');
  const origin = path.join(dir, 'origin.git');
  const dev = path.join(dir, 'dev');
  execFileSync('git', ['clone', '-q', '--mirror', repo.origin, origin]);
  execFileSync('git', ['clone', '-q', '-b', 'ho-prod', origin, dev]);
  const copy = { dir, origin, dev, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  t.teardown(copy.cleanup);
  return copy;
}

/** Every ref of an origin by name, as what it holds: a branch its tree, a tag its type, message and tree. */
function contentOf(repo: HopRepo): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of originRefs(repo).keys()) {
    const ref = name.startsWith('tag:') ? `refs/tags/${name.slice(4)}` : `refs/heads/${name}`;
    const tree = git(repo.origin, 'rev-parse', `${ref}^{tree}`);
    out[name] = name.startsWith('tag:') ? `${tagInfo(repo, name.slice(4)).type} "${tagInfo(repo, name.slice(4)).message}" ${tree}` : tree;
  }
  return out;
}

function commitOf(repo: HopRepo, ref: string): string {
  return git(repo.origin, 'rev-parse', ref);
}

function githubRequests(api: FakeApi): () => Promise<ChangeRequests> {
  return async () => githubPullRequests({ token: TOKEN, apiUrl: api.url, owner: 'acme', repo: 'hopdemo' });
}

function gitlabRequests(api: FakeApi): () => Promise<ChangeRequests> {
  return async () => gitlabMergeRequests({ token: GITLAB_TOKEN, apiUrl: `${api.url}/api/v4`, projectId: 'acme/hopdemo' });
}

async function fakeApi(t: ExecutionContext): Promise<FakeApi> {
  const api = await startFakeApi();
  t.teardown(() => api.close());
  return api;
}

/** promote-finalise in a fresh CI checkout of ho-prod, as the workflow on the push to ho-prod runs it. */
async function finalise(repo: HopRepo, inputs: Record<string, string> = {}) {
  const ci = new RecordingCi(inputs);
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1' };
  const ctx: StageContext = { cwd: ciCheckout(repo), workspace: new FsWorkspace(), clock: { now: () => Date.now() }, ci, env };
  const { exitCode, result } = await executeStage((c) => runFinalisation(c, { git: new GitCli({ env }) }), ctx, { write: () => {} });
  return { exitCode, ci, ...(result ? { result } : {}) };
}

/** A change to ho-prod that is not a promotion, pushed from the dev clone (through a merged branch when `merged`). */
function changeProd(repo: HopRepo, file: string, text: string, merged = false): void {
  git(repo.dev, 'fetch', '-q', 'origin');
  git(repo.dev, 'checkout', '-q', '-B', merged ? 'docs' : 'ho-prod', 'origin/ho-prod');
  writeFileSync(path.join(repo.dev, file), text);
  git(repo.dev, 'add', file);
  git(repo.dev, 'commit', '-q', '-m', `edit ${file}`);
  if (merged) {
    git(repo.dev, 'checkout', '-q', '-B', 'ho-prod', 'origin/ho-prod');
    git(repo.dev, 'merge', '-q', '--no-ff', '-m', 'Merge pull request #7 from docs', 'docs');
  }
  git(repo.dev, 'push', '-q', 'origin', 'ho-prod');
}

type Merge = 'merge commit' | 'squash' | 'fast-forward';

/** Merges the promotion branch into ho-prod the way the forge's button does, from the dev clone. */
function mergeRequest(repo: HopRepo, head: string, how: Merge): void {
  git(repo.dev, 'fetch', '-q', 'origin', '+refs/heads/*:refs/remotes/origin/*');
  git(repo.dev, 'checkout', '-q', '-B', 'ho-prod', 'origin/ho-prod');
  if (how === 'merge commit') git(repo.dev, 'merge', '-q', '--no-ff', '-m', `Merge pull request #1 from ${head}`, `origin/${head}`);
  else if (how === 'fast-forward') git(repo.dev, 'merge', '-q', '--ff-only', `origin/${head}`);
  else {
    git(repo.dev, 'merge', '-q', '--squash', `origin/${head}`);
    git(repo.dev, 'commit', '-q', '-m', `[HOP] Promote release (#1)`);
  }
  git(repo.dev, 'push', '-q', 'origin', 'ho-prod');
}

test('promote-prod opens a pull request from hop-promote/0.1.0, updates it on a second run, and leaves ho-prod and every other ref alone', async (t) => {
  const repo = preparedRepo(t);
  const api = await fakeApi(t);
  const before = originRefs(repo);

  let run = await promote('prod', ciCheckout(repo), PR, { changeRequests: githubRequests(api) });
  t.is(run.exitCode, 0, errorsOf(run));
  const after = originRefs(repo);
  t.deepEqual([...after.keys()].sort(), [...before.keys(), 'hop-promote/0.1.0'].sort(), 'one branch added, nothing else');
  for (const [ref, id] of before) t.is(after.get(ref), id, `${ref} unchanged`);
  t.deepEqual(parents(repo, 'hop-promote/0.1.0'), [before.get('ho-prod')!, before.get('ho-release/0.1.0')!], 'cut from ho-prod');
  t.is(git(repo.origin, 'log', '-1', '--format=%s', 'hop-promote/0.1.0'), '[HOP] Promote release %0.1.0 to production');
  t.is(show(repo, 'hop-promote/0.1.0:.hop/releases/0.1.0.txt'), '1-users\n2-posts\n');

  t.is(api.pulls.length, 1);
  const pull = api.pulls[0]!;
  t.like(pull, { project: 'github:acme/hopdemo', head: 'hop-promote/0.1.0', base: 'ho-prod', state: 'open' });
  t.is(pull.title, '[hop] Promote release 0.1.0 to production');
  for (const part of [
    '`1-users`, `2-posts`',
    '### Validation',
    '### Schema change',
    '```diff',
    'CREATE TABLE t ();',
    'create tag v0.1.0',
    'create branch ho-prod-0.1.0',
    'delete branch ho-release/0.1.0',
    'delete branch ho-staged/1-users',
    'delete branch hop-promote/0.1.0',
    'ho-release/0.2.0',
    'ho-patch/3-tags',
  ])
    t.true(pull.body.includes(part), `the body says ${part}`);
  t.is(run.ci.outputs['pull-request'], `https://github.example/acme/hopdemo/pull/${pull.number}`);
  t.is(run.ci.outputs['version'], '0.1.0');
  t.true(
    api.requests.every((r) => r.headers['authorization'] === `token ${TOKEN}`),
    'the token authenticates every call',
  );

  // A second run rebuilds the branch and updates the same pull request.
  const firstHead = commitOf(repo, 'hop-promote/0.1.0');
  run = await promote('prod', ciCheckout(repo), PR, { changeRequests: githubRequests(api) });
  t.is(run.exitCode, 0, errorsOf(run));
  t.is(api.pulls.length, 1, 'updated, not duplicated');
  t.deepEqual(
    api.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`),
    [
      'GET /repos/acme/hopdemo/pulls',
      'POST /repos/acme/hopdemo/pulls',
      'GET /repos/acme/hopdemo/pulls',
      `PATCH /repos/acme/hopdemo/pulls/${pull.number}`,
    ],
  );
  t.is(commitOf(repo, 'ho-prod'), before.get('ho-prod')!, 'ho-prod unchanged until the merge');
  t.not(commitOf(repo, 'hop-promote/0.1.0'), firstHead, 'the branch was rebuilt (leased on what was fetched)');
  t.false(run.ci.logs.concat(JSON.stringify(run.result)).some((l) => l.includes(TOKEN)));
});

for (const how of ['merge commit', 'squash', 'fast-forward'] as const) {
  test(`after a ${how}, promote-finalise leaves exactly the refs and files of a push-mode promotion; a second run changes nothing`, async (t) => {
    const pushed = preparedRepo(t);
    const reviewed = twin(t, pushed);
    const api = await fakeApi(t);

    const push = await promote('prod', ciCheckout(pushed));
    t.is(push.exitCode, 0, errorsOf(push));

    // The mode from .hop/ci.toml this time (the checkout's), not from an input.
    const checkout = ciCheckout(reviewed);
    writeFileSync(path.join(checkout, '.hop/ci.toml'), 'promotion = "pull-request"\n');
    git(checkout, 'add', '.hop/ci.toml');
    git(checkout, 'commit', '-q', '-m', 'CI mode (local commit: the promotion reads the remote)');
    const run = await promote('prod', checkout, {}, { changeRequests: githubRequests(api) });
    t.is(run.exitCode, 0, errorsOf(run));
    t.is(api.pulls.length, 1);
    t.false(originRefs(reviewed).has('tag:v0.1.0'), 'no tag before the merge');

    mergeRequest(reviewed, 'hop-promote/0.1.0', how);
    const merged = commitOf(reviewed, 'ho-prod');
    let fin = await finalise(reviewed);
    t.is(fin.exitCode, 0, errorsOf(fin));
    t.deepEqual(contentOf(reviewed), contentOf(pushed), 'same refs, same trees, same tag messages');
    t.deepEqual(tagInfo(reviewed, 'v0.1.0'), { type: 'tag', target: merged, message: 'Production release %0.1.0' });
    t.is(commitOf(reviewed, 'ho-prod-0.1.0'), merged);
    t.is(git(reviewed.origin, 'log', '-1', '--format=%s', 'ho-release/0.2.0'), '[HOP] Sync .hop/ from ho-prod (promote 0.1.0 to prod)');
    t.is(fin.ci.outputs['tag'], 'v0.1.0');
    t.is(fin.ci.outputs['schema-file'], '.hop/model/schema-0.1.0.sql');

    const settled = originRefs(reviewed);
    fin = await finalise(reviewed);
    t.is(fin.exitCode, 0, errorsOf(fin));
    t.deepEqual(originRefs(reviewed), settled, 'the second finalisation changes nothing');
    t.regex(fin.result?.text ?? '', /nothing to finalise on ho-prod \(0\.1\.0 is tagged\)/);
  });
}

test('ho-prod moved between the pull request and the merge: finalisation works on what was merged', async (t) => {
  const pushed = preparedRepo(t);
  const reviewed = twin(t, pushed);
  const api = await fakeApi(t);
  t.is((await promote('prod', ciCheckout(pushed))).exitCode, 0);
  const run = await promote('prod', ciCheckout(reviewed), PR, { changeRequests: githubRequests(api) });
  t.is(run.exitCode, 0, errorsOf(run));

  // Someone pushes to ho-prod meanwhile; the forge then merges with a real merge.
  changeProd(reviewed, 'NOTES.md', 'ops notes\n');
  mergeRequest(reviewed, 'hop-promote/0.1.0', 'merge commit');
  const merged = commitOf(reviewed, 'ho-prod');

  const fin = await finalise(reviewed);
  t.is(fin.exitCode, 0, errorsOf(fin));
  t.is(tagInfo(reviewed, 'v0.1.0').target, merged, 'the tag is on the merge');
  t.is(show(reviewed, 'v0.1.0:NOTES.md'), 'ops notes\n');
  const expected = contentOf(pushed);
  const actual = contentOf(reviewed);
  t.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), 'the same refs');
  for (const ref of ['ho-release/0.2.0', 'ho-patch/3-tags']) t.is(actual[ref], expected[ref], `${ref}: the same .hop/ synced`);
  const withoutNotes = git(reviewed.origin, 'ls-tree', '-r', 'ho-prod')
    .split('\n')
    .filter((l) => !l.endsWith('\tNOTES.md'));
  t.deepEqual(withoutNotes, git(pushed.origin, 'ls-tree', '-r', 'ho-prod').split('\n'), 'ho-prod: the promotion plus the other change');
});

test('a merge into ho-prod that is not a promotion finalises nothing; promote-prod refuses while a merged promotion is not finalised', async (t) => {
  const repo = preparedRepo(t);
  const api = await fakeApi(t);
  changeProd(repo, 'README.md', 'hello\n', true);
  t.is(parents(repo, 'ho-prod').length, 2, 'a merge');
  const before = originRefs(repo);
  let fin = await finalise(repo);
  t.is(fin.exitCode, 0, errorsOf(fin));
  t.deepEqual(originRefs(repo), before);
  t.regex(fin.result?.text ?? '', /nothing to finalise on ho-prod \(no production release yet\)/);

  t.is((await promote('prod', ciCheckout(repo), PR, { changeRequests: githubRequests(api) })).exitCode, 0);
  mergeRequest(repo, 'hop-promote/0.1.0', 'merge commit');
  const refused = await promote('prod', ciCheckout(repo), PR, { changeRequests: githubRequests(api) });
  t.is(refused.exitCode, 1);
  t.regex(refused.ci.failed ?? '', /0\.1\.0 is on ho-prod \(\.hop\/releases\/0\.1\.0\.txt\) but not finalised \(no tag v0\.1\.0\)/);
  fin = await finalise(repo, { 'dry-run': 'true' });
  t.is(fin.exitCode, 0, errorsOf(fin));
  t.is(fin.ci.outputs['result'], 'dry-run');
  t.false(originRefs(repo).has('tag:v0.1.0'), 'a dry run pushes nothing');
});

test('pull-request mode: promote-rc still pushes ho-release and its tag and says so; a local run without a forge is refused before anything is pushed', async (t) => {
  const repo = preparedRepo(t);
  const prodBefore = commitOf(repo, 'ho-prod');
  const rc = await promote('rc', ciCheckout(repo), PR);
  t.is(rc.exitCode, 0, errorsOf(rc));
  t.true(originRefs(repo).has('tag:v0.1.0-rc1'));
  t.is(
    show(repo, 'ho-release/0.2.0:.hop/releases/0.1.0-rc1.txt').split('\n')[0]?.split(':')[0],
    '1-users',
    '.hop/ synced to the other branches',
  );
  t.is(commitOf(repo, 'ho-prod'), prodBefore, 'ho-prod untouched: it moves only by reviewed merges');
  t.true(rc.ci.logs.some((l) => /promote-rc pushes ho-release\/X\.Y\.Z and its tag as in push mode/.test(l)));

  const before = originRefs(repo);
  const dry = await promote('prod', ciCheckout(repo), { ...PR, 'dry-run': 'true' });
  t.is(dry.exitCode, 0, errorsOf(dry));
  t.regex(
    dry.result?.text ?? '',
    /push branch hop-promote\/0\.1\.0 to origin[^]*open or update the pull\/merge request hop-promote\/0\.1\.0 → ho-prod/,
  );
  t.notRegex(dry.result?.text ?? '', /create tag/, 'a pull-request promotion pushes no tag');
  const local = await promote('prod', ciCheckout(repo), PR);
  t.is(local.exitCode, 1);
  t.regex(local.ci.failed ?? '', /no pull\/merge request API/);
  t.deepEqual(originRefs(repo), before);

  const bad = await promote('prod', ciCheckout(repo), { promotion: 'pr' });
  t.is(bad.exitCode, 2);
  t.regex(bad.ci.failed ?? '', /promotion 'pr' is not valid: push or pull-request/);
});

test('promote-hotfix through a GitLab merge request: opened, updated, merged, finalised like a pushed hotfix', async (t) => {
  const pushed = preparedRepo(t);
  t.is((await promote('prod', ciCheckout(pushed))).exitCode, 0);
  reopenHotfix(pushed, '0.1.0');
  addPatch(pushed, '0.1.0', '4-email', { '01.sql': 'alter table users add column email text;\n' });
  mergePatch(pushed, '0.1.0', '4-email');
  const reviewed = twin(t, pushed);
  const api = await fakeApi(t);

  t.is((await promote('hotfix', ciCheckout(pushed))).exitCode, 0);
  const prodBefore = commitOf(reviewed, 'ho-prod');
  for (let i = 0; i < 2; i++) {
    const run = await promote('hotfix', ciCheckout(reviewed), PR, { changeRequests: gitlabRequests(api) });
    t.is(run.exitCode, 0, errorsOf(run));
  }
  t.is(api.pulls.length, 1, 'one merge request, updated');
  t.like(api.pulls[0], {
    project: 'gitlab:acme/hopdemo',
    head: 'hop-promote/0.1.0.post1',
    base: 'ho-prod',
    title: '[hop] Hotfix 0.1.0.post1 to production',
  });
  t.true(api.pulls[0]!.body.includes('create tag v0.1.0.post1'));
  t.true(api.requests.every((r) => r.headers['private-token'] === GITLAB_TOKEN));
  t.deepEqual(
    api.requests.map((r) => r.method),
    ['GET', 'POST', 'GET', 'PUT'],
  );
  t.is(commitOf(reviewed, 'ho-prod'), prodBefore);
  t.false(originRefs(reviewed).has('tag:v0.1.0.post1'));

  mergeRequest(reviewed, 'hop-promote/0.1.0.post1', 'merge commit');
  const fin = await finalise(reviewed);
  t.is(fin.exitCode, 0, errorsOf(fin));
  t.deepEqual(contentOf(reviewed), contentOf(pushed));
  t.is(tagInfo(reviewed, 'v0.1.0.post1').message, 'Hotfix release %0.1.0.post1');
});

test('the GitHub and GitLab providers wire pull-request mode from their environment (token, repository, API URL); the token is never printed', async (t) => {
  for (const forge of ['github', 'gitlab'] as const) {
    const repo = preparedRepo(t);
    const api = await fakeApi(t);
    const lines: string[] = [];
    const base = {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GITHUB_ACTIONS: '',
      GITLAB_CI: '',
      GITHUB_OUTPUT: '',
      GITHUB_STEP_SUMMARY: '',
    };
    const env =
      forge === 'github'
        ? {
            ...base,
            GITHUB_ACTIONS: 'true',
            GITHUB_REPOSITORY: 'acme/hopdemo',
            GITHUB_API_URL: api.url,
            'INPUT_GITHUB-TOKEN': TOKEN,
            INPUT_PROMOTION: 'pull-request',
          }
        : {
            ...base,
            GITLAB_CI: 'true',
            CI_API_V4_URL: `${api.url}/api/v4`,
            CI_PROJECT_ID: '42',
            HOP_GITLAB_TOKEN: GITLAB_TOKEN,
            HOP_PROMOTION: 'pull-request',
          };
    const out = new PassThrough();
    out.on('data', (c: Buffer) => lines.push(c.toString()));
    const ci =
      forge === 'github'
        ? new GitHubProvider({ env, flags: {}, write: (l) => lines.push(l) })
        : new GitLabProvider({ env, flags: {}, stdout: out, stderr: out, cwd: repo.dir });
    const ctx: StageContext = { cwd: ciCheckout(repo), workspace: new FsWorkspace(), clock: { now: () => Date.now() }, ci, env };
    const { exitCode } = await executeStage(
      (c) => promoteProdStage(c, { ...createPromotionDeps(c), validator: fakeValidator(), recordRelease: async () => {} }),
      ctx,
      {
        write: (l) => lines.push(l),
        stage: 'promote-prod',
      },
    );
    t.is(exitCode, 0, lines.join(''));
    t.is(api.pulls.length, 1, forge);
    t.like(api.pulls[0], { project: forge === 'github' ? 'github:acme/hopdemo' : 'gitlab:42', head: 'hop-promote/0.1.0', base: 'ho-prod' });
    // `::add-mask::` is how the runner learns the secret: every other line must not carry it.
    const printed = lines.filter((l) => !l.startsWith('::add-mask::')).join('');
    t.regex(printed, /ho-prod is unchanged: merging the (pull|merge) request promotes 0\.1\.0/);
    t.false(printed.includes(forge === 'github' ? TOKEN : GITLAB_TOKEN), `${forge}: the token is not in the log`);
    t.false(originRefs(repo).has('tag:v0.1.0'));
  }
});

test('the built action finalises on the push to ho-prod as the runner runs it (INPUT_STAGE=promote-finalise, GITHUB_OUTPUT)', async (t) => {
  const repo = preparedRepo(t);
  const api = await fakeApi(t);
  t.is((await promote('prod', ciCheckout(repo), PR, { changeRequests: githubRequests(api) })).exitCode, 0);
  mergeRequest(repo, 'hop-promote/0.1.0', 'squash');
  const workspace = ciCheckout(repo);
  const output = path.join(repo.dir, 'github-output');
  writeFileSync(output, '');
  const run = (stage: string) =>
    execFileSync('node', [DIST_ACTION], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        HOME: repo.dir,
        GIT_CONFIG_NOSYSTEM: '1',
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: 'push',
        GITHUB_REF_NAME: 'ho-prod',
        GITHUB_REPOSITORY: 'acme/hopdemo',
        GITHUB_WORKSPACE: workspace,
        GITHUB_OUTPUT: output,
        INPUT_STAGE: stage,
        'INPUT_WORKING-DIRECTORY': workspace,
        'INPUT_GITHUB-TOKEN': TOKEN,
      },
    });
  const log = run('promote-finalise');
  t.regex(log, /create tag v0\.1\.0 on ho-prod/);
  const unmasked = log.split('\n').filter((l) => !l.startsWith('::add-mask::'));
  t.false(
    unmasked.some((l) => l.includes(TOKEN)),
    'no token in the log but the mask command',
  );
  t.regex(readFileSync(output, 'utf8'), /tag<<[^\n]+\nv0\.1\.0\n/);
  t.deepEqual(
    [...originRefs(repo).keys()]
      .filter((r) => r.startsWith('ho-prod-') || r.startsWith('tag:') || r.startsWith('hop-') || r.startsWith('ho-release/'))
      .sort(),
    ['ho-prod-0.1.0', 'ho-release/0.2.0', 'tag:v0.1.0'],
  );
  const settled = originRefs(repo);
  t.regex(run('promote-finalise'), /nothing to finalise on ho-prod/);
  t.deepEqual(originRefs(repo), settled);
});
