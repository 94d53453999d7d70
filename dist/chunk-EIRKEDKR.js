import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import "./chunk-UQEAN7LJ.js";

// src/adapters/ci/github-pulls.ts
function githubPullRequests(target) {
  return {
    noun: "pull request",
    async upsert(draft) {
      const { getOctokit } = await import("./chunk-DNQKG5Z4.js");
      const octokit = getOctokit(target.token, { baseUrl: target.apiUrl });
      const where = { owner: target.owner, repo: target.repo };
      const open = await octokit.rest.pulls.list({ ...where, state: "open", head: `${target.owner}:${draft.head}`, base: draft.base });
      const existing = open.data.find((p) => p.head.ref === draft.head && p.base.ref === draft.base);
      if (existing) {
        const r2 = await octokit.rest.pulls.update({ ...where, pull_number: existing.number, title: draft.title, body: draft.body });
        return { number: r2.data.number, url: r2.data.html_url, created: false };
      }
      const r = await octokit.rest.pulls.create({ ...where, head: draft.head, base: draft.base, title: draft.title, body: draft.body });
      return { number: r.data.number, url: r.data.html_url, created: true };
    }
  };
}
export {
  githubPullRequests
};
