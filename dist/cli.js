#!/usr/bin/env node
import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  VERSION
} from "./chunk-EIFLYEQI.js";
import {
  STAGE_NAMES,
  executeStage,
  ignoreClosedOutput,
  keepExitCode,
  selectProvider,
  stageByName,
  systemClock
} from "./chunk-U3VUGISK.js";
import {
  FsWorkspace
} from "./chunk-3ZTMGVL7.js";
import "./chunk-IV27EEUB.js";
import {
  didYouMean
} from "./chunk-WSXT4SJN.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";
import "./chunk-UQEAN7LJ.js";

// src/cli/stage-help.ts
var DATABASE = `  --database-url URL     a server where hop-ci may create and drop throwaway databases
                         (default DATABASE_URL, the PG* variables, else a throwaway
                         PostgreSQL of hop-ci's own)`;
var TESTS = `  --test-command CMD     the project's tests, run on each validated database
                         (default: pytest -v --tb=short; none: SQL only)
  --python PY            the Python that runs .py patches and the tests (default python3)`;
var COMMON = `  --cwd DIR              the project (default: the current folder)
  --json                 the result as one JSON document on stdout
  --dry-run              print what would be done, change nothing`;
var PROMOTE = `  --release X.Y.Z        the release (default: the one the ho-release branch is on)
  --remote NAME          the remote to fetch from and push to (default origin)
  --git-user-name N      author of the release commit
  --git-user-email E     author e-mail of the release commit
  --promotion MODE       push (default) or pull-request (prod and hotfix: a pull/merge
                         request into ho-prod; promote-finalise finishes after the merge)
${DATABASE}
${TESTS}`;
function help(name, what, options, example) {
  return `hop-ci run ${name} \u2014 ${what}

Usage: hop-ci run ${name} [options]

Options:
${options}
${COMMON}

Example:
  ${example}`;
}
var STAGE_HELP = {
  "validate-patch": help(
    "validate-patch",
    "baseline, the release's staged patches, this patch at its place, then the tests",
    `  --patch ID             the patch (default: from the ho-patch/<id> branch)
  --lint MODE            squawk on the patch's SQL: warn (default), fail or off
${DATABASE}
${TESTS}`,
    'hop-ci run validate-patch --patch 42-add-users --test-command "pytest -x"'
  ),
  "validate-release": help(
    "validate-release",
    "every staged patch in order, then each candidate alone on top, with the tests",
    `  --release X.Y.Z        the release (default: the one the ho-release branch is on)
${DATABASE}
${TESTS}`,
    "hop-ci run validate-release --release 1.2.0"
  ),
  "promote-rc": help(
    "promote-rc",
    "validate the smallest release in preparation, then commit, tag vX.Y.Z-rcN and push atomically",
    PROMOTE,
    "hop-ci run promote-rc --release 1.2.0 --dry-run"
  ),
  "promote-prod": help(
    "promote-prod",
    "validate, merge into ho-prod, dump the schema, tag vX.Y.Z and push atomically",
    PROMOTE,
    "hop-ci run promote-prod --release 1.2.0"
  ),
  "promote-hotfix": help(
    "promote-hotfix",
    "the same as promote-prod for a production release reopened for a hotfix (X.Y.Z.postN)",
    PROMOTE,
    "hop-ci run promote-hotfix --release 1.2.0"
  ),
  "promote-finalise": help(
    "promote-finalise",
    "after a promotion request was merged into ho-prod: tag, ho-prod-X.Y.Z, branches deleted, .hop/ synced (nothing to do otherwise)",
    `  --remote NAME          the remote to fetch from and push to (default origin)
  --git-user-name N      author of the tag
  --git-user-email E     author e-mail of the tag`,
    "hop-ci run promote-finalise --dry-run"
  ),
  upgrade: help(
    "upgrade",
    "bring a real database from its recorded release to the latest one (locked, drift-checked, backed up)",
    `  --database-url URL     the target database (default DATABASE_URL or the PG* variables);
                         never a throwaway server
  --to-release V         stop at this release (default: the latest production release)
  --include-rc           the path may go through release candidates
  --lock-timeout SECONDS wait that long for another upgrade's lock (default 60)
  --lock-wait SECONDS    retry a release transaction blocked by other sessions' locks that
                         long, 2 s per attempt, then stop naming them (default 120)
  --statement-timeout SECONDS  statement_timeout of the release transactions (default none)
  --allow-drift          go on when the live schema differs from its recorded release
  --skip-backup          no pg_dump backup first (only for databases you can rebuild)
  --backup-dir DIR       where the backup goes
  --backup-recipient KEY an age public key: the backup is written encrypted (.dump.age)
  --rehearse-on-server   with --dry-run: rehearse on a template copy on the target's server
                         (default: on a throwaway PostgreSQL off the server)
  --baseline X.Y.Z       record that an unversioned database is at X.Y.Z (nothing applied)
  --python PY            the Python of the releases' .py patch files (default python3);
                         refuse (or --no-python) refuses releases that have any`,
    'hop-ci run upgrade --database-url "$PROD_URL" --dry-run'
  )
};

// src/cli/args.ts
var BOOLEAN_FLAGS = /* @__PURE__ */ new Set([
  "json",
  "matrix",
  "dry-run",
  "include-rc",
  "allow-drift",
  "skip-backup",
  "rehearse-on-server",
  "allow-python",
  "force",
  "check",
  "help",
  "version",
  "keep",
  "comment",
  "no-comment",
  "no-python"
]);
var VALUE_FLAGS = /* @__PURE__ */ new Set([
  "cwd",
  "working-directory",
  "stage",
  "database-url",
  "test-command",
  "lint",
  "patch",
  "release",
  "from",
  "to-release",
  "python",
  "git-user-name",
  "git-user-email",
  "github-token",
  "lock-timeout",
  "lock-wait",
  "statement-timeout",
  "baseline",
  "backup-dir",
  "backup-recipient",
  "provider",
  "postgres-version",
  "python-version",
  "install-command",
  "action-ref",
  "remote",
  "promotion"
]);
function parseArgs(argv) {
  const positionals = [];
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "-h") {
      flags["help"] = "true";
      continue;
    }
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? void 0 : eq);
    if (BOOLEAN_FLAGS.has(name)) {
      flags[name] = eq < 0 ? "true" : arg.slice(eq + 1);
      continue;
    }
    if (!VALUE_FLAGS.has(name)) {
      const guess = didYouMean(name, [...BOOLEAN_FLAGS, ...VALUE_FLAGS], (f) => `--${f}`);
      throw new HopError(`unknown option --${name}${guess ? `: ${guess}` : ""}`, {
        hint: "see `hop-ci <command> --help` (`hop-ci run <stage> --help` for a stage)",
        code: "usage"
      });
    }
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === void 0) throw new HopError(`option --${name} needs a value`, { hint: "see `hop-ci --help`", code: "usage" });
    flags[name] = value;
  }
  if (flags["no-comment"]) {
    flags["comment"] = "false";
    delete flags["no-comment"];
  }
  if (flags["no-python"] === "true") flags["python"] = "refuse";
  delete flags["no-python"];
  return { command: positionals.shift(), positionals, flags };
}

// src/cli/help.ts
var MAIN_HELP = `hop-ci \u2014 CI for half-orm-dev (hop) projects

Usage:
  hop-ci plan [--cwd DIR] [--json] [--matrix] [--from VERSION] [--to-release V] [--include-rc]
  hop-ci run <stage> [options]
  hop-ci generate [--provider github|gitlab|both] [--check] [--dry-run] [--force]
  hop-ci demo [--keep]
  hop-ci --help | --version

Stages: ${STAGE_NAMES.join(", ")}

Common options:
  --cwd DIR              the project (default: the current folder; hop-ci walks up to .hop/config)
  --json                 print one JSON document on stdout (logs go to stderr)
  --dry-run              print what would be done, change nothing

Exit codes: 0 success; 1 the stage ran and failed or refused; 2 invalid input or usage.
Run \`hop-ci <command> --help\` for the options of a command, \`hop-ci run <stage> --help\` for a stage's.`;
var COMMAND_HELP = {
  plan: `hop-ci plan \u2014 what each stage would do now

Usage: hop-ci plan [--cwd DIR] [--json] [--matrix] [--from VERSION] [--to-release V] [--include-rc]

  --json          the plan as one JSON object (keys: production, inPreparation, rcs, promote, upgrade)
  --matrix        a JSON array of { patch, release } for a CI matrix (fromJSON)
  --from VERSION  also give the upgrade path from VERSION (key "upgrade")
  --to-release V  stop the upgrade path at V
  --include-rc    the upgrade path also takes release candidates`,
  run: `hop-ci run <stage> \u2014 run a stage

Usage: hop-ci run <stage> [--cwd DIR] [--json] [--dry-run] [stage options]

Stages: ${STAGE_NAMES.join(", ")}

Every option is the action input of the same name (README.md, "Stages");
\`hop-ci run <stage> --help\` gives a stage's options and an example:
  validate-patch    --patch ID --database-url URL --test-command CMD --python PY --lint warn|fail|off
  validate-release  --release X.Y.Z --database-url URL --test-command CMD --python PY
  promote-rc|prod|hotfix
                    --release X.Y.Z --remote NAME --git-user-name N --git-user-email E
                    --database-url URL --test-command CMD (promotions validate first)
                    --promotion push|pull-request (prod and hotfix: push ho-prod, or push
                    hop-promote/X.Y.Z and open a pull/merge request; default: .hop/ci.toml, else push)
  promote-finalise  after a promotion request is merged into ho-prod: tag, ho-prod-X.Y.Z,
                    branches deleted, .hop/ synced (nothing to do otherwise)
  upgrade           --database-url URL (or DATABASE_URL) --to-release V --include-rc
                    --lock-timeout SECONDS --allow-drift --skip-backup --backup-dir DIR
                    --baseline VERSION --lock-wait SECONDS --statement-timeout SECONDS
                    --no-python --backup-recipient AGE_PUBLIC_KEY --dry-run [--rehearse-on-server]
Without --database-url (and no DATABASE_URL / PGHOST), validations and promotions start
a throwaway PostgreSQL cluster of their own and remove it afterwards.`,
  generate: `hop-ci generate \u2014 write the CI workflows that run hop-ci into this repository

Usage: hop-ci generate [--provider github|gitlab|both] [--check] [--dry-run] [--force] [options]

Writes .github/workflows/hop-{validate,promote,upgrade}.yml (GitHub) and/or .gitlab/hop-ci.yml,
included from .gitlab-ci.yml (GitLab), at the git top level. Options come from the flags, then
.hop/ci.toml (same names, e.g. postgres-version = "16"), then the defaults:
  --provider P            github, gitlab or both (default: the providers already generated, else
                          the git remote's host, else the CI files present)
  --postgres-version V    PostgreSQL of the service and least pg_dump major (default 16)
  --python-version V      Python of the jobs (default 3.12)
  --install-command CMD   installs the project (default: pip install -e . with a pyproject.toml or
                          setup.py, else pip install -r requirements.txt, else pip install half_orm_dev pytest)
  --upgrade-install-command CMD
                          installs the project in the upgrade jobs, beside the production URL
                          (default: the install command; pin it, e.g. pip install --require-hashes -r requirements.lock)
  --test-command CMD      the project's tests, run on each validated database (default: the action's,
                          pytest -v --tb=short; none: no tests, the SQL is still applied and checked)
  --action-ref REF        the action the GitHub workflows use (default hop-ci/hop-ci@v<this version>)
  --validate-timeout MIN  time limit of the validation jobs, in minutes (default 30)
  --promote-timeout MIN   time limit of the promotion jobs (default 30)
  --upgrade-timeout MIN   time limit of the upgrade jobs (default 60)
  --promotion MODE        push (default): promotions push ho-prod, in a protected \`release\` environment;
                          pull-request: they open a pull/merge request into ho-prod, and a job on the
                          push to ho-prod finalises (writes .github/workflows/hop-finalise.yml on GitHub)
  --check                 change nothing; exit 1 and print a diff when a file is not what would be written
  --dry-run               print the files instead of writing them
  --force                 overwrite files edited by hand or not written by hop-ci
  --cwd DIR               the hop project (default: the current folder)

A second run changes nothing. A file edited by hand is never overwritten without --force.`
};

// src/cli/commands.ts
var COMMANDS = {
  // Loaded when used, like the stages: the demo alone pulls in pg and the postgres adapters.
  generate: async (args) => (await import("./chunk-D7T3HKMH.js")).runGenerate(args),
  demo: async (args) => (await import("./chunk-WXDZIUD2.js")).runDemo(args)
};

// src/cli/run-cli.ts
async function runCli(argv, env) {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    return usageError(e);
  }
  const { command, positionals, flags } = parsed;
  if (flags["version"]) {
    process.stdout.write(`${VERSION}
`);
    return 0;
  }
  if (!command) {
    process.stdout.write(`${MAIN_HELP}
`);
    return flags["help"] ? 0 : 2;
  }
  const extra = COMMANDS[command];
  if (command !== "plan" && command !== "run" && !extra) return usageError(unknownCommand(command));
  if (flags["help"]) {
    const text = helpFor(command, positionals[0] ?? flags["stage"]);
    if (text instanceof HopError) return usageError(text);
    process.stdout.write(`${text}
`);
    return 0;
  }
  if (extra) return extra({ flags, positionals, env });
  const stageName = command === "plan" ? "plan" : positionals[0] ?? flags["stage"] ?? env["HOP_STAGE"];
  const json = flags["json"] === "true";
  const ci = await selectProvider({ env, flags, json });
  let stage;
  try {
    stage = stageByName(stageName);
  } catch (e) {
    return usageError(e);
  }
  const cwd = flags["cwd"] ?? flags["working-directory"] ?? ci.input("working-directory") ?? process.cwd();
  const { exitCode } = await executeStage(
    stage,
    { cwd, workspace: new FsWorkspace(), clock: systemClock, ci, env },
    { json, ...stageName ? { stage: stageName } : {} }
  );
  return exitCode;
}
var COMMAND_NAMES = ["plan", "run", ...Object.keys(COMMANDS)];
function unknownCommand(command) {
  const stage = STAGE_NAMES.includes(command) ? `did you mean hop-ci run ${command}?` : "";
  const guess = stage || didYouMean(command, COMMAND_NAMES, (c) => `hop-ci ${c}`) || didYouMean(command, STAGE_NAMES, (s) => `hop-ci run ${s}`);
  return new HopError(`unknown command '${command}'${guess ? `: ${guess}` : ""}`, {
    hint: `the commands are ${COMMAND_NAMES.join(", ")}; see \`hop-ci --help\``,
    code: "usage"
  });
}
function helpFor(command, stage) {
  if (command !== "run" || !stage) return COMMAND_HELP[command] ?? MAIN_HELP;
  if (stage === "plan") return COMMAND_HELP["plan"];
  if (stage in STAGE_HELP) return STAGE_HELP[stage];
  try {
    stageByName(stage);
  } catch (e) {
    if (e instanceof HopError) return e;
    throw e;
  }
  return COMMAND_HELP["run"];
}
function usageError(e) {
  if (e instanceof HopError) {
    process.stderr.write(`error: ${e.message}${e.hint ? `
hint: ${e.hint}` : ""}
`);
    return 2;
  }
  throw e;
}

// src/cli/main.ts
ignoreClosedOutput();
keepExitCode(await runCli(process.argv.slice(2), process.env));
