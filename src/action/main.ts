/** The GitHub Action entry: inputs → stage → outputs. */
import { ignoreClosedOutput } from '../closed-output.js';
import { keepExitCode } from '../exit-code.js';
import { runAction } from './run-action.js';

ignoreClosedOutput();
keepExitCode(await runAction(process.env));
