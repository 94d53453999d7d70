/**
 * The pure parts of promotion mode pull-request: the mode's parsing, which promotion on
 * ho-prod awaits finalisation (found by its release file and the missing tag), what
 * finalising it does, and the body of the pull/merge request.
 */
import test from 'ava';
import { HopError } from '../src/core/errors.js';
import { pendingPromotion, planFinalisation } from '../src/core/promotion-finalise.js';
import { parsePromotionMode, promotionBranch } from '../src/core/promotion-mode.js';
import type { PromotionScript } from '../src/core/promotion-plan.js';
import { renderPromotionRequestBody } from '../src/core/promotion-request.js';
import { finalisationOf } from '../src/core/promotion-finalise.js';
import type { ProjectFiles } from '../src/core/project-files.js';
import { buildProjectState } from '../src/core/state.js';

function state(releases: Record<string, string>) {
  const f: ProjectFiles = {
    root: '/tmp/p',
    configText: '[halfORM]\nhop_version = 1.0.0-a32\n',
    releaseFiles: Object.entries(releases).map(([name, text]) => ({ name, text })),
    schemaLink: { kind: 'symlink', target: 'schema-0.0.0.sql', targetExists: true },
    modelFiles: [],
    patchDirs: { root: [], staged: [], orphaned: [] },
  };
  return buildProjectState(f);
}

const BRANCHES = ['ho-prod', 'ho-release/0.1.0', 'ho-release/0.2.0', 'ho-patch/9-x', 'ho-staged/1-a', 'ho-staged/7-z', 'hop-promote/0.1.0'];

test('mode: push or pull-request, anything else an input error naming where it was written', (t) => {
  t.is(parsePromotionMode(' pull-request ', 'x'), 'pull-request');
  t.is(parsePromotionMode('push', 'x'), 'push');
  const e = t.throws(() => parsePromotionMode('pr', '.hop/ci.toml'), { instanceOf: HopError });
  t.regex(e!.message, /^\.hop\/ci\.toml: promotion 'pr' is not valid: push or pull-request$/);
  t.is(e!.exitCode, 2);
  t.is(promotionBranch('0.1.0.post1'), 'hop-promote/0.1.0.post1');
});

test('pending: the newest production release on ho-prod whose tag is missing; none before the first or once tagged', (t) => {
  t.is(pendingPromotion(state({}), []), undefined, 'no production release yet');
  const prod = state({ '0.1.0.txt': '1-a\n2-b\n' });
  t.is(pendingPromotion(prod, [])?.release, '0.1.0');
  t.is(pendingPromotion(prod, ['v0.1.0']), undefined);
  const hotfix = state({ '0.1.0.txt': '1-a\n', '0.1.0.post1.txt': '7-z\n' });
  t.is(pendingPromotion(hotfix, ['v0.1.0'])?.release, '0.1.0.post1');
  t.is(pendingPromotion(hotfix, ['v0.1.0', 'v0.1.0.post1']), undefined);
  t.is(pendingPromotion(state({ '0.1.0.txt': '1-a\n', '0.1.0-hotfix1.txt': '7-z\n' }), ['v0.1.0'])?.release, '0.1.0-hotfix1');
});

test('finalisation: tag, ho-prod-X.Y.Z, the branches that exist deleted, .hop/ to the release and patch branches', (t) => {
  const plan = planFinalisation(state({ '0.1.0.txt': '1-a\n2-b\n' }), BRANCHES, [])!;
  t.deepEqual(plan, {
    kind: 'prod',
    version: '0.1.0',
    releaseFile: '.hop/releases/0.1.0.txt',
    patches: ['1-a', '2-b'],
    tag: 'v0.1.0',
    tagMessage: 'Production release %0.1.0',
    createBranches: ['ho-prod-0.1.0'],
    deleteBranches: ['ho-release/0.1.0', 'ho-staged/1-a', 'hop-promote/0.1.0'],
    syncTo: ['ho-release/0.2.0', 'ho-patch/9-x'],
    syncMessage: '[HOP] Sync .hop/ from ho-prod (promote 0.1.0 to prod)',
  });
  const hotfix = planFinalisation(
    state({ '0.1.0.txt': '1-a\n', '0.1.0.post1.txt': '7-z\n' }),
    [...BRANCHES, 'ho-prod-0.1.0.post1'],
    ['v0.1.0'],
  )!;
  t.is(hotfix.kind, 'hotfix');
  t.is(hotfix.tagMessage, 'Hotfix release %0.1.0.post1');
  t.deepEqual(hotfix.createBranches, [], 'an existing ho-prod-X.Y.Z is kept');
  t.deepEqual(hotfix.deleteBranches, ['ho-release/0.1.0', 'ho-staged/7-z']);
  t.is(planFinalisation(state({ '0.1.0.txt': '1-a\n' }), BRANCHES, ['v0.1.0']), undefined);
});

const SCRIPT: PromotionScript = {
  kind: 'prod',
  version: '0.1.0',
  releaseVersion: '0.1.0',
  tag: 'v0.1.0',
  tagMessage: 'Production release %0.1.0',
  releaseFile: '.hop/releases/0.1.0.txt',
  schemaFile: '.hop/model/schema-0.1.0.sql',
  patches: ['1-a', '2-b'],
  steps: [
    { kind: 'merge', branch: 'ho-prod', from: 'ho-release/0.1.0', message: '[HOP] Promote release %0.1.0 to production', changes: [] },
  ],
  source: 'ho-prod',
  syncTo: ['ho-release/0.2.0'],
  syncMessage: '[HOP] Sync .hop/ from ho-prod (promote 0.1.0 to prod)',
  createBranches: ['ho-prod-0.1.0'],
  deleteBranches: ['ho-release/0.1.0'],
};

test('request body: patches, validation, the schema diff, what merging does; a diff too long for GitHub gives way', (t) => {
  const body = (schemaDiff: string) =>
    renderPromotionRequestBody({
      script: SCRIPT,
      validation: '| patch | result |\n|---|---|\n| 1-a | ok |',
      schemaDiff,
      finalisation: finalisationOf(SCRIPT, 'hop-promote/0.1.0'),
      head: 'hop-promote/0.1.0',
      base: 'ho-prod',
      runUrl: 'https://ci.example/run/1',
    });
  const small = body('+CREATE TABLE a ();');
  for (const part of [
    '`1-a`, `2-b`',
    '| 1-a | ok |',
    '[the validation run](https://ci.example/run/1)',
    '```diff\n+CREATE TABLE a ();\n```',
    'create tag v0.1.0 on ho-prod ("Production release %0.1.0")',
    'delete branch hop-promote/0.1.0',
    'commit on ho-release/0.2.0',
  ])
    t.true(small.includes(part), part);
  t.false(small.includes('is on ho-prod'), 'the finalisation is described as what will happen');
  t.regex(body(''), /No change to the schema dump\./);
  const huge = body(`+${'x'.repeat(70_000)}`);
  t.true(huge.length < 65_536, "under GitHub's limit");
  t.regex(huge, /The diff of the schema dump is 70001 characters long: see `\.hop\/model\/schema-0\.1\.0\.sql`/);
});
