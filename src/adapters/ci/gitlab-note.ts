/**
 * The sticky MR note on GitLab, through the REST API (`CI_API_V4_URL`): lists the MR's
 * notes, updates the one carrying the marker, or creates it. Authenticated with a
 * project/personal token (`PRIVATE-TOKEN`) or the job token (`JOB-TOKEN`).
 */
import { carriesMarker } from './comment.js';

export interface MergeRequestTarget {
  apiUrl: string;
  projectId: string;
  mergeRequestIid: number;
  auth: { header: 'PRIVATE-TOKEN' | 'JOB-TOKEN'; token: string };
}

export class GitLabApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'GitLabApiError';
  }
}

interface Note {
  id: number;
  body?: string;
  system?: boolean;
}

/** A JSON call to the GitLab API with `auth`; a non-2xx answer is a GitLabApiError naming `what`. */
export function gitlabCaller(
  auth: MergeRequestTarget['auth'],
  what: string,
  fetchFn: typeof fetch = fetch,
): (method: string, url: string, payload?: unknown) => Promise<Response> {
  return async (method, url, payload) => {
    const response = await fetchFn(url, {
      method,
      headers: {
        [auth.header]: auth.token,
        accept: 'application/json',
        ...(payload ? { 'content-type': 'application/json' } : {}),
      },
      ...(payload ? { body: JSON.stringify(payload) } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) {
      const detail = (await response.text().catch(() => '')).slice(0, 200);
      throw new GitLabApiError(response.status, `${method} ${what}: ${response.statusText || 'failed'}${detail ? ` — ${detail}` : ''}`);
    }
    return response;
  };
}

const PAGE_SIZE = 100;
const TIMEOUT_MS = 20_000;

export async function upsertMergeRequestNote(
  target: MergeRequestTarget,
  marker: string,
  body: string,
  fetchFn: typeof fetch = fetch,
): Promise<'created' | 'updated'> {
  const base = `${target.apiUrl.replace(/\/+$/, '')}/projects/${encodeURIComponent(target.projectId)}/merge_requests/${target.mergeRequestIid}/notes`;
  const call = gitlabCaller(target.auth, 'notes', fetchFn);

  let existing: Note | undefined;
  for (let page = 1; !existing; page++) {
    const notes = (await (await call('GET', `${base}?per_page=${PAGE_SIZE}&page=${page}&sort=asc`)).json()) as Note[];
    existing = notes.find((n) => !n.system && carriesMarker(n.body, marker));
    if (notes.length < PAGE_SIZE) break;
  }
  if (existing) {
    await call('PUT', `${base}/${existing.id}`, { body });
    return 'updated';
  }
  await call('POST', base, { body });
  return 'created';
}
