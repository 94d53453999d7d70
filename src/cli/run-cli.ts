/** Dispatches a command line to a stage or a command and returns the exit code. */
import { FsWorkspace } from '../adapters/workspace-fs.js';
import { systemClock } from '../adapters/clock.js';
import { selectProvider } from '../adapters/ci/select.js';
import { HopError } from '../core/errors.js';
import { stageByName } from '../stages/index.js';
import { executeStage } from '../stages/execute.js';
import { parseArgs } from './args.js';
import { COMMAND_HELP, MAIN_HELP } from './help.js';
import { VERSION } from '../version.js';
import { COMMANDS, type Env } from './commands.js';

export async function runCli(argv: string[], env: Env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    return usageError(e);
  }
  const { command, positionals, flags } = parsed;
  if (flags['version']) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (!command || (flags['help'] && !COMMAND_HELP[command] && !COMMANDS[command])) {
    process.stdout.write(`${MAIN_HELP}\n`);
    return command || flags['help'] ? 0 : 2;
  }
  if (flags['help']) {
    process.stdout.write(`${COMMAND_HELP[command] ?? MAIN_HELP}\n`);
    return 0;
  }
  const extra = COMMANDS[command];
  if (extra) return extra({ flags, positionals, env });

  let stageName: string | undefined;
  if (command === 'plan') stageName = 'plan';
  else if (command === 'run') stageName = positionals[0] ?? flags['stage'] ?? env['HOP_STAGE'];
  else return usageError(new HopError(`unknown command '${command}'`, { hint: 'see `hop-ci --help`', code: 'usage' }));

  const json = flags['json'] === 'true';
  const ci = await selectProvider({ env, flags, json });
  let stage;
  try {
    stage = stageByName(stageName);
  } catch (e) {
    return usageError(e);
  }
  const cwd = flags['cwd'] ?? flags['working-directory'] ?? ci.input('working-directory') ?? process.cwd();
  const { exitCode } = await executeStage(
    stage,
    { cwd, workspace: new FsWorkspace(), clock: systemClock, ci, env },
    { json, ...(stageName ? { stage: stageName } : {}) },
  );
  return exitCode;
}

function usageError(e: unknown): number {
  if (e instanceof HopError) {
    process.stderr.write(`error: ${e.message}${e.hint ? `\nhint: ${e.hint}` : ''}\n`);
    return 2;
  }
  throw e;
}
