/**
 * What a GitHub Actions run is about, from its environment and its event payload
 * (`GITHUB_EVENT_PATH`): the PR's head and base branches and number, the run URL.
 */
import { readFileSync } from 'node:fs';
import type { CiContext } from '../../ports.js';

export interface GitHubContext extends CiContext {
  owner?: string;
  repo?: string;
  apiUrl: string;
}

interface EventPayload {
  pull_request?: { number?: number; head?: { ref?: string; sha?: string }; base?: { ref?: string } };
  issue?: { number?: number; pull_request?: unknown };
}

export function githubContext(
  env: Readonly<Record<string, string | undefined>>,
  readText: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): GitHubContext {
  const payload = readPayload(env['GITHUB_EVENT_PATH'], readText);
  const [owner, repo] = (env['GITHUB_REPOSITORY'] ?? '').split('/');
  const server = env['GITHUB_SERVER_URL'] ?? 'https://github.com';
  const pr = payload.pull_request;
  // An issue_comment on a PR carries the PR as an issue with a `pull_request` key.
  const changeNumber = pr?.number ?? (payload.issue?.pull_request ? payload.issue.number : undefined);
  const context: GitHubContext = { apiUrl: env['GITHUB_API_URL'] ?? 'https://api.github.com' };
  const set = <K extends keyof GitHubContext>(key: K, value: GitHubContext[K] | undefined | '') => {
    if (value !== undefined && value !== '') context[key] = value as GitHubContext[K];
  };
  set('eventName', env['GITHUB_EVENT_NAME']);
  set('headRef', pr?.head?.ref ?? env['GITHUB_HEAD_REF'] ?? env['GITHUB_REF_NAME']);
  set('baseRef', pr?.base?.ref ?? env['GITHUB_BASE_REF']);
  set('changeNumber', changeNumber);
  set('sha', pr?.head?.sha ?? env['GITHUB_SHA']);
  set('repository', env['GITHUB_REPOSITORY']);
  set('owner', owner);
  set('repo', repo);
  if (env['GITHUB_REPOSITORY'] && env['GITHUB_RUN_ID'])
    set('runUrl', `${server}/${env['GITHUB_REPOSITORY']}/actions/runs/${env['GITHUB_RUN_ID']}`);
  return context;
}

function readPayload(path: string | undefined, readText: (path: string) => string): EventPayload {
  if (!path) return {};
  try {
    const parsed: unknown = JSON.parse(readText(path));
    return parsed && typeof parsed === 'object' ? (parsed as EventPayload) : {};
  } catch {
    // No payload (a local `act` run, a deleted file): the context is what the variables say.
    return {};
  }
}
