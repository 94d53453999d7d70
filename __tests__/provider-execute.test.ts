/**
 * How a stage's result or error reaches the provider (src/stages/execute.ts): outputs,
 * summary, the sticky comment keyed by the stage, exit codes, and internal errors
 * reported as bugs with where to report them.
 */
import test from 'ava';
import { PassThrough } from 'node:stream';
import { executeStage } from '../src/stages/execute.js';
import { BUG_REPORT_URL, HopError } from '../src/core/errors.js';
import { LocalProvider } from '../src/adapters/ci/local.js';
import type { CiProvider, StageContext, StageResult } from '../src/ports.js';
import { FsWorkspace } from '../src/adapters/workspace-fs.js';

/** A local provider that also records what the CI-only calls received. */
function recordingProvider() {
  const err = new PassThrough();
  const chunks: string[] = [];
  err.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  const local = new LocalProvider({ inputs: {}, env: { NO_COLOR: '1' }, stdout: err, stderr: err });
  const calls = { outputs: {} as Record<string, string>, summaries: [] as string[], comments: [] as Array<[string, string]> };
  const ci: CiProvider = Object.assign(Object.create(local) as CiProvider, {
    setOutput: (name: string, value: string) => {
      calls.outputs[name] = value;
    },
    summary: async (md: string) => {
      calls.summaries.push(md);
    },
    upsertComment: async (marker: string, body: string) => {
      calls.comments.push([marker, body]);
    },
  });
  return { ci, calls, log: () => chunks.join(''), local };
}

const ctxOf = (ci: CiProvider): StageContext => ({ cwd: '.', workspace: new FsWorkspace(), clock: { now: () => 0 }, ci, env: {} });
const silent = () => {};

test('a result: outputs set, summary and the stage comment posted, exit 0', async (t) => {
  const { ci, calls } = recordingProvider();
  const result: StageResult = { ok: true, outputs: { result: 'success', version: '1.0.0' }, summary: '### done' };
  const run = await executeStage(async () => result, ctxOf(ci), { stage: 'promote-rc', write: silent });
  t.is(run.exitCode, 0);
  t.deepEqual(calls.outputs, { result: 'success', version: '1.0.0' });
  t.deepEqual(calls.summaries, ['### done']);
  t.deepEqual(calls.comments, [['<!-- hop-ci:promote-rc -->', '### done']]);
});

test('a refused stage: exit 1, result failure, the comment says what failed and what to do', async (t) => {
  const { ci, calls, log } = recordingProvider();
  const run = await executeStage(
    async () => {
      throw new HopError('release 0.2.0 still has candidate patches', {
        kind: 'refused',
        hint: 'merge them first',
        file: '.hop/releases/0.2.0-patches.toml',
        line: 4,
      });
    },
    ctxOf(ci),
    { stage: 'promote-prod', write: silent },
  );
  t.is(run.exitCode, 1);
  t.is(calls.outputs['result'], 'failure');
  t.is(calls.comments[0]![0], '<!-- hop-ci:promote-prod -->');
  t.regex(
    calls.comments[0]![1],
    /hop-ci promote-prod: failed[\s\S]*`\.hop\/releases\/0\.2\.0-patches\.toml:4`: release 0\.2\.0[\s\S]*\*\*What to do:\*\* merge them first/,
  );
  t.regex(log(), /^error: \.hop\/releases\/0\.2\.0-patches\.toml:4: release 0\.2\.0 still has candidate patches\nhint: merge them first$/m);
  t.is((log().match(/^error:/gm) ?? []).length, 1, 'setFailed does not repeat the error');
});

test('an unexpected exception is reported as a bug in hop-ci, with where to report it', async (t) => {
  const { ci, calls, log } = recordingProvider();
  const run = await executeStage(
    async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'version')");
    },
    ctxOf(ci),
    { stage: 'plan', write: silent },
  );
  t.is(run.exitCode, 1);
  t.is(calls.outputs['result'], 'failure');
  t.true(log().includes(`this is a bug in hop-ci, not in your project; please report it at ${BUG_REPORT_URL}`));
  t.regex(log(), /TypeError: Cannot read properties/, 'the stack is in the log for the report');
  t.regex(calls.comments[0]![1], /internal error/);
});
