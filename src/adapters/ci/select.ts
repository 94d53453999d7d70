/**
 * Picks the CI provider from the environment passed in (never from process.env here):
 * `GITHUB_ACTIONS=true` → GitHub, `GITLAB_CI=true` → GitLab, else local.
 */
import type { CiProvider } from '../../ports.js';

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

/**
 * Each provider is loaded when picked: the GitHub one brings @actions/core and its HTTP
 * client (undici, ~0.8 MB), which no local or GitLab run, nor `--version`, should parse.
 */
export async function selectProvider(options: ProviderOptions): Promise<CiProvider> {
  const { env, flags, json } = options;
  switch (providerName(env)) {
    case 'github': {
      const { GitHubProvider } = await import('./github.js');
      return new GitHubProvider({ env, flags, ...(json ? { json } : {}) });
    }
    case 'gitlab': {
      const { GitLabProvider } = await import('./gitlab.js');
      return new GitLabProvider({ env, flags, ...(json ? { json } : {}) });
    }
    default: {
      const { LocalProvider } = await import('./local.js');
      return new LocalProvider({ inputs: flags, env, ...(json ? { json } : {}) });
    }
  }
}
