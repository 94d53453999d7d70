/**
 * The generated workflows read as a security reviewer reads them (issue 14), on freshly
 * generated files: time limits on every job, secrets only in the steps that use them, no
 * token left in checkouts, backups uploaded only encrypted, GitLab rules that name their
 * branches, user commands that survive shell characters, one validation per push.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { HopError } from '../src/core/errors.js';
import { planGeneration, type GenerationPlan } from '../src/generator/generate.js';
import { resolveOptions, type ProjectFacts } from '../src/generator/options.js';
import { DEFAULT_CONFIG, git, REPO_ROOT, tempDir, writeProject } from './helpers/project.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Yaml = any;

const dirs: string[] = [];
test.after.always(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function generated(flags: Record<string, string>, files: Record<string, string> = {}): Promise<GenerationPlan> {
  const root = writeProject({ config: DEFAULT_CONFIG, files });
  dirs.push(root);
  git(root, 'init', '-q');
  return planGeneration({ cwd: root, flags: { provider: 'both', ...flags }, version: '1.2.3' });
}

function github(plan: GenerationPlan): Map<string, Yaml> {
  return new Map(
    plan.files.filter((f) => f.path.startsWith('.github/')).map((f) => [path.basename(f.path, '.yml'), YAML.parse(f.expected)]),
  );
}

function gitlab(plan: GenerationPlan): { text: string; header: Yaml; body: Yaml } {
  const text = plan.files.find((f) => f.path === '.gitlab/hop-ci.yml')!.expected;
  const [header, body] = YAML.parseAllDocuments(text).map((d) => d.toJS() as Yaml);
  return { text, header, body };
}

/** A GitLab job with its `extends` applied (GitLab merges hashes deeply, replaces the rest). */
function resolved(body: Yaml, name: string): Yaml {
  const job = body[name];
  const parents = job['extends'] === undefined ? [] : [job['extends']].flat();
  const merge = (a: Yaml, b: Yaml): Yaml => {
    if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
      const out = { ...a };
      for (const [k, v] of Object.entries(b)) out[k] = merge(a[k], v);
      return out;
    }
    return b === undefined ? a : b;
  };
  return merge(parents.map((p: string) => resolved(body, p)).reduce(merge, {}), job);
}

const visibleJobs = (body: Yaml) => Object.keys(body).filter((k) => !k.startsWith('.'));

test('every job has a time limit: defaults per kind, then .hop/ci.toml, then flags', async (t) => {
  const defaults = await generated({});
  const expected: Record<string, number> = {
    'hop-validate/open-pull-request': 5,
    'hop-validate/validate-patch': 30,
    'hop-validate/plan': 5,
    'hop-validate/validate-release': 30,
    'hop-promote/promote': 30,
    'hop-upgrade/upgrade': 60,
  };
  const seen: Record<string, number> = {};
  for (const [name, wf] of github(defaults))
    for (const [job, def] of Object.entries(wf['jobs'] as Record<string, Yaml>)) seen[`${name}/${job}`] = def['timeout-minutes'];
  t.deepEqual(seen, expected);
  const gl = gitlab(defaults);
  for (const job of visibleJobs(gl.body))
    t.regex(String(resolved(gl.body, job)['timeout']), /^\$\[\[ inputs\.(validate|promote|upgrade)-timeout \]\]$/, job);
  t.is(gl.header['spec']['inputs']['upgrade-timeout']['default'], '60m');

  const custom = await generated({ 'validate-timeout': '12' }, { '.hop/ci.toml': 'validate-timeout = "20"\nupgrade-timeout = 90\n' });
  const wf = github(custom);
  t.is(wf.get('hop-validate')['jobs']['validate-patch']['timeout-minutes'], 12, 'the flag wins over ci.toml');
  t.is(wf.get('hop-upgrade')['jobs']['upgrade']['timeout-minutes'], 90);
  t.is(gitlab(custom).header['spec']['inputs']['validate-timeout']['default'], '12m');
  t.regex(custom.files[0]!.expected, /^# Regenerate with: .*--validate-timeout 12 --upgrade-timeout 90/m);
});

test('a time limit that is not 1 to 360 minutes is bad input naming the option and its source', (t) => {
  const facts: ProjectFacts = {
    hopCiVersion: '1.2.3',
    detectedProviders: ['github'],
    hasPythonPackaging: false,
    hasRequirementsTxt: false,
  };
  for (const bad of ['0', '361', '1.5', 'soon']) {
    const e = t.throws(() => resolveOptions({}, { 'promote-timeout': bad }, '.hop/ci.toml', facts), { instanceOf: HopError });
    t.is(e.exitCode, 2);
    t.regex(e.message, new RegExp(`^\\.hop/ci\\.toml: promote-timeout '${bad.replace('.', '\\.')}' is not valid`));
  }
});

test('GitHub: secrets only in the steps that use them; no checkout leaves a token behind', async (t) => {
  let checkouts = 0;
  for (const [name, wf] of github(await generated({}))) {
    t.false(JSON.stringify(wf['env'] ?? {}).includes('secrets.'), `${name}: no workflow-wide secret`);
    for (const [jobName, job] of Object.entries(wf['jobs'] as Record<string, Yaml>)) {
      t.false(/secrets\.|github\.token/.test(JSON.stringify(job['env'] ?? {})), `${name}/${jobName}: no job-wide secret`);
      for (const step of job['steps'] as Yaml[]) {
        if (String(step['uses']).startsWith('actions/checkout@')) {
          checkouts++;
          t.is(step['with']['persist-credentials'], false, `${name}/${jobName}: persist-credentials`);
        }
        const uses = JSON.stringify(step).match(/secrets\.\w+/g) ?? [];
        if (uses.length) t.true(/hop-ci@/.test(String(step['uses'])), `${name}/${jobName}: ${uses} given to a step that is not hop-ci`);
      }
    }
  }
  t.is(checkouts, 5);
});

test('GitHub: the upgrade uploads only an encrypted backup, for 7 days, and otherwise says where it went', async (t) => {
  const job = github(await generated({})).get('hop-upgrade')['jobs']['upgrade'];
  const steps = job['steps'] as Yaml[];
  const hop = steps.find((s) => s['with']?.['stage'] === 'upgrade');
  t.is(hop['with']['backup-recipient'], '${{ vars.HOP_BACKUP_RECIPIENT }}');
  const uploads = steps.filter((s) => String(s['uses']).startsWith('actions/upload-artifact@'));
  t.is(uploads.length, 1);
  t.regex(uploads[0]['if'], /endsWith\(steps\.upgrade\.outputs\.backup, '\.dump\.age'\)/);
  t.is(uploads[0]['with']['retention-days'], 7);
  const notice = steps.find((s) => /!endsWith\(steps\.upgrade\.outputs\.backup, '\.dump\.age'\)/.test(String(s['if'])));
  t.truthy(notice, 'a step for the unencrypted case');
  t.regex(notice['run'], /GITHUB_STEP_SUMMARY/);
  t.regex(notice['run'], /rm -f -- "\$BACKUP"/);
  t.is(notice['env']['BACKUP'], '${{ steps.upgrade.outputs.backup }}');
});

test('GitLab: only the encrypted backup is an artifact, for developers, for 7 days; the plain one is deleted', async (t) => {
  const { body } = gitlab(await generated({}));
  for (const job of ['hop-upgrade-staging', 'hop-upgrade-production']) {
    const full = resolved(body, job);
    t.deepEqual(full['artifacts']['paths'], ['hop-ci-backup/*.dump.age'], job);
    t.is(full['artifacts']['access'], 'developer');
    t.is(full['artifacts']['expire_in'], '7 days');
    t.regex(full['after_script'].join('\n'), /rm -f hop-ci-backup\/\*\.dump\n/);
  }
});

test('GitLab: the database URL is handed to hop-ci alone; installs run without the secrets, upgrades with their own command', async (t) => {
  const { body, header } = gitlab(await generated({ 'upgrade-install-command': 'pip install --require-hashes -r requirements.lock' }));
  for (const job of visibleJobs(body)) {
    const full = resolved(body, job);
    t.false(JSON.stringify(full['variables']).includes('HOP_TARGET_DATABASE_URL'), `${job}: not in variables`);
    const install = (full['before_script'] as string[]).find((l) => l.includes('HOP_INSTALL_COMMAND'))!;
    t.regex(install, /^\(unset HOP_TARGET_DATABASE_URL HOP_DATABASE_URL HOP_GITLAB_TOKEN; .*eval "\$HOP_INSTALL_COMMAND"\)$/);
  }
  const upgrade = resolved(body, 'hop-upgrade-production');
  t.deepEqual(upgrade['variables']['HOP_INSTALL_COMMAND'], { value: '$[[ inputs.upgrade-install-command ]]', expand: false });
  t.regex(upgrade['script'][0], /^HOP_DATABASE_URL="\$HOP_TARGET_DATABASE_URL" npx /);
  t.is(header['spec']['inputs']['upgrade-install-command']['default'], 'pip install --require-hashes -r requirements.lock');
  t.is(header['spec']['inputs']['install-command']['default'], 'pip install half_orm_dev pytest');
});

test('GitLab: every rule of the promotion and upgrade jobs names its branches', async (t) => {
  const { body } = gitlab(await generated({}));
  const jobs = visibleJobs(body).filter((j) => /^hop-(promote|upgrade)-/.test(j));
  t.is(jobs.length, 5);
  for (const job of jobs) {
    for (const rule of body[job]['rules'] as Yaml[]) {
      const branches = job === 'hop-upgrade-production' ? /\$CI_COMMIT_BRANCH == "ho-prod"/ : /\$CI_COMMIT_BRANCH =~ \/\^\(?ho-/;
      t.regex(rule['if'], branches, `${job}: ${rule['if']}`);
    }
  }
});

test('GitLab: a command with #, quotes, ; and && runs as written (the before_script in bash)', async (t) => {
  const command = `echo "a;b" > out.txt && echo 'c # d' >> out.txt; echo "$HOME" >> out.txt # trailing comment`;
  const { body, header } = gitlab(await generated({ 'install-command': command }));
  t.is(header['spec']['inputs']['install-command']['default'], command, 'the input default is the command, unchanged');
  t.deepEqual(body['.hop-ci']['variables']['HOP_INSTALL_COMMAND'], { value: '$[[ inputs.install-command ]]', expand: false });
  // What GitLab runs: the variable (not expanded), then the before_script line, in one bash.
  const line = (body['.hop-ci']['before_script'] as string[]).find((l) => l.includes('HOP_INSTALL_COMMAND'))!;
  const dir = tempDir('hop-ci-gl-cmd-');
  dirs.push(dir);
  const r = spawnSync('bash', ['-eo', 'pipefail', '-c', line], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env['PATH'],
      HOME: '/home/x',
      HOP_WORKING_DIRECTORY: '.',
      HOP_INSTALL_COMMAND: command,
      HOP_TARGET_DATABASE_URL: 'postgresql://secret',
    },
  });
  t.is(r.status, 0, r.stderr);
  t.is(readFileSync(path.join(dir, 'out.txt'), 'utf8'), 'a;b\nc # d\n/home/x\n');
});

test('GitLab: Node.js comes from the image or a checksummed, cached tarball; npm and pip caches are kept', async (t) => {
  const { body, text } = gitlab(await generated({}));
  const hop = body['.hop-ci'];
  t.deepEqual(hop['cache']['paths'], ['.hop-ci-cache/']);
  t.is(hop['variables']['npm_config_cache'], '$CI_PROJECT_DIR/.hop-ci-cache/npm');
  t.is(hop['variables']['PIP_CACHE_DIR'], '$CI_PROJECT_DIR/.hop-ci-cache/pip');
  t.regex(hop['variables']['HOP_NODE_SHA256_X64'], /^[0-9a-f]{64}$/);
  t.notRegex(text, /curl[^\n]*\|\s*tar/, 'nothing piped from curl into tar');
  t.regex(text, /sha256sum -c/);
});

test('GitHub: one validation per push to a patch branch with an open pull request', async (t) => {
  const wf = github(await generated({})).get('hop-validate');
  const look = wf['jobs']['open-pull-request'];
  t.is(look['if'], "github.event_name == 'push' && startsWith(github.ref, 'refs/heads/ho-patch/')");
  t.deepEqual(look['permissions'], { 'pull-requests': 'read' });
  const vp = wf['jobs']['validate-patch'];
  t.is(vp['needs'], 'open-pull-request');
  t.regex(vp['if'], /^!cancelled\(\) && \(github\.event_name == 'pull_request' \|\|/);
  t.regex(vp['if'], /needs\.open-pull-request\.outputs\.open != 'true'/);

  const script = look['steps'][0]['run'] as string;
  for (const [count, open] of [
    ['1', 'true'],
    ['0', 'false'],
  ] as const) {
    const dir = tempDir('hop-ci-gh-');
    dirs.push(dir);
    mkdirSync(path.join(dir, 'bin'));
    writeFileSync(path.join(dir, 'bin', 'gh'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\necho ${count}\n`);
    chmodSync(path.join(dir, 'bin', 'gh'), 0o755);
    const out = path.join(dir, 'output');
    const r = spawnSync('bash', ['-e', '-c', script], {
      encoding: 'utf8',
      env: { PATH: `${dir}/bin:${process.env['PATH']}`, GITHUB_OUTPUT: out, REPOSITORY: 'acme/hopdemo', BRANCH: 'ho-patch/7-x' },
    });
    t.is(r.status, 0, r.stderr);
    t.is(readFileSync(out, 'utf8'), `open=${open}\n`);
    const args = readFileSync(path.join(dir, 'args'), 'utf8').split('\n');
    t.deepEqual(args.slice(0, 9), ['pr', 'list', '--repo', 'acme/hopdemo', '--head', 'ho-patch/7-x', '--state', 'open', '--json']);
  }
});

test('one statement of the GitLab token and protection set-up: the generated header and the README agree', async (t) => {
  const { text } = gitlab(await generated({}));
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  for (const doc of [text, readme]) {
    t.regex(doc, /HOP_GITLAB_TOKEN[^]*?role Maintainer, scopes `api` \(merge request\s+(#\s+)?notes\) and `write_repository`/);
    t.regex(doc, /[Pp]rotected variables reach only the pipelines of protected\s+(#\s+)?branches/);
    t.regex(doc, /`ho-prod` and `ho-release\/\*`/);
  }
  // hop-ci's own warnings, when the note cannot be posted, ask for the same token.
  const provider = readFileSync(path.join(REPO_ROOT, 'src', 'adapters', 'ci', 'gitlab.ts'), 'utf8');
  t.is(provider.match(/role Maintainer, scopes `api` and `write_repository`/g)?.length, 3);
  t.false(/with the `api` scope/.test(provider));
});
