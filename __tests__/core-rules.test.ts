import test from 'ava';
import { buildProjectState } from '../src/core/state.js';
import type { ProjectFiles } from '../src/core/project-files.js';
import {
  checkMergeOrder,
  isRefusal,
  nextHotfixId,
  nextRcNumber,
  planPromoteHotfix,
  planPromoteProd,
  planPromoteRc,
  upgradePath,
} from '../src/core/rules.js';
import { formatRelease } from '../src/core/version.js';
import { buildMatrix, buildPlan } from '../src/core/plan.js';

function state(releases: Record<string, string>, hopVersion = '1.0.0-a32') {
  const f: ProjectFiles = {
    root: '/tmp/p',
    configText: `[halfORM]\nhop_version = ${hopVersion}\n`,
    releaseFiles: Object.entries(releases).map(([name, text]) => ({ name, text })),
    schemaLink: { kind: 'symlink', target: 'schema-0.0.0.sql', targetExists: true },
    modelFiles: [],
    patchDirs: { root: [], staged: ['1-a'], orphaned: [] },
  };
  return buildProjectState(f);
}

const staged = (...ids: string[]) => ids.map((id) => `[patches.${id}]\nstatus = "staged"\n`).join('\n');

test('promote rc: the smallest release, next rc number', (t) => {
  const s = state({ '0.1.0-patches.toml': staged('1-a'), '0.1.0-rc1.txt': '1-a:aaaaaaaa\n', '0.2.0-patches.toml': staged('2-b') });
  const p = planPromoteRc(s);
  t.false(isRefusal(p));
  if (!isRefusal(p)) {
    t.is(p.version, '0.1.0-rc2');
    t.is(p.tag, 'v0.1.0-rc2');
    t.is(p.file, '.hop/releases/0.1.0-rc2.txt');
  }
  t.is(nextRcNumber(s, '0.2.0'), 1);
  const wrong = planPromoteRc(s, '0.2.0');
  t.true(isRefusal(wrong));
  if (isRefusal(wrong)) t.regex(wrong.error, /0\.2\.0 cannot be promoted to rc now: 0\.1\.0 comes first/);
});

test('promote rc ignores an open hotfix; refuses with no staged patches', (t) => {
  const s = state({ '0.1.0.txt': '1-a\n', '0.1.0-patches.toml': staged('3-c'), '0.2.0-patches.toml': '[patches]\n"2-b" = "candidate"\n' });
  const p = planPromoteRc(s);
  t.true(isRefusal(p));
  if (isRefusal(p)) t.is(p.error, 'release 0.2.0 has no staged patches');
  const none = planPromoteRc(state({}));
  t.true(isRefusal(none) && /no release in preparation/.test(none.error));
});

test('promote prod: refuses while candidates remain or a hotfix is open', (t) => {
  const cands = planPromoteProd(state({ '0.1.0-patches.toml': staged('1-a') + '\n[patches.2-b]\nstatus = "candidate"\n' }));
  t.true(isRefusal(cands) && /still has candidate patches: 2-b/.test(cands.error));
  const hot = planPromoteProd(state({ '0.1.0.txt': '1-a\n', '0.1.0-patches.toml': staged('3-c'), '0.2.0-patches.toml': staged('2-b') }));
  t.true(isRefusal(hot) && /hotfix 0\.1\.0 is open/.test(hot.error));
  const ok = planPromoteProd(state({ '0.1.0-patches.toml': staged('1-a'), '0.1.0-rc1.txt': '1-a:aaaaaaaa\n' }));
  t.false(isRefusal(ok));
  if (!isRefusal(ok)) t.deepEqual([ok.version, ok.tag, ok.file], ['0.1.0', 'v0.1.0', '.hop/releases/0.1.0.txt']);
});

test("promote hotfix: next name in the repository's naming", (t) => {
  const post = state({ '0.1.0.txt': '1-a\n', '0.1.0.post1.txt': '2-b\n', '0.1.0-patches.toml': staged('3-c') });
  const p = planPromoteHotfix(post);
  t.false(isRefusal(p));
  if (!isRefusal(p)) t.deepEqual([p.version, p.tag], ['0.1.0.post2', 'v0.1.0.post2']);
  const old = state({ '0.1.0.txt': '1-a\n', '0.1.0-patches.toml': staged('3-c') }, '1.0.0-a10');
  const q = planPromoteHotfix(old);
  if (!isRefusal(q)) t.deepEqual([q.version, q.tag], ['0.1.0-hotfix1', 'v0.1.0-hotfix1']);
  else t.fail(q.error);
  t.is(formatRelease(nextHotfixId(post, '0.1.0')), '0.1.0.post2');
});

test('promote hotfix: refused when none is open or the release is not production', (t) => {
  const none = planPromoteHotfix(state({ '0.1.0.txt': '1-a\n' }));
  t.true(isRefusal(none) && /no production release is reopened/.test(none.error));
  const old = planPromoteHotfix(state({ '0.1.0.txt': '1-a\n', '0.2.0.txt': '2-b\n', '0.1.0-patches.toml': staged('3-c') }));
  t.true(isRefusal(old) && /0\.1\.0 is reopened for a hotfix but is not the production release \(production is 0\.2\.0\)/.test(old.error));
  const empty = planPromoteHotfix(state({ '0.1.0.txt': '1-a\n', '0.1.0-patches.toml': '[patches]\n' }));
  t.true(isRefusal(empty) && /no staged patches/.test(empty.error));
});

test('merge order: no merge into V while a smaller release has patches', (t) => {
  const s = state({
    '0.1.0.txt': '1-a\n',
    '0.1.0-patches.toml': '[patches]\n"9-h" = "candidate"\n',
    '0.2.0-patches.toml': staged('2-b'),
    '0.3.0-patches.toml': '[patches]\n',
  });
  t.deepEqual(checkMergeOrder(s, '0.1.0'), { ok: true });
  const blocked = checkMergeOrder(s, '0.3.0');
  t.false(blocked.ok);
  if (!blocked.ok) t.deepEqual(blocked.blockers, ['0.1.0', '0.2.0']);
});

test('upgrade path: releases and hotfixes in order; rc only on request', (t) => {
  const s = state({ '0.1.0.txt': '', '0.1.0.post1.txt': '', '0.1.0-rc1.txt': '', '0.2.0-rc1.txt': '', '0.2.0.txt': '', '0.3.0.txt': '' });
  t.deepEqual(
    upgradePath(s, '0.0.0').map((r) => r.release),
    ['0.1.0', '0.1.0.post1', '0.2.0', '0.3.0'],
  );
  t.deepEqual(
    upgradePath(s, '0.1.0', { to: '0.2.0' }).map((r) => r.release),
    ['0.1.0.post1', '0.2.0'],
  );
  t.deepEqual(
    upgradePath(s, '0.1.0.post1', { includeRc: true, to: '0.2.0' }).map((r) => r.release),
    ['0.2.0-rc1', '0.2.0'],
  );
  t.deepEqual(upgradePath(s, '0.3.0'), []);
  t.throws(() => upgradePath(s, '0.2.0', { to: '0.1.0' }), { message: /cannot go down/ });
  t.throws(() => upgradePath(s, '0.1.0', { to: '0.9.0' }), { message: /0\.9\.0 is not a known/ });
});

test('plan JSON and matrix keep application order and report folders', (t) => {
  const s = state({ '0.1.0-patches.toml': '[patches]\n"1-a" = "staged"\n"456" = "candidate"\n', '0.1.0-rc1.txt': '1-a:aaaaaaaa\n' });
  const plan = buildPlan(s, { from: '0.0.0' });
  t.is(plan.production, null);
  t.deepEqual(plan.rcs, { '0.1.0': [1] });
  t.deepEqual(plan.inPreparation[0]!.patches, [
    { id: '1-a', status: 'staged', folder: 'Patches/staged/1-a' },
    { id: '456', status: 'candidate', folder: null, branch: 'ho-patch/456' },
  ]);
  t.deepEqual(plan.promote.rc, { version: '0.1.0-rc2', tag: 'v0.1.0-rc2' });
  t.deepEqual(plan.upgrade, []);
  t.deepEqual(buildMatrix(s), [
    { patch: '1-a', release: '0.1.0' },
    { patch: '456', release: '0.1.0' },
  ]);
});
