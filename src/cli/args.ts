/**
 * Command-line parsing. Flags of `run` and `plan` are stage inputs, named as in
 * action.yml (`--database-url` is the input `database-url`).
 */
import { HopError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';

/** Flags that take no value. */
export const BOOLEAN_FLAGS = new Set([
  'json',
  'matrix',
  'dry-run',
  'include-rc',
  'allow-drift',
  'skip-backup',
  'rehearse-on-server',
  'allow-python',
  'force',
  'check',
  'help',
  'version',
  'keep',
  'comment',
  'no-comment',
  'no-python',
]);

/** Every input a stage may read; anything else on the command line is a typo. */
export const VALUE_FLAGS = new Set([
  'cwd',
  'working-directory',
  'stage',
  'database-url',
  'test-command',
  'lint',
  'patch',
  'release',
  'from',
  'to-release',
  'python',
  'git-user-name',
  'git-user-email',
  'github-token',
  'lock-timeout',
  'lock-wait',
  'statement-timeout',
  'baseline',
  'backup-dir',
  'backup-recipient',
  'provider',
  'postgres-version',
  'python-version',
  'install-command',
  'action-ref',
  'remote',
  'promotion',
]);

export interface ParsedArgs {
  command?: string;
  positionals: string[];
  flags: Record<string, string>;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags['help'] = 'true';
      continue;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (BOOLEAN_FLAGS.has(name)) {
      flags[name] = eq < 0 ? 'true' : arg.slice(eq + 1);
      continue;
    }
    if (!VALUE_FLAGS.has(name)) {
      const guess = didYouMean(name, [...BOOLEAN_FLAGS, ...VALUE_FLAGS], (f) => `--${f}`);
      throw new HopError(`unknown option --${name}${guess ? `: ${guess}` : ''}`, {
        hint: 'see `hop-ci <command> --help` (`hop-ci run <stage> --help` for a stage)',
        code: 'usage',
      });
    }
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new HopError(`option --${name} needs a value`, { hint: 'see `hop-ci --help`', code: 'usage' });
    flags[name] = value;
  }
  if (flags['no-comment']) {
    flags['comment'] = 'false';
    delete flags['no-comment'];
  }
  // `--no-python` is the input `python: refuse` (upgrade refuses releases with .py files).
  if (flags['no-python'] === 'true') flags['python'] = 'refuse';
  delete flags['no-python'];
  return { command: positionals.shift(), positionals, flags };
}
