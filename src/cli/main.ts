/** The CLI entry: argv → command → exit code. */
import { ignoreClosedOutput } from '../closed-output.js';
import { keepExitCode } from '../exit-code.js';
import { runCli } from './run-cli.js';

ignoreClosedOutput();
keepExitCode(await runCli(process.argv.slice(2), process.env));
