/** The git adapter on real repositories: shallow CI clones, private refs, worktrees, leases, secrets. */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { GitCli, scrubCredentials } from '../src/adapters/git.js';
import { GitReader } from '../src/adapters/git-read.js';
import { HopError } from '../src/core/errors.js';
import { ciCheckout, initHopRepo } from './helpers/git-fixture.js';
import { git, tempDir } from './helpers/project.js';

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

test('GitReader: one git cat-file process answers commits, trees, files and missing names in order, and goes when closed', async (t) => {
  const repo = initHopRepo({ files: { 'Patches/1-a/01.sql': 'SELECT 1;\n', 'Patches/1-a/02 with space.sql': 'SELECT 2;\n' } });
  t.teardown(repo.cleanup);
  git(repo.dev, 'tag', '-a', '-m', 'x', 'v0.1.0');
  const head = git(repo.dev, 'rev-parse', 'HEAD');
  const reader = new GitReader(repo.dev, process.env);
  try {
    // Requests in flight together are answered each with its own objects.
    const [commits, text, missing, folders] = await Promise.all([
      reader.commitsOf(['refs/tags/v0.1.0', 'refs/tags/v9.9.9', 'HEAD']),
      reader.readText(head, 'Patches/1-a/02 with space.sql'),
      reader.readText(head, 'Patches/1-a/03.sql'),
      reader.readFolders([`${head}:Patches/1-a`, `${head}:Patches/2-b`]),
    ]);
    t.deepEqual(commits, [head, undefined, head], 'an annotated tag is peeled to its commit; a missing one is undefined');
    t.is(text, 'SELECT 2;\n');
    t.is(missing, undefined);
    const entries = folders.get(`${head}:Patches/1-a`)!;
    t.deepEqual(
      entries.map((e) => e.path),
      ['Patches/1-a/01.sql', 'Patches/1-a/02 with space.sql'],
    );
    t.is(folders.get(`${head}:Patches/2-b`), undefined);
    const blobs = await reader.readBlobs(entries.map((e) => e.oid));
    t.is(blobs.get(entries[0]!.oid)!.toString(), 'SELECT 1;\n');
    t.true(catFileChildren().length > 0, 'the process is there while the reader is open');
  } finally {
    reader.close();
  }
  for (let i = 0; i < 50 && catFileChildren().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
  t.deepEqual(catFileChildren(), [], 'closed: no git cat-file of this process is left');

  const elsewhere = tempDir('hop-ci-norepo-');
  const notARepo = new GitReader(elsewhere, process.env);
  t.teardown(() => {
    notARepo.close();
    rmSync(elsewhere, { recursive: true, force: true });
  });
  t.deepEqual(await notARepo.commitsOf(['refs/tags/v0.1.0']), [undefined], 'outside a repository every ref is missing');
});

test('GitReader: files of several MB, back to back with a small one and a missing name, come whole and in order', async (t) => {
  // Each spans many pipe chunks; their ends and the next header share chunks.
  const big = (seed: number, bytes: number) =>
    Array.from({ length: Math.ceil(bytes / 40) }, (_, i) => `INSERT INTO t VALUES (${seed}, ${i});\n`).join('');
  const files = { 'Patches/1-a/01.sql': big(1, 3_000_000), 'Patches/1-a/02.sql': 'SELECT 2;\n', 'Patches/1-a/03.sql': big(3, 5_000_000) };
  const repo = initHopRepo({ files });
  t.teardown(repo.cleanup);
  const head = git(repo.dev, 'rev-parse', 'HEAD');
  const reader = new GitReader(repo.dev, process.env);
  t.teardown(() => reader.close());
  const [first, missing, small, last] = await Promise.all([
    reader.readText(head, 'Patches/1-a/01.sql'),
    reader.readText(head, 'Patches/1-a/04.sql'),
    reader.readText(head, 'Patches/1-a/02.sql'),
    reader.readText(head, 'Patches/1-a/03.sql'),
  ]);
  t.is(first, files['Patches/1-a/01.sql']);
  t.is(missing, undefined);
  t.is(small, 'SELECT 2;\n');
  t.is(last, files['Patches/1-a/03.sql']);
});

/** This process's `git cat-file --batch` children. */
function catFileChildren(): string[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' }).trim();
  return out ? out.split('\n').filter((l) => l.includes('cat-file')) : [];
}
