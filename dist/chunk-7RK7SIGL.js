import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  readCatalog
} from "./chunk-YSUHOREH.js";
import {
  changeSubject,
  compareCatalogs,
  oneLine
} from "./chunk-3BREY5PD.js";
import {
  PatchApplyError,
  openDatabaseServer,
  runParts
} from "./chunk-GSALQ3P7.js";
import {
  connectDatabase,
  libpqEnv,
  makeTempFolder,
  runChild,
  runPsqlFile
} from "./chunk-QNR2ZIHY.js";
import {
  describeAtomicity,
  planParts,
  selectPatchFiles,
  summarizeParts,
  toReleaseFile
} from "./chunk-PV6DJCVQ.js";
import {
  locksOfRelease
} from "./chunk-TM4VJS5L.js";
import {
  planBaseline
} from "./chunk-CZXJVICB.js";
import {
  canonicalPatchId,
  checkPatchId
} from "./chunk-TNUK3URT.js";
import {
  checkMergeOrder,
  openHotfix,
  regularReleases
} from "./chunk-NJWHB42U.js";
import {
  baseVersion,
  tryParseRelease
} from "./chunk-VIHRG64B.js";
import {
  escapeMarkdown,
  fenced,
  inlineCode
} from "./chunk-IV27EEUB.js";
import {
  didYouMean
} from "./chunk-WSXT4SJN.js";
import {
  describeReleaseLocks
} from "./chunk-LGT3NFJ7.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";

// src/core/schema-change.ts
function asSchemaChanges(changes) {
  return changes.map((c) => ({ ...c, destructive: c.change === "dropped" }));
}
function describeSchemaChange(c) {
  const subject = changeSubject(c);
  if (c.change === "added") return `+ ${subject}`;
  if (c.change === "dropped") return `- ${subject} (destructive)`;
  return `~ ${subject}: ${c.property}: ${c.before ? oneLine(c.before, 100) : "(none)"} \u2192 ${c.after ? oneLine(c.after, 100) : "(none)"}`;
}
var SYMBOL = { added: "\u2795 added", dropped: "\u26A0\uFE0F dropped (destructive)", altered: "\u270F\uFE0F altered" };
function renderSchemaChangeTable(title, changes, max = 40) {
  if (changes.length === 0) return `**${title}**: no schema change`;
  const cell2 = (s) => s.replace(/\|/g, "\\|").replace(/`/g, "'");
  const code = (s) => s ? `\`${cell2(oneLine(s, 60))}\`` : "(none)";
  const rows = changes.slice(0, max).map((c) => {
    const detail = c.change === "altered" ? `${c.property}: ${code(c.before)} \u2192 ${code(c.after)}` : "";
    return `| ${SYMBOL[c.change]} | ${cell2(changeSubject(c))} | ${detail} |`;
  });
  const dropped = changes.filter((c) => c.change === "dropped").length;
  return [
    `**${title}**: ${changes.length} change${changes.length === 1 ? "" : "s"}${dropped ? `, ${dropped} destructive` : ""}`,
    "",
    "| change | object | detail |",
    "|---|---|---|",
    ...rows,
    ...changes.length > max ? [`| \u2026 | ${changes.length - max} more in \`--json\` | |`] : []
  ].join("\n");
}

// src/core/validation-plan.ts
function branchHolding(step2) {
  if (step2.status === "candidate") return `ho-patch/${step2.id}`;
  if (step2.status === "hotfix") return `ho-prod (tag v${step2.release})`;
  return `ho-release/${step2.release}`;
}
function requireFolder(step2, branch) {
  if (step2.folder) return step2.folder;
  const holder = branchHolding(step2);
  throw new HopError(
    `patch ${step2.id} (${step2.status} in ${step2.release}) has no folder on this checkout${branch ? ` (${branch})` : ""}: it is on ${holder}`,
    {
      hint: `run on a checkout that has merged it: check out ${holder.split(" ")[0]}${step2.status === "candidate" ? ` or the merge of it into ho-release/${step2.release}` : ""}`,
      code: "patch-folder-missing"
    }
  );
}
function step(state, id, status, release) {
  const folder = state.patchFolders.get(id) ?? state.patchFolders.get(canonicalPatchId(id));
  return { id, status, release, ...folder ? { folder } : {} };
}
function releaseOrder(state, rel) {
  const own = rel.patches.map((p) => ({ id: p.id, status: p.status }));
  if (rel.hotfix) return own;
  const seen = new Set(rel.patches.map((p) => canonicalPatchId(p.id)));
  const fromRcs = [];
  for (const rc of state.rcs) {
    if (baseVersion(rc.id) !== rel.version) continue;
    for (const e of rc.patches) {
      const key = canonicalPatchId(e.id);
      if (seen.has(key)) continue;
      seen.add(key);
      fromRcs.push({ id: e.id, status: "staged" });
    }
  }
  return [...fromRcs, ...own];
}
function findRelease(state, patchId) {
  const key = canonicalPatchId(patchId);
  return state.inPreparation.find((r) => r.patches.some((p) => canonicalPatchId(p.id) === key));
}
function patchFromBranch(branch) {
  const m = /^(?:refs\/heads\/)?ho-patch\/(.+)$/.exec(branch ?? "");
  return m ? checkPatchId(m[1], { what: `patch id in branch '${branch}'` }) : void 0;
}
function planValidatePatch(state, patchId) {
  checkPatchId(patchId);
  const rel = findRelease(state, patchId);
  if (!rel) {
    const known = state.inPreparation.flatMap((r) => r.patches.map((p) => ({ id: p.id, where: `${p.status} in ${r.version}` })));
    const guess = didYouMean(
      patchId,
      known.map((k) => k.id)
    );
    const list = known.length ? `the patches in preparation: ${known.map((k) => `${k.id} (${k.where})`).join(", ")}` : "no release has patches";
    throw new HopError(`patch ${patchId} is in no release in preparation (.hop/releases/*-patches.toml)${guess ? `: ${guess}` : ""}`, {
      hint: `${list}; check the patch id (--patch), or add it with \`half_orm dev patch create\``,
      code: "patch-not-in-release"
    });
  }
  const order = checkMergeOrder(state, rel.version);
  if (!order.ok) {
    throw new HopError(`patch ${patchId} cannot be validated for ${rel.version}: ${order.error}`, {
      kind: "refused",
      hint: `promote or empty ${order.blockers.join(", ")} first; patches are merged release by release, smallest first`,
      code: "merge-order"
    });
  }
  const key = canonicalPatchId(patchId);
  const patches = releaseOrder(state, rel).filter((p) => p.status === "staged" || canonicalPatchId(p.id) === key).map((p) => step(state, p.id, p.status, rel.version));
  const patch = patches.find((p) => canonicalPatchId(p.id) === key);
  return { release: rel.version, hotfix: rel.hotfix, patch, patches };
}
function pickRelease(state, requested, branch) {
  const fromBranch = /^(?:refs\/heads\/)?ho-release\/(.+)$/.exec(branch ?? "")?.[1];
  const wanted = requested ?? (fromBranch && tryParseRelease(fromBranch) ? fromBranch : void 0);
  if (wanted !== void 0) {
    const rel2 = state.inPreparation.find((r) => r.version === wanted);
    if (!rel2) {
      throw new HopError(`release ${wanted} is not in preparation (no .hop/releases/${wanted}-patches.toml)`, {
        hint: `releases in preparation: ${state.inPreparation.map((r) => r.version).join(", ") || "none"}`,
        code: "release-not-in-preparation"
      });
    }
    return rel2;
  }
  const rel = openHotfix(state) ?? regularReleases(state)[0];
  if (!rel) {
    throw new HopError("no release in preparation: nothing to validate", {
      hint: "create one with `half_orm dev release create`",
      code: "no-release"
    });
  }
  return rel;
}
function planValidateRelease(state, rel) {
  const order = releaseOrder(state, rel);
  const merge = checkMergeOrder(state, rel.version);
  return {
    release: rel.version,
    hotfix: rel.hotfix,
    staged: order.filter((p) => p.status === "staged").map((p) => step(state, p.id, "staged", rel.version)),
    candidates: order.filter((p) => p.status === "candidate").map((p) => step(state, p.id, "candidate", rel.version)),
    notIncluded: merge.ok ? [] : merge.blockers
  };
}
function hotfixStep(state, id, release) {
  return step(state, id, "hotfix", release);
}

// src/stages/validation/test-runner.ts
var DEFAULT_TEST_COMMAND = "pytest -v --tb=short";
function isSkipped(command) {
  return /^\s*(none|)\s*$/i.test(command);
}
async function runTests(command, options) {
  const now = options.now ?? (() => performance.now());
  if (isSkipped(command)) return { command, status: "skipped", ms: 0, tail: [] };
  const start = now();
  const tail = [];
  const r = await runChild(command, [], {
    env: options.env,
    cwd: options.cwd,
    shell: true,
    onLine: (line) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      options.log?.(line);
    }
  });
  const ms = now() - start;
  const status = r.code === 0 ? "passed" : r.code === 5 && /\bpytest\b/.test(command) ? "no-tests" : "failed";
  return { command, status, exitCode: r.code ?? null, ms, tail };
}

// src/stages/validation/session.ts
import path2 from "node:path";
import { randomBytes } from "node:crypto";

// src/core/python-hint.ts
function missingModuleHint(output) {
  const module = /ModuleNotFoundError: No module named '([^']+)'/.exec(output)?.[1];
  if (!module) return void 0;
  return `the Python that ran it cannot import ${module}: install the project and its dependencies into it (\`pip install -e .\` or \`pip install -r requirements.txt\`), or name the interpreter that has them with --python (e.g. --python .venv/bin/python)`;
}

// src/stages/validation/apply-patch.ts
import { promises as fs } from "node:fs";
import path from "node:path";
async function listFiles(folder) {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  const names = [];
  for (const e of entries) {
    if (e.isFile()) names.push(e.name);
    else if (e.isSymbolicLink()) {
      const st = await fs.stat(path.join(folder, e.name)).catch(() => void 0);
      if (st?.isFile()) names.push(e.name);
    }
  }
  return names;
}
async function readPatchFiles(patch, serverMajor, log) {
  const display = patch.displayFolder ?? patch.folder;
  let names;
  try {
    names = await listFiles(patch.folder);
  } catch {
    throw new HopError(`patch ${patch.id}: folder ${display} cannot be read`, {
      kind: "input",
      file: display,
      hint: "check out a branch that has the patch folder",
      code: "patch-folder-missing"
    });
  }
  const { run, ignored } = selectPatchFiles(names, display);
  for (const name of ignored) log?.(`notice: patch ${patch.id}: ${display}/${name} is neither .sql, .psql nor .py: ignored`);
  const files = [];
  for (const entry of run) {
    const text = entry.kind === "sql" ? await fs.readFile(path.join(patch.folder, entry.name), "utf8") : "";
    const { file } = await toReleaseFile({ patch: patch.id, ...entry, path: `${display}/${entry.name}`, text }, serverMajor);
    files.push(file);
  }
  return files;
}
async function applyPatch(target, patch, options = {}) {
  const now = options.now ?? (() => performance.now());
  const start = now();
  const serverMajor = target.serverMajor ?? 15;
  const log = options.log ?? (() => void 0);
  const { parts, skipped } = planParts(await readPatchFiles(patch, serverMajor, log));
  for (const { file, statement } of skipped)
    log(
      `notice: ${file.path}:${statement.line}: ${statement.text.trim().split(/\s+/)[0].toUpperCase()} skipped: hop-ci runs the patch's SQL in its own transaction`
    );
  const files = await runParts(
    parts,
    {
      client: target.client,
      env: target.env,
      folderOf: () => Promise.resolve(patch.folder),
      serverMajor,
      ...options.python ? { python: options.python } : {},
      log
    },
    { now }
  );
  return { id: patch.id, ms: now() - start, files };
}
async function applyAsRelease(target, patches, options = {}) {
  const now = options.now ?? (() => performance.now());
  const start = now();
  const serverMajor = target.serverMajor ?? 15;
  const log = options.log ?? (() => void 0);
  const files = [];
  for (const patch of patches) files.push(...await readPatchFiles(patch, serverMajor));
  const { parts } = planParts(files);
  const locks = await locksOfRelease(files, serverMajor);
  const folders = new Map(patches.map((p) => [p.id, p.folder]));
  await runParts(
    parts,
    {
      client: target.client,
      env: target.env,
      folderOf: (id) => Promise.resolve(folders.get(id)),
      serverMajor,
      ...options.python ? { python: options.python } : {},
      log
    },
    { now }
  );
  return { parts: summarizeParts(parts), ms: now() - start, locks };
}

// src/stages/validation/halform-conf.ts
import { promises as fs2 } from "node:fs";
function renderHalfOrmConf(c) {
  return [
    "[database]",
    `name = ${c.database}`,
    `user = ${c.env["PGUSER"] ?? ""}`,
    `password = ${c.env["PGPASSWORD"] ?? ""}`,
    `host = ${c.env["PGHOST"] ?? ""}`,
    `port = ${c.env["PGPORT"] ?? ""}`,
    // Only the literal False means false to half_orm: never a production database.
    "production = False",
    ""
  ].join("\n");
}
async function writeHalfOrmConf(dir, configName, c) {
  const file = `${dir}/${configName}`;
  await fs2.writeFile(file, renderHalfOrmConf(c), { mode: 384 });
  return file;
}

// src/stages/validation/session.ts
var ValidationSession = class _ValidationSession {
  constructor(server, options, baselineRelease) {
    this.server = server;
    this.options = options;
    this.baselineRelease = baselineRelease;
    this.confDir = makeTempFolder("halform");
  }
  server;
  options;
  /** Time per phase, ms: server, baseline, and what callers add. */
  phases = {};
  baselineRelease;
  tag = randomBytes(4).toString("hex");
  counter = 0;
  /** Where the half_orm connection file goes ($HALFORM_CONF_DIR). */
  confDir;
  closed = false;
  /** The project root. */
  get root() {
    return this.options.state.root;
  }
  get now() {
    return this.options.now ?? (() => performance.now());
  }
  /** Opens the server and restores the baseline into the template database. */
  /** A session for a stage: server and Python from the stage's inputs, its clock. */
  static forStage(ctx, state) {
    const databaseUrl = ctx.ci.input("database-url");
    const python = ctx.ci.input("python");
    return _ValidationSession.open({
      state,
      ci: ctx.ci,
      env: ctx.env,
      ...databaseUrl ? { databaseUrl } : {},
      ...python ? { python } : {},
      now: () => ctx.clock.now()
    });
  }
  static async open(options) {
    const now = options.now ?? (() => performance.now());
    const baseline = planBaseline(options.state);
    const hotfixSteps = baseline.steps.filter((s) => s.kind === "patch").map((s) => hotfixStep(options.state, s.id, s.release));
    for (const s of hotfixSteps) requireFolder(s, options.state.branch);
    const t0 = now();
    const server = await openDatabaseServer({
      ...options.databaseUrl ? { databaseUrl: options.databaseUrl } : {},
      env: options.env,
      log: (m) => options.ci.info(m)
    });
    const session = new _ValidationSession(server, options, baseline.release);
    session.phases["server"] = now() - t0;
    session.registerSecrets();
    try {
      await session.restoreBaseline(baseline.steps, hotfixSteps);
    } catch (e) {
      await session.close();
      throw e;
    }
    return session;
  }
  registerSecrets() {
    const password = this.server.env["PGPASSWORD"];
    if (password) this.options.ci.setSecret(password);
    try {
      const u = new URL(this.server.url("postgres"));
      if (u.password) this.options.ci.setSecret(decodeURIComponent(u.password));
    } catch {
    }
  }
  templateName = () => `hop_ci_${this.tag}_baseline`;
  newName(label) {
    return `hop_ci_${this.tag}_${label.replace(/[^a-z0-9]+/gi, "_").slice(0, 30)}_${++this.counter}`.toLowerCase();
  }
  async restoreBaseline(steps, hotfixSteps) {
    const t0 = this.now();
    const root = this.options.state.root;
    const name = this.templateName();
    await this.server.createDatabase(name);
    this.options.ci.info(`restoring the baseline (${this.baselineRelease}) into a template database`);
    for (const s of steps) {
      if (s.kind !== "psql") continue;
      await runPsqlFile(this.server, name, path2.join(root, s.file), { displayName: s.file, baseEnv: this.options.env }).catch(
        (e) => {
          if (e instanceof HopError) {
            throw new HopError(`the baseline does not restore: ${e.message}`, {
              kind: "failed",
              ...e.file ? { file: e.file } : {},
              ...e.line ? { line: e.line } : {},
              ...e.column ? { column: e.column } : {},
              hint: `${s.file} is written by half-orm-dev (pg_dump); ${e.hint ?? "regenerate it from the production database"}`,
              code: "baseline-failed"
            });
          }
          throw e;
        }
      );
      this.options.ci.info(`  \u2713 ${s.file}`);
    }
    if (hotfixSteps.length) {
      await this.withOpenDatabase(name, async (db) => {
        for (const h of hotfixSteps) {
          const timing = await applyPatch(
            { client: db.client, env: db.env, serverMajor: this.server.majorVersion },
            this.patchInput(h),
            this.applyOptions()
          );
          this.options.ci.info(`  \u2713 hotfix ${h.release}: ${h.id} (${fmtMs(timing.ms)})`);
        }
      });
    }
    this.phases["baseline"] = this.now() - t0;
  }
  patchInput(step2) {
    const folder = requireFolder(step2, this.options.state.branch);
    return { id: step2.id, folder: path2.resolve(this.options.state.root, folder), displayFolder: step2.shownAs ?? folder };
  }
  applyOptions() {
    return { ...this.options.python ? { python: this.options.python } : {}, log: (m) => this.options.ci.info(m), now: this.now };
  }
  /** Connects to an existing database of the session, with the child environment ready. */
  async withOpenDatabase(name, fn) {
    const client = await connectDatabase(this.server, name);
    try {
      await writeHalfOrmConf(this.confDir.path, this.options.state.dbConfigName, { database: name, env: this.server.env });
      const env = {
        ...libpqEnv(this.server, name, this.options.env),
        DATABASE_URL: this.server.url(name),
        HALFORM_CONF_DIR: this.confDir.path
      };
      return await fn({ name, client, env });
    } finally {
      await client.end().catch(() => void 0);
    }
  }
  /** A new database cloned from `template` (default: the baseline). The caller drops it. */
  async clone(label, template = this.templateName()) {
    const name = this.newName(label);
    await this.server.createDatabase(name, { template });
    return name;
  }
  /**
   * Applies steps on database `name`; stops at the first failure. For the patches in
   * `schemaOf`, the catalog is read just before and just after: their schema change.
   */
  async applySteps(name, steps, onPatch, schemaOf = /* @__PURE__ */ new Set()) {
    const timings = [];
    const schemaChanges = {};
    return this.withOpenDatabase(name, async (db) => {
      for (const s of steps) {
        try {
          const before = schemaOf.has(s.id) ? await this.timed("schema", () => readCatalog(db.client)) : void 0;
          const t = await applyPatch(
            { client: db.client, env: db.env, serverMajor: this.server.majorVersion },
            this.patchInput(s),
            this.applyOptions()
          );
          if (before) schemaChanges[s.id] = await this.timed("schema", async () => compareCatalogs(before, await readCatalog(db.client)));
          timings.push(t);
          onPatch?.(t, s, schemaChanges[s.id]);
        } catch (e) {
          if (e instanceof PatchApplyError || e instanceof HopError && (e.code === "python-missing" || e.code === "transaction-control")) {
            return { timings, failure: failureOf(s.id, e), schemaChanges };
          }
          throw e;
        }
      }
      return { timings, schemaChanges };
    });
  }
  /** Runs `fn`, adding its time to `phase` (which the caller's own phase also counts). */
  async timed(phase, fn) {
    const t0 = this.now();
    try {
      return await fn();
    } finally {
      this.phases[phase] = (this.phases[phase] ?? 0) + this.now() - t0;
    }
  }
  /** Applies `steps` as one release, the way `upgrade` will (one sequence of parts). */
  async applyAsRelease(name, steps) {
    return this.withOpenDatabase(name, async (db) => {
      const target = { client: db.client, env: db.env, serverMajor: this.server.majorVersion };
      try {
        return await applyAsRelease(
          target,
          steps.map((s) => this.patchInput(s)),
          this.applyOptions()
        );
      } catch (e) {
        if (e instanceof PatchApplyError) return { parts: [], ms: 0, failure: failureOf(e.patch, e) };
        throw e;
      }
    });
  }
  async runTests(name, command) {
    return this.withOpenDatabase(name, async (db) => {
      await db.client.end();
      return runTests(command, { cwd: this.options.state.root, env: db.env, log: (l) => this.options.ci.info(`    ${l}`), now: this.now });
    });
  }
  async drop(name) {
    await this.server.dropDatabase(name);
  }
  async close() {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.server.close();
    } finally {
      await this.confDir.remove();
    }
  }
};
function failureOf(patch, e) {
  const hint = missingModuleHint(e.message) ?? e.hint;
  return {
    patch,
    ...e.file ? { file: e.file } : {},
    ...e.line ? { line: e.line } : {},
    ...e.column ? { column: e.column } : {},
    message: e.message,
    ...hint ? { hint } : {}
  };
}
function fmtMs(ms) {
  return ms >= 1e3 ? `${(ms / 1e3).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

// src/stages/validation/report.ts
function runOk(r) {
  return !r.failure && !r.notRun && (!r.tests || r.tests.status !== "failed");
}
function cell(text) {
  return escapeMarkdown(text);
}
function describeTests(t) {
  if (!t) return "not run";
  if (t.status === "skipped") return "skipped (--test-command none)";
  if (t.status === "no-tests") return `no tests collected (exit 5): pass, ${fmtMs(t.ms)}`;
  return `${t.status} (exit ${t.exitCode ?? "signal"}), ${fmtMs(t.ms)}`;
}
function howItBroke(r) {
  if (r.notRun) return r.notRun;
  if (r.failure) return r.failure.message.split("\n")[0];
  if (r.tests?.status === "failed") {
    const summary = [...r.tests.tail].reverse().find((l) => /\bfailed\b|\berror\b/i.test(l));
    return `tests failed (exit ${r.tests.exitCode ?? "signal"})${summary ? `: ${summary.trim()}` : ""}`;
  }
  return "";
}
function patchTable(run, highlight) {
  const rows = run.patches.map((p, i) => {
    const timing = run.timings.find((t) => t.id === p.id);
    const failed = run.failure?.patch === p.id;
    const status = failed ? "\u274C failed" : timing ? "\u2705" : "\u2014";
    const what = `${p.status}${p.id === highlight ? " (this patch)" : ""}`;
    return `| ${i + 1} | ${p.id} | ${what} | ${status} | ${timing ? timing.files.length : ""} | ${timing ? fmtMs(timing.ms) : ""} |`;
  });
  return ["| # | patch | kind | result | files | time |", "|---|---|---|---|---|---|", ...rows].join("\n");
}
function failureBlock(f) {
  const where = f.file ? `${f.file}${f.line ? `:${f.line}` : ""}${f.line && f.column ? `:${f.column}` : ""}` : "";
  return [fenced([f.message, ...f.hint ? [`hint: ${f.hint}`] : []].join("\n")), ...where ? [`at ${inlineCode(where)}`] : []].join("\n");
}
function testsBlock(t) {
  return ["<details><summary>test output (last lines)</summary>", "", fenced(t.tail.slice(-25).join("\n")), "</details>"].join("\n");
}
function phasesLine(phases) {
  return Object.entries(phases).map(([k, v]) => `${k} ${fmtMs(v)}`).join(" \xB7 ");
}
function failureMessage(f) {
  return f.hint ? `${f.message}
hint: ${f.hint}` : f.message;
}

// src/stages/validation/run.ts
function add(session, phase, ms) {
  session.phases[phase] = (session.phases[phase] ?? 0) + ms;
}
async function applyOnClone(session, ci, label, steps, template, schemaOf) {
  const t0 = session.now();
  const name = await session.clone(label, template);
  const t1 = session.now();
  add(session, "clone", t1 - t0);
  const { timings, failure, schemaChanges } = await session.applySteps(
    name,
    steps,
    (t, s, schemaChange) => {
      ci.info(`  \u2713 ${s.id} (${s.status}, ${t.files.length} file${t.files.length === 1 ? "" : "s"}, ${fmtMs(t.ms)})`);
      for (const c of schemaChange ?? []) ci.info(`      ${describeSchemaChange(c)}`);
    },
    schemaOf
  );
  add(session, "patches", session.now() - t1);
  if (failure) ci.info(`  \u2717 ${failure.patch}: ${failure.message.split("\n")[0]}`);
  const run = { label, patches: steps, timings, schemaChanges, ...failure ? { failure } : {}, ok: !failure };
  return { name, run };
}
async function testOnClone(session, ci, label, template, command) {
  const t0 = session.now();
  const name = await session.clone(`${label}_t`, template);
  add(session, "clone", session.now() - t0);
  try {
    ci.info(`  running the tests: ${command}`);
    const tests = await session.runTests(name, command);
    add(session, "tests", tests.ms);
    ci.info(`  tests: ${tests.status} (${fmtMs(tests.ms)})`);
    return tests;
  } finally {
    await session.drop(name);
  }
}
async function validateSteps(session, ci, label, steps, command, template, schemaOf) {
  const { name, run } = await applyOnClone(session, ci, label, steps, template, schemaOf);
  try {
    if (run.failure) return run;
    ci.info(`  running the tests: ${command}`);
    const tests = await session.runTests(name, command);
    session.phases["tests"] = (session.phases["tests"] ?? 0) + tests.ms;
    ci.info(`  tests: ${tests.status} (${fmtMs(tests.ms)})`);
    const done = { ...run, tests };
    return { ...done, ok: runOk(done) };
  } finally {
    await session.drop(name);
  }
}
async function rehearseUpgrade(session, ci, release, steps) {
  const t0 = session.now();
  const name = await session.clone(`${release}_upgrade`);
  try {
    const done = await session.applyAsRelease(name, steps);
    if (done.failure) {
      ci.info(`  \u2717 ${done.failure.patch}: ${done.failure.message.split("\n")[0]}`);
      return { plan: `${release} fails when applied as upgrade runs it`, failure: done.failure };
    }
    const plan = describeAtomicity(release, done.parts);
    ci.info(`  \u2713 ${plan} (${fmtMs(done.ms)})`);
    if (!done.locks) return { plan };
    const locksLine = describeReleaseLocks(release, done.locks);
    ci.info(`  ${locksLine}`);
    return { plan, locksLine, locks: done.locks };
  } finally {
    await session.drop(name);
    add(session, "rehearsal", session.now() - t0);
  }
}

export {
  asSchemaChanges,
  describeSchemaChange,
  renderSchemaChangeTable,
  branchHolding,
  requireFolder,
  patchFromBranch,
  planValidatePatch,
  pickRelease,
  planValidateRelease,
  hotfixStep,
  DEFAULT_TEST_COMMAND,
  ValidationSession,
  runOk,
  cell,
  describeTests,
  howItBroke,
  patchTable,
  failureBlock,
  testsBlock,
  phasesLine,
  failureMessage,
  applyOnClone,
  testOnClone,
  validateSteps,
  rehearseUpgrade
};
