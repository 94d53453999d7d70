/**
 * Commands other than `plan` and `run <stage>` (generate, demo). Each lives in its own
 * module; this table is the only place the CLI learns of them.
 */
import { runGenerate } from '../generator/generate.js';
import { runDemo } from '../demo/run-demo.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface CommandArgs {
  flags: Record<string, string>;
  positionals: string[];
  env: Env;
}

export type Command = (args: CommandArgs) => Promise<number>;

export const COMMANDS: Record<string, Command> = {
  generate: (args) => runGenerate(args),
  demo: (args) => runDemo(args),
};
