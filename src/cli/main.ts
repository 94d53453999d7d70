/** The CLI entry: argv → command → exit code. */
import { keepExitCode } from '../exit-code.js';
import { runCli } from './run-cli.js';

keepExitCode(await runCli(process.argv.slice(2), process.env));
