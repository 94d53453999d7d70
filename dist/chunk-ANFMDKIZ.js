import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  CI_TOML,
  DEFAULT_PROMOTION_MODE,
  parseCiToml,
  parsePromotionMode,
  promotionBranch,
  unifiedDiff
} from "./chunk-GCK57SU2.js";
import {
  DEFAULT_TEST_COMMAND,
  ValidationSession,
  applyOnClone,
  describeTests,
  failureBlock,
  howItBroke,
  patchTable,
  planValidateRelease,
  requireFolder,
  runOk,
  testOnClone
} from "./chunk-7RK7SIGL.js";
import {
  connectDatabase,
  dumpHalfOrmMeta,
  dumpSchema,
  makeTempFolder,
  normaliseSchemaDump,
  onInterrupt
} from "./chunk-QNR2ZIHY.js";
import {
  booleanInput
} from "./chunk-DEKKZS3Q.js";
import {
  MODEL_DIR,
  RELEASES_DIR,
  buildProjectState,
  renderSnapshot
} from "./chunk-TNUK3URT.js";
import {
  compareHopVersions
} from "./chunk-LPWK32I5.js";
import {
  isRefusal,
  planPromotion,
  stagedPatches
} from "./chunk-NJWHB42U.js";
import {
  baseVersion,
  parseRelease,
  releaseTag
} from "./chunk-VIHRG64B.js";
import {
  fenced
} from "./chunk-IV27EEUB.js";
import {
  getExecOutput
} from "./chunk-SGJIJQNA.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";

// src/adapters/git.ts
import { promises as fs } from "node:fs";
import path from "node:path";
var NAMESPACE = "refs/hop-ci/";
function scrubCredentials(text) {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, "$1***@").replace(/(authorization:\s*\w+\s+)\S+/gi, "$1***");
}
var GitCli = class {
  env;
  constructor(options) {
    const env = {};
    for (const [k, v] of Object.entries(options.env)) if (v !== void 0) env[k] = v;
    env["LC_ALL"] = "C";
    env["GIT_TERMINAL_PROMPT"] = "0";
    this.env = env;
    this.token = options.token;
    this.tokenUser = options.tokenUser ?? "x-access-token";
  }
  token;
  tokenUser;
  authDecided = false;
  /**
   * Uses the token only when the checkout did not leave credentials of its own
   * (actions/checkout persists an `http.<url>.extraheader`; a second Authorization header
   * makes GitHub refuse the request) and the remote is reached over HTTPS.
   */
  async decideAuth(top, remote) {
    if (this.authDecided || !this.token) return;
    this.authDecided = true;
    const persisted = (await this.run(top, ["config", "--get-regexp", "^http\\..*extraheader$"])).code === 0;
    const url = (await this.run(top, ["remote", "get-url", remote])).stdout.trim();
    if (persisted || !/^https:\/\//i.test(url)) return;
    const n = Number(this.env["GIT_CONFIG_COUNT"] ?? "0") || 0;
    this.env["GIT_CONFIG_COUNT"] = String(n + 1);
    this.env[`GIT_CONFIG_KEY_${n}`] = "http.extraheader";
    this.env[`GIT_CONFIG_VALUE_${n}`] = `AUTHORIZATION: basic ${Buffer.from(`${this.tokenUser}:${this.token}`).toString("base64")}`;
  }
  /** Runs git; never throws on a non-zero exit. */
  async run(cwd, args, extra = {}) {
    const r = await getExecOutput("git", ["-c", "core.hooksPath=/dev/null", "-c", "commit.gpgsign=false", ...args], {
      cwd,
      silent: true,
      ignoreReturnCode: true,
      env: { ...this.env, ...extra.env ?? {} },
      ...extra.input !== void 0 ? { input: Buffer.from(extra.input) } : {}
    });
    return { code: r.exitCode, stdout: r.stdout, stderr: r.stderr };
  }
  /** Runs git and returns stdout; a failure is a HopError quoting git's (scrubbed) message. */
  async must(cwd, args, extra = {}) {
    const r = await this.run(cwd, args, extra);
    if (r.code !== 0) {
      throw new HopError(`git ${args[0]} failed: ${scrubCredentials(r.stderr.trim() || r.stdout.trim()) || `exit code ${r.code}`}`, {
        kind: "failed",
        hint: "see the git message above; nothing was pushed",
        code: "git-failed"
      });
    }
    return r.stdout;
  }
  async locate(dir) {
    const r = await this.run(dir, ["rev-parse", "--show-toplevel", "--show-prefix"]);
    if (r.code !== 0) {
      throw new HopError(`${dir} is not inside a git repository`, {
        kind: "refused",
        hint: "promotions commit and push: run them in a clone of the project (actions/checkout in CI)",
        code: "not-a-repository"
      });
    }
    const [top = "", prefix = ""] = r.stdout.split("\n");
    return { top: top.trim(), prefix: prefix.trim() };
  }
  async uncommittedChanges(dir, paths) {
    const out = await this.must(dir, ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ...paths]);
    return out.split("\0").filter(Boolean).map((e) => /^[ MADRCU?!]{2} /.test(e) ? e.slice(3) : e);
  }
  async fetchRemoteRefs(top, remote) {
    await this.forgetRemoteRefs(top);
    await this.decideAuth(top, remote);
    const shallow = (await this.must(top, ["rev-parse", "--is-shallow-repository"])).trim() === "true";
    await this.must(top, [
      "fetch",
      "--quiet",
      "--no-tags",
      "--force",
      ...shallow ? ["--unshallow"] : [],
      remote,
      `+refs/heads/ho-*:${NAMESPACE}heads/ho-*`,
      // The branches of promotions waiting in a pull/merge request (promotion mode pull-request).
      `+refs/heads/hop-promote/*:${NAMESPACE}heads/hop-promote/*`,
      `+refs/tags/v*:${NAMESPACE}tags/v*`
    ]);
    const out = await this.must(top, ["for-each-ref", "--format=%(objectname) %(refname)", NAMESPACE]);
    const refs = /* @__PURE__ */ new Map();
    for (const line of out.split("\n")) {
      const [id, name] = line.split(" ");
      if (id && name) refs.set(`refs/${name.slice(NAMESPACE.length)}`, id);
    }
    return refs;
  }
  async forgetRemoteRefs(top) {
    const out = await this.must(top, ["for-each-ref", "--format=%(refname)", NAMESPACE]);
    const names = out.split("\n").filter(Boolean);
    if (names.length) await this.must(top, ["update-ref", "--stdin"], { input: names.map((n) => `delete ${n}
`).join("") });
  }
  async openWorktree(top, commit) {
    const folder = makeTempFolder("worktree");
    const dir = folder.path;
    const r = await this.run(top, ["worktree", "add", "--quiet", "--detach", "--force", dir, commit]);
    if (r.code !== 0) {
      await folder.remove();
      throw new HopError(`cannot create a temporary worktree: ${scrubCredentials(r.stderr.trim())}`, {
        kind: "failed",
        code: "git-failed"
      });
    }
    const worktree = new CliWorktree(this, top, folder);
    const unregister = onInterrupt(() => worktree.close());
    worktree.onClose = unregister;
    return worktree;
  }
  async createTag(top, name, commit, message, identity) {
    const when = `${Math.floor(Date.now() / 1e3)} +0000`;
    const body = `object ${commit}
type commit
tag ${name}
tagger ${identity.name} <${identity.email}> ${when}

${message}
`;
    return (await this.must(top, ["mktag"], { input: body })).trim();
  }
  async pushAtomic(top, remote, updates) {
    if (updates.length === 0) return;
    const args = ["push", "--atomic", "--porcelain", "--no-verify"];
    for (const u of updates) args.push(`--force-with-lease=${u.ref}:${u.expectedId ?? ""}`);
    args.push(remote, ...updates.map((u) => u.newId ? `${u.newId}:${u.ref}` : `:${u.ref}`));
    const r = await this.run(top, args);
    if (r.code === 0) return;
    const rejected = r.stdout.split("\n").filter((l) => l.startsWith("!")).map((l) => l.split("	"));
    const moved = rejected.filter((cols) => /stale info|fetch first|already exists/.test(cols[2] ?? "")).map((cols) => (cols[1] ?? "").split(":").pop());
    if (moved.length) {
      const detail = moved.map((ref) => {
        const u = updates.find((x) => x.ref === ref);
        return `${ref} (expected ${u?.expectedId ? u.expectedId.slice(0, 8) : "absent"})`;
      }).join(", ");
      throw new HopError(`${remote} moved while promoting: ${detail} changed since hop-ci fetched it; nothing was pushed`, {
        kind: "refused",
        hint: "someone pushed meanwhile (another promotion, a merged patch): run the promotion again, it re-reads the state",
        code: "remote-moved"
      });
    }
    throw new HopError(
      `push to ${remote} failed, nothing was pushed: ${scrubCredentials((r.stderr.trim() || r.stdout.trim()).split("\n").slice(-3).join(" | "))}`,
      {
        kind: "failed",
        hint: "check that the job may push (GitHub: `permissions: contents: write`, and branch protection lets the bot push to ho-* branches and v* tags)",
        code: "push-failed"
      }
    );
  }
};
var CliWorktree = class {
  constructor(git, top, folder) {
    this.git = git;
    this.top = top;
    this.folder = folder;
    this.dir = folder.path;
  }
  git;
  top;
  folder;
  closed = false;
  dir;
  onClose;
  async checkout(commit) {
    await this.git.must(this.dir, ["reset", "--quiet", "--hard"]);
    await this.git.must(this.dir, ["checkout", "--quiet", "--detach", "--force", commit]);
    await this.git.must(this.dir, ["clean", "-fdxq"]);
  }
  async listFiles(root, commit, dir) {
    const out = await this.git.must(root, ["ls-tree", "-r", "-z", "--name-only", commit, "--", dir]);
    return out.split("\0").filter(Boolean);
  }
  async merge(commit) {
    const r = await this.git.run(this.dir, ["merge", "--no-ff", "--no-commit", "--no-verify", "--quiet", commit]);
    if (r.code === 0) return { conflicts: [] };
    const conflicts = (await this.git.must(this.dir, ["diff", "--name-only", "--diff-filter=U", "-z"])).split("\0").filter(Boolean);
    await this.git.run(this.dir, ["merge", "--abort"]);
    if (conflicts.length) return { conflicts };
    throw new HopError(`git merge failed: ${scrubCredentials(r.stderr.trim() || r.stdout.trim())}`, { kind: "failed", code: "git-failed" });
  }
  async apply(root, changes) {
    const added = [];
    const removed = [];
    for (const c of changes) {
      const p = path.join(root, c.path);
      if (c.kind === "remove") {
        removed.push(c.path);
        continue;
      }
      await fs.mkdir(path.dirname(p), { recursive: true });
      await fs.rm(p, { force: true });
      if (c.kind === "write") await fs.writeFile(p, c.text);
      else await fs.symlink(c.target, p);
      added.push(c.path);
    }
    if (removed.length) await this.git.must(root, ["rm", "-r", "-q", "--ignore-unmatch", "--", ...removed]);
    if (added.length) await this.git.must(root, ["add", "--", ...added]);
  }
  async copyHop(root, commit, remove) {
    await this.git.must(root, ["checkout", commit, "--", ".hop"]);
    if (remove.length) await this.git.must(root, ["rm", "-r", "-q", "--ignore-unmatch", "--", ...remove]);
  }
  async commit(message, identity) {
    const merging = (await this.git.run(this.dir, ["rev-parse", "-q", "--verify", "MERGE_HEAD"])).code === 0;
    const clean = (await this.git.run(this.dir, ["diff", "--cached", "--quiet"])).code === 0;
    if (clean && !merging) return void 0;
    await this.git.must(this.dir, ["commit", "--quiet", "--no-verify", "--allow-empty", "--cleanup=verbatim", "-F", "-"], {
      input: `${message}
`,
      env: {
        GIT_AUTHOR_NAME: identity.name,
        GIT_AUTHOR_EMAIL: identity.email,
        GIT_COMMITTER_NAME: identity.name,
        GIT_COMMITTER_EMAIL: identity.email
      }
    });
    return (await this.git.must(this.dir, ["rev-parse", "HEAD"])).trim();
  }
  async close() {
    if (this.closed) return;
    this.closed = true;
    this.onClose?.();
    await this.git.run(this.top, ["worktree", "remove", "--force", this.dir]);
    await this.folder.remove();
    await this.git.run(this.top, ["worktree", "prune"]);
  }
};

// src/stages/promotion/change-requests.ts
function missing(what, hint) {
  return new HopError(`promotion mode pull-request needs ${what}`, { kind: "refused", hint, code: "pull-request-unavailable" });
}
async function changeRequestsFor(ctx) {
  const env = ctx.env;
  if (ctx.ci.name === "github") {
    const token = ctx.ci.input("github-token") ?? env["GITHUB_TOKEN"];
    const [owner, repo] = (env["GITHUB_REPOSITORY"] ?? "").split("/");
    if (!token)
      throw missing("a GitHub token", "pass `github-token` (the default `${{ github.token }}` with `permissions: pull-requests: write`)");
    if (!owner || !repo) throw missing("GITHUB_REPOSITORY (owner/repo)", "run it in GitHub Actions, or set GITHUB_REPOSITORY");
    const { githubPullRequests } = await import("./chunk-EIRKEDKR.js");
    return githubPullRequests({ token, apiUrl: env["GITHUB_API_URL"] || "https://api.github.com", owner, repo });
  }
  if (ctx.ci.name === "gitlab") {
    const token = env["HOP_GITLAB_TOKEN"];
    const apiUrl = env["CI_API_V4_URL"];
    const projectId = env["CI_PROJECT_ID"];
    if (!token)
      throw missing(
        "HOP_GITLAB_TOKEN",
        "add a project access token with the scopes api and write_repository as the masked CI/CD variable HOP_GITLAB_TOKEN"
      );
    if (!apiUrl || !projectId) throw missing("CI_API_V4_URL and CI_PROJECT_ID", "run it in a GitLab CI job");
    const { gitlabMergeRequests } = await import("./chunk-ZWRTWL4N.js");
    return gitlabMergeRequests({ apiUrl, projectId, token });
  }
  throw missing(
    "GitHub or GitLab",
    "a local run cannot open a pull request: run the promotion in CI, or pass --promotion push to push ho-prod directly"
  );
}

// src/stages/promotion/record-release.ts
async function recordReleaseInDatabase(db, version) {
  const id = parseRelease(version);
  if (id.level !== "release") return;
  const client = await connectDatabase(db.server, db.name);
  try {
    const { rows } = await client.query(`select to_regclass('half_orm_meta.hop_release')::text as t`);
    if (!rows[0]?.t) return;
    await client.query(
      `insert into half_orm_meta.hop_release (major, minor, patch, pre_release, pre_release_num)
       values ($1, $2, $3, '', '') on conflict do nothing`,
      [id.major, id.minor, id.patch]
    );
  } finally {
    await client.end();
  }
}

// src/stages/validation/release-validator.ts
function createReleaseValidator(ctx) {
  return {
    async validateRelease(request, use) {
      const state = buildProjectState(await ctx.workspace.readProject(request.root));
      const rel = state.inPreparation.find((r) => r.version === request.version);
      if (!rel) {
        throw new HopError(`release ${request.version} is not in preparation in ${request.root}`, {
          kind: "failed",
          hint: `expected .hop/releases/${request.version}-patches.toml`,
          code: "release-not-in-preparation"
        });
      }
      const plan = planValidateRelease(state, rel);
      for (const s of plan.staged) requireFolder(s, state.branch);
      const testCommand = request.testCommand ?? ctx.ci.input("test-command") ?? DEFAULT_TEST_COMMAND;
      const session = await ValidationSession.forStage(ctx, state);
      try {
        const { name, run } = await applyOnClone(session, ctx.ci, "release", plan.staged);
        if (!run.failure) run.tests = await testOnClone(session, ctx.ci, "release", name, testCommand);
        run.ok = runOk(run);
        const summary = [
          `### hop-ci: release ${plan.release} on baseline ${session.baselineRelease}: ${run.ok ? "\u2705 passed" : "\u274C failed"}`,
          "",
          patchTable(run),
          "",
          `**Tests** \`${testCommand}\`: ${describeTests(run.tests)}`,
          ...run.failure ? ["", failureBlock(run.failure)] : []
        ].join("\n");
        if (!run.ok) {
          const f = run.failure;
          return {
            ok: false,
            failures: [
              f ? { patch: f.patch, ...f.file ? { file: f.file } : {}, ...f.line ? { line: f.line } : {}, message: f.message } : { message: howItBroke(run) }
            ],
            summary
          };
        }
        const outcome = { ok: true, failures: [], summary };
        if (use) {
          const server = session.server;
          outcome.value = await use({
            server,
            name,
            dumpSchema: () => dumpSchema(server, name),
            dumpMetadata: (variant) => dumpHalfOrmMeta(server, name, variant)
          });
        }
        return outcome;
      } finally {
        await session.close();
      }
    }
  };
}

// src/stages/promotion/deps.ts
function createPromotionDeps(ctx) {
  const gitlab = ctx.ci.name === "gitlab";
  const token = gitlab ? ctx.env["HOP_GITLAB_TOKEN"] || void 0 : ctx.ci.input("github-token");
  const tokenUser = gitlab ? "oauth2" : "x-access-token";
  if (token) {
    ctx.ci.setSecret(token);
    ctx.ci.setSecret(Buffer.from(`${tokenUser}:${token}`).toString("base64"));
  }
  return {
    git: new GitCli({ env: ctx.env, ...token ? { token, tokenUser } : {} }),
    validator: createReleaseValidator(ctx),
    recordRelease: recordReleaseInDatabase,
    changeRequests: () => changeRequestsFor(ctx)
  };
}

// src/stages/promotion/run-promotion.ts
import path4 from "node:path";

// src/core/promotion-messages.ts
function rcCommitMessage(version, n) {
  return `[HOP] Promote release %${version} to RC ${n}`;
}
function prodCommitMessage(version) {
  return `[HOP] Promote release %${version} to production`;
}
function hotfixMergeMessage(hotfix) {
  return `[release] Merge hotfix %${hotfix}`;
}
function hotfixFinalizeMessage(hotfix) {
  return `[HOP] Finalize hotfix %${hotfix} release files`;
}
function syncCommitMessage(sourceBranch, reason) {
  return `[HOP] Sync .hop/ from ${sourceBranch} (${reason})`;
}
function syncReason(kind, version) {
  if (kind === "rc") return `promote ${version} to rc`;
  if (kind === "prod") return `promote ${version} to prod`;
  return `hotfix ${version}`;
}
function tagMessage(kind, baseVersion2, written) {
  if (kind === "rc") return `Release Candidate %${baseVersion2}`;
  if (kind === "prod") return `Production release %${baseVersion2}`;
  return `Hotfix release %${written}`;
}

// src/core/promotion-sync.ts
var RELEASE_FILE_VERSION = /^\.hop\/releases\/(\d+\.\d+\.\d+)[-.]/;
function syncTargets(remoteBranches, source, excluded = []) {
  const skip = /* @__PURE__ */ new Set([source, ...excluded]);
  const prod = remoteBranches.includes("ho-prod") && !skip.has("ho-prod") ? ["ho-prod"] : [];
  const pick = (prefix) => remoteBranches.filter((b) => b.startsWith(prefix) && !skip.has(b)).sort();
  return [...prod, ...pick("ho-release/"), ...pick("ho-patch/")];
}
function syncRemovals(sourceFiles, targetFiles) {
  const source = new Set(sourceFiles);
  const sourceVersions = /* @__PURE__ */ new Set();
  for (const f of sourceFiles) {
    const m = RELEASE_FILE_VERSION.exec(f);
    if (m) sourceVersions.add(m[1]);
  }
  return targetFiles.filter((f) => !source.has(f)).filter((f) => {
    const m = RELEASE_FILE_VERSION.exec(f);
    return !m || sourceVersions.has(m[1]);
  }).sort();
}

// src/core/promotion-plan.ts
function metadataVariant(state) {
  const hop = state.config.hopVersion;
  if (hop) return compareHopVersions(hop, "1.0.0-a33") < 0 ? "metadata" : "data";
  if (state.modelFiles.some((f) => /^data-.+\.sql$/.test(f))) return "data";
  if (state.modelFiles.some((f) => /^metadata-.+\.sql$/.test(f))) return "metadata";
  return "data";
}
function refused(message, hint, code) {
  return new HopError(message, { kind: "refused", hint, code });
}
function checkRefs(inputs, releaseBranch, newBranch) {
  const { target, remoteBranches, remoteTags } = inputs;
  const remote = inputs.remote ?? "origin";
  if (!remoteBranches.includes("ho-prod")) {
    throw refused(`branch ho-prod does not exist on ${remote}`, `push ho-prod to ${remote}, or pass the right --remote`, "no-ho-prod");
  }
  if (!remoteBranches.includes(releaseBranch)) {
    throw refused(
      `branch ${releaseBranch} does not exist on ${remote}, but ${target.release.file} says release ${target.release.version} is in preparation`,
      `push ${releaseBranch} to ${remote} (\`git push ${remote} ${releaseBranch}\`), or remove ${target.release.file} if the release was abandoned`,
      "release-branch-missing"
    );
  }
  if (remoteTags.includes(target.tag)) {
    throw refused(
      `tag ${target.tag} already exists on ${remote}`,
      `${target.version} was already promoted; if the tag is left over from a failed attempt, delete it (\`git push ${remote} :refs/tags/${target.tag}\`) and run again`,
      "tag-exists"
    );
  }
  if (newBranch && remoteBranches.includes(newBranch)) {
    throw refused(
      `branch ${newBranch} already exists on ${remote}`,
      `${target.version} looks already promoted; delete ${newBranch} on ${remote} if it is left over from a failed attempt`,
      "branch-exists"
    );
  }
}
function releaseFileRemovals(target) {
  const v = target.release.version;
  const files = target.release.legacy ? [`${RELEASES_DIR}/${v}-candidates.txt`, `${RELEASES_DIR}/${v}-stage.txt`] : [target.release.file];
  return files.map((path5) => ({ kind: "remove", path: path5 }));
}
function modelChanges(inputs, written) {
  const variant = metadataVariant(inputs.state);
  const schemaName = `schema-${written}.sql`;
  const schemaFile = `${MODEL_DIR}/${schemaName}`;
  const fromDatabase = inputs.dumps === void 0;
  const changes = [
    { kind: "write", path: schemaFile, text: inputs.dumps?.schema ?? "", ...fromDatabase ? { fromDatabase } : {} },
    ...linkChange(inputs, schemaName),
    {
      kind: "write",
      path: `${MODEL_DIR}/${variant}-${written}.sql`,
      text: inputs.dumps?.metadata ?? "",
      ...fromDatabase ? { fromDatabase } : {}
    }
  ];
  const releaseDump = `release-${inputs.target.release.version}.sql`;
  if (inputs.state.modelFiles.includes(releaseDump)) changes.push({ kind: "remove", path: `${MODEL_DIR}/${releaseDump}` });
  return { changes, schemaFile };
}
function linkChange(inputs, schemaName) {
  const link = `${MODEL_DIR}/schema.sql`;
  if (inputs.target.kind !== "hotfix") return [{ kind: "symlink", path: link, target: schemaName }];
  const releaseDump = `schema-${inputs.target.release.version}.sql`;
  const current = inputs.state.schema?.file;
  if (current === `${MODEL_DIR}/${releaseDump}` || !inputs.state.modelFiles.includes(releaseDump)) return [];
  return [{ kind: "symlink", path: link, target: releaseDump }];
}
function stagedBranchesToDelete(inputs) {
  return inputs.target.release.patches.map((p) => `ho-staged/${p.id}`).filter((b) => inputs.remoteBranches.includes(b));
}
function buildPromotionScript(inputs) {
  const { target } = inputs;
  const rel = target.release;
  const releaseBranch = `ho-release/${rel.version}`;
  const staged = stagedPatches(rel);
  const base = {
    kind: target.kind,
    version: target.version,
    releaseVersion: rel.version,
    tag: target.tag,
    tagMessage: tagMessage(target.kind, rel.version, target.version),
    releaseFile: target.file,
    patches: staged.map((p) => p.id)
  };
  if (target.kind === "rc") {
    checkRefs(inputs, releaseBranch);
    const snapshot2 = renderSnapshot(staged.map((p) => ({ id: p.id, ...p.mergeCommit ? { commit: p.mergeCommit } : {} })));
    return {
      ...base,
      steps: [
        {
          kind: "commit",
          branch: releaseBranch,
          message: rcCommitMessage(rel.version, target.id.n),
          changes: [{ kind: "write", path: target.file, text: snapshot2 }]
        }
      ],
      source: releaseBranch,
      syncTo: syncTargets(inputs.remoteBranches, releaseBranch),
      syncMessage: syncCommitMessage(releaseBranch, syncReason("rc", rel.version)),
      createBranches: [],
      deleteBranches: []
    };
  }
  const prodBranch = `ho-prod-${target.version}`;
  checkRefs(inputs, releaseBranch, prodBranch);
  const snapshot = { kind: "write", path: target.file, text: renderSnapshot(staged.map((p) => ({ id: p.id }))) };
  const model = modelChanges(inputs, target.version);
  const fileChanges = [snapshot, ...releaseFileRemovals(target), ...model.changes];
  const steps = target.kind === "prod" ? [{ kind: "merge", branch: "ho-prod", from: releaseBranch, message: prodCommitMessage(rel.version), changes: fileChanges }] : [
    { kind: "merge", branch: "ho-prod", from: releaseBranch, message: hotfixMergeMessage(target.version), changes: [] },
    { kind: "commit", branch: "ho-prod", message: hotfixFinalizeMessage(target.version), changes: fileChanges }
  ];
  return {
    ...base,
    schemaFile: model.schemaFile,
    steps,
    source: "ho-prod",
    syncTo: syncTargets(inputs.remoteBranches, "ho-prod", [releaseBranch]),
    syncMessage: syncCommitMessage("ho-prod", syncReason(target.kind, target.version)),
    // Unlike half-orm-dev 1.0.0-a32, a hotfix gets its immutable production branch too,
    // so that an upgrade can reach it (HOP-FORMAT.md, "Known defects").
    createBranches: [prodBranch],
    deleteBranches: [releaseBranch, ...stagedBranchesToDelete(inputs)]
  };
}
function promotedVersion(script, strong = (v) => v) {
  return script.version === script.releaseVersion ? strong(script.version) : `${script.releaseVersion} \u2192 ${strong(script.version)}`;
}
function renderPromotionScript(script, remote = "origin") {
  const lines = [`promote-${script.kind}: ${promotedVersion(script)} (tag ${script.tag})`];
  for (const step of script.steps) {
    lines.push(
      step.kind === "merge" ? `commit on ${step.branch}: merge ${step.from} \u2014 "${step.message}"` : `commit on ${step.branch}: "${step.message}"`
    );
    for (const c of step.changes) {
      if (c.kind === "write") lines.push(`  write   ${c.path}${c.fromDatabase ? " (dumped from the validated database)" : ""}`);
      else if (c.kind === "symlink") lines.push(`  link    ${c.path} -> ${c.target}`);
      else lines.push(`  remove  ${c.path}`);
    }
  }
  for (const b of script.syncTo) lines.push(`commit on ${b} (if .hop/ differs): "${script.syncMessage}"`);
  lines.push(`push to ${remote}, atomically:`);
  lines.push(`  create tag ${script.tag} on ${script.source} ("${script.tagMessage}")`);
  for (const b of script.createBranches) lines.push(`  create branch ${b} at ${script.source}`);
  const moved = [.../* @__PURE__ */ new Set([...script.steps.map((s) => s.branch), ...script.syncTo])];
  for (const b of moved) lines.push(`  move branch ${b}`);
  for (const b of script.deleteBranches) lines.push(`  delete branch ${b}`);
  return lines.join("\n");
}

// src/stages/promotion/identity.ts
var GITHUB_BOT_IDENTITY = {
  name: "github-actions[bot]",
  email: "41898282+github-actions[bot]@users.noreply.github.com"
};
function nonEmpty(v) {
  return v?.trim() ? v.trim() : void 0;
}
function gitlabUser(env) {
  const login = nonEmpty(env["GITLAB_USER_LOGIN"]);
  const id = nonEmpty(env["GITLAB_USER_ID"]);
  const host = nonEmpty(env["CI_SERVER_HOST"]);
  const noreply = login && id && host ? `${id}-${login}@users.noreply.${host}` : void 0;
  const name = nonEmpty(env["GITLAB_USER_NAME"]) ?? login;
  const email = nonEmpty(env["GITLAB_USER_EMAIL"]) ?? noreply;
  return { ...name ? { name } : {}, ...email ? { email } : {} };
}
function promotionIdentity(ci, env) {
  const fallback = ci.name === "gitlab" ? { ...GITHUB_BOT_IDENTITY, ...gitlabUser(env) } : GITHUB_BOT_IDENTITY;
  return {
    name: ci.input("git-user-name") ?? fallback.name,
    email: ci.input("git-user-email") ?? fallback.email
  };
}

// src/stages/promotion/refs.ts
var BRANCH_PREFIX = "refs/heads/";
var TAG_PREFIX = "refs/tags/";
function shortNames(refs, prefix) {
  return [...refs.keys()].filter((r) => r.startsWith(prefix)).map((r) => r.slice(prefix.length));
}
function prodTipOf(refs, remote) {
  const prodTip = refs.get(`${BRANCH_PREFIX}ho-prod`);
  if (!prodTip) {
    throw new HopError(`branch ho-prod does not exist on ${remote}`, {
      kind: "refused",
      hint: `push ho-prod to ${remote}, or pass the right --remote`,
      code: "no-ho-prod"
    });
  }
  return prodTip;
}
function refUpdates(refs, tips, acts) {
  const updates = [];
  for (const [branch, id] of tips) {
    const before = refs.get(BRANCH_PREFIX + branch);
    if (id !== before) updates.push({ ref: BRANCH_PREFIX + branch, newId: id, expectedId: before });
  }
  for (const b of acts.createBranches) updates.push({ ref: BRANCH_PREFIX + b, newId: acts.at, expectedId: null });
  updates.push({ ref: TAG_PREFIX + acts.tag, newId: acts.tagId, expectedId: null });
  for (const b of acts.deleteBranches) updates.push({ ref: BRANCH_PREFIX + b, newId: null, expectedId: refs.get(BRANCH_PREFIX + b) });
  return updates;
}
function pushedTable(updates, remote) {
  const rows = updates.map((u) => `| \`${u.ref}\` | ${u.newId === null ? "deleted" : u.expectedId === null ? "created" : "moved"} |`);
  return [`Pushed to ${remote} atomically:`, "", "| ref | |", "|---|---|", ...rows];
}

// src/stages/promotion/commits.ts
function tipReader(refs, tips) {
  return (branch) => {
    const id = tips.get(branch) ?? refs.get(BRANCH_PREFIX + branch);
    if (!id) throw new HopError(`branch ${branch} vanished from the remote`, { kind: "refused", code: "branch-missing" });
    return id;
  };
}
async function commitSteps(wt, root, script, refs, identity) {
  const tips = /* @__PURE__ */ new Map();
  const tip = tipReader(refs, tips);
  for (const step of script.steps) {
    await wt.checkout(tip(step.branch));
    if (step.kind === "merge") {
      const { conflicts } = await wt.merge(tip(step.from));
      if (conflicts.length) {
        throw new HopError(`merging ${step.from} into ${step.branch} conflicts in ${conflicts.join(", ")}; nothing was pushed`, {
          kind: "refused",
          hint: `merge ${step.branch} into ${step.from} by hand, resolve the conflicts, push ${step.from}, then run the promotion again`,
          code: "merge-conflict"
        });
      }
    }
    await wt.apply(root, step.changes);
    tips.set(step.branch, await wt.commit(step.message, identity) ?? tip(step.branch));
  }
  return tips;
}
async function syncHop(wt, root, sourceTip, sync, identity, refs, tips) {
  const tip = tipReader(refs, tips);
  const sourceHop = await wt.listFiles(root, sourceTip, ".hop");
  for (const branch of sync.to) {
    await wt.checkout(tip(branch));
    const targetHop = await wt.listFiles(root, tip(branch), ".hop");
    await wt.copyHop(root, sourceTip, syncRemovals(sourceHop, targetHop));
    const id = await wt.commit(sync.message, identity);
    if (id) tips.set(branch, id);
  }
}

// src/stages/promotion/mode.ts
import path2 from "node:path";

// src/core/promotion-finalise.ts
function pendingPromotion(state, remoteTags) {
  const current = state.current;
  if (!current) return void 0;
  return remoteTags.includes(releaseTag(current.id)) ? void 0 : current;
}
function planFinalisation(state, remoteBranches, remoteTags) {
  const pending = pendingPromotion(state, remoteTags);
  if (!pending) return void 0;
  const kind = pending.kind === "hotfix" ? "hotfix" : "prod";
  const base = baseVersion(pending.id);
  const releaseBranch = `ho-release/${base}`;
  const has = (b) => remoteBranches.includes(b);
  const patches = pending.patches.map((p) => p.id);
  const prodBranch = `ho-prod-${pending.release}`;
  return {
    kind,
    version: pending.release,
    releaseFile: pending.file,
    patches,
    tag: releaseTag(pending.id),
    tagMessage: tagMessage(kind, base, pending.release),
    createBranches: has(prodBranch) ? [] : [prodBranch],
    deleteBranches: [releaseBranch, ...patches.map((id) => `ho-staged/${id}`), promotionBranch(pending.release)].filter(has),
    syncTo: syncTargets(remoteBranches, "ho-prod", [releaseBranch]),
    syncMessage: syncCommitMessage("ho-prod", syncReason(kind, pending.release))
  };
}
function renderFinalisation(plan, remote = "origin") {
  return [
    `promote-finalise: ${plan.version} is on ho-prod (${plan.releaseFile}) but not tagged yet`,
    ...plan.syncTo.map((b) => `commit on ${b} (if .hop/ differs): "${plan.syncMessage}"`),
    `push to ${remote}, atomically:`,
    `  create tag ${plan.tag} on ho-prod ("${plan.tagMessage}")`,
    ...plan.createBranches.map((b) => `  create branch ${b} at ho-prod`),
    ...plan.syncTo.map((b) => `  move branch ${b}`),
    ...plan.deleteBranches.map((b) => `  delete branch ${b}`)
  ].join("\n");
}
function finalisationOf(script, head) {
  return {
    kind: script.kind === "hotfix" ? "hotfix" : "prod",
    version: script.version,
    releaseFile: script.releaseFile,
    patches: script.patches,
    tag: script.tag,
    tagMessage: script.tagMessage,
    createBranches: script.createBranches,
    deleteBranches: [...script.deleteBranches, head],
    syncTo: script.syncTo,
    syncMessage: script.syncMessage
  };
}

// src/stages/promotion/mode.ts
var RC_IN_PULL_REQUEST_MODE = "promotion mode pull-request: promote-rc pushes ho-release/X.Y.Z and its tag as in push mode, and syncs .hop/ to every branch but ho-prod (ho-prod moves only by reviewed merges; the rc file reaches it with the release)";
async function promotionMode(ctx, projectRoot) {
  const input = ctx.ci.input("promotion");
  if (input !== void 0) return parsePromotionMode(input, "input 'promotion'");
  const file = path2.join(projectRoot, CI_TOML);
  if (!await ctx.workspace.exists(file)) return DEFAULT_PROMOTION_MODE;
  const fromToml = parseCiToml(await ctx.workspace.readText(file)).promotion;
  return fromToml === void 0 ? DEFAULT_PROMOTION_MODE : parsePromotionMode(fromToml, CI_TOML);
}
function refuseWhileUnfinalised(prodState, remoteTags, kind) {
  const pending = pendingPromotion(prodState, remoteTags);
  if (!pending) return;
  throw new HopError(
    `promote-${kind} refused: ${pending.release} is on ho-prod (${pending.file}) but not finalised (no tag ${releaseTag(pending.id)})`,
    {
      kind: "refused",
      hint: "run `hop-ci run promote-finalise` (the generated finalise workflow runs it on every push to ho-prod), then promote again",
      code: "finalise-pending"
    }
  );
}
async function changeRequestsOf(deps) {
  if (!deps.changeRequests) {
    throw new HopError("promotion mode pull-request: no pull/merge request API is available to this run", {
      kind: "refused",
      hint: "run the promotion in GitHub Actions or GitLab CI, or pass --promotion push",
      code: "pull-request-unavailable"
    });
  }
  return deps.changeRequests();
}

// src/stages/promotion/outputs.ts
function outputsOf(script, result) {
  return {
    version: script.version,
    tag: script.tag,
    patches: JSON.stringify(script.patches),
    "release-file": script.releaseFile,
    "schema-file": script.schemaFile ?? "",
    result
  };
}

// src/stages/promotion/pull-request.ts
import path3 from "node:path";

// src/core/promotion-request.ts
function promotionRequestTitle(script) {
  return script.kind === "hotfix" ? `[hop] Hotfix ${script.version} to production` : `[hop] Promote release ${script.releaseVersion} to production`;
}
var BODY_LIMIT = 6e4;
function renderPromotionRequestBody(input) {
  const { script } = input;
  const head = [
    `## ${script.kind === "hotfix" ? `Hotfix ${script.version}` : `Release ${script.releaseVersion}`} \u2192 production`,
    "",
    `This pull request was opened by hop-ci (promotion mode \`pull-request\`). It carries the promotion commit${script.steps.length > 1 ? "s" : ""} of \`${script.version}\`, built on \`${input.base}\` exactly as a push-mode promotion builds ${script.steps.length > 1 ? "them" : "it"}: ${script.steps.map((s) => `"${s.message}"`).join(", ")}.`,
    "",
    `**Patches** (in the order they are applied): ${script.patches.length ? script.patches.map((p) => `\`${p}\``).join(", ") : "(none)"}`,
    "",
    `**Files**: \`${script.releaseFile}\`${script.schemaFile ? `, \`${script.schemaFile}\`` : ""}; the release's \`-patches.toml\` is removed.`,
    "",
    "### Validation",
    "",
    input.validation.trim() || "validated: every staged patch applied on the production baseline and the tests passed.",
    ...input.runUrl ? ["", `[the validation run](${input.runUrl})`] : []
  ];
  const merge = [
    "",
    "### What merging will do",
    "",
    "Merge this request with a merge commit, a squash or a rebase (fast-forward): the push to",
    `\`${input.base}\` runs hop-ci's finalisation, which finds the release by its file, then:`,
    "",
    "```",
    // Without its first line, which describes the state after the merge.
    ...renderFinalisation(input.finalisation).split("\n").slice(1),
    "```",
    "",
    `Do not push other changes to \`${input.head}\`: hop-ci rebuilds it on every run of promote-${script.kind}.`,
    "To abandon the promotion, close this request and delete the branch; nothing else has changed."
  ];
  const room = BODY_LIMIT - [...head, ...merge].join("\n").length - 200;
  const diff = input.schemaDiff.trim();
  const schema = [
    "",
    "### Schema change",
    "",
    ...diff === "" ? ["No change to the schema dump."] : diff.length <= room ? ["<details><summary>diff of the schema dump</summary>", "", "```diff", diff, "```", "", "</details>"] : [
      `The diff of the schema dump is ${diff.length} characters long: see \`${script.schemaFile ?? "the schema file"}\` in the changes.`
    ]
  ];
  return [...head, ...schema, ...merge].join("\n");
}

// src/stages/promotion/pull-request.ts
var BASE = "ho-prod";
var DIFF_CELLS_LIMIT = 4e6;
function renderRequestPromotion(script, remote) {
  const commits = renderPromotionScript({ ...script, syncTo: [] }, remote).split("\n");
  const upToPush = commits.slice(
    0,
    commits.findIndex((l) => l.startsWith("push to "))
  );
  const head = promotionBranch(script.version);
  return [
    ...upToPush,
    `push branch ${head} to ${remote} (the commits above, on ${BASE}'s tip)`,
    `open or update the pull/merge request ${head} \u2192 ${BASE}`,
    `after the merge, promote-finalise tags ${script.tag}, creates ${script.createBranches.join(", ")}, deletes ${script.deleteBranches.join(", ")} and syncs .hop/`
  ].join("\n");
}
async function readSchemaText(ctx, file) {
  return await ctx.workspace.exists(file) ? ctx.workspace.readText(file) : "";
}
async function schemaDiff(p, prodTip) {
  const written = p.script.steps.flatMap((s) => s.changes).find((c) => c.kind === "write" && c.path === p.script.schemaFile);
  if (!written || written.kind !== "write") return "";
  await p.wt.checkout(prodTip);
  const before = await readSchemaText(p.ctx, path3.join(p.root, ".hop/model/schema.sql"));
  const lines = (t) => t.split("\n").length;
  if (lines(before) * lines(written.text) > DIFF_CELLS_LIMIT && before !== written.text) {
    return `(the schema dump changed in many places: see ${p.script.schemaFile})`;
  }
  return before === written.text ? "" : unifiedDiff(before, written.text, p.script.schemaFile ?? "schema.sql");
}
async function openPromotionRequest(p) {
  const { ctx, script, refs, remote } = p;
  const head = promotionBranch(script.version);
  const prodTip = refs.get(`${BRANCH_PREFIX}${BASE}`);
  const diff = await schemaDiff(p, prodTip);
  const tips = await commitSteps(p.wt, p.root, script, refs, p.identity);
  const headRef = `${BRANCH_PREFIX}${head}`;
  const updates = [{ ref: headRef, newId: tips.get(BASE) ?? prodTip, expectedId: refs.get(headRef) ?? null }];
  await ctx.ci.group(`push ${head} to ${remote}`, () => p.git.pushAtomic(p.top, remote, updates));
  const body = renderPromotionRequestBody({
    script,
    validation: p.validation,
    schemaDiff: diff,
    finalisation: finalisationOf(script, head),
    head,
    base: BASE,
    ...ctx.ci.context.runUrl ? { runUrl: ctx.ci.context.runUrl } : {}
  });
  const request = await ctx.ci.group(
    `open the ${p.requests.noun} ${head} \u2192 ${BASE}`,
    () => p.requests.upsert({ head, base: BASE, title: promotionRequestTitle(script), body })
  );
  const how = request.created ? "opened" : "updated";
  const text = [
    renderRequestPromotion(script, remote),
    `pushed: ${head}; ${p.requests.noun} ${how}: ${request.url}`,
    `${BASE} is unchanged: merging the ${p.requests.noun} promotes ${script.version}.`
  ].join("\n");
  return {
    ok: true,
    outputs: { ...outputsOf(script, "success"), "pull-request": request.url },
    summary: [
      `### hop-ci promote-${script.kind}: ${script.version} (pull request)`,
      `Release ${script.releaseVersion} \u2192 **${script.version}** validated; ${p.requests.noun} [${head} \u2192 ${BASE}](${request.url}) ${how}.`,
      `Nothing else changed: merging it promotes ${script.version}, and the push to ${BASE} finalises (tag \`${script.tag}\`).`,
      "",
      ...pushedTable(updates, remote)
    ].join("\n"),
    text,
    json: { mode: "pull-request", branch: head, request, pushed: updates }
  };
}

// src/stages/promotion/run-promotion.ts
function refusal(kind, plan) {
  return new HopError(`promote-${kind} refused: ${plan.error}`, {
    kind: "refused",
    ...plan.hint ? { hint: plan.hint } : {},
    code: "promotion-refused"
  });
}
async function readState(ctx, root) {
  return buildProjectState(await ctx.workspace.readProject(root));
}
function pickTarget(state, kind, requested) {
  const plan = planPromotion(state, kind, requested);
  if (isRefusal(plan)) throw refusal(kind, plan);
  return plan;
}
async function carryOut(deps, wt, root, top, script, refs, identity) {
  const tips = await commitSteps(wt, root, script, refs, identity);
  const sourceTip = tipReader(refs, tips)(script.source);
  await syncHop(wt, root, sourceTip, { to: script.syncTo, message: script.syncMessage }, identity, refs, tips);
  const tagId = await deps.git.createTag(top, script.tag, sourceTip, script.tagMessage, identity);
  return refUpdates(refs, tips, { tagId, at: sourceTip, ...script });
}
function scriptJson(script) {
  return {
    ...script,
    steps: script.steps.map((s) => ({ ...s, changes: s.changes.map((c) => c.kind === "write" ? { kind: c.kind, path: c.path } : c) }))
  };
}
function summaryOf(script, updates, remote) {
  return [
    `### hop-ci promote-${script.kind}: ${script.version}`,
    `Release ${promotedVersion(script, (v) => `**${v}**`)} (tag \`${script.tag}\`), patches: ${script.patches.map((p) => `\`${p}\``).join(", ")}.`,
    "",
    ...pushedTable(updates, remote)
  ].join("\n");
}
function identityOf(ctx) {
  return promotionIdentity(ctx.ci, ctx.env);
}
async function runPromotion(ctx, kind, deps) {
  const dryRun = booleanInput(ctx.ci, "dry-run") ?? false;
  const remote = ctx.ci.input("remote") ?? "origin";
  const requested = ctx.ci.input("release");
  const identity = identityOf(ctx);
  const { git } = deps;
  const checkout = await ctx.workspace.findRoot(ctx.cwd);
  const mode = await promotionMode(ctx, checkout);
  const viaRequest = mode === "pull-request" && kind !== "rc";
  if (mode === "pull-request" && kind === "rc") ctx.ci.info(RC_IN_PULL_REQUEST_MODE);
  const { top, prefix } = await git.locate(checkout);
  const dirty = await git.uncommittedChanges(checkout, [".hop", "Patches"]);
  if (dirty.length) {
    throw new HopError(`the workspace has uncommitted changes: ${dirty.slice(0, 10).join(", ")}${dirty.length > 10 ? ", \u2026" : ""}`, {
      kind: "refused",
      hint: "commit and push them (or discard them) first: a promotion works from what is on the remote",
      code: "dirty-workspace"
    });
  }
  const refs = await ctx.ci.group(`fetch ho-* branches and tags from ${remote}`, () => git.fetchRemoteRefs(top, remote));
  let wt;
  try {
    const remoteBranches = shortNames(refs, BRANCH_PREFIX);
    const remoteTags = shortNames(refs, TAG_PREFIX);
    const prodTip = prodTipOf(refs, remote);
    wt = await git.openWorktree(top, prodTip);
    const root = path4.join(wt.dir, prefix);
    const prodState = await readState(ctx, root);
    if (viaRequest) refuseWhileUnfinalised(prodState, remoteTags, kind);
    const first = pickTarget(prodState, kind, requested);
    buildPromotionScript({ state: await readState(ctx, root), target: first, remoteBranches, remoteTags, remote });
    await wt.checkout(refs.get(`${BRANCH_PREFIX}ho-release/${first.release.version}`));
    const state = await readState(ctx, root);
    const target = pickTarget(state, kind, requested ?? first.release.version);
    const built = buildPromotionScript({ state, target, remoteBranches, remoteTags, remote });
    const planned = mode === "pull-request" && kind === "rc" ? { ...built, syncTo: built.syncTo.filter((b) => b !== "ho-prod") } : built;
    if (dryRun) {
      const rendered = viaRequest ? renderRequestPromotion(planned, remote) : renderPromotionScript(planned, remote);
      const text2 = `${rendered}
(dry run: nothing validated, committed or pushed)`;
      return {
        ok: true,
        outputs: outputsOf(planned, "dry-run"),
        text: text2,
        summary: `### hop-ci promote-${kind} (dry run)

${fenced(text2)}`,
        json: scriptJson(planned)
      };
    }
    const requests = viaRequest ? await changeRequestsOf(deps) : void 0;
    const variant = metadataVariant(state);
    const outcome = await ctx.ci.group(
      `validate release ${target.release.version}`,
      () => deps.validator.validateRelease(
        { root, version: target.release.version, ...ctx.ci.input("test-command") ? { testCommand: ctx.ci.input("test-command") } : {} },
        kind === "rc" ? void 0 : async (db) => {
          if (kind === "prod") await deps.recordRelease(db, target.version);
          return { schema: normaliseSchemaDump(await db.dumpSchema()), metadata: await db.dumpMetadata(variant) };
        }
      )
    );
    if (!outcome.ok || kind !== "rc" && !outcome.value) {
      const first2 = outcome.failures[0];
      const error = `release ${target.release.version} failed validation${first2 ? `: ${first2.patch ? `patch ${first2.patch}: ` : ""}${first2.message}` : ""}; nothing was committed or pushed`;
      return { ok: false, outputs: { ...outputsOf(planned, "failure"), error }, summary: outcome.summary, text: error };
    }
    const script = kind === "rc" ? planned : buildPromotionScript({ state, target, remoteBranches, remoteTags, remote, dumps: outcome.value });
    if (requests) {
      return await openPromotionRequest({ ctx, git, wt, root, top, remote, refs, script, identity, requests, validation: outcome.summary });
    }
    const updates = await carryOut(deps, wt, root, top, script, refs, identity);
    await ctx.ci.group(`push ${updates.length} refs to ${remote} (atomic)`, () => git.pushAtomic(top, remote, updates));
    const text = `${renderPromotionScript(script, remote)}
pushed: ${script.tag}`;
    return {
      ok: true,
      outputs: outputsOf(script, "success"),
      summary: summaryOf(script, updates, remote),
      text,
      json: { script: scriptJson(script), pushed: updates }
    };
  } finally {
    await wt?.close();
    await git.forgetRemoteRefs(top);
  }
}

export {
  createPromotionDeps,
  BRANCH_PREFIX,
  TAG_PREFIX,
  shortNames,
  prodTipOf,
  refUpdates,
  pushedTable,
  syncHop,
  planFinalisation,
  renderFinalisation,
  readState,
  identityOf,
  runPromotion
};
