/** Runs the stage named by the `stage` input with the provider the environment gives. */
import { FsWorkspace } from '../adapters/workspace-fs.js';
import { systemClock } from '../adapters/clock.js';
import { selectProvider } from '../adapters/ci/select.js';
import { stageByName } from '../stages/index.js';
import { executeStage } from '../stages/execute.js';
import { HopError } from '../core/errors.js';

export async function runAction(env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const ci = selectProvider({ env, flags: {} });
  let stage;
  try {
    stage = stageByName(ci.input('stage'));
  } catch (e) {
    if (e instanceof HopError) {
      ci.error(`${e.message}${e.hint ? `\nhint: ${e.hint}` : ''}`);
      ci.setFailed(e.message);
      return 2;
    }
    throw e;
  }
  const cwd = ci.input('working-directory') ?? env['GITHUB_WORKSPACE'] ?? process.cwd();
  const { exitCode } = await executeStage(stage, { cwd, workspace: new FsWorkspace(), clock: systemClock, ci, env });
  return exitCode;
}
