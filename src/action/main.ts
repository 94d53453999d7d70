/** The GitHub Action entry: inputs → stage → outputs. */
import { runAction } from './run-action.js';

process.exitCode = await runAction(process.env);
