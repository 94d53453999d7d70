/**
 * The action, in the shape of actions/typescript-action: `run()` reads the inputs from the
 * environment, runs the stage, writes the outputs and sets the exit code. src/action/index.ts
 * calls it when the runner starts dist/index.js; @github/local-action imports it and calls it.
 */
import { ignoreClosedOutput } from '../closed-output.js';
import { keepExitCode } from '../exit-code.js';
import { runAction } from './run-action.js';

export async function run(): Promise<void> {
  ignoreClosedOutput();
  keepExitCode(await runAction(process.env));
}
