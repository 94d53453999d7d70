/**
 * The sticky PR comment on GitHub: finds the comment carrying the marker and updates
 * it, or creates it. @actions/github (Octokit) is imported only here and only when a
 * comment is due, so that runs without one do not pay for loading it.
 */
import { carriesMarker } from './comment.js';

export interface PullRequestTarget {
  token: string;
  apiUrl: string;
  owner: string;
  repo: string;
  number: number;
}

export async function upsertPullRequestComment(target: PullRequestTarget, marker: string, body: string): Promise<'created' | 'updated'> {
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(target.token, { baseUrl: target.apiUrl });
  const where = { owner: target.owner, repo: target.repo };
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...where, issue_number: target.number, per_page: 100 });
  const existing = comments.find((c) => carriesMarker(c.body, marker));
  if (existing) {
    await octokit.rest.issues.updateComment({ ...where, comment_id: existing.id, body });
    return 'updated';
  }
  await octokit.rest.issues.createComment({ ...where, issue_number: target.number, body });
  return 'created';
}
