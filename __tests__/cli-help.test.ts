/**
 * The CLI guides: each stage's `--help` (its options, each an action input, and an
 * example), and "did you mean" for unknown commands, stages, options and patch ids —
 * through the built CLI, as users run it.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { closest, editDistance } from '../src/core/suggest.js';
import { STAGE_NAMES } from '../src/stages/index.js';
import { DIST_CLI, REPO_ROOT, writeProject } from './helpers/project.js';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [DIST_CLI, ...args], { encoding: 'utf8', env: { PATH: process.env['PATH'], NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

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
