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
Run \`hop-ci <command> --help\` for the options of a command, \`hop-ci run <stage> --help\` for a stage's.`;

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

  generate: `hop-ci generate — write the CI workflows that run hop-ci into this repository

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

A second run changes nothing. A file edited by hand is never overwritten without --force.`,
};
