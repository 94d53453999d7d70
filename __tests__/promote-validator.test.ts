/**
 * promote-prod with the real validator on a real PostgreSQL (hop-ci's own throwaway
 * cluster), on half-orm-dev's 02-rc2 tree: the schema dump, the metadata dump with the
 * release recorded, and nothing pushed when a patch breaks.
 */
import test from 'ava';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createReleaseValidator } from '../src/stages/validation/release-validator.js';
import { recordReleaseInDatabase } from '../src/stages/promotion/record-release.js';
import { ciCheckout, originFromBundle, originRefs, promote, show } from './helpers/git-fixture.js';
import { FIXTURES_DIR, fixturesAvailable, git, tempDir } from './helpers/project.js';

const ft = fixturesAvailable() ? test.serial : test.skip;

/** `Patches/staged/2-posts/02_seed_admin.py` imports the project's package: a stand-in that runs its SQL with psql. */
function standInPackage(t: { teardown(fn: () => void): void }): string {
  const dir = tempDir('hop-ci-pkg-');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, 'hopdemo'));
  writeFileSync(
    path.join(dir, 'hopdemo', '__init__.py'),
    'import subprocess\nclass _Model:\n    def execute_query(self, q):\n        subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-c", q], check=True)\nMODEL = _Model()\n',
  );
  return dir;
}

ft('promote-prod on 02-rc2 with the real validator: schema and metadata dumped from PostgreSQL', async (t) => {
  const repo = originFromBundle(path.join(FIXTURES_DIR!, '02-rc2.bundle'));
  const expected = originFromBundle(path.join(FIXTURES_DIR!, '03-prod.bundle'));
  t.teardown(() => (repo.cleanup(), expected.cleanup()));
  const pkg = standInPackage(t);
  const run = await promote(
    'prod',
    ciCheckout(repo),
    { 'test-command': 'none' },
    { validator: (ctx) => createReleaseValidator(ctx), recordRelease: recordReleaseInDatabase },
    { PYTHONPATH: pkg },
  );
  t.is(run.exitCode, 0, run.ci.errors.join('\n'));
  const schema = show(repo, 'ho-prod:.hop/model/schema-0.1.0.sql');
  t.regex(schema, /CREATE TABLE public\.posts/);
  t.regex(schema, /created_at/, '3-fix applied');
  t.notRegex(schema, /^(-- Dumped (from|by)|\\restrict|SET transaction_timeout)/m, 'normalised');
  // The comment and ACL of schema public come from how half-orm-dev's cluster was made,
  // not from the release: compare every other section.
  const releaseSections = (dump: string) =>
    dump
      .replace(/--\n-- PostgreSQL database dump complete\n--\n\s*$/, '')
      .split(/(?=--\n-- Name: )/)
      .filter((s) => !/^--\n-- Name: (public; Type: SCHEMA|SCHEMA public;)/.test(s))
      .join('');
  t.is(
    releaseSections(schema),
    releaseSections(show(expected, 'ho-prod:.hop/model/schema-0.1.0.sql')),
    "the same dump as half-orm-dev's of the same release",
  );
  const metadata = show(repo, 'ho-prod:.hop/model/metadata-0.1.0.sql');
  t.regex(metadata, /^COPY half_orm_meta\.hop_release /m);
  t.regex(metadata, /^0\t1\t0\t\t\t/m, 'the release is recorded before the dump, as half-orm-dev does');
  t.true(originRefs(repo).has('tag:v0.1.0'));
});

ft('promote-prod with the real validator: a broken patch pushes nothing', async (t) => {
  const repo = originFromBundle(path.join(FIXTURES_DIR!, '02-rc2.bundle'));
  t.teardown(repo.cleanup);
  git(repo.dev, 'checkout', '-q', '-B', 'ho-release/0.1.0', 'origin/ho-release/0.1.0');
  writeFileSync(path.join(repo.dev, 'Patches/staged/3-fix/01_fix.sql'), 'ALTER TABLE public.nope ADD COLUMN x int;\n');
  git(repo.dev, 'commit', '-q', '-am', 'break 3-fix');
  git(repo.dev, 'push', '-q', 'origin', 'ho-release/0.1.0');
  const before = originRefs(repo);
  const run = await promote(
    'prod',
    ciCheckout(repo),
    { 'test-command': 'none' },
    { validator: (ctx) => createReleaseValidator(ctx), recordRelease: recordReleaseInDatabase },
    { PYTHONPATH: standInPackage(t) },
  );
  t.is(run.exitCode, 1);
  t.regex(run.ci.failed ?? '', /release 0\.1\.0 failed validation: patch 3-fix: .*nope/);
  t.deepEqual(originRefs(repo), before);
});
