import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  carriesMarker
} from "./chunk-SNBE7KTK.js";

// src/adapters/ci/gitlab-note.ts
var GitLabApiError = class extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
    this.name = "GitLabApiError";
  }
  status;
};
function gitlabCaller(auth, what, fetchFn = fetch) {
  return async (method, url, payload) => {
    const response = await fetchFn(url, {
      method,
      headers: {
        [auth.header]: auth.token,
        accept: "application/json",
        ...payload ? { "content-type": "application/json" } : {}
      },
      ...payload ? { body: JSON.stringify(payload) } : {},
      signal: AbortSignal.timeout(TIMEOUT_MS)
    });
    if (!response.ok) {
      const detail = (await response.text().catch(() => "")).slice(0, 200);
      throw new GitLabApiError(response.status, `${method} ${what}: ${response.statusText || "failed"}${detail ? ` \u2014 ${detail}` : ""}`);
    }
    return response;
  };
}
var PAGE_SIZE = 100;
var TIMEOUT_MS = 2e4;
async function upsertMergeRequestNote(target, marker, body, fetchFn = fetch) {
  const base = `${target.apiUrl.replace(/\/+$/, "")}/projects/${encodeURIComponent(target.projectId)}/merge_requests/${target.mergeRequestIid}/notes`;
  const call = gitlabCaller(target.auth, "notes", fetchFn);
  let existing;
  for (let page = 1; !existing; page++) {
    const notes = await (await call("GET", `${base}?per_page=${PAGE_SIZE}&page=${page}&sort=asc`)).json();
    existing = notes.find((n) => !n.system && carriesMarker(n.body, marker));
    if (notes.length < PAGE_SIZE) break;
  }
  if (existing) {
    await call("PUT", `${base}/${existing.id}`, { body });
    return "updated";
  }
  await call("POST", base, { body });
  return "created";
}

export {
  gitlabCaller,
  upsertMergeRequestNote
};
