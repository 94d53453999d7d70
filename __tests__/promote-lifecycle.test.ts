/**
 * A whole release lifecycle through hop-ci's promotions, on real git (a bare origin, shallow
 * detached CI clones), with half-orm-dev's acts in between: 0.1.0 with three patches → rc1 →
 * a fix patch → rc2 → prod → hotfix reopened → hotfix 1 → 0.2.0, in both hotfix namings.
 * Validation is faked in two runs and real (PostgreSQL) in the third.
 */
import test, { type ExecutionContext } from 'ava';
import {
  HOP_A18,
  HOP_A32,
  addPatch,
  ciCheckout,
  configFor,
  createRelease,
  fakeValidator,
  initHopRepo,
  mergePatch,
  originFromBundle,
  originRefs,
  parents,
  promote,
  reopenHotfix,
  show,
  subject,
  tagInfo,
  treeOf,
  type HopRepo,
} from './helpers/git-fixture.js';
import { FIXTURES_DIR, fixturesAvailable, git } from './helpers/project.js';
import { createReleaseValidator } from '../src/stages/validation/release-validator.js';
import { recordReleaseInDatabase } from '../src/stages/promotion/record-release.js';
import type { StageContext } from '../src/ports.js';
import { planBaseline } from '../src/core/baseline.js';
import { expectedSchemaCandidates } from '../src/core/upgrade-drift.js';
import { parseRelease } from '../src/core/version.js';
import { buildProjectState } from '../src/core/state.js';
import { FsWorkspace } from '../src/adapters/workspace-fs.js';

const BOT = 'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>';

/** `schema-0.0.0.sql` and `metadata-0.0.0.sql` as `half_orm dev init` wrote them (fixture 00). */
function baseline000(): Record<string, string> {
  const fixture = originFromBundle(`${FIXTURES_DIR}/00-release-0.1.0-created.bundle`);
  try {
    const read = (file: string) => show(fixture, `ho-prod:.hop/model/${file}`);
    return { 'schema-0.0.0.sql': read('schema-0.0.0.sql'), 'metadata-0.0.0.sql': read('metadata-0.0.0.sql') };
  } finally {
    fixture.cleanup();
  }
}

/** The baseline a validation on `branch` would restore, as read from a fresh checkout. */
async function baselineOn(repo: HopRepo, branch: string) {
  const { release, dump, exact, steps } = planBaseline(buildProjectState(await new FsWorkspace().readProject(ciCheckout(repo, branch))));
  return { release, dump, exact, steps: steps.map((s) => (s.kind === 'psql' ? s.file : `patch ${s.id}`)) };
}

function commitOf(repo: HopRepo, ref: string): string {
  return git(repo.origin, 'rev-parse', ref);
}

function branches(repo: HopRepo): string[] {
  return [...originRefs(repo).keys()].filter((r) => !r.startsWith('tag:')).sort();
}

function tags(repo: HopRepo): string[] {
  return [...originRefs(repo).keys()]
    .filter((r) => r.startsWith('tag:'))
    .map((r) => r.slice(4))
    .sort();
}

async function lifecycle(t: ExecutionContext, hopVersion: string, hotfix: string, variant: 'metadata' | 'data', real = false) {
  // The real validator dumps half_orm_meta: start from half-orm-dev's own 0.0.0 baseline.
  const repo = initHopRepo({ config: configFor(hopVersion), ...(real ? { model: baseline000() } : {}) });
  t.teardown(repo.cleanup);
  const fake = fakeValidator();
  const validator = real ? (ctx: StageContext) => createReleaseValidator(ctx) : fake;
  const inputs: Record<string, string> = real ? { 'test-command': 'none' } : {};

  // release 0.1.0: three patches staged, a fourth still a candidate on its branch
  createRelease(repo, '0.1.0');
  for (const id of ['1-users', '2-posts', '3-tags']) {
    addPatch(repo, '0.1.0', id, { '01.sql': `create table ${id.split('-')[1]} ();\n` });
    mergePatch(repo, '0.1.0', id);
  }
  addPatch(repo, '0.1.0', '4-fix', { '01.sql': 'alter table posts add column x int;\n' });
  const merges = Object.fromEntries(['1-users', '2-posts', '3-tags'].map((id) => [id, commitOf(repo, `ho-staged/${id}`).slice(0, 8)]));
  const tomlBefore = show(repo, 'ho-release/0.1.0:.hop/releases/0.1.0-patches.toml');
  const stagedBefore = commitOf(repo, 'ho-staged/1-users');

  // ---- rc1
  let run = await promote('rc', ciCheckout(repo), inputs, { validator });
  t.is(run.exitCode, 0, [...run.ci.errors, run.ci.failed ?? ''].join('\n'));
  if (!real)
    t.deepEqual(fake.calls.at(-1), {
      root: fake.calls.at(-1)?.root ?? '',
      version: '0.1.0',
      stagedFolders: ['1-users', '2-posts', '3-tags'],
    });
  const rc1 = `1-users:${merges['1-users']}\n2-posts:${merges['2-posts']}\n3-tags:${merges['3-tags']}\n`;
  t.is(show(repo, 'ho-release/0.1.0:.hop/releases/0.1.0-rc1.txt'), rc1);
  t.is(subject(repo, 'ho-release/0.1.0'), '[HOP] Promote release %0.1.0 to RC 1');
  t.is(git(repo.origin, 'log', '-1', '--format=%an <%ae>', 'ho-release/0.1.0'), BOT);
  t.deepEqual(tagInfo(repo, 'v0.1.0-rc1'), {
    type: 'tag',
    target: commitOf(repo, 'ho-release/0.1.0'),
    message: 'Release Candidate %0.1.0',
  });
  t.is(show(repo, 'ho-release/0.1.0:.hop/releases/0.1.0-patches.toml'), tomlBefore, 'promote rc leaves the TOML as it is');
  for (const b of ['ho-prod', 'ho-patch/4-fix']) {
    t.is(subject(repo, b), '[HOP] Sync .hop/ from ho-release/0.1.0 (promote 0.1.0 to rc)', b);
    t.is(show(repo, `${b}:.hop/releases/0.1.0-rc1.txt`), rc1, b);
  }
  t.is(commitOf(repo, 'ho-staged/1-users'), stagedBefore, 'ho-staged/* are frozen: never synced');
  t.deepEqual(run.ci.outputs, {
    version: '0.1.0-rc1',
    tag: 'v0.1.0-rc1',
    patches: '["1-users","2-posts","3-tags"]',
    'release-file': '.hop/releases/0.1.0-rc1.txt',
    'schema-file': '',
    result: 'success',
  });

  // ---- the fix patch, rc2 (cumulative)
  mergePatch(repo, '0.1.0', '4-fix');
  const fixMerge = commitOf(repo, 'ho-staged/4-fix').slice(0, 8);
  run = await promote('rc', ciCheckout(repo), inputs, { validator });
  t.is(run.exitCode, 0, [...run.ci.errors, run.ci.failed ?? ''].join('\n'));
  t.is(show(repo, 'ho-release/0.1.0:.hop/releases/0.1.0-rc2.txt'), `${rc1}4-fix:${fixMerge}\n`);
  t.is(subject(repo, 'ho-release/0.1.0'), '[HOP] Promote release %0.1.0 to RC 2');
  t.is(tagInfo(repo, 'v0.1.0-rc2').message, 'Release Candidate %0.1.0');
  t.deepEqual(tags(repo), ['v0.1.0-rc1', 'v0.1.0-rc2']);

  // ---- prod
  const prodBefore = commitOf(repo, 'ho-prod');
  const releaseTip = commitOf(repo, 'ho-release/0.1.0');
  run = await promote('prod', ciCheckout(repo), inputs, { validator, ...(real ? { recordRelease: recordReleaseInDatabase } : {}) });
  t.is(run.exitCode, 0, [...run.ci.errors, run.ci.failed ?? ''].join('\n'));
  t.is(subject(repo, 'ho-prod'), '[HOP] Promote release %0.1.0 to production');
  t.deepEqual(parents(repo, 'ho-prod'), [prodBefore, releaseTip], 'one merge commit: ho-prod, then the release');
  t.is(show(repo, 'ho-prod:.hop/releases/0.1.0.txt'), '1-users\n2-posts\n3-tags\n4-fix\n');
  if (real)
    t.regex(
      show(repo, 'ho-prod:.hop/model/schema-0.1.0.sql'),
      /CREATE TABLE public\.posts \(\n {4}x integer\n\);/,
      'the dump of the validated database',
    );
  else t.is(show(repo, 'ho-prod:.hop/model/schema-0.1.0.sql'), '-- schema of 0.1.0\nCREATE TABLE t ();\n', 'the dump is normalised');
  t.is(show(repo, 'ho-prod:.hop/model/schema.sql'), 'schema-0.1.0.sql');
  if (!real) t.is(show(repo, `ho-prod:.hop/model/${variant}-0.1.0.sql`), `-- ${variant} of 0.1.0\n`);
  t.deepEqual(treeOf(repo, 'ho-prod'), [
    '100644 .hop/config',
    ...(real ? ['100644 .hop/model/metadata-0.0.0.sql'] : []),
    `100644 .hop/model/${variant}-0.1.0.sql`,
    '100644 .hop/model/schema-0.0.0.sql',
    '100644 .hop/model/schema-0.1.0.sql',
    '120000 .hop/model/schema.sql',
    '100644 .hop/releases/0.1.0-rc1.txt',
    '100644 .hop/releases/0.1.0-rc2.txt',
    '100644 .hop/releases/0.1.0.txt',
    '100644 .hop/releases/README.md',
    '100644 Patches/README.md',
    '100644 Patches/staged/1-users/01.sql',
    '100644 Patches/staged/2-posts/01.sql',
    '100644 Patches/staged/3-tags/01.sql',
    '100644 Patches/staged/4-fix/01.sql',
  ]);
  t.deepEqual(tagInfo(repo, 'v0.1.0'), { type: 'tag', target: commitOf(repo, 'ho-prod'), message: 'Production release %0.1.0' });
  t.deepEqual(branches(repo), ['ho-prod', 'ho-prod-0.1.0'], 'release and ho-staged branches deleted');
  t.is(commitOf(repo, 'ho-prod-0.1.0'), commitOf(repo, 'ho-prod'));
  t.is(run.ci.outputs['schema-file'], '.hop/model/schema-0.1.0.sql');

  // ---- hotfix
  reopenHotfix(repo, '0.1.0');
  addPatch(repo, '0.1.0', '5-email', { '01.sql': 'alter table users add column email text;\n' });
  mergePatch(repo, '0.1.0', '5-email');
  const prodBeforeHotfix = commitOf(repo, 'ho-prod');
  const hotfixTip = commitOf(repo, 'ho-release/0.1.0');
  run = await promote('hotfix', ciCheckout(repo), inputs, { validator });
  t.is(run.exitCode, 0, [...run.ci.errors, run.ci.failed ?? ''].join('\n'));
  t.is(subject(repo, 'ho-prod'), `[HOP] Finalize hotfix %${hotfix} release files`);
  t.is(subject(repo, 'ho-prod~1'), `[release] Merge hotfix %${hotfix}`);
  t.deepEqual(parents(repo, 'ho-prod~1'), [prodBeforeHotfix, hotfixTip]);
  t.is(show(repo, `ho-prod:.hop/releases/${hotfix}.txt`), '5-email\n');
  t.is(
    show(repo, 'ho-prod:.hop/model/schema.sql'),
    'schema-0.1.0.sql',
    'the link stays on the release: half-orm-dev reads only X.Y.Z there',
  );
  t.deepEqual(
    await baselineOn(repo, 'ho-prod'),
    {
      release: hotfix,
      dump: `.hop/model/schema-${hotfix}.sql`,
      exact: true,
      steps: [`.hop/model/schema-${hotfix}.sql`, `.hop/model/${variant}-${hotfix}.sql`],
    },
    "the baseline is the hotfix level's own dump, no hotfix patch replayed",
  );
  // The upgrade's drift check reads the recorded dump of a level at its tag.
  const atTag = git(repo.origin, 'ls-tree', '--name-only', `v${hotfix}:.hop/model`).split('\n');
  t.true(
    atTag.includes(expectedSchemaCandidates(parseRelease(hotfix), { production: [] })[0]!.path.replace('.hop/model/', '')),
    `the drift check finds ${hotfix}'s own dump at tag v${hotfix}`,
  );
  if (real)
    t.regex(
      show(repo, `ho-prod:.hop/model/schema-${hotfix}.sql`),
      /CREATE TABLE public\.users \(\n {4}email text\n\);/,
      'the hotfix is in the new dump',
    );
  else t.is(show(repo, `ho-prod:.hop/model/schema-${hotfix}.sql`), `-- schema of 0.1.0\nCREATE TABLE t ();\n`);
  t.true(treeOf(repo, 'ho-prod').includes(`100644 .hop/model/${variant}-${hotfix}.sql`));
  t.false(
    treeOf(repo, 'ho-prod').some((l) => l.endsWith('0.1.0-patches.toml')),
    'the TOML is removed',
  );
  t.true(treeOf(repo, 'ho-prod').includes('100644 Patches/staged/5-email/01.sql'));
  t.deepEqual(tagInfo(repo, `v${hotfix}`), { type: 'tag', target: commitOf(repo, 'ho-prod'), message: `Hotfix release %${hotfix}` });
  t.deepEqual(
    branches(repo),
    ['ho-prod', 'ho-prod-0.1.0', `ho-prod-${hotfix}`],
    'ho-release/0.1.0 and ho-staged/5-email deleted; the hotfix has its prod branch',
  );
  t.is(run.ci.outputs['version'], hotfix);

  // ---- release 0.2.0
  createRelease(repo, '0.2.0');
  // Depends on the hotfix: a baseline without users.email fails it.
  addPatch(repo, '0.2.0', '6-comments', { '01.sql': 'create table comments ();\ncreate index on users (email);\n' });
  mergePatch(repo, '0.2.0', '6-comments');
  run = await promote('rc', ciCheckout(repo), inputs, { validator });
  t.is(run.exitCode, 0, [...run.ci.errors, run.ci.failed ?? ''].join('\n'));
  if (real) {
    t.true(run.ci.logs.includes(`  ✓ .hop/model/schema-${hotfix}.sql`), 'validation restores the hotfix level dump');
    t.false(
      run.ci.logs.some((l) => l.includes(`hotfix ${hotfix}:`)),
      'and replays no hotfix patch over it',
    );
  }
  run = await promote('prod', ciCheckout(repo), inputs, { validator, ...(real ? { recordRelease: recordReleaseInDatabase } : {}) });
  t.is(run.exitCode, 0, [...run.ci.errors, run.ci.failed ?? ''].join('\n'));
  t.is(show(repo, 'ho-prod:.hop/releases/0.2.0.txt'), '6-comments\n');
  t.is(show(repo, 'ho-prod:.hop/model/schema.sql'), 'schema-0.2.0.sql');
  t.deepEqual(branches(repo), ['ho-prod', 'ho-prod-0.1.0', `ho-prod-${hotfix}`, 'ho-prod-0.2.0']);
  t.deepEqual(tags(repo), ['v0.1.0', 'v0.1.0-rc1', 'v0.1.0-rc2', `v${hotfix}`, 'v0.2.0', 'v0.2.0-rc1'].sort());
  if (!real)
    t.deepEqual(
      fake.calls.map((c) => c.version),
      ['0.1.0', '0.1.0', '0.1.0', '0.1.0', '0.2.0', '0.2.0'],
    );
}

test('lifecycle with .postN hotfixes (hop 1.0.0-a32, metadata dumps)', (t) => lifecycle(t, HOP_A32, '0.1.0.post1', 'metadata'));
test('lifecycle with -hotfixN hotfixes (hop 1.0.0-a18)', (t) => lifecycle(t, HOP_A18, '0.1.0-hotfix1', 'metadata'));
(fixturesAvailable() ? test : test.skip)('rc1, rc2, prod and a hotfix with the real validator on PostgreSQL (hop 1.0.0-a32)', (t) =>
  lifecycle(t, HOP_A32, '0.1.0.post1', 'metadata', true),
);
