/**
 * Untrusted text never prints a working workflow command (issue 14): the built
 * dist/index.js runs validate-patch as the GitHub runner runs it, on patches whose SQL
 * errors and notices, Python output, test output and file names carry `\r`, `\n` and
 * `::warning`/`::error` lines. Its stdout and stderr are read the way the runner reads
 * them (lines split on \r and \n, leading white space trimmed, `::stop-commands::`
 * honoured): the only commands are hop-ci's own.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { closeSharedCluster, sharedCluster } from './helpers/pg.js';
import { DIST_ACTION, tempDir, writeProject } from './helpers/project.js';

/** Titles the hostile text asks for: none may reach the runner as a command. */
const HOSTILE_TITLES = ['SQL', 'NOTICE', 'PY', 'TEST', 'FILE'];

interface RunnerCommand {
  name: string;
  properties: string;
  message: string;
}

/** The commands the runner would act on, read as it reads a step's output. */
function runnerCommands(output: string): RunnerCommand[] {
  const commands: RunnerCommand[] = [];
  let paused: string | undefined;
  for (const raw of output.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/^[\s\u0085\u180e]+/, '');
    const m = /^::([^\s:]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const [, name, properties = '', message = ''] = m;
    if (paused !== undefined) {
      if (name === paused) paused = undefined;
      continue;
    }
    if (name === 'stop-commands') paused = message;
    else commands.push({ name: name!, properties, message });
  }
  assertResumed(paused);
  return commands;
}

function assertResumed(paused: string | undefined): void {
  if (paused !== undefined) throw new Error(`commands left paused (token ${paused}): the log would lose hop-ci's own commands`);
}

const scratch = tempDir('hop-ci-injection-');
const projects: string[] = [];
test.after.always(async () => {
  await closeSharedCluster();
  for (const p of projects) rmSync(p, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

const RELEASE_TOML = '[patches.1-users]\nstatus = "staged"\nmerge_commit = "aaaaaaaa"\n\n[patches.2-posts]\nstatus = "candidate"\n';

function project(posts: Record<string, string>): string {
  const root = writeProject({
    releases: { '0.1.0-patches.toml': RELEASE_TOML },
    patches: { 'staged/1-users': { '01_users.sql': 'CREATE TABLE users (id serial PRIMARY KEY);\n' }, '2-posts': posts },
  });
  projects.push(root);
  return root;
}

let runNo = 0;
async function runAction(workspace: string, inputs: Record<string, string>) {
  const n = ++runNo;
  const outputFile = path.join(scratch, `output-${n}`);
  const summaryFile = path.join(scratch, `summary-${n}`);
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const server = await sharedCluster();
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: scratch,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    INPUT_STAGE: 'validate-patch',
    INPUT_PATCH: '2-posts',
    INPUT_COMMENT: 'false',
    'INPUT_DATABASE-URL': server.url('postgres'),
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [DIST_ACTION], { cwd: scratch, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
  return { code, stdout, stderr, summary: readFileSync(summaryFile, 'utf8'), commands: runnerCommands(`${stdout}\n${stderr}`) };
}

function hostile(commands: RunnerCommand[]): RunnerCommand[] {
  return commands.filter(
    (c) =>
      HOSTILE_TITLES.some((title) => c.properties.includes(`title=${title}`)) ||
      !/^(error|warning|notice|debug|group|endgroup|add-mask)$/.test(c.name),
  );
}

test.serial('a SQL error and notices with \\r and \\n: no command from them; the error is one escaped annotation', async (t) => {
  t.true(existsSync(DIST_ACTION), 'run `npm run build` first');
  const root = project({
    '01_notice.sql': "DO $$ BEGIN RAISE NOTICE E'noted\\n::error title=NOTICE::from a notice\\r::warning title=NOTICE::again'; END $$;\n",
    '02_boom.sql': "DO $$ BEGIN RAISE EXCEPTION E'boom\\r::warning title=SQL::from an error\\n```\\n[link](http://x)'; END $$;\n",
  });
  const run = await runAction(root, { 'test-command': 'none' });
  t.is(run.code, 1, run.stdout + run.stderr);
  t.deepEqual(hostile(run.commands), [], run.stdout);
  const annotation = run.commands.find((c) => c.name === 'error' && c.properties.includes('02_boom.sql'));
  t.truthy(annotation, run.stdout);
  t.regex(annotation!.message, /boom%0D::warning title=SQL::from an error%0A/);
  t.regex(run.stdout + run.stderr, /boom/, 'the error text is still shown');
  // The fence around the error is longer than the backticks in it; the link is shown, not rendered.
  t.regex(run.summary, /^````\npatch 2-posts: .*boom\r::warning title=SQL::from an error\n```\n\[link\]\(http:\/\/x\)\n[\s\S]*?\n````$/m);
});

test.serial('Python and test output with \\r: no command from them, the lines are still in the log', async (t) => {
  const root = project({
    '01_posts.sql': 'CREATE TABLE posts (id serial PRIMARY KEY);\n',
    '02_hello.py': "print('python says\\r::warning title=PY::from python')\nprint('::error title=PY::second line')\n",
  });
  const tests = `python3 -c "print('collected\\r::warning title=TEST::from a test'); print('  ::error title=TEST::indented')"; exit 1`;
  const run = await runAction(root, { 'test-command': tests });
  t.is(run.code, 1, run.stdout + run.stderr);
  t.deepEqual(hostile(run.commands), [], run.stdout);
  t.regex(run.stdout, /collected/);
  t.regex(run.summary, /test output/);
});

test.serial('a patch file name with a newline: refused with exit 2 naming the folder, no command from the name', async (t) => {
  const root = project({ '01_posts.sql': 'SELECT 1;\n', '02\n::warning title=FILE::from a file name\n.sql': 'SELECT 1;\n' });
  const run = await runAction(root, { 'test-command': 'none' });
  t.is(run.code, 2, run.stdout + run.stderr);
  t.deepEqual(hostile(run.commands), [], run.stdout);
  const error = run.commands.find((c) => c.name === 'error');
  t.truthy(error, run.stdout);
  t.regex(error!.message, /patch folder Patches\/2-posts has a file whose name contains a control character: "02\\n::warning/);
});
