/**
 * Compatibility with half-orm-dev: every promotion hop-ci makes on the real trees that
 * half-orm-dev 1.0.0-a32 wrote (../shared/fixtures/half-orm-dev/), rc, prod and hotfix,
 * in both hotfix namings (`.postN`, and `-hotfixN` of hop up to 1.0.0-a18), leaves a tree
 * half-orm-dev reads back: each check in helpers/half-orm-dev-rules.ts names the
 * half-orm-dev function it stands for. Validation is faked: the trees are what is checked.
 */
import test, { type ExecutionContext } from 'ava';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR, fixturesAvailable, git } from './helpers/project.js';
import {
  HOP_A18,
  addPatch,
  ciCheckout,
  createRelease,
  mergePatch,
  originFromBundle,
  originRefs,
  promote,
  reopenHotfix,
  show,
  type HopRepo,
} from './helpers/git-fixture.js';
import { checkHalfOrmDevRules, readPatchesToml, snapshotBefore, tomliWPatches, type PromotionKind } from './helpers/half-orm-dev-rules.js';
import { checkoutRemote, fetchAll, git as devGit } from '../src/demo/hop-acts.js';

// The fixtures are part of the repository's shared tree: on CI their absence is a failure, not a skip.
const ft = fixturesAvailable() || process.env['CI'] === 'true' ? test : test.skip;
const BUNDLES = ['00-release-0.1.0-created', '01-rc1', '02-rc2', '03-prod', '04-hotfix', '05-final', 'upg-after-0.1.1'];

function fixture(t: ExecutionContext, name: string): HopRepo {
  const repo = originFromBundle(path.join(FIXTURES_DIR ?? '', `${name}.bundle`));
  t.teardown(repo.cleanup);
  return repo;
}

async function promoteAndCheck(
  t: ExecutionContext,
  repo: HopRepo,
  kind: PromotionKind,
  release: string,
  naming: 'post' | 'hotfix' = 'post',
) {
  const before = snapshotBefore(repo, release);
  const run = await promote(kind, ciCheckout(repo));
  t.is(run.exitCode, 0, [...run.ci.errors, run.ci.failed ?? ''].join('\n'));
  checkHalfOrmDevRules(t, repo, { kind, release, naming, before });
  return run;
}

/** The project says it is on hop 1.0.0-a18 (`-hotfixN` naming), on every branch half-orm-dev syncs. */
function useHopVersion(repo: HopRepo, version: string): void {
  fetchAll(repo);
  const branches = [...originRefs(repo).keys()].filter((b) => b === 'ho-prod' || b.startsWith('ho-release/') || b.startsWith('ho-patch/'));
  for (const b of branches) {
    checkoutRemote(repo, b);
    const config = path.join(repo.dev, '.hop', 'config');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^hop_version = .*$/m, `hop_version = ${version}`));
    devGit(repo.dev, 'add', '.hop/config');
    devGit(repo.dev, 'commit', '-q', '-m', `[HOP] hop_version ${version}`);
    devGit(repo.dev, 'push', '-q', 'origin', b);
  }
}

ft('the tomli_w layout the checks expect is the one of every TOML in every fixture', (t) => {
  let seen = 0;
  for (const name of BUNDLES) {
    const repo = fixture(t, name);
    for (const line of git(repo.origin, 'log', '--all', '--format=%H', '--', '.hop/releases').split('\n')) {
      for (const f of git(repo.origin, 'ls-tree', '-r', '--name-only', line, '.hop/releases').split('\n')) {
        if (!f.endsWith('-patches.toml')) continue;
        const text = show(repo, `${line}:${f}`);
        t.is(tomliWPatches(readPatchesToml(text)), text, `${name} ${line.slice(0, 8)}:${f}`);
        seen++;
      }
    }
  }
  t.true(seen > 20, `${seen} TOML versions read`);
});

for (const naming of ['post', 'hotfix'] as const) {
  ft(`00-release-0.1.0-created: rc, prod, then a hotfix (${naming === 'post' ? '.postN' : '-hotfixN'} naming)`, async (t) => {
    const repo = fixture(t, '00-release-0.1.0-created');
    if (naming === 'hotfix') useHopVersion(repo, HOP_A18);
    addPatch(repo, '0.1.0', '1-users', { '01_users.sql': 'create table users (id int);\n' });
    mergePatch(repo, '0.1.0', '1-users');
    addPatch(repo, '0.1.0', '2-posts', { '01_posts.sql': 'create table posts (id int);\n' });
    mergePatch(repo, '0.1.0', '2-posts');
    addPatch(repo, '0.1.0', '3-later', { '01.sql': 'create table later ();\n' });
    await promoteAndCheck(t, repo, 'rc', '0.1.0', naming);
    mergePatch(repo, '0.1.0', '3-later');
    await promoteAndCheck(t, repo, 'rc', '0.1.0', naming);
    await promoteAndCheck(t, repo, 'prod', '0.1.0', naming);
    reopenHotfix(repo, '0.1.0');
    addPatch(repo, '0.1.0', '4-email', { '01.sql': 'alter table users add column email text;\n' });
    mergePatch(repo, '0.1.0', '4-email');
    createRelease(repo, '0.2.0');
    addPatch(repo, '0.2.0', '5-tags', { '01.sql': 'create table tags ();\n' });
    const run = await promoteAndCheck(t, repo, 'hotfix', '0.1.0', naming);
    t.is(run.ci.outputs['version'], naming === 'post' ? '0.1.0.post1' : '0.1.0-hotfix1');
  });
}

ft('01-rc1: promote rc writes rc2 after half-orm-dev’s rc1', async (t) => {
  const repo = fixture(t, '01-rc1');
  const run = await promoteAndCheck(t, repo, 'rc', '0.1.0');
  t.is(run.ci.outputs['version'], '0.1.0-rc2');
});

ft('02-rc2: promote prod', async (t) => {
  const repo = fixture(t, '02-rc2');
  await promoteAndCheck(t, repo, 'prod', '0.1.0');
});

ft('03-prod: reopened by half-orm-dev’s acts, promote hotfix (.postN)', async (t) => {
  const repo = fixture(t, '03-prod');
  reopenHotfix(repo, '0.1.0');
  addPatch(repo, '0.1.0', '4-hotfix-email', { '01.sql': 'alter table users alter column email set not null;\n' });
  mergePatch(repo, '0.1.0', '4-hotfix-email');
  const run = await promoteAndCheck(t, repo, 'hotfix', '0.1.0');
  t.is(run.ci.outputs['version'], '0.1.0.post1');
});

ft('04-hotfix rewound before its promote hotfix: hop-ci promotes it instead', async (t) => {
  const repo = fixture(t, '04-hotfix');
  git(repo.origin, 'update-ref', 'refs/heads/ho-release/0.1.0', 'ho-prod~1^2');
  git(repo.origin, 'update-ref', 'refs/heads/ho-prod', 'ho-prod~1^1');
  git(repo.origin, 'tag', '-d', 'v0.1.0.post1');
  await promoteAndCheck(t, repo, 'hotfix', '0.1.0');
});

ft('05-final: promote rc of 0.2.0 (a patch branch to sync), then its candidate merged and promote prod', async (t) => {
  const repo = fixture(t, '05-final');
  await promoteAndCheck(t, repo, 'rc', '0.2.0');
  mergePatch(repo, '0.2.0', '6-comments');
  await promoteAndCheck(t, repo, 'prod', '0.2.0');
});

ft('upg-after-0.1.1: reopened, promote hotfix in -hotfixN naming (hop 1.0.0-a18)', async (t) => {
  const repo = fixture(t, 'upg-after-0.1.1');
  reopenHotfix(repo, '0.1.1');
  useHopVersion(repo, HOP_A18);
  addPatch(repo, '0.1.1', '9-fix', { '01.sql': 'select 1;\n' });
  mergePatch(repo, '0.1.1', '9-fix');
  const run = await promoteAndCheck(t, repo, 'hotfix', '0.1.1', 'hotfix');
  t.is(run.ci.outputs['version'], '0.1.1-hotfix1');
});
