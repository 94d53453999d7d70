/**
 * hop-ci's promotions on real trees written by half-orm-dev 1.0.0-a32: rewound to just
 * before each promotion, promoted by hop-ci, compared with what half-orm-dev wrote.
 */
import test from 'ava';
import path from 'node:path';
import { FIXTURES_DIR, fixturesAvailable, git } from './helpers/project.js';
import {
  ciCheckout,
  fakeValidator,
  originFromBundle,
  originRefs,
  promote,
  show,
  subject,
  tagInfo,
  treeOf,
  type HopRepo,
} from './helpers/git-fixture.js';

const ft = fixturesAvailable() ? test : test.skip;
const bundle = (name: string) => path.join(FIXTURES_DIR ?? '', `${name}.bundle`);

/** Tree ids (mode, id, path) of a commit under .hop and Patches: equal means byte-identical files. */
function blobs(repo: HopRepo, rev: string): string[] {
  return git(repo.origin, 'ls-tree', '-r', rev, '--', '.hop', 'Patches').split('\n');
}

ft('promote-rc on 02-rc2 rewound before rc2 writes what half-orm-dev wrote', async (t) => {
  const expected = originFromBundle(bundle('02-rc2'));
  const repo = originFromBundle(bundle('02-rc2'));
  t.teardown(() => (expected.cleanup(), repo.cleanup()));
  git(repo.origin, 'update-ref', 'refs/heads/ho-release/0.1.0', 'ho-release/0.1.0~1');
  git(repo.origin, 'update-ref', 'refs/heads/ho-prod', 'ho-prod~1');
  git(repo.origin, 'tag', '-d', 'v0.1.0-rc2');

  const run = await promote('rc', ciCheckout(repo));
  t.is(run.exitCode, 0, run.ci.errors.join('\n'));
  for (const branch of ['ho-release/0.1.0', 'ho-prod']) {
    t.deepEqual(blobs(repo, branch), blobs(expected, branch), `${branch}: same files, byte for byte`);
    t.is(subject(repo, branch), subject(expected, branch));
  }
  t.is(tagInfo(repo, 'v0.1.0-rc2').message, tagInfo(expected, 'v0.1.0-rc2').message);
  t.deepEqual([...originRefs(repo).keys()].sort(), [...originRefs(expected).keys()].sort());
});

ft('promote-prod on 02-rc2 gives the tree, refs and messages of 03-prod', async (t) => {
  const expected = originFromBundle(bundle('03-prod'));
  const repo = originFromBundle(bundle('02-rc2'));
  t.teardown(() => (expected.cleanup(), repo.cleanup()));
  // The dumps half-orm-dev made from its database, so that the trees can be compared byte for byte.
  const validator = fakeValidator({
    schema: () => show(expected, 'ho-prod:.hop/model/schema-0.1.0.sql'),
    metadata: () => show(expected, 'ho-prod:.hop/model/metadata-0.1.0.sql'),
  });
  const run = await promote('prod', ciCheckout(repo), {}, { validator });
  t.is(run.exitCode, 0, run.ci.errors.join('\n'));
  t.deepEqual(blobs(repo, 'ho-prod'), blobs(expected, 'ho-prod'));
  t.is(subject(repo, 'ho-prod'), '[HOP] Promote release %0.1.0 to production');
  t.is(git(repo.origin, 'rev-parse', 'ho-prod^2'), git(expected.origin, 'rev-parse', 'ho-prod^2'), 'the release tip is the second parent');
  t.is(git(repo.origin, 'rev-parse', 'ho-prod^1'), git(expected.origin, 'rev-parse', 'ho-prod^1'));
  t.deepEqual(treeOf(repo, 'ho-prod-0.1.0'), treeOf(expected, 'ho-prod-0.1.0'));
  t.is(tagInfo(repo, 'v0.1.0').message, 'Production release %0.1.0');
  t.deepEqual(
    [...originRefs(repo).keys()].sort(),
    [...originRefs(expected).keys()].sort(),
    'same branches and tags: ho-release/0.1.0 and ho-staged/* gone',
  );
});

ft("promote-hotfix on 04-hotfix rewound: half-orm-dev's files and messages, plus the fixes hop-ci makes", async (t) => {
  const expected = originFromBundle(bundle('04-hotfix'));
  const repo = originFromBundle(bundle('04-hotfix'));
  t.teardown(() => (expected.cleanup(), repo.cleanup()));
  git(repo.origin, 'update-ref', 'refs/heads/ho-release/0.1.0', 'ho-prod~1^2');
  git(repo.origin, 'update-ref', 'refs/heads/ho-prod', 'ho-prod~1^1');
  git(repo.origin, 'tag', '-d', 'v0.1.0.post1');

  const run = await promote('hotfix', ciCheckout(repo));
  t.is(run.exitCode, 0, run.ci.errors.join('\n'));
  t.is(subject(repo, 'ho-prod'), subject(expected, 'ho-prod'));
  t.is(subject(repo, 'ho-prod~1'), subject(expected, 'ho-prod~1'));
  t.is(show(repo, 'ho-prod:.hop/releases/0.1.0.post1.txt'), show(expected, 'ho-prod:.hop/releases/0.1.0.post1.txt'));
  t.is(tagInfo(repo, 'v0.1.0.post1').message, tagInfo(expected, 'v0.1.0.post1').message);
  const ours = new Set(treeOf(repo, 'ho-prod'));
  const theirs = new Set(treeOf(expected, 'ho-prod'));
  t.deepEqual(
    [...ours].filter((l) => !theirs.has(l)).sort(),
    ['100644 .hop/model/metadata-0.1.0.post1.sql', '100644 .hop/model/schema-0.1.0.post1.sql'],
    'hop-ci adds the hotfix schema dump and its metadata dump beside the release ones',
  );
  t.deepEqual(
    [...theirs].filter((l) => !ours.has(l)),
    ['100644 .hop/model/release-0.1.0.sql'],
    "half-orm-dev's stale release dump is not brought back",
  );
  t.is(
    show(repo, 'ho-prod:.hop/model/schema.sql'),
    'schema-0.1.0.sql',
    'the link keeps naming a plain X.Y.Z: half-orm-dev parses it with ^schema-(\\d+\\.\\d+\\.\\d+)\\.sql$',
  );
  const refs = originRefs(repo);
  t.true(refs.has('ho-prod-0.1.0.post1'), 'a production branch for the hotfix (half-orm-dev a32 omits it)');
  t.false(refs.has('ho-staged/4-hotfix-email'), "the hotfix patch's ho-staged branch is deleted");
  t.false(refs.has('ho-release/0.1.0'));
});
