/** The CLI entry: argv → command → exit code. */
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), process.env);
