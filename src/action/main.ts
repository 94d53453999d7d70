/** The GitHub Action entry: inputs → stage → outputs. */
import { keepExitCode } from '../exit-code.js';
import { runAction } from './run-action.js';

keepExitCode(await runAction(process.env));
