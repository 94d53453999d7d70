/**
 * Which values every provider masks from the start, before the first log line: secret
 * inputs, and credentials the environment carries (tokens, database URLs, passwords).
 */
import { githubInputVariable, hopVariable } from './input-names.js';

/** Inputs whose value is a secret, whatever provider they come from. */
export const SECRET_INPUTS = ['database-url', 'github-token'] as const;

const NAMED_VARIABLES = ['DATABASE_URL', 'PGPASSWORD', 'GITHUB_TOKEN', 'GH_TOKEN', 'HOP_GITLAB_TOKEN', 'CI_JOB_TOKEN'];

/** `*_TOKEN`, `*_PASSWORD`, `*_SECRET`, `*DATABASE_URL*` (CI_REGISTRY_PASSWORD, ACTIONS_RUNTIME_TOKEN, …). */
const SECRET_NAME = /(_TOKEN|_PASSWORD|_SECRET|DATABASE_URL)$|^INPUT_.*(TOKEN|PASSWORD|URL)$/i;

/** Values that look like a flag or a number, not a credential: masking them would blank ordinary words. */
const NOT_A_SECRET = /^(true|false|yes|no|on|off|\d{1,5})$/i;

export function secretValues(
  env: Readonly<Record<string, string | undefined>>,
  flags: Readonly<Record<string, string | undefined>>,
): string[] {
  const found = new Set<string>();
  const add = (v: string | undefined) => {
    const t = v?.trim();
    if (t && t.length >= 3 && !NOT_A_SECRET.test(t)) found.add(t);
  };
  for (const name of SECRET_INPUTS) {
    add(flags[name]);
    add(env[githubInputVariable(name)]);
    add(env[hopVariable(name)]);
  }
  for (const [name, value] of Object.entries(flags)) if (/url|token|password/i.test(name)) add(value);
  for (const name of NAMED_VARIABLES) add(env[name]);
  for (const [name, value] of Object.entries(env)) if (SECRET_NAME.test(name)) add(value);
  return [...found];
}
