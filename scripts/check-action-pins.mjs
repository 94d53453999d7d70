// `npm run check-pins`: checks that every action the generated workflows pin
// (src/generator/action-pins.ts) is pinned to the commit its tag names today, with
// `git ls-remote`. Run by hop-ci's release workflow: a release never ships a pin that
// is not the commit of the version its comment claims.
//
// HOP_PINS_GIT_BASE replaces https://github.com (a folder of bare repositories
// <owner>/<repo> in the tests); --pins FILE.json checks another table ([{repo, tag, sha}]).
// Exit codes: 0 all pins match; 1 a pin does not (each one named); 2 bad usage.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

async function pins(argv) {
  const at = argv.indexOf('--pins');
  if (at >= 0) {
    if (!argv[at + 1]) throw new Error('--pins needs a JSON file');
    return JSON.parse(readFileSync(argv[at + 1], 'utf8'));
  }
  const { ACTION_PINS } = await import('../src/generator/action-pins.ts');
  return Object.values(ACTION_PINS);
}

/** The commit `refs/tags/<tag>` names at `url` (peeled when annotated), or undefined. */
function tagCommit(url, tag) {
  const out = execFileSync('git', ['ls-remote', url, `refs/tags/${tag}`, `refs/tags/${tag}^{}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
  });
  const refs = new Map(
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t').reverse()),
  );
  return refs.get(`refs/tags/${tag}^{}`) ?? refs.get(`refs/tags/${tag}`);
}

async function main() {
  let table;
  try {
    table = await pins(process.argv.slice(2));
  } catch (e) {
    console.error(`check-pins: ${e.message}`);
    return 2;
  }
  const base = (process.env.HOP_PINS_GIT_BASE || 'https://github.com').replace(/\/+$/, '');
  let bad = 0;
  for (const { repo, tag, sha } of table) {
    let actual;
    try {
      actual = tagCommit(`${base}/${repo}`, tag);
    } catch (e) {
      console.error(`FAIL ${repo}@${tag}: git ls-remote failed: ${String(e.stderr || e.message).trim()}`);
      bad++;
      continue;
    }
    if (actual === undefined) {
      console.error(`FAIL ${repo}@${tag}: no such tag`);
      bad++;
    } else if (actual !== sha) {
      console.error(`FAIL ${repo}@${tag}: pinned ${sha}, but the tag is ${actual} (moved, or a wrong pin)`);
      bad++;
    } else {
      console.log(`ok   ${repo}@${tag} ${sha}`);
    }
  }
  if (bad) console.error(`check-pins: ${bad} of ${table.length} pins do not match: fix src/generator/action-pins.ts`);
  return bad ? 1 : 0;
}

process.exitCode = await main();
