/**
 * Commands other than `plan` and `run <stage>` (generate, demo). Each lives in its own
 * module; this table is the only place the CLI learns of them.
 */

export type Env = Readonly<Record<string, string | undefined>>;

export interface CommandArgs {
  flags: Record<string, string>;
  positionals: string[];
  env: Env;
}

export type Command = (args: CommandArgs) => Promise<number>;

export const COMMANDS: Record<string, Command> = {
  // Loaded when used, like the stages: the demo alone pulls in pg and the postgres adapters.
  generate: async (args) => (await import('../generator/generate.js')).runGenerate(args),
  demo: async (args) => (await import('../demo/run-demo.js')).runDemo(args),
};
