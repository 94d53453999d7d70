/**
 * The forge's pull/merge requests for a `pull-request` promotion, picked from the CI
 * provider: GitHub with `github-token` (needs `pull-requests: write`), GitLab with
 * `HOP_GITLAB_TOKEN` (a project access token with `api`). A local run has no forge to
 * talk to and is refused before anything is pushed.
 */
import { HopError } from '../../core/errors.js';
import type { ChangeRequests, StageContext } from '../../ports.js';

function missing(what: string, hint: string): HopError {
  return new HopError(`promotion mode pull-request needs ${what}`, { kind: 'refused', hint, code: 'pull-request-unavailable' });
}

export async function changeRequestsFor(ctx: StageContext): Promise<ChangeRequests> {
  const env = ctx.env;
  if (ctx.ci.name === 'github') {
    const token = ctx.ci.input('github-token') ?? env['GITHUB_TOKEN'];
    const [owner, repo] = (env['GITHUB_REPOSITORY'] ?? '').split('/');
    if (!token)
      throw missing('a GitHub token', 'pass `github-token` (the default `${{ github.token }}` with `permissions: pull-requests: write`)');
    if (!owner || !repo) throw missing('GITHUB_REPOSITORY (owner/repo)', 'run it in GitHub Actions, or set GITHUB_REPOSITORY');
    const { githubPullRequests } = await import('../../adapters/ci/github-pulls.js');
    return githubPullRequests({ token, apiUrl: env['GITHUB_API_URL'] || 'https://api.github.com', owner, repo });
  }
  if (ctx.ci.name === 'gitlab') {
    const token = env['HOP_GITLAB_TOKEN'];
    const apiUrl = env['CI_API_V4_URL'];
    const projectId = env['CI_PROJECT_ID'];
    if (!token)
      throw missing(
        'HOP_GITLAB_TOKEN',
        'add a project access token with the scopes api and write_repository as the masked CI/CD variable HOP_GITLAB_TOKEN',
      );
    if (!apiUrl || !projectId) throw missing('CI_API_V4_URL and CI_PROJECT_ID', 'run it in a GitLab CI job');
    const { gitlabMergeRequests } = await import('../../adapters/ci/gitlab-merge-requests.js');
    return gitlabMergeRequests({ apiUrl, projectId, token });
  }
  throw missing(
    'GitHub or GitLab',
    'a local run cannot open a pull request: run the promotion in CI, or pass --promotion push to push ho-prod directly',
  );
}
