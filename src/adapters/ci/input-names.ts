/**
 * How an action input (`database-url`, as named in action.yml) is spelled in the
 * environment of each provider.
 */

/** GitHub's runner: `INPUT_` + the name upper-cased, spaces as `_`, dashes kept (`INPUT_DATABASE-URL`), as @actions/core reads it. */
export function githubInputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** GitLab CI variables and the CLI's environment: `HOP_` + upper snake case (`HOP_DATABASE_URL`). */
export function hopVariable(name: string): string {
  return `HOP_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** Inputs that fall back to a conventional variable when given nowhere else. */
export const CONVENTIONAL_VARIABLES: Readonly<Record<string, string>> = {
  'database-url': 'DATABASE_URL',
};

/** `undefined` for missing and blank values, the trimmed value otherwise. */
export function nonBlank(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  return v === '' ? undefined : v;
}
