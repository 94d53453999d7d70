/**
 * Every promotion refusal on real git: one clear message each, exit 1, nothing pushed and
 * nothing left in the CI checkout. Also the race (origin moves between fetch and push), a
 * failing validation and --dry-run.
 */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { GitCli } from '../src/adapters/git.js';
import type { Git } from '../src/ports.js';
import {
  addPatch,
  ciCheckout,
  createRelease,
  fakeValidator,
  initHopRepo,
  mergePatch,
  originRefs,
  promote,
  type HopRepo,
} from './helpers/git-fixture.js';
import { git, tempDir } from './helpers/project.js';

/** A copy of `repo`'s origin (and a dev clone of it), so a test may change it. */
function copyRepo(repo: HopRepo): HopRepo {
  const dir = tempDir('hop-ci-git-');
  const origin = path.join(dir, 'origin.git');
  const dev = path.join(dir, 'dev');
  execFileSync('git', ['clone', '-q', '--mirror', repo.origin, origin]);
  execFileSync('git', ['clone', '-q', '-b', 'ho-prod', origin, dev]);
  return { dir, origin, dev, cleanup: () => execFileSync('rm', ['-rf', dir]) };
}

// 0.1.0: 1-a staged, 2-b candidate; 0.2.0: 3-c staged.
let mixed: HopRepo;
// 0.1.0: 1-a staged only.
let staged: HopRepo;

test.before(() => {
  staged = initHopRepo();
  createRelease(staged, '0.1.0');
  addPatch(staged, '0.1.0', '1-a', { '01.sql': 'create table a ();\n' });
  mergePatch(staged, '0.1.0', '1-a');
  mixed = copyRepo(staged);
  addPatch(mixed, '0.1.0', '2-b', { '01.sql': 'create table b ();\n' });
  createRelease(mixed, '0.2.0');
  addPatch(mixed, '0.2.0', '3-c', { '01.sql': 'create table c ();\n' });
  mergePatch(mixed, '0.2.0', '3-c');
});

test.after.always(() => {
  staged?.cleanup();
  mixed?.cleanup();
});

/** Runs a promotion that must be refused; checks exit 1, the message, and that origin did not change. */
async function refused(
  repo: HopRepo,
  kind: 'rc' | 'prod' | 'hotfix',
  inputs: Record<string, string>,
  message: RegExp,
  ci = ciCheckout(repo),
) {
  const before = originRefs(repo);
  const validator = fakeValidator();
  const run = await promote(kind, ci, inputs, { validator });
  return { run, before, after: originRefs(repo), validator, ci, message };
}

test('not the smallest release: names the one that comes first', async (t) => {
  const r = await refused(mixed, 'rc', { release: '0.2.0' }, /./);
  t.is(r.run.exitCode, 1);
  t.regex(r.run.ci.errors.join('\n'), /release 0\.2\.0 cannot be promoted to rc now: 0\.1\.0 comes first/);
  t.deepEqual(r.after, r.before);
  t.is(r.validator.calls.length, 0);
});

test('candidates left: promote-prod names them', async (t) => {
  const r = await refused(mixed, 'prod', {}, /./);
  t.is(r.run.exitCode, 1);
  t.regex(r.run.ci.errors.join('\n'), /release 0\.1\.0 still has candidate patches: 2-b\nhint: merge them/);
  t.deepEqual(r.after, r.before);
});

test('no staged patches', async (t) => {
  const repo = initHopRepo();
  t.teardown(repo.cleanup);
  createRelease(repo, '0.1.0');
  addPatch(repo, '0.1.0', '1-a', { '01.sql': '' });
  const r = await refused(repo, 'rc', {}, /./);
  t.is(r.run.exitCode, 1);
  t.regex(r.run.ci.errors.join('\n'), /release 0\.1\.0 has no staged patches/);
  t.deepEqual(r.after, r.before);
});

test('a tag that already exists', async (t) => {
  const repo = copyRepo(staged);
  t.teardown(repo.cleanup);
  git(repo.origin, 'tag', '-a', '-m', 'Release Candidate %0.1.0', 'v0.1.0-rc1', 'ho-prod');
  const r = await refused(repo, 'rc', {}, /./);
  t.is(r.run.exitCode, 1);
  t.regex(r.run.ci.errors.join('\n'), /tag v0\.1\.0-rc1 already exists on origin/);
  t.deepEqual(r.after, r.before);
});

test('a release branch missing', async (t) => {
  const repo = copyRepo(staged);
  t.teardown(repo.cleanup);
  git(repo.origin, 'branch', '-D', 'ho-release/0.1.0');
  const r = await refused(repo, 'rc', {}, /./);
  t.is(r.run.exitCode, 1);
  t.regex(r.run.ci.errors.join('\n'), /branch ho-release\/0\.1\.0 does not exist on origin/);
  t.deepEqual(r.after, r.before);
});

test('hotfix mode on a release that is not in production', async (t) => {
  const repo = initHopRepo({
    releases: { '0.1.0.txt': '1-a\n', '0.2.0.txt': '2-b\n', '0.1.0-patches.toml': '[patches.3-c]\nstatus = "staged"\n' },
    model: { 'schema-0.2.0.sql': '-- x\n' },
    schemaLink: 'schema-0.2.0.sql',
    patches: { 'staged/3-c': { '01.sql': '' } },
  });
  t.teardown(repo.cleanup);
  git(repo.origin, 'branch', 'ho-release/0.1.0', 'ho-prod');
  const r = await refused(repo, 'hotfix', {}, /./);
  t.is(r.run.exitCode, 1);
  t.regex(
    r.run.ci.errors.join('\n'),
    /release 0\.1\.0 is reopened for a hotfix but is not the production release \(production is 0\.2\.0\)/,
  );
  t.deepEqual(r.after, r.before);
});

test('a dirty workspace', async (t) => {
  const ci = ciCheckout(staged);
  writeFileSync(path.join(ci, '.hop/releases/0.1.0-patches.toml'), '[patches]\n');
  writeFileSync(path.join(ci, 'Patches/new.sql'), 'select 1;\n');
  const r = await refused(staged, 'rc', {}, /./, ci);
  t.is(r.run.exitCode, 1);
  t.regex(r.run.ci.errors.join('\n'), /the workspace has uncommitted changes: .*0\.1\.0-patches\.toml.*Patches\/new\.sql/);
  t.deepEqual(r.after, r.before);
});

test('a merge conflict: names the files, pushes nothing, leaves nothing behind', async (t) => {
  const repo = copyRepo(staged);
  t.teardown(repo.cleanup);
  for (const [branch, text] of [
    ['ho-prod', 'prod side\n'],
    ['ho-release/0.1.0', 'release side\n'],
  ] as const) {
    git(repo.dev, 'checkout', '-q', '-B', branch, `origin/${branch}`);
    writeFileSync(path.join(repo.dev, 'Patches/README.md'), text);
    git(repo.dev, 'commit', '-q', '-am', `edit on ${branch}`);
    git(repo.dev, 'push', '-q', 'origin', branch);
  }
  const r = await refused(repo, 'prod', {}, /./);
  t.is(r.run.exitCode, 1);
  t.regex(r.run.ci.errors.join('\n'), /merging ho-release\/0\.1\.0 into ho-prod conflicts in Patches\/README\.md; nothing was pushed/);
  t.deepEqual(r.after, r.before);
  t.is(git(r.ci, 'worktree', 'list').split('\n').length, 1, 'the temporary worktree is gone');
  t.is(git(r.ci, 'for-each-ref', 'refs/hop-ci/'), '', 'the fetched refs are gone');
});

test('a failing validation writes nothing', async (t) => {
  const ci = ciCheckout(staged);
  const before = originRefs(staged);
  const run = await promote('prod', ci, {}, { validator: fakeValidator({ fail: 'relation "a" already exists' }) });
  t.is(run.exitCode, 1);
  t.regex(run.ci.failed ?? '', /release 0\.1\.0 failed validation: patch x: relation "a" already exists; nothing was committed or pushed/);
  t.deepEqual(originRefs(staged), before);
  t.is(git(ci, 'status', '--porcelain'), '');
  t.is(git(ci, 'worktree', 'list').split('\n').length, 1);
});

test('--dry-run prints the plan and changes nothing', async (t) => {
  const before = originRefs(mixed);
  const validator = fakeValidator();
  const ci = ciCheckout(mixed);
  const head = git(ci, 'rev-parse', 'HEAD');
  const run = await promote('rc', ci, { 'dry-run': 'true' }, { validator });
  t.is(run.exitCode, 0, run.ci.errors.join('\n'));
  const text = run.ci.logs.join('\n');
  t.regex(text, /promote-rc: 0\.1\.0 → 0\.1\.0-rc1 \(tag v0\.1\.0-rc1\)/);
  t.regex(
    text,
    /commit on ho-release\/0\.1\.0: "\[HOP\] Promote release %0\.1\.0 to RC 1"\n {2}write {3}\.hop\/releases\/0\.1\.0-rc1\.txt/,
  );
  t.regex(text, /commit on ho-release\/0\.2\.0 \(if \.hop\/ differs\)/);
  t.regex(text, /commit on ho-patch\/2-b \(if \.hop\/ differs\)/);
  t.regex(text, /create tag v0\.1\.0-rc1/);
  t.is(run.ci.outputs['result'], 'dry-run');
  t.is(validator.calls.length, 0);
  t.deepEqual(originRefs(mixed), before);
  t.is(git(ci, 'rev-parse', 'HEAD'), head);
});

test('--dry-run of promote-prod lists files written, removed, and refs created and deleted', async (t) => {
  const run = await promote('prod', ciCheckout(staged), { 'dry-run': 'true' });
  t.is(run.exitCode, 0, run.ci.errors.join('\n'));
  const text = run.ci.logs.join('\n');
  for (const line of [
    '  write   .hop/releases/0.1.0.txt',
    '  remove  .hop/releases/0.1.0-patches.toml',
    '  write   .hop/model/schema-0.1.0.sql (dumped from the validated database)',
    '  link    .hop/model/schema.sql -> schema-0.1.0.sql',
    '  write   .hop/model/metadata-0.1.0.sql (dumped from the validated database)',
    '  create branch ho-prod-0.1.0 at ho-prod',
    '  delete branch ho-release/0.1.0',
    '  delete branch ho-staged/1-a',
  ]) {
    t.true(text.includes(line), line);
  }
});

test('a race: origin moves between fetch and push, nothing is pushed and the error names the ref', async (t) => {
  const repo = copyRepo(staged);
  t.teardown(repo.cleanup);
  const real = new GitCli({ env: process.env });
  // Another promotion lands on ho-prod while this one is between its fetch and its push.
  const racing: Git = Object.assign(Object.create(real) as Git, {
    pushAtomic: async (top: string, remote: string, updates: Parameters<Git['pushAtomic']>[2]) => {
      git(repo.dev, 'checkout', '-q', '-B', 'ho-prod', 'origin/ho-prod');
      git(repo.dev, 'commit', '-q', '--allow-empty', '-m', 'someone else');
      git(repo.dev, 'push', '-q', 'origin', 'ho-prod');
      return real.pushAtomic(top, remote, updates);
    },
  });
  const before = originRefs(repo);
  const run = await promote('rc', ciCheckout(repo), {}, { git: racing });
  t.is(run.exitCode, 1);
  t.regex(
    run.ci.errors.join('\n'),
    /origin moved while promoting: refs\/heads\/ho-prod \(expected [0-9a-f]{8}\) changed since hop-ci fetched it; nothing was pushed/,
  );
  const after = originRefs(repo);
  t.false(after.has('tag:v0.1.0-rc1'), 'no tag pushed');
  t.is(after.get('ho-release/0.1.0'), before.get('ho-release/0.1.0'), 'the release branch did not move');
  t.is(git(repo.origin, 'log', '-1', '--format=%s', 'ho-prod'), 'someone else');
});
