/**
 * Picks the CI provider from the environment passed in (never from process.env here):
 * `GITHUB_ACTIONS=true` → GitHub, `GITLAB_CI=true` → GitLab, else local.
 */
import type { CiProvider } from '../../ports.js';
import { GitHubProvider } from './github.js';
import { GitLabProvider } from './gitlab.js';
import { LocalProvider } from './local.js';

export interface ProviderOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Inputs given as CLI flags (kebab-case names, as in action.yml); they win over the environment. */
  flags: Record<string, string | undefined>;
  json?: boolean;
}

export type ProviderName = CiProvider['name'];

export function providerName(env: Readonly<Record<string, string | undefined>>): ProviderName {
  if (env['GITHUB_ACTIONS'] === 'true') return 'github';
  if (env['GITLAB_CI'] === 'true') return 'gitlab';
  return 'local';
}

export function selectProvider(options: ProviderOptions): CiProvider {
  const { env, flags, json } = options;
  switch (providerName(env)) {
    case 'github':
      return new GitHubProvider({ env, flags, ...(json ? { json } : {}) });
    case 'gitlab':
      return new GitLabProvider({ env, flags, ...(json ? { json } : {}) });
    default:
      return new LocalProvider({ inputs: flags, env, ...(json ? { json } : {}) });
  }
}
