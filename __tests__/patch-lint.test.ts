/**
 * squawk's lint of a patch (issue 16) on a real PostgreSQL, over the fixture 05-final
 * (baseline 0.1.0.post1 has public.posts): findings at file:line on an existing table,
 * none on a table the release creates, moot rules off, `lint: fail` fails the stage, a
 * GitLab run writes the Code Quality report.
 */
import test from 'ava';
import { existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { SourceLocation } from '../src/ports.js';
import type { LintFinding } from '../src/core/lint.js';
import { validatePatchStage } from '../src/stages/validate-patch.js';
import { validateReleaseStage } from '../src/stages/validate-release.js';
import { CODE_QUALITY_REPORT } from '../src/stages/validation/lint.js';
import { closeSharedCluster, hopdemoStandIn, recordingCi, sharedCluster, stageContext } from './helpers/pg.js';
import { cloneFixture, fixturesAvailable, tempDir } from './helpers/project.js';

const ft = fixturesAvailable() ? test : test.skip;

/** One stand-in of the project package for the file, removed after. */
let standIn: string | undefined;

test.after.always(async () => {
  await closeSharedCluster();
  if (standIn) rmSync(standIn, { recursive: true, force: true });
});

async function envFor(): Promise<Record<string, string | undefined>> {
  const server = await sharedCluster();
  return {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    DATABASE_URL: server.url('postgres'),
    PYTHONPATH: (standIn ??= hopdemoStandIn()),
  };
}

/** 6-comments (creates public.comments) plus statements on posts, which exists before the release, and on comments. */
const EXTRA = [
  '-- on an existing table: reported',
  'ALTER TABLE public.posts ADD COLUMN views bigint;',
  'CREATE INDEX posts_title_idx ON public.posts (title);',
  '-- on the table this release creates: not reported',
  'CREATE INDEX comments_post_idx ON public.comments (post_id);',
  'ALTER TABLE public.comments ALTER COLUMN author_id SET NOT NULL;',
  '',
].join('\n');

function recordingAnnotations(ci: ReturnType<typeof recordingCi>) {
  const annotations: Array<{ level: string; message: string; at?: SourceLocation }> = [];
  ci.warning = (message, at) => void annotations.push({ level: 'warning', message, ...(at ? { at } : {}) });
  const error = ci.error;
  ci.error = (message, at) => {
    annotations.push({ level: 'error', message, ...(at ? { at } : {}) });
    error(message, at);
  };
  return annotations;
}

ft(
  'findings on an existing table at their file:line with its row count; none on a table the release creates; moot rules off',
  async (t) => {
    const fx = cloneFixture('05-final.bundle', 'ho-patch/6-comments');
    try {
      writeFileSync(path.join(fx.work, 'Patches/6-comments/02_more.sql'), EXTRA);
      const ci = recordingCi({ 'test-command': 'none' }, { headRef: 'ho-patch/6-comments' });
      const annotations = recordingAnnotations(ci);
      const result = await validatePatchStage(stageContext(fx.work, ci, await envFor()));
      t.true(result.ok, `${result.text}\n${ci.lines.join('\n')}`);
      const findings = (result.json as { lint: { mode: string; findings: LintFinding[] } }).lint.findings;
      t.deepEqual(
        findings.map((f) => `${f.file}:${f.line} ${f.rule} ${f.table}`),
        ['Patches/6-comments/02_more.sql:3 require-concurrent-index-creation public.posts'],
      );
      t.is(findings[0]!.rows, 0);
      const lint = annotations.filter((a) => a.at?.title?.startsWith('squawk'));
      t.deepEqual(
        lint.map((a) => [a.level, a.at!.file, a.at!.line]),
        [['warning', 'Patches/6-comments/02_more.sql', 3]],
      );
      t.regex(lint[0]!.message, /public\.posts exists before this release, 0 rows in the validation database/);
      t.regex(result.summary!, /\*\*Lint\*\* \(squawk\): 1 finding\n/);
      t.regex(result.summary!, /\| `Patches\/6-comments\/02_more\.sql:3` \| require-concurrent-index-creation \|/);
      t.false(
        findings.some((f) => ['require-lock-timeout', 'require-statement-timeout', 'prefer-robust-stmts'].includes(f.rule)),
        'moot rules are off',
      );
      t.false(existsSync(path.join(fx.work, CODE_QUALITY_REPORT)), 'no Code Quality file outside GitLab');
    } finally {
      fx.cleanup();
    }
  },
);

ft('lint: fail fails the stage on a finding; on GitLab the Code Quality report is written', async (t) => {
  const fx = cloneFixture('05-final.bundle', 'ho-patch/6-comments');
  const projectDir = tempDir('hop-ci-gl-project-');
  t.teardown(() => fx.cleanup());
  try {
    writeFileSync(path.join(fx.work, 'Patches/6-comments/02_more.sql'), EXTRA);
    const ci = recordingCi({ 'test-command': 'none', lint: 'fail' }, { headRef: 'ho-patch/6-comments' });
    (ci as { name: string }).name = 'gitlab';
    const annotations = recordingAnnotations(ci);
    const result = await validatePatchStage(stageContext(fx.work, ci, { ...(await envFor()), CI_PROJECT_DIR: projectDir }));
    t.false(result.ok);
    t.is(result.outputs['result'], 'failure');
    t.is(result.outputs['error'], 'lint: fail: 1 squawk finding');
    t.deepEqual(
      annotations.filter((a) => a.at?.title?.startsWith('squawk')).map((a) => a.level),
      ['error'],
    );
    const report = JSON.parse(readFileSync(path.join(projectDir, CODE_QUALITY_REPORT), 'utf8')) as Array<Record<string, unknown>>;
    t.is(report.length, 1);
    t.like(report[0], {
      check_name: 'require-concurrent-index-creation',
      severity: 'minor',
      location: { path: 'Patches/6-comments/02_more.sql', lines: { begin: 3 } },
    });
    t.regex(String(report[0]!['fingerprint']), /^[0-9a-f]{64}$/);
  } finally {
    rmSync(projectDir, { recursive: true, force: true });
  }
});

test('a bad lint value is an input error naming where it came from', async (t) => {
  const { readLintMode } = await import('../src/stages/validation/lint.js');
  const ci = recordingCi({ lint: 'loud' });
  const error = await t.throwsAsync(() => readLintMode(stageContext('/nowhere', ci, {}), { root: '/nowhere' } as never));
  t.regex(error!.message, /input 'lint' must be warn, fail or off, not 'loud'/);
});

ft('validate-release lints every patch: a staged file on this checkout is annotated at its line', async (t) => {
  const fx = cloneFixture('05-final.bundle', 'ho-release/0.2.0');
  t.teardown(() => fx.cleanup());
  writeFileSync(path.join(fx.work, 'Patches/staged/5-tags/02_index.sql'), '\nCREATE INDEX posts_title_idx ON public.posts (title);\n');
  const ci = recordingCi({ 'test-command': 'none' });
  const annotations = recordingAnnotations(ci);
  const result = await validateReleaseStage(stageContext(fx.work, ci, await envFor()));
  t.true(result.ok, `${result.text}\n${ci.lines.join('\n')}`);
  const findings = (result.json as { lint: { findings: LintFinding[] } }).lint.findings;
  t.deepEqual(
    findings.map((f) => `${f.patch} ${f.file}:${f.line} ${f.rule}`),
    ['5-tags Patches/staged/5-tags/02_index.sql:2 require-concurrent-index-creation'],
  );
  t.deepEqual(
    annotations.filter((a) => a.at?.title?.startsWith('squawk')).map((a) => [a.at!.file, a.at!.line]),
    [['Patches/staged/5-tags/02_index.sql', 2]],
  );
});
