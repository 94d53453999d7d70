// The README's tables of action inputs and outputs are generated from action.yml, so
// they cannot drift: `npm run readme` rewrites them, and a test fails when they differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const cell = (text) =>
  String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\|/g, '\\|');

export function renderInputs(actionYml) {
  const { inputs } = parse(actionYml);
  const rows = Object.entries(inputs).map(([name, i]) => {
    const def = i.required ? '*required*' : i.default === undefined ? '' : `\`${cell(i.default)}\``;
    return `| \`${name}\` | ${def} | ${cell(i.description)} |`;
  });
  return ['| input | default | what it does |', '|---|---|---|', ...rows].join('\n');
}

export function renderOutputs(actionYml) {
  const { outputs } = parse(actionYml);
  const rows = Object.entries(outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`);
  return ['| output | what it holds |', '|---|---|', ...rows].join('\n');
}

/** README text with both generated blocks replaced. */
export function withTables(readme, actionYml) {
  const put = (text, tag, table) => {
    const start = `<!-- ${tag}:start (generated from action.yml by npm run readme) -->`;
    const end = `<!-- ${tag}:end -->`;
    const a = text.indexOf(start);
    const b = text.indexOf(end);
    if (a < 0 || b < a) throw new Error(`README.md has no ${tag} block`);
    return `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`;
  };
  return put(put(readme, 'inputs', renderInputs(actionYml)), 'outputs', renderOutputs(actionYml));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readme = readFileSync('README.md', 'utf8');
  writeFileSync('README.md', withTables(readme, readFileSync('action.yml', 'utf8')));
}
