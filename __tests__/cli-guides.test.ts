/**
 * The CLI guides: each stage's `--help` (its options, each an action input, and an
 * example), "did you mean" for unknown commands, stages, options and patch ids, and
 * output that says what happened (a failed group is ✗, a missing Python module gets a
 * hint, a bad HOP_PG_BINDIR is an error) — through the built CLI, as users run it.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { promotedVersion } from '../src/core/promotion-plan.js';
import { closest, editDistance } from '../src/core/suggest.js';
import { STAGE_NAMES } from '../src/stages/index.js';
import { DIST_CLI, REPO_ROOT, git, writeProject } from './helpers/project.js';

function cliWith(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [DIST_CLI, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], TMPDIR: process.env['TMPDIR'], NO_COLOR: '1', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const cli = (...args: string[]) => cliWith({}, ...args);

const inputs = Object.keys((parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: object }).inputs);
/** Flags of the CLI only (no action input): where the project is, and how to print. */
const CLI_ONLY = ['cwd', 'json', 'matrix', 'help'];

for (const stage of STAGE_NAMES.filter((s) => s !== 'plan')) {
  test(`hop-ci run ${stage} --help: that stage's options, each an action input, and an example`, (t) => {
    const r = cli('run', stage, '--help');
    t.is(r.code, 0, r.err);
    t.true(r.out.startsWith(`hop-ci run ${stage} — `), r.out);
    t.regex(r.out, new RegExp(`Example:\\n  hop-ci run ${stage} `));
    const options = [...r.out.matchAll(/^ {2}--([a-z-]+)/gm)].map((m) => m[1]!);
    t.true(options.length >= 4, r.out);
    for (const o of options) t.true(inputs.includes(o) || CLI_ONLY.includes(o), `--${o} is no action input`);
    t.not(r.out, cli('--help').out, 'not the generic help');
  });
}

test('upgrade --help names its own options, not the validation ones', (t) => {
  const { out } = cli('run', 'upgrade', '--help');
  for (const o of ['--lock-timeout', '--allow-drift', '--skip-backup', '--backup-dir', '--baseline', '--to-release'])
    t.true(out.includes(o), o);
  t.false(out.includes('--patch'));
  t.false(out.includes('--test-command'));
});

test('a stage name given as a command: did you mean hop-ci run <stage>', (t) => {
  const r = cli('validate-patch');
  t.is(r.code, 2);
  t.regex(r.err, /unknown command 'validate-patch': did you mean hop-ci run validate-patch\?/);
});

test('mistyped command, stage and option: the closest ones are suggested; nothing close, none', (t) => {
  t.regex(cli('generat').err, /did you mean hop-ci generate\?/);
  const stage = cli('run', 'promote-prd');
  t.is(stage.code, 2);
  t.regex(stage.err, /unknown stage 'promote-prd': did you mean hop-ci run promote-prod\?/);
  t.regex(cli('run', 'upgrade', '--help-me').err, /unknown option --help-me/);
  t.regex(cli('run', 'upgrade', '--dry-rum').err, /did you mean --dry-run\?/);
  const far = cli('frobnicate');
  t.is(far.code, 2);
  t.notRegex(far.err, /did you mean/);
  t.regex(far.err, /the commands are plan, run, generate, demo/);
  t.regex(cli('run', 'deploy', '--help').err, /unknown stage 'deploy'/);
});

test('an unknown patch id: did you mean, and the list of the patches in preparation', (t) => {
  const root = writeProject({
    releases: {
      '0.1.0-patches.toml': '[patches.1-accounts]\nstatus = "staged"\n[patches.2-seed]\nstatus = "candidate"\n',
    },
    patches: { '1-accounts': { '01.sql': 'select 1;\n' }, '2-seed': { '01.sql': 'select 1;\n' } },
  });
  const r = cli('run', 'validate-patch', '--cwd', root, '--patch', '2-sed', '--dry-run');
  t.is(r.code, 2, r.err);
  t.regex(r.err, /patch 2-sed is in no release in preparation .*: did you mean 2-seed\?/);
  t.regex(r.err, /the patches in preparation: 1-accounts \(staged in 0\.1\.0\), 2-seed \(candidate in 0\.1\.0\)/);
});

test('suggestions: edit distance, prefixes and patch numbers', (t) => {
  t.is(editDistance('kitten', 'sitting'), 3);
  t.deepEqual(closest('validate', ['validate-patch', 'validate-release', 'upgrade']), ['validate-patch', 'validate-release']);
  t.deepEqual(closest('42', ['42-add-users', '4-x', '420-y']), ['42-add-users']);
  t.deepEqual(closest('zzz', ['plan', 'run']), []);
});

function onePatch(files: Record<string, string>): string {
  return writeProject({
    releases: { '0.1.0-patches.toml': '[patches.1-a]\nstatus = "staged"\n[patches.2-b]\nstatus = "candidate"\n' },
    patches: { '1-a': { '01.sql': 'CREATE TABLE a (id int);\n' }, '2-b': files },
  });
}

test('a failing patch: its step group ends with ✗, not ✓; a missing Python module gets an install/--python hint', (t) => {
  const root = onePatch({ '01.py': 'import hop_ci_no_such_module\n' });
  const r = cli('run', 'validate-patch', '--cwd', root, '--patch', '2-b', '--test-command', 'none');
  t.is(r.code, 1, r.out + r.err);
  const all = r.out + r.err;
  t.regex(all, /✗ apply 1-a, 2-b and test/);
  t.notRegex(all, /✓ apply 1-a, 2-b and test/);
  t.regex(all, /ModuleNotFoundError: No module named 'hop_ci_no_such_module'/);
  t.regex(all, /cannot import hop_ci_no_such_module: install the project .*--python/);
});

test('HOP_PG_BINDIR naming no PostgreSQL is an error, not silently another PostgreSQL', (t) => {
  const root = onePatch({ '01.sql': 'select 1;\n' });
  const r = cliWith({ HOP_PG_BINDIR: '/nonexistent' }, 'run', 'validate-patch', '--cwd', root, '--patch', '2-b', '--test-command', 'none');
  t.is(r.code, 2, r.out + r.err);
  t.regex(r.err, /HOP_PG_BINDIR=\/nonexistent holds no PostgreSQL server \(initdb and postgres/);
  t.notRegex(r.out + r.err, /started a throwaway PostgreSQL/);
});

test('upgrade that cannot connect: the hint does not offer a throwaway server, which upgrade cannot use', (t) => {
  const root = onePatch({ '01.sql': 'select 1;\n' });
  git(root, 'init', '-q', '-b', 'ho-prod');
  const r = cli('run', 'upgrade', '--cwd', root, '--database-url', 'postgresql://nobody:secret@127.0.0.1:1/nothing');
  t.is(r.code, 1, r.out + r.err);
  t.regex(r.err, /cannot connect to PostgreSQL at 127\.0\.0\.1:1/);
  t.notRegex(r.err, /throwaway/);
  t.false((r.out + r.err).includes('secret'));
});

test('a production promotion is headed by its release alone, not 0.1.0 → 0.1.0', (t) => {
  t.is(promotedVersion({ releaseVersion: '0.1.0', version: '0.1.0' }), '0.1.0');
  t.is(promotedVersion({ releaseVersion: '0.1.0', version: '0.1.0-rc1' }), '0.1.0 → 0.1.0-rc1');
  t.is(
    promotedVersion({ releaseVersion: '0.1.0', version: '0.1.0.post1' }, (v) => `**${v}**`),
    '0.1.0 → **0.1.0.post1**',
  );
});
