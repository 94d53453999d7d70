/**
 * Merge requests on GitLab through the REST API (`CI_API_V4_URL`), with a project access
 * token (`HOP_GITLAB_TOKEN`: the job token cannot open merge requests): finds the open
 * merge request from `head` into `base` and updates it, or opens it.
 */
import type { ChangeRequestDraft, ChangeRequests } from '../../ports.js';
import { gitlabCaller } from './gitlab-note.js';

export interface GitLabProject {
  apiUrl: string;
  projectId: string;
  token: string;
}

interface MergeRequest {
  iid: number;
  web_url: string;
  source_branch: string;
  target_branch: string;
}

export function gitlabMergeRequests(target: GitLabProject, fetchFn: typeof fetch = fetch): ChangeRequests {
  const base = `${target.apiUrl.replace(/\/+$/, '')}/projects/${encodeURIComponent(target.projectId)}/merge_requests`;
  const request = gitlabCaller({ header: 'PRIVATE-TOKEN', token: target.token }, 'merge_requests', fetchFn);
  const call = async (method: string, url: string, payload?: unknown) =>
    (await (await request(method, url, payload)).json()) as MergeRequest | MergeRequest[];
  return {
    noun: 'merge request',
    async upsert(draft: ChangeRequestDraft) {
      const query = new URLSearchParams({ state: 'opened', source_branch: draft.head, target_branch: draft.base });
      const open = (await call('GET', `${base}?${query.toString()}`)) as MergeRequest[];
      const existing = open.find((m) => m.source_branch === draft.head && m.target_branch === draft.base);
      if (existing) {
        const r = (await call('PUT', `${base}/${existing.iid}`, { title: draft.title, description: draft.body })) as MergeRequest;
        return { number: r.iid, url: r.web_url, created: false };
      }
      const r = (await call('POST', base, {
        source_branch: draft.head,
        target_branch: draft.base,
        title: draft.title,
        description: draft.body,
        // The promotion branch is hop-ci's: gone once merged (finalisation deletes it otherwise).
        remove_source_branch: true,
      })) as MergeRequest;
      return { number: r.iid, url: r.web_url, created: true };
    },
  };
}
