/** The git adapter on real repositories: shallow CI clones, private refs, worktrees, leases, secrets. */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { GitCli, scrubCredentials } from '../src/adapters/git.js';
import { HopError } from '../src/core/errors.js';
import { ciCheckout, initHopRepo } from './helpers/git-fixture.js';
import { git } from './helpers/project.js';

test('scrubCredentials hides userinfo in URLs and authorization headers', (t) => {
  t.is(
    scrubCredentials("fatal: unable to access 'https://x-access-token:ghs_secret@github.com/a/b.git/'"),
    "fatal: unable to access 'https://***@github.com/a/b.git/'",
  );
  t.is(scrubCredentials('AUTHORIZATION: basic eC1hY2Nlc3M='), 'AUTHORIZATION: basic ***');
});

test('a shallow detached CI clone: fetch deepens it and keeps remote refs apart; worktrees go away', async (t) => {
  const repo = initHopRepo();
  t.teardown(repo.cleanup);
  git(repo.origin, 'branch', 'ho-release/0.1.0', 'ho-prod');
  git(repo.origin, 'tag', '-a', '-m', 'x', 'v0.0.1', 'ho-prod');
  git(repo.origin, 'branch', 'feature', 'ho-prod');
  const ci = ciCheckout(repo);
  const trackingBefore = git(ci, 'for-each-ref', 'refs/remotes/');
  t.is(git(ci, 'rev-parse', '--is-shallow-repository'), 'true');
  const g = new GitCli({ env: process.env, token: 'ghs_not_a_real_token' });
  const refs = await g.fetchRemoteRefs(ci, 'origin');
  t.deepEqual([...refs.keys()].sort(), ['refs/heads/ho-prod', 'refs/heads/ho-release/0.1.0', 'refs/tags/v0.0.1']);
  t.is(refs.get('refs/tags/v0.0.1'), git(repo.origin, 'rev-parse', 'refs/tags/v0.0.1'), 'tags by their tag object');
  t.is(git(ci, 'rev-parse', '--is-shallow-repository'), 'false');
  t.is(git(ci, 'for-each-ref', 'refs/remotes/'), trackingBefore, "the user's remote-tracking refs are untouched");
  const wt = await g.openWorktree(ci, refs.get('refs/heads/ho-prod')!);
  t.true(existsSync(`${wt.dir}/.hop/config`));
  await wt.close();
  await wt.close();
  t.false(existsSync(wt.dir));
  t.is(git(ci, 'worktree', 'list').split('\n').length, 1);
  await g.forgetRemoteRefs(ci);
  t.is(git(ci, 'for-each-ref', 'refs/hop-ci/'), '');
});

test('pushAtomic: a lease on an absent ref refuses when it exists, and pushes nothing else', async (t) => {
  const repo = initHopRepo();
  t.teardown(repo.cleanup);
  // Someone else's ho-prod-0.1.0, on another commit than the one we push.
  git(repo.origin, 'branch', 'ho-prod-0.1.0', git(repo.origin, 'commit-tree', 'ho-prod^{tree}', '-p', 'ho-prod', '-m', 'other'));
  const ci = ciCheckout(repo);
  const g = new GitCli({ env: process.env });
  const refs = await g.fetchRemoteRefs(ci, 'origin');
  const prod = refs.get('refs/heads/ho-prod')!;
  const e = await t.throwsAsync(
    g.pushAtomic(ci, 'origin', [
      { ref: 'refs/heads/ho-new', newId: prod, expectedId: null },
      { ref: 'refs/heads/ho-prod-0.1.0', newId: prod, expectedId: null },
    ]),
    { instanceOf: HopError },
  );
  t.regex(e!.message, /refs\/heads\/ho-prod-0\.1\.0 \(expected absent\)/);
  t.throws(
    () => execFileSync('git', ['rev-parse', '--verify', '-q', 'refs/heads/ho-new'], { cwd: repo.origin, stdio: 'pipe' }),
    undefined,
    'atomic: ho-new was not created',
  );
});
