/**
 * action.yml is the action's public interface: it must declare every input a stage reads
 * (the runner only passes declared inputs' defaults, and warns on undeclared ones) and
 * every output the workflows use, each with a description a user can act on.
 */
import test from 'ava';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './helpers/project.js';

interface ActionYml {
  name: string;
  description: string;
  author: string;
  branding: { icon: string; color: string };
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

const action = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionYml;

/** Inputs that only make sense on the command line (they change what is printed). */
const CLI_ONLY = new Set(['matrix', 'cwd', 'json']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('runs on node24 from the committed bundle, with name, description, author and branding', (t) => {
  t.deepEqual(action.runs, { using: 'node24', main: 'dist/index.js' });
  t.truthy(action.name);
  t.truthy(action.author);
  t.true(action.description.length > 20);
  t.truthy(action.branding.icon && action.branding.color);
});

test('the inputs of the issue are declared, with their defaults', (t) => {
  for (const name of [
    'stage',
    'working-directory',
    'database-url',
    'test-command',
    'patch',
    'to-release',
    'dry-run',
    'include-rc',
    'python',
    'git-user-name',
    'git-user-email',
    'github-token',
    'comment',
    'from',
    'lock-timeout',
    'allow-drift',
    'skip-backup',
    'baseline',
  ]) {
    t.truthy(action.inputs[name], `input ${name}`);
  }
  t.true(action.inputs['stage']!.required);
  t.is(action.inputs['github-token']!.default, '${{ github.token }}');
  t.is(action.inputs['comment']!.default, 'true');
  t.is(action.inputs['working-directory']!.default, '.');
});

test('every input a stage reads is declared in action.yml', (t) => {
  const read = new Set<string>();
  const call = /\b(?:input|booleanInput|requiredInput)\((?:[\w.]+,\s*)?'([a-z][a-z0-9-]*)'/g;
  for (const file of sourceFiles(path.join(REPO_ROOT, 'src'))) {
    if (file.includes(`${path.sep}cli${path.sep}`) || file.includes(`${path.sep}generator${path.sep}`)) continue;
    const text = readFileSync(file, 'utf8');
    for (let m = call.exec(text); m; m = call.exec(text)) read.add(m[1]!);
  }
  t.true(read.has('database-url') && read.has('from'), 'the scan finds the stages’ inputs');
  const missing = [...read].filter((n) => !CLI_ONLY.has(n) && !action.inputs[n]);
  t.deepEqual(missing, [], `declare these in action.yml: ${missing.join(', ')}`);
});

test('the outputs of every stage are declared', (t) => {
  for (const name of [
    'plan',
    'matrix',
    'version',
    'tag',
    'patches',
    'release-file',
    'schema-file',
    'from',
    'to',
    'applied',
    'backup',
    'drift',
    'result',
    'error',
  ]) {
    t.truthy(action.outputs[name], `output ${name}`);
  }
});

test('each input and output says what it is for', (t) => {
  for (const [name, spec] of [...Object.entries(action.inputs), ...Object.entries(action.outputs)]) {
    t.true(typeof spec.description === 'string' && spec.description.length >= 20, `${name} needs a description`);
  }
});
