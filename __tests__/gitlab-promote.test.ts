/**
 * End to end: a promotion run by the built dist/cli.js as a GitLab job runs it is signed
 * by the GitLab user who started the job (GITLAB_USER_NAME / GITLAB_USER_EMAIL), as
 * half-orm-dev signs with the developer's own identity — or by the identity inputs when
 * given; never github-actions[bot]. Real git (a bare origin), real validation on hop-ci's
 * own throwaway PostgreSQL. Needs `npm run build` first.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { DIST_CLI, git, tempDir } from './helpers/project.js';
import { addPatch, ciCheckout, createRelease, initHopRepo, mergePatch } from './helpers/git-fixture.js';

function runJob(cwd: string, home: string, vars: Record<string, string>): Promise<{ code: number; log: string }> {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    ...(process.env['TMPDIR'] ? { TMPDIR: process.env['TMPDIR'] } : {}),
    CI: 'true',
    GITLAB_CI: 'true',
    CI_PROJECT_DIR: cwd,
    CI_PIPELINE_SOURCE: 'web',
    CI_COMMIT_REF_NAME: 'ho-prod',
    GITLAB_USER_NAME: 'Ada Lovelace',
    GITLAB_USER_EMAIL: 'ada@example.org',
    GITLAB_USER_LOGIN: 'ada',
    HOP_TEST_COMMAND: 'none',
    HOP_DOTENV_FILE: `${home}/hop-ci.env`,
    ...vars,
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [DIST_CLI, 'run'], { cwd, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, log: stdout + stderr });
    });
  });
}

const signature = (origin: string, rev: string) => git(origin, 'log', '-1', '--format=%an <%ae> / %cn <%ce>', rev);
const tagger = (origin: string, tag: string) => git(origin, 'for-each-ref', '--format=%(taggername) %(taggeremail)', `refs/tags/${tag}`);

test('promote-rc on GitLab: signed by GITLAB_USER_*, or by git-user-name/git-user-email when given', async (t) => {
  t.true(existsSync(DIST_CLI), 'run `npm run build` first');
  const repo = initHopRepo();
  const home = tempDir('hop-ci-gl-promote-');
  t.teardown(() => (repo.cleanup(), rmSync(home, { recursive: true, force: true })));
  createRelease(repo, '0.1.0');
  addPatch(repo, '0.1.0', '1-users', { '01.sql': 'create table users (id int);\n' });
  mergePatch(repo, '0.1.0', '1-users');

  const first = await runJob(ciCheckout(repo), home, { HOP_STAGE: 'promote-rc' });
  t.is(first.code, 0, first.log);
  t.is(signature(repo.origin, 'ho-release/0.1.0'), 'Ada Lovelace <ada@example.org> / Ada Lovelace <ada@example.org>');
  t.is(signature(repo.origin, 'ho-prod'), 'Ada Lovelace <ada@example.org> / Ada Lovelace <ada@example.org>', 'the .hop/ sync commit too');
  t.is(tagger(repo.origin, 'v0.1.0-rc1'), 'Ada Lovelace <ada@example.org>');
  t.notRegex(first.log, /github-actions\[bot\]/);

  addPatch(repo, '0.1.0', '2-posts', { '01.sql': 'create table posts (id int);\n' });
  mergePatch(repo, '0.1.0', '2-posts');
  const second = await runJob(ciCheckout(repo), home, {
    HOP_STAGE: 'promote-rc',
    HOP_GIT_USER_NAME: 'Release Bot',
    HOP_GIT_USER_EMAIL: 'release-bot@example.org',
  });
  t.is(second.code, 0, second.log);
  t.is(signature(repo.origin, 'ho-release/0.1.0'), 'Release Bot <release-bot@example.org> / Release Bot <release-bot@example.org>');
  t.is(tagger(repo.origin, 'v0.1.0-rc2'), 'Release Bot <release-bot@example.org>');
});
