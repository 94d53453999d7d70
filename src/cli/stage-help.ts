/**
 * `hop-ci run <stage> --help`: what the stage does, its options and an example. Each
 * option is an action input of the same name (action.yml describes them in full;
 * __tests__/cli-help.test.ts checks that every option named here is one).
 */
import type { StageName } from '../stages/index.js';

const DATABASE = `  --database-url URL     a server where hop-ci may create and drop throwaway databases
                         (default DATABASE_URL, the PG* variables, else a throwaway
                         PostgreSQL of hop-ci's own)`;
const TESTS = `  --test-command CMD     the project's tests, run on each validated database
                         (default: pytest -v --tb=short; none: SQL only)
  --python PY            the Python that runs .py patches and the tests (default python3)`;
const COMMON = `  --cwd DIR              the project (default: the current folder)
  --json                 the result as one JSON document on stdout
  --dry-run              print what would be done, change nothing`;
const PROMOTE = `  --release X.Y.Z        the release (default: the one the ho-release branch is on)
  --remote NAME          the remote to fetch from and push to (default origin)
  --git-user-name N      author of the release commit
  --git-user-email E     author e-mail of the release commit
  --promotion MODE       push (default) or pull-request (prod and hotfix: a pull/merge
                         request into ho-prod; promote-finalise finishes after the merge)
${DATABASE}
${TESTS}`;

function help(name: Exclude<StageName, 'plan'>, what: string, options: string, example: string): string {
  return `hop-ci run ${name} — ${what}

Usage: hop-ci run ${name} [options]

Options:
${options}
${COMMON}

Example:
  ${example}`;
}

/** `plan` has its own command and help (COMMAND_HELP.plan). */
export const STAGE_HELP: Record<Exclude<StageName, 'plan'>, string> = {
  'validate-patch': help(
    'validate-patch',
    "baseline, the release's staged patches, this patch at its place, then the tests",
    `  --patch ID             the patch (default: from the ho-patch/<id> branch)
  --lint MODE            squawk on the patch's SQL: warn (default), fail or off
${DATABASE}
${TESTS}`,
    'hop-ci run validate-patch --patch 42-add-users --test-command "pytest -x"',
  ),
  'validate-release': help(
    'validate-release',
    'every staged patch in order, then each candidate alone on top, with the tests',
    `  --release X.Y.Z        the release (default: the one the ho-release branch is on)
${DATABASE}
${TESTS}`,
    'hop-ci run validate-release --release 1.2.0',
  ),
  'promote-rc': help(
    'promote-rc',
    'validate the smallest release in preparation, then commit, tag vX.Y.Z-rcN and push atomically',
    PROMOTE,
    'hop-ci run promote-rc --release 1.2.0 --dry-run',
  ),
  'promote-prod': help(
    'promote-prod',
    'validate, merge into ho-prod, dump the schema, tag vX.Y.Z and push atomically',
    PROMOTE,
    'hop-ci run promote-prod --release 1.2.0',
  ),
  'promote-hotfix': help(
    'promote-hotfix',
    'the same as promote-prod for a production release reopened for a hotfix (X.Y.Z.postN)',
    PROMOTE,
    'hop-ci run promote-hotfix --release 1.2.0',
  ),
  'promote-finalise': help(
    'promote-finalise',
    'after a promotion request was merged into ho-prod: tag, ho-prod-X.Y.Z, branches deleted, .hop/ synced (nothing to do otherwise)',
    `  --remote NAME          the remote to fetch from and push to (default origin)
  --git-user-name N      author of the tag
  --git-user-email E     author e-mail of the tag`,
    'hop-ci run promote-finalise --dry-run',
  ),
  upgrade: help(
    'upgrade',
    'bring a real database from its recorded release to the latest one (locked, drift-checked, backed up)',
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
    'hop-ci run upgrade --database-url "$PROD_URL" --dry-run',
  ),
};
