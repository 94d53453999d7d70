/**
 * dist/index.js has the shape of actions/typescript-action: it exports `run()`, runs it
 * when the runner starts the file, and runs nothing when a tool imports it
 * (@github/local-action imports the entry and calls `run()` itself).
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST_ACTION, tempDir, writeProject } from './helpers/project.js';

const dirs: string[] = [];
test.after.always(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function githubEnv(): Record<string, string> {
  const project = writeProject({ releases: { '0.1.0-patches.toml': '[patches.1-users]\nstatus = "candidate"\n' } });
  const scratch = tempDir('hop-ci-entry-');
  dirs.push(project, scratch);
  const output = path.join(scratch, 'output');
  writeFileSync(output, '');
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: scratch,
    GITHUB_ACTIONS: 'true',
    INPUT_STAGE: 'plan',
    INPUT_COMMENT: 'false',
    GITHUB_WORKSPACE: project,
    GITHUB_OUTPUT: output,
  };
}

test('importing dist/index.js runs nothing; calling its run() runs the stage and writes the outputs', (t) => {
  const env = githubEnv();
  const script = `
    const entry = await import(${JSON.stringify(pathToFileURL(DIST_ACTION).href)});
    const fs = await import('node:fs');
    console.log('exports run: ' + typeof entry.run);
    console.log('outputs before run: ' + JSON.stringify(fs.readFileSync(process.env.GITHUB_OUTPUT, 'utf8')));
    await entry.run();
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
  t.is(r.status, 0, r.stderr);
  t.regex(r.stdout, /^exports run: function$/m);
  t.regex(r.stdout, /^outputs before run: ""$/m, 'the import alone ran no stage');
  t.regex(readFileSync(env['GITHUB_OUTPUT']!, 'utf8'), /^result<<ghadelimiter_[\w-]+\nsuccess\n/m);
  t.is((r.stdout.match(/promote-rc/g) ?? []).length, 1, 'the stage ran once');
});

test('node dist/index.js, as the runner starts it, runs the stage once', (t) => {
  const env = githubEnv();
  const r = spawnSync(process.execPath, [DIST_ACTION], { env, encoding: 'utf8' });
  t.is(r.status, 0, r.stderr);
  t.is((readFileSync(env['GITHUB_OUTPUT']!, 'utf8').match(/^result<</gm) ?? []).length, 1);
});
