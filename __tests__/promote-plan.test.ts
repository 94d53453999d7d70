/** The pure side of promotions: scripts, sync rules, messages, dump variant. No I/O. */
import test from 'ava';
import { buildProjectState } from '../src/core/state.js';
import { buildPromotionScript, metadataVariant, renderPromotionScript, type PromotionInputs } from '../src/core/promotion-plan.js';
import { syncRemovals, syncTargets } from '../src/core/promotion-sync.js';
import { isRefusal, planPromotion, type PromotionKind } from '../src/core/rules.js';
import { HopError } from '../src/core/errors.js';

function state(releases: Record<string, string>, hopVersion = '1.0.0-a32', modelFiles = ['schema-0.0.0.sql', 'release-0.1.0.sql']) {
  return buildProjectState({
    root: '/p',
    configText: `[halfORM]\nhop_version = ${hopVersion}\n`,
    releaseFiles: Object.entries(releases).map(([name, text]) => ({ name, text })),
    schemaLink: { kind: 'symlink', target: 'schema-0.0.0.sql', targetExists: true },
    modelFiles,
    patchDirs: { root: [], staged: [], orphaned: [] },
  });
}

const TOML = '[patches.1-a]\nstatus = "staged"\nmerge_commit = "aaaaaaaa"\n\n[patches.2-b]\nstatus = "staged"\n';
const BRANCHES = ['ho-prod', 'ho-release/0.1.0', 'ho-release/0.2.0', 'ho-patch/9-x', 'ho-staged/1-a', 'ho-staged/2-b', 'ho-prod-0.0.1'];

function inputs(kind: PromotionKind, releases: Record<string, string>, extra: Partial<PromotionInputs> = {}): PromotionInputs {
  const s = state(releases);
  const target = planPromotion(s, kind);
  if (isRefusal(target)) throw new Error(target.error);
  return { state: s, target, remoteBranches: BRANCHES, remoteTags: [], ...extra };
}

test('rc: one commit on the release branch, the snapshot with merge commits, synced everywhere but ho-staged', (t) => {
  const script = buildPromotionScript(inputs('rc', { '0.1.0-patches.toml': TOML, '0.1.0-rc1.txt': '1-a:aaaaaaaa\n' }));
  t.deepEqual(script.steps, [
    {
      kind: 'commit',
      branch: 'ho-release/0.1.0',
      message: '[HOP] Promote release %0.1.0 to RC 2',
      changes: [{ kind: 'write', path: '.hop/releases/0.1.0-rc2.txt', text: '1-a:aaaaaaaa\n2-b\n' }],
    },
  ]);
  t.is(script.tag, 'v0.1.0-rc2');
  t.is(script.tagMessage, 'Release Candidate %0.1.0');
  t.deepEqual(script.syncTo, ['ho-prod', 'ho-release/0.2.0', 'ho-patch/9-x']);
  t.is(script.syncMessage, '[HOP] Sync .hop/ from ho-release/0.1.0 (promote 0.1.0 to rc)');
  t.deepEqual([script.createBranches, script.deleteBranches], [[], []]);
});

test('prod: one merge commit with every file change; refs created and deleted', (t) => {
  const script = buildPromotionScript(inputs('prod', { '0.1.0-patches.toml': TOML }, { dumps: { schema: 'S', metadata: 'M' } }));
  t.deepEqual(script.steps, [
    {
      kind: 'merge',
      branch: 'ho-prod',
      from: 'ho-release/0.1.0',
      message: '[HOP] Promote release %0.1.0 to production',
      changes: [
        { kind: 'write', path: '.hop/releases/0.1.0.txt', text: '1-a\n2-b\n' },
        { kind: 'remove', path: '.hop/releases/0.1.0-patches.toml' },
        { kind: 'write', path: '.hop/model/schema-0.1.0.sql', text: 'S' },
        { kind: 'symlink', path: '.hop/model/schema.sql', target: 'schema-0.1.0.sql' },
        { kind: 'write', path: '.hop/model/metadata-0.1.0.sql', text: 'M' },
        { kind: 'remove', path: '.hop/model/release-0.1.0.sql' },
      ],
    },
  ]);
  t.deepEqual(script.createBranches, ['ho-prod-0.1.0']);
  t.deepEqual(script.deleteBranches, ['ho-release/0.1.0', 'ho-staged/1-a', 'ho-staged/2-b']);
  t.deepEqual(script.syncTo, ['ho-release/0.2.0', 'ho-patch/9-x']);
  t.is(script.syncMessage, '[HOP] Sync .hop/ from ho-prod (promote 0.1.0 to prod)');
  t.is(script.schemaFile, '.hop/model/schema-0.1.0.sql');
  const text = renderPromotionScript(script);
  t.regex(text, /create branch ho-prod-0\.1\.0 at ho-prod\n {2}move branch ho-prod\n {2}move branch ho-release\/0\.2\.0/);
});

test('hotfix: a merge commit then a finalize commit; -hotfixN naming kept', (t) => {
  const releases = { '0.1.0.txt': '1-a\n', '0.1.0-hotfix1.txt': '3-c\n', '0.1.0-patches.toml': '[patches.4-d]\nstatus = "staged"\n' };
  const script = buildPromotionScript(inputs('hotfix', releases, { dumps: { schema: 'S', metadata: 'M' } }));
  t.is(script.version, '0.1.0-hotfix2');
  t.deepEqual(
    script.steps.map((s) => [s.kind, s.message, s.changes.map((c) => `${c.kind} ${c.path}`)]),
    [
      ['merge', '[release] Merge hotfix %0.1.0-hotfix2', []],
      [
        'commit',
        '[HOP] Finalize hotfix %0.1.0-hotfix2 release files',
        [
          'write .hop/releases/0.1.0-hotfix2.txt',
          'remove .hop/releases/0.1.0-patches.toml',
          'write .hop/model/schema-0.1.0-hotfix2.sql',
          'write .hop/model/metadata-0.1.0-hotfix2.sql',
          'remove .hop/model/release-0.1.0.sql',
        ],
      ],
    ],
  );
  t.is(script.tagMessage, 'Hotfix release %0.1.0-hotfix2');
  t.deepEqual(script.createBranches, ['ho-prod-0.1.0-hotfix2']);
});

test('hotfix: schema.sql stays on schema-X.Y.Z.sql, and goes back there from a .postN dump an earlier hop-ci linked', (t) => {
  const hotfixState = (link: string) =>
    buildProjectState({
      root: '/p',
      configText: '[halfORM]\nhop_version = 1.0.0-a32\n',
      releaseFiles: [
        { name: '0.1.0.txt', text: '1-a\n' },
        { name: '0.1.0.post1.txt', text: '2-b\n' },
        { name: '0.1.0-patches.toml', text: '[patches.3-c]\nstatus = "staged"\n' },
      ],
      schemaLink: { kind: 'symlink', target: link, targetExists: true },
      modelFiles: ['schema-0.1.0.sql', 'schema-0.1.0.post1.sql', 'schema.sql'],
      patchDirs: { root: [], staged: [], orphaned: [] },
    });
  const links = (link: string) => {
    const s = hotfixState(link);
    const target = planPromotion(s, 'hotfix');
    if (isRefusal(target)) throw new Error(target.error);
    const script = buildPromotionScript({
      state: s,
      target,
      remoteBranches: BRANCHES,
      remoteTags: [],
      dumps: { schema: 'S', metadata: 'M' },
    });
    t.is(script.schemaFile, '.hop/model/schema-0.1.0.post2.sql');
    return script.steps.flatMap((st) => st.changes).filter((c) => c.kind === 'symlink');
  };
  t.deepEqual(links('schema-0.1.0.sql'), [], 'half-orm-dev parses the target with ^schema-(\\d+\\.\\d+\\.\\d+)\\.sql$');
  t.deepEqual(links('schema-0.1.0.post1.sql'), [{ kind: 'symlink', path: '.hop/model/schema.sql', target: 'schema-0.1.0.sql' }]);
});

test('refusals on refs: tag exists, prod branch exists, release branch or ho-prod missing', (t) => {
  const rel = { '0.1.0-patches.toml': TOML };
  const codes = (extra: Partial<PromotionInputs>, kind: PromotionKind = 'prod') => {
    const e = t.throws(() => buildPromotionScript(inputs(kind, rel, extra)), { instanceOf: HopError });
    t.is(e?.kind, 'refused');
    return e?.code;
  };
  t.is(codes({ remoteTags: ['v0.1.0'] }), 'tag-exists');
  t.is(codes({ remoteBranches: [...BRANCHES, 'ho-prod-0.1.0'] }), 'branch-exists');
  t.is(codes({ remoteBranches: ['ho-prod'] }, 'rc'), 'release-branch-missing');
  t.is(codes({ remoteBranches: ['ho-release/0.1.0'] }, 'rc'), 'no-ho-prod');
});

test('metadata or data dumps: hop_version decides, else the files there', (t) => {
  t.is(metadataVariant(state({}, '1.0.0-a32')), 'metadata');
  t.is(metadataVariant(state({}, '1.0.0-a33')), 'data');
  t.is(metadataVariant(state({}, '0.17.4')), 'metadata');
  const noVersion = buildProjectState({
    ...{
      root: '/p',
      configText: '[halfORM]\n',
      releaseFiles: [],
      schemaLink: { kind: 'missing' },
      patchDirs: { root: [], staged: [], orphaned: [] },
    },
    modelFiles: ['data-0.0.0.sql'],
  });
  t.is(metadataVariant(noVersion), 'data');
});

test('sync: copies everything, removes what the source dropped, keeps release files of versions it does not know', (t) => {
  const source = ['.hop/config', '.hop/releases/0.1.0.txt', '.hop/model/schema-0.1.0.sql'];
  const target = ['.hop/config', '.hop/releases/0.1.0-patches.toml', '.hop/releases/0.3.0-patches.toml', '.hop/model/release-0.1.0.sql'];
  t.deepEqual(syncRemovals(source, target), ['.hop/model/release-0.1.0.sql', '.hop/releases/0.1.0-patches.toml']);
  t.deepEqual(syncTargets(['ho-patch/b', 'ho-staged/a', 'ho-release/0.2.0', 'ho-prod', 'ho-prod-0.1.0', 'feature/x'], 'ho-release/0.2.0'), [
    'ho-prod',
    'ho-patch/b',
  ]);
});
