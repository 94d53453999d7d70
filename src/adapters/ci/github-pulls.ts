/**
 * Pull requests on GitHub through the REST API (the Octokit bundled with @actions/github):
 * finds the open pull request from `head` into `base` and updates it, or opens it. Loaded
 * only by a promotion in `pull-request` mode.
 */
import type { ChangeRequestDraft, ChangeRequests } from '../../ports.js';

export interface GitHubRepository {
  token: string;
  apiUrl: string;
  owner: string;
  repo: string;
}

export function githubPullRequests(target: GitHubRepository): ChangeRequests {
  return {
    noun: 'pull request',
    async upsert(draft: ChangeRequestDraft) {
      const { getOctokit } = await import('@actions/github');
      const octokit = getOctokit(target.token, { baseUrl: target.apiUrl });
      const where = { owner: target.owner, repo: target.repo };
      const open = await octokit.rest.pulls.list({ ...where, state: 'open', head: `${target.owner}:${draft.head}`, base: draft.base });
      const existing = open.data.find((p) => p.head.ref === draft.head && p.base.ref === draft.base);
      if (existing) {
        const r = await octokit.rest.pulls.update({ ...where, pull_number: existing.number, title: draft.title, body: draft.body });
        return { number: r.data.number, url: r.data.html_url, created: false };
      }
      const r = await octokit.rest.pulls.create({ ...where, head: draft.head, base: draft.base, title: draft.title, body: draft.body });
      return { number: r.data.number, url: r.data.html_url, created: true };
    },
  };
}
