/** The text of `hop-ci --help` and `hop-ci <command> --help`. */
import { STAGE_NAMES } from '../stages/index.js';

export const MAIN_HELP = `hop-ci — CI for half-orm-dev (hop) projects

Usage:
  hop-ci plan [--cwd DIR] [--json] [--matrix] [--from VERSION] [--to-release V] [--include-rc]
  hop-ci run <stage> [options]
  hop-ci generate [--provider github|gitlab|both] [--check] [--dry-run] [--force]
  hop-ci demo [--keep]
  hop-ci --help | --version

Stages: ${STAGE_NAMES.join(', ')}

Common options:
  --cwd DIR              the project (default: the current folder; hop-ci walks up to .hop/config)
  --json                 print one JSON document on stdout (logs go to stderr)
  --dry-run              print what would be done, change nothing

Exit codes: 0 success; 1 the stage ran and failed or refused; 2 invalid input or usage.
Run \`hop-ci <command> --help\` for the options of a command.`;

export const COMMAND_HELP: Record<string, string> = {
  plan: `hop-ci plan — what each stage would do now

Usage: hop-ci plan [--cwd DIR] [--json] [--matrix] [--from VERSION] [--to-release V] [--include-rc]

  --json          the plan as one JSON object (keys: production, inPreparation, rcs, promote, upgrade)
  --matrix        a JSON array of { patch, release } for a CI matrix (fromJSON)
  --from VERSION  also give the upgrade path from VERSION (key "upgrade")
  --to-release V  stop the upgrade path at V
  --include-rc    the upgrade path also takes release candidates`,
  run: `hop-ci run <stage> — run a stage

Usage: hop-ci run <stage> [--cwd DIR] [--json] [--dry-run] [stage options]

Stages: ${STAGE_NAMES.join(', ')}
Each option is the action input of the same name (see README.md, "Stages").`,
};
