/** Dispatches a command line to a stage or a command and returns the exit code. */
import { FsWorkspace } from '../adapters/workspace-fs.js';
import { systemClock } from '../adapters/clock.js';
import { selectProvider } from '../adapters/ci/select.js';
import { HopError } from '../core/errors.js';
import { STAGE_NAMES, stageByName } from '../stages/index.js';
import { didYouMean } from '../core/suggest.js';
import { STAGE_HELP } from './stage-help.js';
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
  if (!command) {
    process.stdout.write(`${MAIN_HELP}\n`);
    return flags['help'] ? 0 : 2;
  }
  const extra = COMMANDS[command];
  if (command !== 'plan' && command !== 'run' && !extra) return usageError(unknownCommand(command));
  if (flags['help']) {
    const text = helpFor(command, positionals[0] ?? flags['stage']);
    if (text instanceof HopError) return usageError(text);
    process.stdout.write(`${text}\n`);
    return 0;
  }
  if (extra) return extra({ flags, positionals, env });

  const stageName = command === 'plan' ? 'plan' : (positionals[0] ?? flags['stage'] ?? env['HOP_STAGE']);

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

const COMMAND_NAMES = ['plan', 'run', ...Object.keys(COMMANDS)];

/** `hop-ci validate-patch` is `hop-ci run validate-patch`; `hop-ci generat` is `hop-ci generate`. */
function unknownCommand(command: string): HopError {
  const stage = (STAGE_NAMES as readonly string[]).includes(command) ? `did you mean hop-ci run ${command}?` : '';
  const guess =
    stage || didYouMean(command, COMMAND_NAMES, (c) => `hop-ci ${c}`) || didYouMean(command, STAGE_NAMES, (s) => `hop-ci run ${s}`);
  return new HopError(`unknown command '${command}'${guess ? `: ${guess}` : ''}`, {
    hint: `the commands are ${COMMAND_NAMES.join(', ')}; see \`hop-ci --help\``,
    code: 'usage',
  });
}

/** The help of a command, or of a stage for `hop-ci run <stage> --help`. */
function helpFor(command: string, stage: string | undefined): string | HopError {
  if (command !== 'run' || !stage) return COMMAND_HELP[command] ?? MAIN_HELP;
  if (stage === 'plan') return COMMAND_HELP['plan']!;
  if (stage in STAGE_HELP) return STAGE_HELP[stage as keyof typeof STAGE_HELP];
  try {
    stageByName(stage);
  } catch (e) {
    if (e instanceof HopError) return e;
    throw e;
  }
  return COMMAND_HELP['run']!;
}

function usageError(e: unknown): number {
  if (e instanceof HopError) {
    process.stderr.write(`error: ${e.message}${e.hint ? `\nhint: ${e.hint}` : ''}\n`);
    return 2;
  }
  throw e;
}
