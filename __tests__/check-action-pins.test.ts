/**
 * `npm run check-pins` (scripts/check-action-pins.mjs): each pinned SHA must be the commit
 * its tag names, asked with `git ls-remote`. GitHub is out of reach here, so the remote is
 * a folder of bare repositories (HOP_PINS_GIT_BASE), with a lightweight and an annotated tag.
 */
import test from 'ava';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ACTION_PINS } from '../src/generator/action-pins.js';
import { git, REPO_ROOT, tempDir } from './helpers/project.js';

const SCRIPT = path.join(REPO_ROOT, 'scripts', 'check-action-pins.mjs');
let base: string;
let commits: { light: string; annotated: string; annotatedTagObject: string; other: string };

test.before(() => {
  base = tempDir('hop-ci-pins-');
  const work = path.join(base, 'work');
  mkdirSync(work);
  git(work, 'init', '-q');
  const commit = (m: string) => {
    git(work, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', m);
    return git(work, 'rev-parse', 'HEAD').trim();
  };
  const light = commit('one');
  git(work, 'tag', 'v1');
  const annotated = commit('two');
  git(work, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'tag', '-a', 'v2.0.0', '-m', 'release');
  const other = commit('three');
  for (const repo of ['acme/light', 'acme/annotated']) {
    const bare = path.join(base, repo);
    execFileSync('git', ['init', '-q', '--bare', bare]);
    git(work, 'push', '-q', bare, 'HEAD:refs/heads/main', '--tags');
  }
  commits = { light, annotated, annotatedTagObject: git(work, 'rev-parse', 'v2.0.0').trim(), other };
});

test.after.always(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

function checkPins(pins?: unknown) {
  const args = [SCRIPT];
  if (pins !== undefined) {
    const file = path.join(base, `pins-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(pins));
    args.push('--pins', file);
  }
  const r = spawnSync(process.execPath, ['--import', 'tsx', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, HOP_PINS_GIT_BASE: base },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('pins that are their tags’ commits pass (an annotated tag is peeled to its commit)', (t) => {
  const r = checkPins([
    { repo: 'acme/light', tag: 'v1', sha: commits.light },
    { repo: 'acme/annotated', tag: 'v2.0.0', sha: commits.annotated },
  ]);
  t.is(r.code, 0, r.err);
  t.regex(r.out, new RegExp(`^ok   acme/light@v1 ${commits.light}$`, 'm'));
  t.regex(r.out, new RegExp(`^ok   acme/annotated@v2.0.0 ${commits.annotated}$`, 'm'));
});

test('a moved tag, a tag object instead of its commit, a missing tag or repository: exit 1, each named', (t) => {
  const r = checkPins([
    { repo: 'acme/light', tag: 'v1', sha: commits.other },
    { repo: 'acme/annotated', tag: 'v2.0.0', sha: commits.annotatedTagObject },
    { repo: 'acme/light', tag: 'v9', sha: commits.light },
    { repo: 'acme/gone', tag: 'v1', sha: commits.light },
  ]);
  t.is(r.code, 1);
  t.regex(r.err, new RegExp(`FAIL acme/light@v1: pinned ${commits.other}, but the tag is ${commits.light}`));
  t.regex(r.err, new RegExp(`FAIL acme/annotated@v2.0.0: pinned ${commits.annotatedTagObject}, but the tag is ${commits.annotated}`));
  t.regex(r.err, /FAIL acme\/light@v9: no such tag/);
  t.regex(r.err, /FAIL acme\/gone@v1: git ls-remote failed/);
  t.regex(r.err, /4 of 4 pins do not match: fix src\/generator\/action-pins\.ts/);
});

test('without --pins it checks the project table (every action the workflows pin)', (t) => {
  const r = checkPins();
  t.is(r.code, 1, 'none of them is in the local folder');
  for (const pin of Object.values(ACTION_PINS)) t.regex(r.err, new RegExp(`FAIL ${pin.repo}@${pin.tag}:`));
  for (const pin of Object.values(ACTION_PINS)) t.regex(pin.sha, /^[0-9a-f]{40}$/, `${pin.repo}: a full commit SHA`);
});

test('--pins without a file is bad usage (exit 2)', (t) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, '--pins'], { cwd: REPO_ROOT, encoding: 'utf8' });
  t.is(r.status, 2);
  t.regex(r.stderr, /--pins needs a JSON file/);
});
