/** The README is the newcomer's path: its commands and its tables must stay true. */
import test from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './helpers/project.js';
// @ts-expect-error -- a plain .mjs script shared with `npm run readme`
import { withTables } from '../scripts/readme-tables.mjs';

const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const actionYml = readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8');

test('the input and output tables are the ones action.yml gives (npm run readme)', (t) => {
  t.is(readme, withTables(readme, actionYml));
  const action = parse(actionYml) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
  for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) t.true(readme.includes(`| \`${name}\` |`), name);
});

test('the first lines give the two commands: the demo and the tests', (t) => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  t.regex(firstBlock, /^npm ci && npm run demo\b/m);
  t.regex(firstBlock, /^npm test\b/m);
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  t.truthy(pkg.scripts['demo']);
  t.truthy(pkg.scripts['test']);
  t.regex(readFileSync(path.join(REPO_ROOT, '.ci/run'), 'utf8'), /^npm test$/m, '.ci/run runs the README test command');
});

test('every stage and every CLI command is documented', (t) => {
  for (const stage of ['plan', 'validate-patch', 'validate-release', 'promote-rc', 'promote-prod', 'promote-hotfix', 'upgrade']) {
    t.true(readme.includes(`| \`${stage}\` |`), stage);
  }
  for (const cmd of ['npx hop-ci generate', 'npx hop-ci plan', 'npx hop-ci run']) t.true(readme.includes(cmd), cmd);
});
