/** `hop-ci demo` end to end, from the built CLI, as `npm run demo` runs it. */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DIST_CLI, git } from './helpers/project.js';

function demo(...args: string[]) {
  const r = spawnSync(process.execPath, [DIST_CLI, 'demo', '--json', ...args], {
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '', GITHUB_ACTIONS: '', GITLAB_CI: '' },
  });
  return { code: r.status, result: r.stdout ? JSON.parse(r.stdout) : undefined, log: r.stderr };
}

test('the demo walks the whole pipeline and leaves origin and production where it says', (t) => {
  const { code, result, log } = demo('--keep');
  t.is(code, 0, log.slice(-3000));
  try {
    t.true(result.ok);
    t.deepEqual(
      result.steps.map((s: { exitCode: number; expected: number }) => s.exitCode === s.expected),
      result.steps.map(() => true),
    );
    t.is(
      result.steps.find((s: { step: string }) => /validate-patch on ho-patch\/3-balance/.test(s.step)).exitCode,
      1,
      'the broken patch fails',
    );
    t.regex(log, /Patches\/3-balance\/01_balance\.sql:6:\d+: relation "public\.acounts" does not exist/);
    t.deepEqual(result.originTags.filter((x: string) => x.startsWith('v')).sort(), ['v0.1.0', 'v0.1.0-rc1', 'v0.1.0.post1']);
    t.deepEqual(result.originBranches.sort(), ['ho-prod', 'ho-prod-0.1.0', 'ho-prod-0.1.0.post1']);
    t.is(result.production.version, '0.1.0');
    t.deepEqual(result.production.ledger, ['0.1.0', '0.1.0.post1']);
    t.is(result.production.backups.length, 2);

    // Checked again from the kept origin, independently of what the demo reported.
    const origin = path.join(result.folder, 'project', 'origin.git');
    t.is(git(origin, 'show', 'ho-prod:.hop/releases/0.1.0.txt'), '1-accounts\n2-seed\n3-balance');
    t.is(
      git(origin, 'show', 'ho-prod:.hop/releases/0.1.0-rc1.txt')
        .split('\n')
        .map((l) => l.split(':')[0])
        .join(','),
      '1-accounts,2-seed,3-balance',
    );
    t.is(git(origin, 'show', 'ho-prod:.hop/releases/0.1.0.post1.txt'), '4-email-index');
    t.is(git(origin, 'show', 'ho-prod:.hop/model/schema.sql'), 'schema-0.1.0.sql', 'the link stays on X.Y.Z for half-orm-dev');
    t.regex(git(origin, 'show', 'ho-prod:.hop/model/schema-0.1.0.post1.sql'), /accounts_lower_email_idx/);
    t.is(git(origin, 'cat-file', '-t', 'v0.1.0'), 'tag', 'annotated tags');
    t.regex(git(origin, 'ls-tree', '--name-only', 'ho-prod', '.github/workflows/'), /hop-validate\.yml/);
  } finally {
    if (result?.folder) rmSync(result.folder, { recursive: true, force: true });
  }
});

test('without --keep the demo removes its folder', (t) => {
  const { code, result, log } = demo();
  t.is(code, 0, log.slice(-3000));
  t.false(existsSync(result.folder));
  t.notRegex(log, /postgres(ql)?:\/\/[^\s]*:[^\s@*]+@/, 'no password in the log');
});
