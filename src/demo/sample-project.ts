/**
 * The demo's hop project: a small accounts schema built over three releases, one patch
 * that fails validation with a clear SQL error until the developer fixes it, and a
 * hotfix. Files are what a developer would write; the tests need no Python package
 * (pytest when it is installed, else a psql script).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { METADATA_0_0_0 } from './half-orm-meta.js';

export const DEMO_CONFIG = `[halfORM]
hop_version = 1.0.0-a32
git_origin = https://example.com/acme/hopdemo.git
devel = True
package_name = hopdemo
`;

const BALANCE = `ALTER TABLE public.accounts ADD COLUMN balance numeric(12,2);
-- every account starts at zero
UPDATE public.accounts SET balance = 0;
ALTER TABLE public.accounts ALTER COLUMN balance SET NOT NULL,
    ADD CONSTRAINT balance_not_negative CHECK (balance >= 0);
UPDATE public.accounts SET balance = 10 WHERE email = 'alice@example.com';
`;

export const PATCHES = {
  '1-accounts': {
    '01_accounts.sql': `CREATE TABLE public.accounts (
    id serial PRIMARY KEY,
    email text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
  '2-seed': {
    '01_seed.sql': `INSERT INTO public.accounts (email) VALUES
    ('alice@example.com'),
    ('bob@example.com');
`,
  },
  /** Line 6 names a table that does not exist: validation fails and says where. */
  '3-balance-broken': {
    '01_balance.sql': BALANCE.replace('UPDATE public.accounts SET balance = 10', 'UPDATE public.acounts SET balance = 10'),
  },
  '3-balance-fixed': { '01_balance.sql': BALANCE },
  '4-email-index': {
    '01_lower_email.sql': `CREATE INDEX accounts_lower_email_idx ON public.accounts (lower(email));
`,
  },
} as const;

const PYTEST = `"""The project's tests: hop-ci runs them on every validated database (PG* is set)."""
import subprocess


def query(sql):
    out = subprocess.run(["psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def test_accounts_have_unique_emails():
    if query("SELECT to_regclass('public.accounts') IS NULL") == "t":
        return  # before 1-accounts
    assert query("SELECT count(*) = count(DISTINCT email) FROM public.accounts") == "t"


def test_balances_are_not_negative():
    has_balance = query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'balance'")
    if has_balance == "1":
        assert query("SELECT count(*) FROM public.accounts WHERE balance < 0") == "0"
`;

const SHELL_TEST = `#!/bin/sh
# The project's tests without Python packages: hop-ci runs them with PG* set.
set -eu
if [ "$(psql -X -A -t -c "SELECT to_regclass('public.accounts') IS NOT NULL")" = t ]; then
  test "$(psql -X -A -t -c 'SELECT count(*) = count(DISTINCT email) FROM public.accounts')" = t
fi
echo "tests passed"
`;

export function hasPytest(python = 'python3'): boolean {
  try {
    execFileSync(python, ['-c', 'import pytest'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Writes the initial commit's files (release 0.0.0) into `dev`; returns the test command. */
export function populateInitial(dev: string, withPytest: boolean, schemaDump: string): string {
  const put = (rel: string, text: string) => {
    const p = path.join(dev, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  };
  put('.hop/config', DEMO_CONFIG);
  put('.hop/model/schema-0.0.0.sql', schemaDump);
  put('.hop/model/metadata-0.0.0.sql', METADATA_0_0_0);
  symlinkSync('schema-0.0.0.sql', path.join(dev, '.hop/model/schema.sql'));
  put('.hop/releases/README.md', 'Release state files, written by half-orm-dev and hop-ci.\n');
  put('Patches/README.md', 'One folder a patch.\n');
  put('.gitignore', '__pycache__/\n.pytest_cache/\n');
  if (withPytest) {
    put('tests/test_accounts.py', PYTEST);
    return 'pytest -q -p no:cacheprovider tests';
  }
  put('tests/check.sh', SHELL_TEST);
  return 'sh tests/check.sh';
}
