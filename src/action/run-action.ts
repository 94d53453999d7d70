/** Runs the stage named by the `stage` input with the provider the environment gives. */
import path from 'node:path';
import { FsWorkspace } from '../adapters/workspace-fs.js';
import { systemClock } from '../adapters/clock.js';
import { selectProvider } from '../adapters/ci/select.js';
import { stageByName } from '../stages/index.js';
import { executeStage } from '../stages/execute.js';
import { HopError } from '../core/errors.js';

export async function runAction(env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const ci = await selectProvider({ env, flags: {} });
  const stageName = ci.input('stage');
  let stage;
  try {
    stage = stageByName(stageName);
  } catch (e) {
    if (e instanceof HopError) {
      ci.error(`${e.message}${e.hint ? `\nhint: ${e.hint}` : ''}`);
      await ci.setOutput('result', 'failure');
      ci.setFailed(e.message);
      return e.exitCode;
    }
    throw e;
  }
  // `working-directory` is relative to the checkout, as a `run:` step's is.
  const cwd = path.resolve(env['GITHUB_WORKSPACE'] ?? process.cwd(), ci.input('working-directory') ?? '.');
  const { exitCode } = await executeStage(stage, { cwd, workspace: new FsWorkspace(), clock: systemClock, ci, env }, { stage: stageName! });
  return exitCode;
}
