/**
 * The parts of `hop-ci generate`: options and .hop/ci.toml, provider detection, the
 * .gitlab-ci.yml include, the unified diff, the header checksum, the pg_dump step, and the
 * write / --check / --dry-run / --force decisions (in process, on temp repositories).
 */
import test from 'ava';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { HopError } from '../src/core/errors.js';
import { parseCiToml } from '../src/generator/ci-toml.js';
import { detectProviders, remoteUrls } from '../src/generator/detect.js';
import { generate } from '../src/generator/generate.js';
import { ensureGitlabInclude } from '../src/generator/gitlab-include.js';
import { provenance, withHeader } from '../src/generator/header.js';
import { resolveOptions, type ProjectFacts } from '../src/generator/options.js';
import { PG_CLIENT_SCRIPT } from '../src/generator/pg-client-script.js';
import { renderTemplate } from '../src/generator/render.js';
import { unifiedDiff } from '../src/generator/unified-diff.js';
import { DEFAULT_CONFIG, git, tempDir, writeProject } from './helpers/project.js';

const FACTS: ProjectFacts = { hopCiVersion: '1.2.3', detectedProviders: ['github'], hasPythonPackaging: false, hasRequirementsTxt: false };

const dirs: string[] = [];
test.after.always(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function repo(config = DEFAULT_CONFIG, files: Record<string, string> = {}): string {
  const root = writeProject({ config, files });
  dirs.push(root);
  git(root, 'init', '-q');
  return root;
}

// ---- options ----

test('options: flags win over .hop/ci.toml, which wins over the defaults', (t) => {
  const o = resolveOptions(
    { 'postgres-version': '17' },
    { 'postgres-version': '15', 'python-version': '3.11', provider: 'gitlab' },
    '.hop/ci.toml',
    FACTS,
  );
  t.is(o.postgresVersion, '17');
  t.is(o.postgresMajor, 17);
  t.is(o.pythonVersion, '3.11');
  t.deepEqual(o.providers, ['gitlab']);
  t.is(o.actionRef, 'hop-ci/hop-ci@v1.2.3');
  t.is(o.installCommand, 'pip install half_orm_dev pytest');
  t.is(o.testCommand, undefined);
  t.is(o.promotion, 'push', 'promotions push ho-prod unless told otherwise');
  t.is(resolveOptions({}, { promotion: 'pull-request' }, 'x', FACTS).promotion, 'pull-request');
  t.deepEqual(resolveOptions({ provider: 'both' }, {}, 'x', FACTS).providers, ['github', 'gitlab']);
  t.is(resolveOptions({}, {}, 'x', { ...FACTS, hasPythonPackaging: true }).installCommand, 'pip install -e .');
  t.is(resolveOptions({}, {}, 'x', { ...FACTS, hasRequirementsTxt: true }).installCommand, 'pip install -r requirements.txt');
});

test('options: invalid values are input errors (exit 2) naming the option and its source', (t) => {
  const bad: [Record<string, string>, Record<string, string>, RegExp][] = [
    [{ provider: 'bitbucket' }, {}, /provider 'bitbucket'/],
    [{ 'postgres-version': 'latest' }, {}, /postgres-version 'latest'/],
    [{ 'postgres-version': '9.6' }, {}, /postgres-version/],
    [{}, { 'python-version': '2.7' }, /^\.hop\/ci\.toml: python-version '2\.7'/],
    [{ 'action-ref': 'hop-ci/hop-ci' }, {}, /action-ref.*pinned/],
    [{ 'install-command': 'pip install .\nrm -rf /' }, {}, /install-command/],
    [{}, { promotion: 'merge' }, /^\.hop\/ci\.toml: promotion 'merge' is not valid: push or pull-request/],
  ];
  for (const [flags, toml, message] of bad) {
    const e = t.throws(() => resolveOptions(flags, toml, '.hop/ci.toml', FACTS), { instanceOf: HopError });
    t.regex(e!.message, message);
    t.is(e!.exitCode, 2);
    t.truthy(e!.hint);
  }
  const none = t.throws(
    () => resolveOptions({}, {}, '.hop/ci.toml', { ...FACTS, detectedProviders: undefined, detectionHint: 'no remote' }),
    { instanceOf: HopError },
  );
  t.regex(none!.hint!, /--provider github\|gitlab\|both.*no remote/);
});

test('.hop/ci.toml: flag names or snake_case, integers allowed, floats refused, syntax errors located', (t) => {
  t.deepEqual(parseCiToml('postgres_version = 17\npython-version = "3.10"\nother = 1\n[validate]\nx = 1\n'), {
    'postgres-version': '17',
    'python-version': '3.10',
  });
  const float = t.throws(() => parseCiToml('python-version = 3.10\n'), { instanceOf: HopError });
  t.regex(float!.hint!, /python-version = "3\.1"/);
  const syntax = t.throws(() => parseCiToml('provider = \n'), { instanceOf: HopError });
  t.is(syntax!.line, 1);
  t.is(syntax!.file, '.hop/ci.toml');
});

// ---- detection ----

test('remote urls from .git/config, indented keys and all', (t) => {
  const urls = remoteUrls(
    '[core]\n\tbare = false\n[remote "upstream"]\n\turl = git@gitlab.com:a/b.git\n\tfetch = +refs/heads/*\n[remote "origin"]\n\turl = https://github.com/a/b.git\n',
  );
  t.is(urls.get('origin'), 'https://github.com/a/b.git');
  t.is(urls.get('upstream'), 'git@gitlab.com:a/b.git');
});

test('provider detection: earlier generated files, then the git remote, then git_origin, then CI files', async (t) => {
  const gl = repo(DEFAULT_CONFIG.replace('https://github.com/acme/hopdemo.git', 'https://gitlab.example.com/acme/hopdemo.git'));
  t.deepEqual((await detectProviders(gl, gl)).providers, ['gitlab'], 'git_origin in .hop/config');
  git(gl, 'remote', 'add', 'origin', 'https://github.com/acme/hopdemo.git');
  t.deepEqual((await detectProviders(gl, gl)).providers, ['github'], 'the git remote wins over git_origin');
  mkdirSync(path.join(gl, '.gitlab'));
  writeFileSync(path.join(gl, '.gitlab', 'hop-ci.yml'), 'x: 1\n');
  t.deepEqual((await detectProviders(gl, gl)).providers, ['gitlab'], 'a provider already generated is kept');

  const none = repo(DEFAULT_CONFIG.replace(/git_origin = .*\n/, ''));
  const d = await detectProviders(none, none);
  t.is(d.providers, undefined);
  t.regex(d.hint, /no remote/);
  writeFileSync(path.join(none, '.gitlab-ci.yml'), 'job:\n  script: [x]\n');
  t.deepEqual((await detectProviders(none, none)).providers, ['gitlab'], 'the CI files present');
});

// ---- .gitlab-ci.yml ----

test('.gitlab-ci.yml: created when absent, left as is when it includes us already', (t) => {
  const created = ensureGitlabInclude(undefined, '.gitlab/hop-ci.yml', '1.2.3');
  t.deepEqual(YAML.parse(created), { include: [{ local: '.gitlab/hop-ci.yml' }] });
  t.is(ensureGitlabInclude(created, '.gitlab/hop-ci.yml', '1.2.3'), created);
  const stringForm = 'include: /.gitlab/hop-ci.yml\nbuild:\n  script: [make]\n';
  t.is(ensureGitlabInclude(stringForm, '.gitlab/hop-ci.yml', '1.2.3'), stringForm);
});

test('.gitlab-ci.yml: an existing file gets the include without any other byte changing', (t) => {
  const existing =
    '# my pipeline\n# (comments stay)\n\nstages: [build, test, deploy]\n\nbuild:   # odd spacing stays\n  script:\n    - make   all\n  variables: {A: "1"}\n';
  const next = ensureGitlabInclude(existing, '.gitlab/hop-ci.yml', '1.2.3');
  t.is(
    next,
    '# my pipeline\n# (comments stay)\n\ninclude:\n  - local: .gitlab/hop-ci.yml\n\nstages: [build, test, deploy]\n\nbuild:   # odd spacing stays\n  script:\n    - make   all\n  variables: {A: "1"}\n',
  );

  const withList = '# top\ninclude:\n  - template: Security/SAST.gitlab-ci.yml # keep me\n\nbuild:\n  script:\n    - make\n';
  const added = ensureGitlabInclude(withList, '.gitlab/hop-ci.yml', '1.2.3');
  t.is(
    added,
    '# top\ninclude:\n  - template: Security/SAST.gitlab-ci.yml # keep me\n  - local: .gitlab/hop-ci.yml\n\nbuild:\n  script:\n    - make\n',
  );

  const single = 'include:\n  project: a/b\n  file: x.yml\nbuild:\n  script:\n    - make\n';
  t.deepEqual(YAML.parse(ensureGitlabInclude(single, '.gitlab/hop-ci.yml', '1.2.3')).include, [
    { project: 'a/b', file: 'x.yml' },
    { local: '.gitlab/hop-ci.yml' },
  ]);
});

test('.gitlab-ci.yml: refused (exit 1, with the line to add) when it cannot be edited safely', (t) => {
  for (const text of ['build: [unclosed\n', 'include:    "a.yml"   # odd\nbuild:\n  script: [x]\n', '- a\n- b\n']) {
    const e = t.throws(() => ensureGitlabInclude(text, '.gitlab/hop-ci.yml', '1.2.3'), { instanceOf: HopError });
    t.is(e!.exitCode, 1);
    t.is(e!.file, '.gitlab-ci.yml');
    t.regex(e!.hint!, /- local: \.gitlab\/hop-ci\.yml/);
  }
});

// ---- rendering, header, diff ----

test('render: placeholders replaced in place, unset options removed with the mappings they empty, unknown ones are a bug', (t) => {
  const template = '# keep\na: __HOP_X__ # c\nb: "pre-__HOP_X__-post"\ndefaults:\n  run:\n    wd: __HOP_WD__\nc: __HOP_S__\n';
  t.is(
    renderTemplate(template, { X: '3.10', WD: undefined, S: 'l1\nl2\n' }, 't'),
    '# keep\na: "3.10" # c\nb: "pre-3.10-post"\nc: |\n  l1\n  l2\n',
  );
  t.throws(() => renderTemplate('a: __HOP_NOPE__\n', {}, 't'), { message: /unknown placeholder __HOP_NOPE__/ });
});

test('header: pristine, edited or foreign', (t) => {
  const text = withHeader('a: 1\n', { version: '1.2.3', template: 't.yml', regenerate: 'npx hop-ci generate' });
  t.regex(text, /^# Generated by hop-ci 1\.2\.3 .*Do not edit/);
  t.regex(text, /Regenerate with: npx hop-ci generate/);
  t.is(provenance(text), 'pristine');
  t.is(provenance(text.replace('a: 1', 'a: 2')), 'edited');
  t.is(provenance(text.replace(/# hop-ci-checksum.*\n/, '')), 'edited');
  t.is(provenance('name: mine\n'), 'foreign');
});

test('unified diff: `patch` turns the old text into the new one', (t) => {
  const dir = tempDir('hop-ci-diff-');
  dirs.push(dir);
  const old = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n') + '\n';
  const lines = old.split('\n');
  lines[2] = 'changed 2';
  lines.splice(20, 1);
  lines.splice(30, 0, 'inserted');
  const next = lines.join('\n');
  const diff = unifiedDiff(old, next, 'f.txt');
  t.regex(diff, /^--- a\/f\.txt\n\+\+\+ b\/f\.txt\n@@ -1,6 \+1,6 @@/);
  t.is(diff.match(/^@@/gm)!.length, 3);
  writeFileSync(path.join(dir, 'f.txt'), old);
  execFileSync('patch', ['-s', '-p1', '-d', dir], { input: diff });
  t.is(readFileSync(path.join(dir, 'f.txt'), 'utf8'), next);
  t.is(unifiedDiff(old, old, 'f.txt'), '');
  t.regex(unifiedDiff('', 'a\n', 'new.yml'), /^--- \/dev\/null\n\+\+\+ b\/new\.yml\n@@ -0,0 \+1,1 @@\n\+a\n$/);
});

// ---- the pg_dump step ----

test('pg client step: keeps a recent enough pg_dump, installs postgresql-client-<major> from PGDG when older', (t) => {
  const dir = tempDir('hop-ci-pgclient-');
  dirs.push(dir);
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const log = path.join(dir, 'calls.log');
  // Fakes: pg_dump of major 14; sudo records what it would run (nothing touches the machine).
  writeFileSync(path.join(bin, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 14.11 (Debian 14.11-1)"\n');
  writeFileSync(path.join(bin, 'sudo'), `#!/bin/sh\necho "$*" >> ${log}\ncat >/dev/null 2>&1 || true\n`);
  writeFileSync(path.join(bin, 'id'), '#!/bin/sh\necho 1000\n');
  for (const f of ['pg_dump', 'sudo', 'id']) chmodSync(path.join(bin, f), 0o755);
  const run = (major: string) =>
    spawnSync('bash', ['-e', '-o', 'pipefail', '-c', PG_CLIENT_SCRIPT], {
      env: { PATH: `${bin}:/usr/bin:/bin`, PG_MAJOR: major, GITHUB_PATH: path.join(dir, 'path') },
      encoding: 'utf8',
    });

  const enough = run('14');
  t.is(enough.status, 0, enough.stderr);
  t.regex(enough.stdout, /pg_dump 14 can dump PostgreSQL 14/);
  t.throws(() => readFileSync(log, 'utf8'), undefined, 'nothing installed');

  const older = run('17');
  t.is(older.status, 0, older.stderr);
  t.regex(older.stdout, /pg_dump 14 is older than PostgreSQL 17/);
  const calls = readFileSync(log, 'utf8');
  t.regex(
    calls,
    /curl -fsSL -o \/usr\/share\/postgresql-common\/pgdg\/apt\.postgresql\.org\.asc https:\/\/www\.postgresql\.org\/media\/keys\/ACCC4CF8\.asc/,
  );
  t.regex(calls, /tee \/etc\/apt\/sources\.list\.d\/pgdg\.list/);
  t.regex(calls, /apt-get install -y -qq postgresql-client-17/);
});

// ---- generate: write, second run, --check, --dry-run, --force ----

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

test('generate: writes, a second run changes nothing, --check agrees; options from .hop/ci.toml', async (t) => {
  const root = repo(DEFAULT_CONFIG, { '.hop/ci.toml': 'postgres-version = "17"\n' });
  const first = capture();
  t.is(await generate({ cwd: root, flags: {}, version: '1.2.3' }, first.io), 0);
  t.regex(first.out(), /created {2}\.github\/workflows\/hop-validate\.yml/);
  const wf = readFileSync(path.join(root, '.github/workflows/hop-validate.yml'), 'utf8');
  t.regex(wf, /image: postgres:17/);
  const second = capture();
  t.is(await generate({ cwd: root, flags: {}, version: '1.2.3' }, second.io), 0);
  t.notRegex(second.out(), /created|updated/);
  t.is(readFileSync(path.join(root, '.github/workflows/hop-validate.yml'), 'utf8'), wf);
  const check = capture();
  t.is(await generate({ cwd: root, flags: { check: 'true' }, version: '1.2.3' }, check.io), 0);
  t.is(check.out(), '');
});

test('generate: a pristine file from another version or option set is regenerated; --check shows the diff first', async (t) => {
  const root = repo();
  t.is(await generate({ cwd: root, flags: {}, version: '1.2.3' }, capture().io), 0);
  const check = capture();
  t.is(await generate({ cwd: root, flags: { check: 'true', 'python-version': '3.13' }, version: '1.2.3' }, check.io), 1);
  t.regex(check.out(), /^--- a\/\.github\/workflows\/hop-validate\.yml$/m);
  t.regex(check.out(), /^-\s+python-version: "3\.12"$/m);
  t.regex(check.out(), /^\+\s+python-version: "3\.13"$/m);
  t.regex(check.err(), /3 of 3 files differ/);
  const upgrade = capture();
  t.is(await generate({ cwd: root, flags: {}, version: '1.3.0' }, upgrade.io), 0, upgrade.err());
  t.regex(upgrade.out(), /updated {2}\.github\/workflows\/hop-promote\.yml/);
  t.regex(readFileSync(path.join(root, '.github/workflows/hop-promote.yml'), 'utf8'), /hop-ci\/hop-ci@v1\.3\.0/);
});

test('generate: hand edits and foreign files stop the run (nothing written) unless --force; --dry-run writes nothing', async (t) => {
  const root = repo();
  t.is(await generate({ cwd: root, flags: {}, version: '1.2.3' }, capture().io), 0);
  const validate = path.join(root, '.github/workflows/hop-validate.yml');
  const upgrade = path.join(root, '.github/workflows/hop-upgrade.yml');
  const edited = readFileSync(validate, 'utf8').replace('runs-on: ubuntu-latest', 'runs-on: self-hosted');
  writeFileSync(validate, edited);
  writeFileSync(upgrade, 'name: my own upgrade\n');
  const before = readFileSync(path.join(root, '.github/workflows/hop-promote.yml'), 'utf8');

  const refused = capture();
  t.is(await generate({ cwd: root, flags: { 'python-version': '3.13' }, version: '1.2.3' }, refused.io), 1);
  t.regex(refused.err(), /\.github\/workflows\/hop-validate\.yml was edited by hand/);
  t.regex(refused.err(), /\.github\/workflows\/hop-upgrade\.yml was not generated by hop-ci/);
  t.regex(refused.err(), /--force/);
  t.is(readFileSync(validate, 'utf8'), edited);
  t.is(
    readFileSync(path.join(root, '.github/workflows/hop-promote.yml'), 'utf8'),
    before,
    'all or nothing: the pristine file is not written either',
  );

  const dry = capture();
  t.is(await generate({ cwd: root, flags: { 'dry-run': 'true', force: 'true' }, version: '1.2.3' }, dry.io), 0);
  t.regex(dry.out(), /==> \.github\/workflows\/hop-validate\.yml \(update\) <==\n# Generated by hop-ci/);
  t.is(readFileSync(validate, 'utf8'), edited, '--dry-run wrote nothing');

  t.is(await generate({ cwd: root, flags: { force: 'true' }, version: '1.2.3' }, capture().io), 0);
  t.is(provenance(readFileSync(validate, 'utf8')), 'pristine');
  t.is(provenance(readFileSync(upgrade, 'utf8')), 'pristine');
});

test('generate: outside a hop project, or with a bad option, exits 2 and says what to do', async (t) => {
  const dir = tempDir('hop-ci-noproject-');
  dirs.push(dir);
  const c = capture();
  t.is(await generate({ cwd: dir, flags: {} }, c.io), 2);
  t.regex(c.err(), /no \.hop\/config/);
  const root = repo();
  const bad = capture();
  t.is(await generate({ cwd: root, flags: { provider: 'jenkins' } }, bad.io), 2);
  t.regex(bad.err(), /hint: fix --provider/);
});

test('generate: a project below the git top level writes at the top level', async (t) => {
  const top = tempDir('hop-ci-top-');
  dirs.push(top);
  git(top, 'init', '-q');
  const root = writeProject({}, path.join(top, 'db'));
  t.is(await generate({ cwd: path.join(root, '.hop'), flags: { provider: 'gitlab' }, version: '1.2.3' }, capture().io), 0);
  const component = readFileSync(path.join(top, '.gitlab/hop-ci.yml'), 'utf8');
  t.regex(component, /working-directory:\n\s+description: .*\n\s+default: db\n/);
  t.deepEqual(YAML.parse(readFileSync(path.join(top, '.gitlab-ci.yml'), 'utf8')), { include: [{ local: '.gitlab/hop-ci.yml' }] });
});
