import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  upsertMergeRequestNote
} from "./chunk-P52Z7VL4.js";
import {
  commentWanted,
  describeRequestError,
  renderComment
} from "./chunk-SNBE7KTK.js";
import {
  located,
  painter
} from "./chunk-FA32JPZ3.js";
import {
  CONVENTIONAL_VARIABLES,
  Redactor,
  hopVariable,
  nonBlank,
  secretValues
} from "./chunk-YAHIFCFV.js";
import "./chunk-UQEAN7LJ.js";

// src/adapters/ci/gitlab.ts
import { writeFileSync } from "node:fs";
import path from "node:path";

// src/adapters/ci/gitlab-dotenv.ts
function dotenvKey(output) {
  return `HOP_OUT_${output.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}
var DOTENV_MAX_BYTES = 5 * 1024 - 1;
var DOTENV_MAX_VARIABLES = 20;
function renderDotenv(outputs) {
  const lines = [];
  const dropped = [];
  let bytes = 0;
  for (const [name, raw] of outputs) {
    const line = `${dotenvKey(name)}=${raw.trim().replace(/\r?\n/g, "\\n")}`;
    const size = Buffer.byteLength(line, "utf8") + 1;
    if (lines.length >= DOTENV_MAX_VARIABLES) dropped.push({ name, reason: `more than ${DOTENV_MAX_VARIABLES} variables` });
    else if (bytes + size > DOTENV_MAX_BYTES) dropped.push({ name, reason: `${size} bytes would pass GitLab's 5 KB dotenv limit` });
    else {
      lines.push(line);
      bytes += size;
    }
  }
  return { text: lines.map((l) => `${l}
`).join(""), dropped };
}

// src/adapters/ci/gitlab.ts
var ESC = "\x1B";
var GitLabProvider = class {
  constructor(options) {
    this.options = options;
    const { env } = options;
    this.out = options.json ? options.stderr ?? process.stderr : options.stdout ?? process.stdout;
    this.paint = painter(env, true);
    for (const value of secretValues(env, options.flags)) this.setSecret(value);
    this.context = gitlabContext(env);
  }
  options;
  name = "gitlab";
  context;
  redactor = new Redactor();
  out;
  paint;
  outputs = /* @__PURE__ */ new Map();
  droppedOutputs = /* @__PURE__ */ new Set();
  sections = 0;
  reportedError = false;
  failed;
  input(name) {
    const { env, flags } = this.options;
    const conventional = CONVENTIONAL_VARIABLES[name];
    return nonBlank(flags[name]) ?? nonBlank(env[hopVariable(name)]) ?? (conventional ? nonBlank(env[conventional]) : void 0);
  }
  setSecret(value) {
    this.redactor.addSecretUrlOrToken(value);
  }
  write(text) {
    this.out.write(`${this.redactor.redact(text)}
`);
  }
  info(message) {
    this.write(message);
  }
  warning(message, at) {
    this.write(`${this.paint("33", "warning:")} ${located(message, at)}`);
  }
  error(message, at) {
    this.reportedError = true;
    this.write(`${this.paint("31", "error:")} ${located(message, at)}`);
  }
  debug(message) {
    const { env } = this.options;
    if (env["HOP_DEBUG"] || env["CI_DEBUG_TRACE"] === "true") this.write(this.paint("2", `debug: ${message}`));
  }
  /** A collapsed section (`section_start` … `section_end`), as GitLab's job log folds them. */
  async group(title, fn) {
    const id = `hop_${++this.sections}_${title.toLowerCase().replace(/[^a-z0-9_]+/g, "_").slice(0, 40)}`;
    const stamp = () => Math.floor(Date.now() / 1e3);
    this.write(`${ESC}[0Ksection_start:${stamp()}:${id}[collapsed=true]\r${ESC}[0K${this.paint("1", title)}`);
    try {
      return await fn();
    } finally {
      this.write(`${ESC}[0Ksection_end:${stamp()}:${id}\r${ESC}[0K`);
    }
  }
  /** Rewrites the whole dotenv file: a later value of the same output replaces the earlier one. */
  setOutput(name, value) {
    this.outputs.set(name, this.redactor.redact(value));
    const { text, dropped } = renderDotenv(this.outputs);
    const file = this.dotenvPath();
    try {
      writeFileSync(file, text, "utf8");
    } catch (e) {
      this.warning(`could not write the dotenv report ${file}: ${describeRequestError(e)}`);
      return;
    }
    for (const d of dropped) {
      if (this.droppedOutputs.has(d.name)) continue;
      this.droppedOutputs.add(d.name);
      this.warning(
        `output '${d.name}' left out of ${path.basename(file)} (${d.reason}); later jobs can run \`hop-ci plan --json\` to get it`
      );
    }
  }
  /** `HOP_DOTENV_FILE`, else `hop-ci.env` in the project directory the job checked out. */
  dotenvPath() {
    const { env } = this.options;
    const base = env["CI_PROJECT_DIR"] ?? this.options.cwd ?? process.cwd();
    return path.resolve(base, nonBlank(env["HOP_DOTENV_FILE"]) ?? "hop-ci.env");
  }
  /** The job log already has the human text; the markdown goes to the MR note. */
  async summary(markdown) {
    this.debug(`summary:
${markdown}`);
  }
  async upsertComment(marker, body) {
    const { env } = this.options;
    if (!commentWanted(this.input("comment"))) return this.debug("comment: false \u2014 no MR note");
    const iid = Number(env["CI_MERGE_REQUEST_IID"]);
    const apiUrl = nonBlank(env["CI_API_V4_URL"]);
    const projectId = nonBlank(env["CI_MERGE_REQUEST_PROJECT_ID"]) ?? nonBlank(env["CI_PROJECT_ID"]);
    if (!Number.isInteger(iid) || iid <= 0 || !apiUrl || !projectId) return this.debug("not a merge request pipeline \u2014 no MR note");
    const privateToken = nonBlank(env["HOP_GITLAB_TOKEN"]);
    const jobToken = nonBlank(env["CI_JOB_TOKEN"]);
    if (!privateToken && !jobToken) {
      this.warning(
        "no GitLab token: the MR note was not posted. Set HOP_GITLAB_TOKEN (a project access token, role Maintainer, scopes `api` and `write_repository`, as a masked and protected variable), or HOP_COMMENT=false."
      );
      return;
    }
    const target = {
      apiUrl,
      projectId,
      mergeRequestIid: iid,
      auth: privateToken ? { header: "PRIVATE-TOKEN", token: privateToken } : { header: "JOB-TOKEN", token: jobToken }
    };
    const text = this.redactor.redact(renderComment(marker, body, this.context));
    try {
      const how = await upsertMergeRequestNote(target, marker, text, this.options.fetch);
      this.info(`MR !${iid}: note ${how}`);
    } catch (e) {
      const hint = privateToken ? "check that HOP_GITLAB_TOKEN is a project access token, role Maintainer, scopes `api` and `write_repository`, as a masked and protected variable" : "the CI job token may not write notes: set HOP_GITLAB_TOKEN (a project access token, role Maintainer, scopes `api` and `write_repository`, as a masked and protected variable)";
      this.warning(`could not post the MR note on !${iid} (${describeRequestError(e)}); ${hint}, or set HOP_COMMENT=false`);
    }
  }
  setFailed(message) {
    this.failed = message;
    if (!this.reportedError) this.error(message);
  }
  get failure() {
    return this.failed;
  }
};
function gitlabContext(env) {
  const context = {};
  const set = (key, value) => {
    if (value !== void 0 && value !== "" && !(typeof value === "number" && !Number.isFinite(value))) context[key] = value;
  };
  set("eventName", env["CI_PIPELINE_SOURCE"]);
  set("headRef", env["CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"] ?? env["CI_COMMIT_REF_NAME"]);
  set("baseRef", env["CI_MERGE_REQUEST_TARGET_BRANCH_NAME"]);
  set("changeNumber", env["CI_MERGE_REQUEST_IID"] ? Number(env["CI_MERGE_REQUEST_IID"]) : void 0);
  set("runUrl", env["CI_PIPELINE_URL"]);
  set("sha", env["CI_COMMIT_SHA"]);
  set("repository", env["CI_PROJECT_PATH"]);
  return context;
}
export {
  GitLabProvider
};
