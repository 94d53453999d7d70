/**
 * A loopback HTTP server that answers the few GitHub and GitLab API calls hop-ci makes
 * for its sticky PR comment / MR note, and records every request so that tests can
 * check what was sent (and that no secret was).
 *
 * GitHub (base URL `url`):  GET/POST /repos/:owner/:repo/issues/:n/comments,
 *                           PATCH /repos/:owner/:repo/issues/comments/:id
 * GitLab (base URL `url/api/v4`): GET/POST /projects/:id/merge_requests/:iid/notes,
 *                           PUT /projects/:id/merge_requests/:iid/notes/:note_id
 * and the pull/merge requests of promotions (mode pull-request):
 * GitHub: GET/POST /repos/:owner/:repo/pulls (list filtered by state, head `owner:branch`,
 *         base), PATCH /repos/:owner/:repo/pulls/:n
 * GitLab: GET/POST /projects/:id/merge_requests (list filtered by state, source_branch,
 *         target_branch), PUT /projects/:id/merge_requests/:iid
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface StoredComment {
  id: number;
  body: string;
  /** Where it lives: `github:owner/repo#n` or `gitlab:project!iid`. */
  thread: string;
  system?: boolean;
}

/** A pull request (GitHub) or merge request (GitLab). */
export interface StoredPull {
  number: number;
  /** `github:owner/repo` or `gitlab:project`. */
  project: string;
  head: string;
  base: string;
  title: string;
  body: string;
  state: 'open' | 'closed' | 'merged';
}

export interface FakeApi {
  url: string;
  requests: RecordedRequest[];
  comments: StoredComment[];
  pulls: StoredPull[];
  /** Answer every request with this status (e.g. 403) until cleared. */
  failWith?: number;
  close(): Promise<void>;
}

export async function startFakeApi(): Promise<FakeApi> {
  let nextId = 1000;
  const api: FakeApi = {
    url: '',
    requests: [],
    comments: [],
    pulls: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const method = req.method ?? 'GET';
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      api.requests.push({ method, url: req.url ?? '/', headers: req.headers, body });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (api.failWith) return send(api.failWith, { message: 'Resource not accessible by integration' });
      const payload = body
        ? (JSON.parse(body) as {
            body?: string;
            title?: string;
            head?: string;
            base?: string;
            description?: string;
            source_branch?: string;
            target_branch?: string;
          })
        : {};
      const page = (items: StoredComment[]) => {
        const size = Number(url.searchParams.get('per_page') ?? 30);
        const n = Number(url.searchParams.get('page') ?? 1);
        return items.slice((n - 1) * size, n * size);
      };

      let m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
      if (m) {
        const thread = `github:${m[1]}/${m[2]}#${m[3]}`;
        if (method === 'GET')
          return send(
            200,
            page(api.comments.filter((c) => c.thread === thread)).map(({ id, body }) => ({ id, body })),
          );
        if (method === 'POST') {
          const c = { id: nextId++, body: payload.body ?? '', thread };
          api.comments.push(c);
          return send(201, { id: c.id, body: c.body });
        }
      }
      m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
      if (m && method === 'PATCH') {
        const c = api.comments.find((x) => x.id === Number(m![3]) && x.thread.startsWith(`github:${m![1]}/${m![2]}#`));
        if (!c) return send(404, { message: 'Not Found' });
        c.body = payload.body ?? '';
        return send(200, { id: c.id, body: c.body });
      }
      m = /^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)\/notes(?:\/(\d+))?$/.exec(url.pathname);
      if (m) {
        const thread = `gitlab:${decodeURIComponent(m[1]!)}!${m[2]}`;
        if (!req.headers['private-token'] && !req.headers['job-token']) return send(401, { message: '401 Unauthorized' });
        if (method === 'GET' && !m[3]) return send(200, page(api.comments.filter((c) => c.thread === thread)));
        if (method === 'POST' && !m[3]) {
          const c = { id: nextId++, body: payload.body ?? '', thread, system: false };
          api.comments.push(c);
          return send(201, c);
        }
        if (method === 'PUT' && m[3]) {
          const c = api.comments.find((x) => x.id === Number(m![3]) && x.thread === thread);
          if (!c) return send(404, { message: '404 Not found' });
          c.body = payload.body ?? '';
          return send(200, c);
        }
      }
      m = /^\/repos\/([^/]+)\/([^/]+)\/pulls(?:\/(\d+))?$/.exec(url.pathname);
      if (m) {
        const project = `github:${m[1]}/${m[2]}`;
        const github = (p: StoredPull) => ({
          number: p.number,
          html_url: `https://github.example/${m![1]}/${m![2]}/pull/${p.number}`,
          state: p.state === 'open' ? 'open' : 'closed',
          head: { ref: p.head },
          base: { ref: p.base },
          title: p.title,
          body: p.body,
        });
        if (method === 'GET' && !m[3]) {
          const q = url.searchParams;
          const head = q.get('head')?.split(':').pop();
          return send(
            200,
            api.pulls
              .filter((p) => p.project === project && (q.get('state') !== 'open' || p.state === 'open'))
              .filter((p) => (!head || p.head === head) && (!q.get('base') || p.base === q.get('base')))
              .map(github),
          );
        }
        if (method === 'POST' && !m[3]) {
          if (api.pulls.some((p) => p.project === project && p.state === 'open' && p.head === payload.head && p.base === payload.base))
            return send(422, { message: 'Validation Failed: A pull request already exists' });
          const p: StoredPull = {
            number: nextId++,
            project,
            head: payload.head ?? '',
            base: payload.base ?? '',
            title: payload.title ?? '',
            body: payload.body ?? '',
            state: 'open',
          };
          api.pulls.push(p);
          return send(201, github(p));
        }
        if (method === 'PATCH' && m[3]) {
          const p = api.pulls.find((x) => x.project === project && x.number === Number(m![3]));
          if (!p) return send(404, { message: 'Not Found' });
          if (payload.title !== undefined) p.title = payload.title;
          if (payload.body !== undefined) p.body = payload.body;
          return send(200, github(p));
        }
      }
      m = /^\/api\/v4\/projects\/([^/]+)\/merge_requests(?:\/(\d+))?$/.exec(url.pathname);
      if (m) {
        const project = `gitlab:${decodeURIComponent(m[1]!)}`;
        if (!req.headers['private-token']) return send(401, { message: '401 Unauthorized' });
        const gitlab = (p: StoredPull) => ({
          iid: p.number,
          web_url: `https://gitlab.example/${decodeURIComponent(m![1]!)}/-/merge_requests/${p.number}`,
          state: p.state === 'open' ? 'opened' : p.state,
          source_branch: p.head,
          target_branch: p.base,
          title: p.title,
          description: p.body,
        });
        if (method === 'GET' && !m[2]) {
          const q = url.searchParams;
          return send(
            200,
            api.pulls
              .filter((p) => p.project === project && (q.get('state') !== 'opened' || p.state === 'open'))
              .filter(
                (p) =>
                  (!q.get('source_branch') || p.head === q.get('source_branch')) &&
                  (!q.get('target_branch') || p.base === q.get('target_branch')),
              )
              .map(gitlab),
          );
        }
        if (method === 'POST' && !m[2]) {
          if (api.pulls.some((p) => p.project === project && p.state === 'open' && p.head === payload.source_branch))
            return send(409, { message: ['Another open merge request already exists for this source branch'] });
          const p: StoredPull = {
            number: nextId++,
            project,
            head: payload.source_branch ?? '',
            base: payload.target_branch ?? '',
            title: payload.title ?? '',
            body: payload.description ?? '',
            state: 'open',
          };
          api.pulls.push(p);
          return send(201, gitlab(p));
        }
        if (method === 'PUT' && m[2]) {
          const p = api.pulls.find((x) => x.project === project && x.number === Number(m![2]));
          if (!p) return send(404, { message: '404 Not found' });
          if (payload.title !== undefined) p.title = payload.title;
          if (payload.description !== undefined) p.body = payload.description;
          return send(200, gitlab(p));
        }
      }
      send(404, { message: `no fake route for ${method} ${url.pathname}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}
