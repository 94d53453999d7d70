import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  gitlabCaller
} from "./chunk-P52Z7VL4.js";
import "./chunk-SNBE7KTK.js";
import "./chunk-UQEAN7LJ.js";

// src/adapters/ci/gitlab-merge-requests.ts
function gitlabMergeRequests(target, fetchFn = fetch) {
  const base = `${target.apiUrl.replace(/\/+$/, "")}/projects/${encodeURIComponent(target.projectId)}/merge_requests`;
  const request = gitlabCaller({ header: "PRIVATE-TOKEN", token: target.token }, "merge_requests", fetchFn);
  const call = async (method, url, payload) => await (await request(method, url, payload)).json();
  return {
    noun: "merge request",
    async upsert(draft) {
      const query = new URLSearchParams({ state: "opened", source_branch: draft.head, target_branch: draft.base });
      const open = await call("GET", `${base}?${query.toString()}`);
      const existing = open.find((m) => m.source_branch === draft.head && m.target_branch === draft.base);
      if (existing) {
        const r2 = await call("PUT", `${base}/${existing.iid}`, { title: draft.title, description: draft.body });
        return { number: r2.iid, url: r2.web_url, created: false };
      }
      const r = await call("POST", base, {
        source_branch: draft.head,
        target_branch: draft.base,
        title: draft.title,
        description: draft.body,
        // The promotion branch is hop-ci's: gone once merged (finalisation deletes it otherwise).
        remove_source_branch: true
      });
      return { number: r.iid, url: r.web_url, created: true };
    }
  };
}
export {
  gitlabMergeRequests
};
