#!/usr/bin/env node
import { createRequire as __hopCreateRequire } from 'node:module'; const require = __hopCreateRequire(import.meta.url);

// src/adapters/workspace-fs.ts
import { promises as fs } from "node:fs";
import path from "node:path";

// src/core/errors.ts
var HopError = class extends Error {
  kind;
  hint;
  file;
  line;
  column;
  code;
  constructor(message, details = {}) {
    super(message);
    this.name = "HopError";
    this.kind = details.kind ?? "input";
    this.hint = details.hint;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.code = details.code;
  }
  get exitCode() {
    return this.kind === "input" ? 2 : 1;
  }
  /** `file:line:col: message` — the one line a user reads first. */
  get location() {
    if (!this.file) return void 0;
    let where2 = this.file;
    if (this.line !== void 0) where2 += `:${this.line}`;
    if (this.line !== void 0 && this.column !== void 0) where2 += `:${this.column}`;
    return where2;
  }
};
var BUG_REPORT_URL = "https://github.com/hop-ci/hop-ci/issues";

// src/adapters/workspace-fs.ts
async function exists(p) {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}
async function listDirs(p) {
  try {
    const entries = await fs.readdir(p, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}
async function readSchemaLink(modelDir) {
  const p = path.join(modelDir, "schema.sql");
  let st;
  try {
    st = await fs.lstat(p);
  } catch {
    return { kind: "missing" };
  }
  if (!st.isSymbolicLink()) return { kind: "file" };
  const target2 = await fs.readlink(p);
  return { kind: "symlink", target: target2, targetExists: await exists(path.resolve(modelDir, target2)) };
}
async function currentBranch(root) {
  try {
    let gitDir = path.join(root, ".git");
    const st = await fs.stat(gitDir);
    if (st.isFile()) {
      const m = /^gitdir:\s*(.+)$/m.exec(await fs.readFile(gitDir, "utf8"));
      if (!m) return void 0;
      gitDir = path.resolve(root, m[1].trim());
    }
    const head = (await fs.readFile(path.join(gitDir, "HEAD"), "utf8")).trim();
    const ref = /^ref: refs\/heads\/(.+)$/.exec(head);
    return ref ? ref[1] : void 0;
  } catch {
    return void 0;
  }
}
var FsWorkspace = class {
  async findRoot(from) {
    let dir = path.resolve(from);
    for (; ; ) {
      if (await exists(path.join(dir, ".hop", "config"))) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) {
        throw new HopError(`no .hop/config in ${path.resolve(from)} or any folder above it`, {
          hint: "run hop-ci inside a half-orm-dev project (or pass --cwd / working-directory)",
          code: "no-project"
        });
      }
      dir = parent;
    }
  }
  async readProject(root) {
    const hop = path.join(root, ".hop");
    const releasesDir = path.join(hop, "releases");
    const names = (await fs.readdir(releasesDir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isFile()).map((e) => e.name);
    const releaseFiles = await Promise.all(names.map(async (name) => ({ name, text: await fs.readFile(path.join(releasesDir, name), "utf8") })));
    const altConfig = await fs.readFile(path.join(hop, "alt_config"), "utf8").then(
      (t) => t.split("\n")[0],
      () => void 0
    );
    const patches = path.join(root, "Patches");
    const [configText, modelFiles, rootDirs, staged, orphaned, schemaLink, branch] = await Promise.all([
      fs.readFile(path.join(hop, "config"), "utf8"),
      fs.readdir(path.join(hop, "model")).catch(() => []),
      listDirs(patches),
      listDirs(path.join(patches, "staged")),
      listDirs(path.join(patches, "orphaned")),
      readSchemaLink(path.join(hop, "model")),
      currentBranch(root)
    ]);
    return {
      root,
      configText,
      ...altConfig?.trim() ? { altConfig: altConfig.trim() } : {},
      releaseFiles,
      schemaLink,
      modelFiles,
      patchDirs: { root: rootDirs, staged, orphaned },
      ...branch ? { branch } : {}
    };
  }
  readText(p) {
    return fs.readFile(p, "utf8");
  }
  async writeText(p, text) {
    await fs.mkdir(path.dirname(p), { recursive: true });
    await fs.writeFile(p, text);
  }
  exists(p) {
    return exists(p);
  }
  async list(p) {
    return (await fs.readdir(p).catch(() => [])).sort();
  }
  async remove(p) {
    await fs.rm(p, { recursive: true, force: true });
  }
  async symlink(target2, p) {
    await fs.rm(p, { force: true });
    await fs.symlink(target2, p);
  }
};

// src/adapters/clock.ts
var systemClock = { now: () => performance.now() };

// src/adapters/ci/redact.ts
var Redactor = class {
  secrets = /* @__PURE__ */ new Set();
  addSecret(value) {
    if (value && value.length >= 3) this.secrets.add(value);
  }
  /** A URL's password (and the URL itself) become secrets; anything else is a token. */
  addSecretUrlOrToken(value) {
    this.addSecret(value);
    try {
      const u = new URL(value);
      if (u.password) {
        this.addSecret(u.password);
        this.addSecret(decodeURIComponent(u.password));
      }
    } catch {
    }
  }
  redact(text) {
    let out = text;
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join("***");
    return out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, "$1***@");
  }
};

// src/adapters/ci/local.ts
var LocalProvider = class {
  constructor(options) {
    this.options = options;
    this.err = options.stderr ?? process.stderr;
    this.out = options.json ? this.err : options.stdout ?? process.stdout;
    this.colour = !options.env["NO_COLOR"] && Boolean(this.out.isTTY);
    for (const [name, value] of Object.entries(options.inputs)) {
      if (value && /url|token|password/i.test(name)) this.redactor.addSecretUrlOrToken(value);
    }
  }
  options;
  name = "local";
  context = {};
  redactor = new Redactor();
  out;
  err;
  colour;
  failed;
  paint(code, text) {
    return this.colour ? `\x1B[${code}m${text}\x1B[0m` : text;
  }
  write(stream, text) {
    stream.write(`${this.redactor.redact(text)}
`);
  }
  input(name) {
    const v = this.options.inputs[name];
    return v === void 0 || v === "" ? void 0 : v;
  }
  setSecret(value) {
    this.redactor.addSecret(value);
  }
  info(message) {
    this.write(this.out, message);
  }
  warning(message, at) {
    this.write(this.err, `${this.paint("33", "warning:")} ${where(at)}${message}`);
  }
  error(message, at) {
    this.write(this.err, `${this.paint("31", "error:")} ${where(at)}${message}`);
  }
  debug(message) {
    if (this.options.env["HOP_DEBUG"] || this.options.env["RUNNER_DEBUG"]) this.write(this.err, `debug: ${message}`);
  }
  async group(title, fn) {
    this.write(this.out, this.paint("1", `\u25B8 ${title}`));
    return fn();
  }
  setOutput() {
  }
  async summary() {
  }
  async upsertComment() {
  }
  setFailed(message) {
    this.failed = message;
  }
  get failure() {
    return this.failed;
  }
};
function where(at) {
  if (!at?.file) return "";
  return `${at.file}${at.line ? `:${at.line}` : ""}${at.line && at.column ? `:${at.column}` : ""}: `;
}

// src/adapters/ci/select.ts
function selectProvider(options) {
  return new LocalProvider({ inputs: options.flags, env: options.env, json: options.json });
}

// src/core/version.ts
var RELEASE_RE = /^v?(\d+)\.(\d+)\.(\d+)(?:-rc(\d+)|-hotfix(\d+)|\.post(\d+))?$/;
var LEVEL_RANK = { rc: 0, release: 1, hotfix: 2 };
function tryParseRelease(text) {
  const m = RELEASE_RE.exec(text.trim());
  if (!m) return void 0;
  const base = { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) };
  if (m[4] !== void 0) return { ...base, level: "rc", n: Number(m[4]) };
  if (m[5] !== void 0) return { ...base, level: "hotfix", n: Number(m[5]), naming: "hotfix" };
  if (m[6] !== void 0) return { ...base, level: "hotfix", n: Number(m[6]), naming: "post" };
  return { ...base, level: "release", n: 0 };
}
function parseRelease(text, what = "version") {
  const v = tryParseRelease(text);
  if (!v) {
    throw new HopError(`invalid ${what} '${text}'`, {
      hint: "write a release as X.Y.Z, X.Y.Z-rcN, X.Y.Z-hotfixN or X.Y.Z.postN",
      code: "invalid-version"
    });
  }
  return v;
}
function compareReleases(a, b) {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.n - b.n;
}
function formatRelease(v) {
  const base = baseVersion(v);
  if (v.level === "rc") return `${base}-rc${v.n}`;
  if (v.level === "hotfix") return v.naming === "post" ? `${base}.post${v.n}` : `${base}-hotfix${v.n}`;
  return base;
}
function baseVersion(v) {
  return `${v.major}.${v.minor}.${v.patch}`;
}
function releaseTag(v) {
  return `v${formatRelease(v)}`;
}

// src/core/rules.ts
function isRefusal(p) {
  return "error" in p;
}
function regularReleases(state) {
  return state.inPreparation.filter((r) => !r.hotfix);
}
function openHotfix(state) {
  return state.inPreparation.find((r) => r.hotfix);
}
function stagedPatches(rel) {
  return rel.patches.filter((p) => p.status === "staged");
}
function candidatePatches(rel) {
  return rel.patches.filter((p) => p.status === "candidate");
}
function nextRcNumber(state, version) {
  const ns = state.rcs.filter((r) => formatRelease({ ...r.id, level: "release", n: 0 }) === version).map((r) => r.id.n);
  return ns.length ? Math.max(...ns) + 1 : 1;
}
function nextHotfixId(state, version) {
  const base = parseRelease(version);
  const ns = state.production.filter((p) => p.kind === "hotfix" && p.id.major === base.major && p.id.minor === base.minor && p.id.patch === base.patch).map((p) => p.id.n);
  return { ...base, level: "hotfix", n: ns.length ? Math.max(...ns) + 1 : 1, naming: state.hotfixNaming };
}
function refuse(kind, error, hint) {
  return { kind, error, ...hint ? { hint } : {} };
}
function target(kind, release, id) {
  const version = formatRelease(id);
  return { kind, release, id, version, tag: releaseTag(id), file: `.hop/releases/${version}.txt` };
}
function checkRequested(kind, picked, requested) {
  if (requested === void 0 || requested === picked.version) return void 0;
  return refuse(
    kind,
    `release ${requested} cannot be promoted to ${kind} now: ${picked.version} comes first`,
    `promote ${picked.version} first (only the smallest release in preparation may be promoted)`
  );
}
function planPromoteRc(state, requested) {
  const rel = regularReleases(state)[0];
  if (!rel) return refuse("rc", "no release in preparation", "create one with `half_orm dev release create`");
  const wrong = checkRequested("rc", rel, requested);
  if (wrong) return wrong;
  if (stagedPatches(rel).length === 0) {
    return refuse("rc", `release ${rel.version} has no staged patches`, `merge a patch into ho-release/${rel.version} first (\`half_orm dev patch merge\`)`);
  }
  return target("rc", rel, { ...rel.id, level: "rc", n: nextRcNumber(state, rel.version) });
}
function planPromoteProd(state, requested) {
  const rel = regularReleases(state)[0];
  if (!rel) return refuse("prod", "no release in preparation", "create one with `half_orm dev release create`");
  const wrong = checkRequested("prod", rel, requested);
  if (wrong) return wrong;
  const hotfix = openHotfix(state);
  if (hotfix) {
    return refuse(
      "prod",
      `hotfix ${hotfix.version} is open: production must get it before ${rel.version}`,
      `promote the hotfix first (promote-hotfix), then merge ho-prod into ho-release/${rel.version}`
    );
  }
  const candidates = candidatePatches(rel);
  if (candidates.length) {
    return refuse(
      "prod",
      `release ${rel.version} still has candidate patches: ${candidates.map((p) => p.id).join(", ")}`,
      `merge them (\`half_orm dev patch merge\`) or move them to a later release before promoting to production`
    );
  }
  if (stagedPatches(rel).length === 0) {
    return refuse("prod", `release ${rel.version} has no staged patches`, `merge a patch into ho-release/${rel.version} first`);
  }
  return target("prod", rel, rel.id);
}
function planPromoteHotfix(state, requested) {
  const rel = openHotfix(state);
  if (!rel) {
    return refuse("hotfix", "no production release is reopened for a hotfix", "reopen it with `half_orm dev release hotfix`");
  }
  const wrong = checkRequested("hotfix", rel, requested);
  if (wrong) return wrong;
  const current = state.current;
  if (!current || current.id.major !== rel.id.major || current.id.minor !== rel.id.minor || current.id.patch !== rel.id.patch) {
    return refuse(
      "hotfix",
      `release ${rel.version} is reopened for a hotfix but is not the production release (production is ${current?.release ?? "none"})`,
      `only the current production release can be reopened; remove ${rel.file} or reopen ${current?.release ?? "the production release"}`
    );
  }
  if (candidatePatches(rel).length) {
    return refuse("hotfix", `hotfix ${rel.version} still has candidate patches: ${candidatePatches(rel).map((p) => p.id).join(", ")}`, "merge or remove them first");
  }
  if (stagedPatches(rel).length === 0) {
    return refuse("hotfix", `hotfix ${rel.version} has no staged patches`, `merge a patch into ho-release/${rel.version} first`);
  }
  return target("hotfix", rel, nextHotfixId(state, rel.version));
}
function planPromotion(state, kind, requested) {
  if (kind === "rc") return planPromoteRc(state, requested);
  if (kind === "prod") return planPromoteProd(state, requested);
  return planPromoteHotfix(state, requested);
}
function upgradePath(state, from, options = {}) {
  const start = parseRelease(from, "starting version");
  const all = [...state.production, ...options.includeRc ? state.rcs : []].sort((a, b) => compareReleases(a.id, b.id));
  let end;
  if (options.to !== void 0) {
    const wanted = parseRelease(options.to, "target release");
    const found = all.find((r) => compareReleases(r.id, wanted) === 0);
    if (!found) {
      throw new HopError(`release ${options.to} is not a known ${options.includeRc ? "production, hotfix or rc" : "production or hotfix"} release`, {
        hint: `known: ${all.map((r) => r.release).join(", ") || "none"}${options.includeRc ? "" : " (add --include-rc for release candidates)"}`,
        code: "unknown-target"
      });
    }
    end = found.id;
    if (compareReleases(end, start) < 0) {
      throw new HopError(`cannot go down from ${from} to ${options.to}`, {
        kind: "refused",
        hint: "an upgrade only moves forward; restore a backup to go back",
        code: "downgrade"
      });
    }
  }
  return all.filter((r) => compareReleases(r.id, start) > 0 && (!end || compareReleases(r.id, end) <= 0));
}

// src/core/plan.ts
function buildPlan(state, options = {}) {
  const rcs = {};
  for (const rc of state.rcs) (rcs[baseVersion(rc.id)] ??= []).push(rc.id.n);
  const promote = {};
  for (const kind of ["rc", "prod", "hotfix"]) {
    const p = planPromotion(state, kind);
    promote[kind] = isRefusal(p) ? { error: p.error, ...p.hint ? { hint: p.hint } : {} } : { version: p.version, tag: p.tag };
  }
  const plan = {
    production: state.current?.release ?? null,
    schema: state.schema?.release ?? null,
    hotfixNaming: state.hotfixNaming,
    inPreparation: state.inPreparation.map((rel) => ({
      version: rel.version,
      hotfix: rel.hotfix,
      file: rel.file,
      patches: rel.patches.map((p) => {
        const folder = state.patchFolders.get(p.id) ?? null;
        return {
          id: p.id,
          status: p.status,
          folder,
          ...folder ? {} : { branch: p.status === "candidate" ? `ho-patch/${p.id}` : `ho-release/${rel.version}` }
        };
      })
    })),
    rcs,
    promote
  };
  if (options.from !== void 0) {
    plan.upgrade = upgradePath(state, options.from, { to: options.to, includeRc: options.includeRc }).map((r) => r.release);
  }
  return plan;
}
function buildMatrix(state) {
  return state.inPreparation.flatMap((rel) => rel.patches.map((p) => ({ patch: p.id, release: rel.version })));
}
function renderPlan(plan) {
  const out = [];
  out.push(`production: ${plan.production ?? "none yet"}${plan.schema ? ` (schema.sql \u2192 ${plan.schema})` : ""}`);
  if (plan.inPreparation.length === 0) out.push("no release in preparation");
  for (const rel of plan.inPreparation) {
    const rcs = plan.rcs[rel.version];
    out.push("");
    out.push(`release ${rel.version}${rel.hotfix ? " (hotfix)" : ""}${rcs?.length ? `, rc ${rcs.join(", ")}` : ""} \u2014 ${rel.file}`);
    if (rel.patches.length === 0) out.push("  (no patches)");
    const width = Math.max(0, ...rel.patches.map((p) => p.id.length));
    for (const p of rel.patches) {
      const where2 = p.folder ?? `not on this branch (on ${p.branch})`;
      out.push(`  ${p.id.padEnd(width)}  ${p.status.padEnd(9)}  ${where2}`);
    }
  }
  out.push("");
  for (const kind of ["rc", "prod", "hotfix"]) {
    const p = plan.promote[kind];
    const label = `promote-${kind}`.padEnd(14);
    out.push("error" in p ? `${label} refused: ${p.error}${p.hint ? ` (${p.hint})` : ""}` : `${label} \u2192 ${p.version} (tag ${p.tag})`);
  }
  if (plan.upgrade) out.push("", `upgrade: ${plan.upgrade.length ? plan.upgrade.join(" \u2192 ") : "nothing to apply"}`);
  return out.join("\n");
}

// src/core/config.ts
function parseIni(text, file) {
  const sections = /* @__PURE__ */ new Map();
  let current;
  let lastKey;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) return;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      current = /* @__PURE__ */ new Map();
      sections.set(header[1].trim(), current);
      lastKey = void 0;
      return;
    }
    if (/^\s/.test(raw) && current && lastKey) {
      current.set(lastKey, `${current.get(lastKey)}
${line}`);
      return;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (!kv || !current) {
      throw new HopError(`${file}:${i + 1}: cannot read '${line}'`, {
        file,
        line: i + 1,
        hint: "the file must be INI: a [halfORM] section, then key = value lines",
        code: "ini-syntax"
      });
    }
    lastKey = kv[1].toLowerCase();
    current.set(lastKey, kv[2]);
  });
  return sections;
}
function bool(value) {
  if (value === void 0) return void 0;
  return /^(true|yes|on|1)$/i.test(value.trim());
}
function parseHopConfig(text, file = ".hop/config") {
  const section = parseIni(text, file).get("halfORM");
  if (!section) {
    throw new HopError(`${file}: no [halfORM] section`, {
      file,
      hint: "is this a half-orm-dev project? `.hop/config` starts with a [halfORM] section",
      code: "config-no-section"
    });
  }
  const raw = Object.fromEntries(section);
  return {
    hopVersion: section.get("hop_version"),
    gitOrigin: section.get("git_origin"),
    devel: bool(section.get("devel")) ?? false,
    packageName: section.get("package_name") || void 0,
    withHalfOrmMeta: bool(section.get("with_half_orm_meta")),
    allowRc: bool(section.get("allow_rc")) ?? false,
    raw
  };
}
function compareHopVersions(a, b) {
  const parse2 = (v) => {
    const m = /^(\d+)\.(\d+)\.(\d+)(?:[-.]?(a|b|rc)(\d+))?/.exec(v.trim());
    if (!m) return [0, 0, 0, 3, 0];
    const pre = m[4] === "a" ? 0 : m[4] === "b" ? 1 : m[4] === "rc" ? 2 : 3;
    return [Number(m[1]), Number(m[2]), Number(m[3]), pre, Number(m[5] ?? 0)];
  };
  const pa = parse2(a);
  const pb = parse2(b);
  for (let i = 0; i < pa.length; i++) {
    if (pa[i] !== pb[i]) return pa[i] - pb[i];
  }
  return 0;
}

// src/core/patch-id.ts
var PATCH_ID_RE = /^\d+(?:-[a-z0-9]+)*$/;
function isValidPatchId(id) {
  return PATCH_ID_RE.test(id);
}
function checkPatchId(id, where2 = {}) {
  if (!isValidPatchId(id)) {
    const { what = "patch id", ...details } = where2;
    throw new HopError(`invalid ${what} '${id}'`, {
      hint: "a patch id is a number, optionally followed by lower-case words joined by dashes (e.g. 42 or 42-add-users)",
      code: "invalid-patch-id",
      ...details
    });
  }
  return id;
}
function canonicalPatchId(id) {
  return id.replace(/^0+(?=\d)/, "");
}

// node_modules/smol-toml/dist/error.js
function getLineColFromPtr(string, ptr) {
  let lines = string.slice(0, ptr).split(/\r?\n/);
  return [lines.length, lines.pop().length + 1];
}
function makeCodeBlock(string, line, column) {
  let lines = string.split(/\r?\n/);
  let codeblock = "";
  let numberLen = (Math.log10(line + 1) | 0) + 1;
  for (let i = line - 1; i <= line + 1; i++) {
    let l = lines[i - 1];
    if (!l)
      continue;
    codeblock += i.toString().padEnd(numberLen, " ");
    codeblock += ":  ";
    codeblock += l;
    codeblock += "\n";
    if (i === line) {
      codeblock += " ".repeat(numberLen + column + 2);
      codeblock += "^\n";
    }
  }
  return codeblock;
}
var TomlError = class _TomlError extends Error {
  line;
  column;
  codeblock;
  constructor(message, options) {
    const [line, column] = getLineColFromPtr(options.toml, options.ptr);
    const codeblock = makeCodeBlock(options.toml, line, column);
    super(`Invalid TOML document: ${message}

${codeblock}`, options);
    this.line = line;
    this.column = column;
    this.codeblock = codeblock;
  }
  /** @internal */
  static x(message, ctx, ptr) {
    throw new _TomlError(message, { toml: ctx.s, ptr: ptr ?? ctx.p });
  }
};

// node_modules/smol-toml/dist/primitive.js
function parseString(ctx) {
  let startPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p++);
  let first = c;
  let isLiteral = c === 39;
  let isMultiline = c === ctx.s.charCodeAt(ctx.p) && c === ctx.s.charCodeAt(ctx.p + 1);
  if (isMultiline) {
    if ((c = ctx.s.charCodeAt(ctx.p += 2)) === 10)
      ctx.p++;
    else if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)
      ctx.p += 2;
  }
  let parsed = "";
  let sliceStart = ctx.p;
  let state = 0;
  for (; ctx.p < ctx.s.length; ctx.p++) {
    c = ctx.s.charCodeAt(ctx.p);
    if (isMultiline && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)) {
      state = state && 3;
    } else if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in strings", ctx);
    } else if ((!state || state === 3) && c === first && (!isMultiline || ctx.s.charCodeAt(ctx.p + 1) === first && ctx.s.charCodeAt(ctx.p + 2) === first)) {
      if (isMultiline) {
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
      }
      if (!state) {
        let s = ctx.s.slice(sliceStart, ctx.p);
        parsed = parsed ? parsed + s : s;
      }
      ctx.p += isMultiline ? 3 : 1;
      return parsed;
    } else if (!state) {
      if (!isLiteral && c === 92) {
        parsed += ctx.s.slice(sliceStart, sliceStart = ctx.p);
        state = 1;
      }
    } else if (state === 1) {
      if (c === 120 || c === 117 || c === 85) {
        let errPtr = ctx.p++ - 1;
        let value = 0;
        let len = c === 120 ? 2 : c === 117 ? 4 : 8;
        for (let j = 0; j < len; j++, ctx.p++) {
          let hex = ctx.s.charCodeAt(ctx.p);
          let digit = (
            /* 0-9 */
            hex >= 48 && hex <= 57 ? hex - 48 : (
              /* A-F */
              hex >= 65 && hex <= 70 ? hex - 65 + 10 : (
                /* a-f */
                hex >= 97 && hex <= 102 ? hex - 97 + 10 : -1
              )
            )
          );
          if (digit < 0)
            TomlError.x("invalid non-hex character in unicode escape", ctx);
          value = value << 4 | digit;
        }
        if (value < 0 || value > 1114111 || value >= 55296 && value <= 57343) {
          TomlError.x("invalid unicode escape", ctx, errPtr);
        }
        parsed += String.fromCodePoint(value);
        sliceStart = ctx.p--;
        state = 0;
      } else if (isMultiline && (c === 32 || c === 9)) {
        state = 2;
      } else {
        if (c === 98)
          parsed += "\b";
        else if (c === 116)
          parsed += "	";
        else if (c === 110)
          parsed += "\n";
        else if (c === 102)
          parsed += "\f";
        else if (c === 114)
          parsed += "\r";
        else if (c === 101)
          parsed += "\x1B";
        else if (c === 34)
          parsed += '"';
        else if (c === 92)
          parsed += "\\";
        else
          TomlError.x("unrecognised escape sequence", ctx);
        sliceStart = ctx.p + 1;
        state = 0;
      }
    } else if (c !== 32 && c !== 9) {
      if (state === 2)
        TomlError.x("invalid escape: only line-ending whitespace may be escaped", ctx, sliceStart);
      state = !isLiteral && c === 92 ? 1 : 0;
      sliceStart = ctx.p;
    }
  }
  TomlError.x("unfinished string", ctx, startPtr);
}

// node_modules/smol-toml/dist/date.js
var DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})?[Tt ]?(?:(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|z|[-+]\d{2}:\d{2})?$/i;
var TomlDate = class _TomlDate extends Date {
  #hasDate = false;
  #hasTime = false;
  #offset = null;
  constructor(date, fasttype, unsafeDelim) {
    let hasDate = true;
    let hasTime = true;
    let offset = "Z";
    let c;
    if (typeof date === "string") {
      if (fasttype)
        prep: {
          if (fasttype < 3) {
            if (+date.slice(11, 13) > 23) {
              date = "";
              break prep;
            }
            if (fasttype === 2) {
              offset = null;
              date += "Z";
            } else if ((c = date.charCodeAt(date.length - 1)) !== 90 && c !== 122) {
              offset = date.slice(date.length - 6);
            }
            if (unsafeDelim)
              date = date.slice(0, 10) + "T" + date.slice(11);
          } else if (fasttype === 4) {
            date = +date.slice(0, 2) > 23 ? "" : `0000-01-01T${date}Z`;
          }
          hasDate = fasttype !== 4;
          hasTime = fasttype !== 3;
        }
      else {
        let match = date.match(DATE_TIME_RE);
        if (match) {
          if (!match[1]) {
            hasDate = false;
            date = `0000-01-01T${date}`;
          }
          hasTime = !!match[2];
          hasTime && date[10] === " " && (date = date.replace(" ", "T"));
          if (match[2] && +match[2] > 23) {
            date = "";
          } else {
            offset = match[3] || null;
            if (!offset && hasTime)
              date += "Z";
          }
        } else {
          date = "";
        }
      }
    }
    super(date);
    if (!isNaN(this.getTime())) {
      this.#hasDate = hasDate;
      this.#hasTime = hasTime;
      this.#offset = offset;
    }
  }
  isDateTime() {
    return this.#hasDate && this.#hasTime;
  }
  isLocal() {
    return !this.#hasDate || !this.#hasTime || !this.#offset;
  }
  isDate() {
    return this.#hasDate && !this.#hasTime;
  }
  isTime() {
    return this.#hasTime && !this.#hasDate;
  }
  isValid() {
    return this.#hasDate || this.#hasTime;
  }
  toISOString() {
    let iso = super.toISOString();
    if (this.isDate())
      return iso.slice(0, 10);
    if (this.isTime())
      return iso.slice(11, 23);
    if (this.#offset === null)
      return iso.slice(0, -1);
    if (this.#offset === "Z" || this.#offset === "z")
      return iso;
    let offset = +this.#offset.slice(1, 3) * 60 + +this.#offset.slice(4, 6);
    offset = this.#offset[0] === "-" ? offset : -offset;
    let offsetDate = new Date(this.getTime() - offset * 6e4);
    return offsetDate.toISOString().slice(0, -1) + this.#offset;
  }
  static wrapAsOffsetDateTime(jsDate, offset = "Z") {
    let date = new _TomlDate(jsDate);
    date.#offset = offset;
    return date;
  }
  static wrapAsLocalDateTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#offset = null;
    return date;
  }
  static wrapAsLocalDate(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasTime = false;
    date.#offset = null;
    return date;
  }
  static wrapAsLocalTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasDate = false;
    date.#offset = null;
    return date;
  }
};

// node_modules/smol-toml/dist/extract.js
function isDigit(char, base = 10) {
  return base === 16 ? char > 47 && char < 58 || char > 64 && char < 71 || char > 96 && char < 103 : char > 47 && char < 48 + base;
}
function isEndOfValue(char, delim) {
  return char === 32 || char === 9 || char === 10 || char === 13 || // Structure end or next value delimiter
  delim && (char === delim || char === 44) || // Comment
  char === 35;
}
function extractValue(ctx, end) {
  let errPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p);
  if (c === 91 || c === 123) {
    ctx.d-- || TomlError.x("document contains excessively nested structures. aborting.", ctx);
    let value = c === 91 ? parseArray(ctx) : parseInlineTable(ctx);
    ctx.d++;
    return value;
  }
  if (c === 34 || c === 39) {
    return parseString(ctx);
  }
  if (c === 116) {
    if (ctx.s.charCodeAt(++ctx.p) !== 114 || ctx.s.charCodeAt(++ctx.p) !== 117 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, true;
  }
  if (c === 102) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 108 || ctx.s.charCodeAt(++ctx.p) !== 115 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, false;
  }
  if (c === 43 || c === 45) {
    return parseNumber(ctx, ctx.p, ctx.s.charCodeAt(++ctx.p), 44 - c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 4) === 45 && ctx.s.charCodeAt(ctx.p + 7) === 45) {
    return parseDate(ctx, c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 2) === 58) {
    return parseTime(ctx, c, end);
  }
  return parseNumber(ctx, ctx.p, c, 0, end);
}
function parseNumber(ctx, startPtr, startChr, sign, endChr) {
  let c = startChr;
  let state = 0;
  let hasUnderscores = false;
  if (c === 105) {
    if (ctx.s.charCodeAt(++ctx.p) !== 110 || ctx.s.charCodeAt(++ctx.p) !== 102)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, (sign || 1) / 0;
  }
  if (c === 110) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 110)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, NaN;
  }
  if (c === 48) {
    if (++ctx.p >= ctx.s.length || isEndOfValue(c = ctx.s.charCodeAt(ctx.p), endChr))
      return ctx.bi === true ? 0n : 0;
    if (!sign) {
      if (c === 120)
        return parseIntegerBaseN(ctx, startPtr, 16, endChr);
      else if (c === 98)
        return parseIntegerBaseN(ctx, startPtr, 2, endChr);
      else if (c === 111)
        return parseIntegerBaseN(ctx, startPtr, 8, endChr);
    }
    if (c === 46)
      state = 2;
    else if (c === 101 || c === 69)
      state = 4;
    else
      TomlError.x("illegal leading zero", ctx, startPtr);
  } else if (!isDigit(c))
    TomlError.x("invalid value", ctx, startPtr);
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (!state)
      state = 1;
    if (c === 95) {
      if (!(state & 1))
        TomlError.x("illegal underscore", ctx);
      state += 11;
      hasUnderscores = true;
    } else if (state === 1 && c === 46)
      state = 2;
    else if ((state === 1 || state === 3) && (c === 101 || c === 69))
      state = 4;
    else if (state === 4 && (c === 43 || c === 45)) {
      state = 6;
    } else if (!isDigit(c))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (state > 9)
      state -= 11;
    else if (!(state & 1))
      state++;
  }
  if (!state) {
    let val = (startChr - 48) * (sign || 1);
    return ctx.bi === true ? BigInt(val) : val;
  }
  if (!(state & 1))
    TomlError.x("unfinished numeric value", ctx, startPtr);
  let str = ctx.s.slice(startPtr, ctx.p);
  if (hasUnderscores)
    str = str.replaceAll("_", "");
  return state > 1 ? parseFloat(str) : parseInteger(ctx, str, 10, startPtr);
}
function parseIntegerBaseN(ctx, startPtr, base, endChr) {
  let c, underscore = 1;
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (c === 95) {
      if (underscore & 1)
        TomlError.x("illegal underscore", ctx);
      underscore = 3;
    } else if (!isDigit(c, base))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (underscore & 1)
      underscore--;
  }
  if (underscore & 1)
    TomlError.x("unfinished numeric value", ctx);
  let str = ctx.s.slice(startPtr + 2, ctx.p);
  if (underscore)
    str = str.replaceAll("_", "");
  return parseInteger(ctx, str, base, startPtr);
}
function parseInteger(ctx, str, base, startPtr) {
  if (ctx.bi !== true)
    int: {
      let val = parseInt(str, base);
      if (!Number.isSafeInteger(val)) {
        if (ctx.bi)
          break int;
        TomlError.x("integer value cannot be represented losslessly", ctx, startPtr);
      }
      return val;
    }
  return base === 10 ? BigInt(str) : BigInt((base === 2 ? "0b" : base === 8 ? "0o" : "0x") + str);
}
function parseDate(ctx, c, endChr) {
  let startPtr = ctx.p++, unsafeSeparator;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++))) {
    return parseNumber(ctx, ctx.p = startPtr, c, 0, endChr);
  }
  ctx.p += 5;
  if (!isDigit(ctx.s.charCodeAt(ctx.p++)))
    TomlError.x("invalid date-time: date part is malformed", ctx, startPtr);
  if (ctx.p >= ctx.s.length || ((c = ctx.s.charCodeAt(ctx.p)) !== 32 || (unsafeSeparator = true, !isDigit(ctx.s.charCodeAt(ctx.p + 1)))) && c !== 84 && c !== 116) {
    let t2 = ctx.s.slice(startPtr, ctx.p);
    return readDate(ctx, t2, 3, false, startPtr);
  }
  if (ctx.s.charCodeAt(ctx.p += 3) !== 58)
    TomlError.x("invalid date-time: time part is malformed", ctx, startPtr);
  if (ctx.s.charCodeAt(ctx.p += 3) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  if (c = ctx.s.charCodeAt(ctx.p)) {
    if (c === 90 || c === 122) {
      let t2 = ctx.s.slice(startPtr, ++ctx.p);
      return readDate(ctx, t2, 1, unsafeSeparator, startPtr, "[+00:00]");
    }
    if (c === 43 || c === 45) {
      let t2 = ctx.s.slice(startPtr, ctx.p += 6);
      return readDate(ctx, t2, 1, unsafeSeparator, startPtr, !ctx.ld && "[" + ctx.s.slice(ctx.p - 6, ctx.p) + "]");
    }
  }
  let t = ctx.s.slice(startPtr, ctx.p);
  return readDate(ctx, t, 2, unsafeSeparator, startPtr);
}
function parseTime(ctx, c, endChr) {
  let start = ctx.p;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(++ctx.p))) {
    return parseNumber(ctx, --ctx.p, c, 0, endChr);
  }
  if (ctx.s.charCodeAt(ctx.p += 4) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  let t = ctx.s.slice(start, ctx.p);
  return readDate(ctx, t, 4, false, start);
}
function readDate(ctx, str, type, unsafeDelim, errPtr, temporalSuffix) {
  if (ctx.ld) {
    let date = new TomlDate(str, type, unsafeDelim);
    if (!date.isValid())
      TomlError.x("invalid date", ctx, errPtr);
    return date;
  }
  try {
    if (temporalSuffix)
      str += temporalSuffix;
    switch (type) {
      case 1:
        return Temporal.ZonedDateTime.from(str);
      case 2:
        return Temporal.PlainDateTime.from(str);
      case 3:
        return Temporal.PlainDate.from(str);
      case 4:
        return Temporal.PlainTime.from(str);
    }
  } catch (e) {
    TomlError.x(e instanceof Error ? e.message : "" + e, ctx, errPtr);
  }
}

// node_modules/smol-toml/dist/util.js
function skipComment(ctx) {
  for (; ctx.p < ctx.s.length; ctx.p++) {
    let c = ctx.s.charCodeAt(ctx.p);
    if (c === 10)
      break;
    if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10) {
      ctx.p++;
      break;
    }
    if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in comments", ctx);
    }
  }
}
function skipVoid(ctx, banNewLines, banComments) {
  let c;
  while (ctx.p < ctx.s.length) {
    while (ctx.p < ctx.s.length && ((c = ctx.s.charCodeAt(ctx.p)) === 32 || c === 9 || !banNewLines && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)))
      ctx.p++;
    if (banComments || c !== 35)
      break;
    skipComment(ctx);
  }
}

// node_modules/smol-toml/dist/struct.js
function parseKey(ctx, end = 61) {
  let startPtr;
  let state = 0;
  let parsed = [];
  let sliceStart;
  let c = ctx.s.charCodeAt(startPtr = ctx.p);
  do {
    if (c === end) {
      if (!state)
        TomlError.x("unexpected end of key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      return ctx.p++, parsed;
    } else if (c === 46) {
      if (!state)
        TomlError.x("illegal empty bare key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      state = 0;
    } else if (!state && (c === 34 || c === 39)) {
      if (c === ctx.s.charCodeAt(ctx.p + 1) && c === ctx.s.charCodeAt(ctx.p + 2))
        TomlError.x("illegal quoted key: multiline strings are not allowed", ctx);
      parsed.push(parseString(ctx));
      state = 2;
      ctx.p--;
    } else if (c === 32 || c === 9) {
      if (state === 1) {
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
        state = 2;
      }
    } else if (state === 2 || c < 48 && c !== 45 || c > 57 && c < 65 || c > 90 && c < 97 && c !== 95 || c > 122) {
      TomlError.x("illegal character in key", ctx);
    } else if (!state) {
      state = 1;
      sliceStart = ctx.p;
    }
  } while (c = ctx.s.charCodeAt(++ctx.p));
  TomlError.x("incomplete key-value: cannot find end of key", ctx, startPtr);
}
function parseInlineTable(ctx) {
  let startPtr = ctx.p++;
  let res = /* @__PURE__ */ Object.create(null);
  let seen = /* @__PURE__ */ new Set();
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 125) {
      ctx.p++;
      return res;
    }
    let k;
    let t = res;
    let hasOwn = false;
    let errPtr = ctx.p;
    let key = parseKey(ctx);
    for (let i = 0; i < key.length; i++) {
      if (i)
        t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
      k = key[i];
      if ((hasOwn = Object.hasOwn(t, k)) && (typeof t[k] !== "object" || seen.has(t[k]))) {
        TomlError.x("trying to redefine an already defined value", ctx, errPtr);
      }
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor")) {
        t = ctx.uk !== 1 && TomlError.x("document contains an unsafe property", ctx, errPtr);
        break;
      }
      if (!hasOwn && unsafe) {
        Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
      }
    }
    if (hasOwn) {
      TomlError.x("trying to redefine an already defined value", ctx, errPtr);
    }
    skipVoid(ctx, true, true);
    let value = extractValue(
      ctx,
      125
      /* } */
    );
    if (t && typeof (t[k] = value) === "object")
      seen.add(value);
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 125) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished table", ctx, startPtr);
}
function parseArray(ctx) {
  let startPtr = ctx.p++;
  let res = [];
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 93) {
      ctx.p++;
      return res;
    }
    res.push(extractValue(
      ctx,
      93
      /* ] */
    ));
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 93) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished array", ctx, startPtr);
}

// node_modules/smol-toml/dist/parse.js
function peekTable(ctx, key, table, meta, type) {
  let t = table;
  let m = meta;
  let k;
  let hasOwn = false;
  let state;
  for (let i = 0; i < key.length; i++) {
    if (i) {
      t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
      m = (state = m[k]).c;
      if (type === 0 && (state.t === 1 || state.t === 2)) {
        return null;
      }
      if (state.t === 2) {
        let l = t.length - 1;
        t = t[l];
        m = m[l].c;
      }
    }
    k = key[i];
    if ((hasOwn = Object.hasOwn(t, k)) && m[k]?.t === 0 && m[k]?.d) {
      return null;
    }
    if (!hasOwn) {
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor"))
        return false;
      if (unsafe) {
        Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
        Object.defineProperty(m, k, { enumerable: true, configurable: true, writable: true });
      }
      m[k] = {
        t: i < key.length - 1 && type === 2 ? 3 : type,
        d: false,
        i: 0,
        c: /* @__PURE__ */ Object.create(null)
      };
    }
  }
  state = m[k];
  if (state.t !== type && !(type === 1 && state.t === 3)) {
    return null;
  }
  if (type === 2) {
    if (!state.d) {
      state.d = true;
      t[k] = [];
    }
    t[k].push(t = /* @__PURE__ */ Object.create(null));
    state.c[state.i++] = state = { t: 1, d: false, i: 0, c: /* @__PURE__ */ Object.create(null) };
  }
  if (state.d) {
    return null;
  }
  state.d = true;
  if (type === 1) {
    t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
  } else if (type === 0 && hasOwn) {
    return null;
  }
  return [k, t, state.c];
}
function validateTablePeek(ctx, peek, ptr) {
  if (peek === null || ctx.uk === 2)
    TomlError.x(peek === null ? "trying to redefine an already defined table or value" : "document contains an unsafe property", ctx, ptr);
}
function parse(toml, options = {}) {
  let ctx = {
    s: toml,
    p: 0,
    d: options.maxDepth ?? 1e3,
    bi: options.integersAsBigInt ?? false,
    ld: options.useLegacyDate ?? true,
    uk: options.unsafeKeyBehaviour === "throw" ? 2 : options.unsafeKeyBehaviour === "drop" ? 1 : 0
  };
  let res = /* @__PURE__ */ Object.create(null);
  let meta = /* @__PURE__ */ Object.create(null);
  let tmp;
  let skipping = false;
  let tbl = res;
  let m = meta;
  if (toml.charCodeAt(0) === 65279)
    ctx.p++;
  skipVoid(ctx);
  while (ctx.p < toml.length) {
    if (toml.charCodeAt(ctx.p) === 91) {
      let isTableArray = toml.charCodeAt(++ctx.p) === 91;
      tmp = ctx.p += +isTableArray;
      skipping = false;
      let k = parseKey(
        ctx,
        93
        /* ] */
      );
      if (isTableArray) {
        if (toml.charCodeAt(ctx.p) !== 93) {
          TomlError.x("expected end of table array declaration", ctx);
        }
        ctx.p++;
      }
      let p = peekTable(
        ctx,
        k,
        res,
        meta,
        isTableArray ? 2 : 1
        /* Type.EXPLICIT */
      );
      if (!p) {
        validateTablePeek(ctx, p, tmp);
        skipping = true;
      } else {
        m = p[2];
        tbl = p[1];
      }
    } else {
      tmp = ctx.p;
      let k = parseKey(ctx);
      let p = peekTable(
        ctx,
        k,
        tbl,
        m,
        0
        /* Type.DOTTED */
      );
      if (!p && !skipping)
        validateTablePeek(ctx, p, tmp);
      skipVoid(ctx, true, true);
      let v = extractValue(ctx, void 0);
      if (p && !skipping)
        p[1][p[0]] = v;
    }
    skipVoid(ctx, true);
    if (ctx.p < toml.length && (tmp = toml.charCodeAt(ctx.p)) !== 10 && (tmp !== 13 || toml.charCodeAt(ctx.p + 1) !== 10)) {
      TomlError.x("each key-value declaration must be followed by an end-of-line", ctx);
    }
    skipVoid(ctx);
  }
  return res;
}

// node_modules/smol-toml/dist/stringify.js
var HAS_WELLFORMED = !!"".isWellFormed;

// src/core/toml-key-order.ts
var BARE_KEY = /[A-Za-z0-9_-]/;
function skipSpaces(c) {
  while (c.pos < c.text.length && (c.text[c.pos] === " " || c.text[c.pos] === "	")) c.pos++;
}
function readBasicString(c) {
  c.pos++;
  let out = "";
  while (c.pos < c.text.length && c.text[c.pos] !== '"') {
    const ch = c.text[c.pos];
    if (ch === "\\") {
      const next = c.text[c.pos + 1];
      if (next === "u" || next === "U") {
        const len = next === "u" ? 4 : 8;
        out += String.fromCodePoint(Number.parseInt(c.text.slice(c.pos + 2, c.pos + 2 + len), 16));
        c.pos += 2 + len;
        continue;
      }
      const escapes = { n: "\n", t: "	", r: "\r", b: "\b", f: "\f", '"': '"', "\\": "\\" };
      out += escapes[next ?? ""] ?? next ?? "";
      c.pos += 2;
      continue;
    }
    out += ch;
    c.pos++;
  }
  c.pos++;
  return out;
}
function readLiteralString(c) {
  const end = c.text.indexOf("'", c.pos + 1);
  const s = c.text.slice(c.pos + 1, end < 0 ? void 0 : end);
  c.pos = end < 0 ? c.text.length : end + 1;
  return s;
}
function readKeyPath(c) {
  const keys = [];
  for (; ; ) {
    skipSpaces(c);
    const ch = c.text[c.pos];
    if (ch === '"') keys.push(readBasicString(c));
    else if (ch === "'") keys.push(readLiteralString(c));
    else {
      const start = c.pos;
      while (c.pos < c.text.length && BARE_KEY.test(c.text[c.pos])) c.pos++;
      if (c.pos === start) return keys;
      keys.push(c.text.slice(start, c.pos));
    }
    skipSpaces(c);
    if (c.text[c.pos] !== ".") return keys;
    c.pos++;
  }
}
function scanValue(text, from, state) {
  let i = from;
  while (i < text.length) {
    if (state.multiline) {
      const end = text.indexOf(state.multiline, i);
      if (end < 0) return;
      i = end + 3;
      while (text[i] === state.multiline[0]) i++;
      state.multiline = void 0;
      continue;
    }
    const ch = text[i];
    if (ch === "#") return;
    if (text.startsWith('"""', i) || text.startsWith("'''", i)) {
      state.multiline = text.slice(i, i + 3);
      i += 3;
      continue;
    }
    if (ch === '"') {
      const c = { text, pos: i };
      readBasicString(c);
      i = c.pos;
      continue;
    }
    if (ch === "'") {
      const c = { text, pos: i };
      readLiteralString(c);
      i = c.pos;
      continue;
    }
    if (ch === "[" || ch === "{") state.depth++;
    else if (ch === "]" || ch === "}") state.depth--;
    i++;
  }
}
function scanKeyOrder(toml) {
  const out = [];
  let table = [];
  const state = { depth: 0 };
  const lines = toml.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const text = lines[n].replace(/\r$/, "");
    if (state.multiline || state.depth > 0) {
      scanValue(text, 0, state);
      continue;
    }
    const c = { text, pos: 0 };
    skipSpaces(c);
    const ch = text[c.pos];
    if (ch === void 0 || ch === "#") continue;
    if (ch === "[") {
      const isArray = text[c.pos + 1] === "[";
      c.pos += isArray ? 2 : 1;
      table = readKeyPath(c);
      out.push({ path: table, line: n + 1 });
      continue;
    }
    const key = readKeyPath(c);
    if (key.length === 0) continue;
    out.push({ path: [...table, ...key], line: n + 1 });
    skipSpaces(c);
    if (text[c.pos] === "=") scanValue(text, c.pos + 1, state);
  }
  return out;
}

// src/core/patches-toml.ts
var STATUSES = ["candidate", "staged"];
function tomlError(file, e) {
  const first = e.message.split("\n")[0].replace(/^Invalid TOML document: /, "");
  return new HopError(`${file}:${e.line}:${e.column}: malformed TOML: ${first}`, {
    file,
    line: e.line,
    column: e.column,
    hint: 'fix the syntax (see https://toml.io); half-orm-dev writes [patches.<id>] tables with status = "staged" | "candidate"',
    code: "toml-syntax"
  });
}
function parsePatchesToml(text, file) {
  let doc;
  try {
    doc = parse(text);
  } catch (e) {
    if (e instanceof TomlError) throw tomlError(file, e);
    throw e;
  }
  const table = doc["patches"];
  if (table === void 0) {
    if (Object.keys(doc).length === 0 || Object.keys(doc).length === 1 && "metadata" in doc) {
      return { patches: [], shape: "tables", metadata: doc["metadata"] };
    }
    throw new HopError(`${file}: no [patches] table`, {
      file,
      hint: "a release file lists its patches under [patches]; an empty release is the single line [patches]",
      code: "toml-no-patches"
    });
  }
  if (typeof table !== "object" || table === null || Array.isArray(table)) {
    throw new HopError(`${file}: 'patches' must be a table`, { file, code: "toml-shape" });
  }
  const entries = table;
  const order = [];
  const lines = /* @__PURE__ */ new Map();
  for (const occ of scanKeyOrder(text)) {
    if (occ.path.length >= 2 && occ.path[0] === "patches" && !lines.has(occ.path[1])) {
      lines.set(occ.path[1], occ.line);
      order.push(occ.path[1]);
    }
  }
  for (const key of Object.keys(entries)) if (!lines.has(key)) order.push(key);
  let sawTable = false;
  let sawInline = false;
  const patches = order.filter((id) => id in entries).map((id) => {
    const line = lines.get(id);
    checkPatchId(id, { file, line, what: `patch id in [patches]` });
    const value = entries[id];
    let status;
    let mergeCommit;
    if (typeof value === "string") {
      sawInline = true;
      status = value;
    } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      sawTable = true;
      status = value["status"];
      mergeCommit = value["merge_commit"];
    }
    if (typeof status !== "string" || !STATUSES.includes(status)) {
      throw new HopError(
        `${file}${line ? `:${line}` : ""}: patch '${id}' has unknown status ${JSON.stringify(status ?? null)}`,
        {
          file,
          line,
          hint: 'a patch status is "candidate" or "staged"',
          code: "unknown-status"
        }
      );
    }
    return {
      id,
      status,
      ...typeof mergeCommit === "string" ? { mergeCommit } : {},
      ...line ? { line } : {}
    };
  });
  const metadata = doc["metadata"];
  return {
    patches,
    shape: sawInline && !sawTable ? "inline" : "tables",
    ...metadata && typeof metadata === "object" ? { metadata } : {}
  };
}

// src/core/release-files.ts
var V = String.raw`\d+\.\d+\.\d+`;
var PATTERNS = [
  [new RegExp(`^(${V})-patches\\.toml$`), "patches-toml"],
  [new RegExp(`^(${V}-rc\\d+)\\.txt$`), "rc"],
  [new RegExp(`^(${V}(?:-hotfix\\d+|\\.post\\d+))\\.txt$`), "hotfix"],
  [new RegExp(`^(${V})-candidates\\.txt$`), "legacy-candidates"],
  [new RegExp(`^(${V})-stage\\.txt$`), "legacy-stage"],
  [new RegExp(`^(${V})\\.txt$`), "production"]
];
var IGNORED = /* @__PURE__ */ new Set(["README.md", ".gitkeep"]);
function isIgnoredReleaseFile(name) {
  return IGNORED.has(name);
}
function classifyReleaseFile(name, dir = ".hop/releases") {
  for (const [re, kind] of PATTERNS) {
    const m = re.exec(name);
    if (m) return { name, kind, release: parseRelease(m[1]) };
  }
  throw new HopError(`${dir}/${name}: unrecognised file name`, {
    file: `${dir}/${name}`,
    hint: "release files are X.Y.Z-patches.toml, X.Y.Z-rcN.txt, X.Y.Z.txt, X.Y.Z-hotfixN.txt or X.Y.Z.postN.txt; move other files out of .hop/releases/",
    code: "unknown-release-file"
  });
}

// src/core/snapshot.ts
function parseSnapshot(text, file) {
  const entries = [];
  let hotfixMarker = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    if (line.startsWith("#")) {
      if (entries.length === 0 && /^#\s*HOTFIX\b/.test(line)) hotfixMarker = true;
      return;
    }
    const [id, commit] = line.split(":", 2).map((s) => s.trim());
    checkPatchId(id, { file, line: i + 1 });
    entries.push({ id, ...commit ? { commit } : {}, line: i + 1 });
  });
  return { entries, hotfixMarker };
}

// src/core/state.ts
var RELEASES_DIR = ".hop/releases";
var MODEL_DIR = ".hop/model";
function fileOf(name) {
  return `${RELEASES_DIR}/${name}`;
}
function readSchema(files) {
  const link = files.schemaLink;
  const path2 = `${MODEL_DIR}/schema.sql`;
  if (link.kind === "missing") return void 0;
  if (link.kind === "file") {
    throw new HopError(`${path2} is a regular file, not a link`, {
      file: path2,
      hint: "half-orm-dev keeps schema.sql as a relative symlink to schema-X.Y.Z.sql; recreate it with `ln -sf schema-X.Y.Z.sql .hop/model/schema.sql` (git must keep it as a link: core.symlinks=true)",
      code: "schema-not-link"
    });
  }
  const m = /^(?:\.\/)?schema-(.+)\.sql$/.exec(link.target);
  const id = m ? tryParseRelease(m[1]) : void 0;
  if (!link.targetExists || !m || !id) {
    throw new HopError(`${path2} points to '${link.target}', which ${link.targetExists ? "is not a schema-X.Y.Z.sql file" : "does not exist"}`, {
      file: path2,
      hint: "point it at the production schema dump: `ln -sf schema-X.Y.Z.sql .hop/model/schema.sql`",
      code: "schema-link-broken"
    });
  }
  return { file: `${MODEL_DIR}/${link.target.replace(/^\.\//, "")}`, release: m[1], id };
}
function locatePatchFolders(files) {
  const map = /* @__PURE__ */ new Map();
  const order = [
    ["root", files.patchDirs.root, "Patches"],
    ["staged", files.patchDirs.staged, "Patches/staged"],
    ["orphaned", files.patchDirs.orphaned, "Patches/orphaned"]
  ];
  for (const [, names, dir] of order) {
    for (const name of names) {
      if (name === "staged" && dir === "Patches") continue;
      if (name === "orphaned" && dir === "Patches") continue;
      if (!map.has(name)) map.set(name, `${dir}/${name}`);
    }
  }
  return map;
}
function chooseHotfixNaming(hotfixes, config) {
  const last = hotfixes[hotfixes.length - 1];
  if (last?.id.naming) return last.id.naming;
  if (config.hopVersion && compareHopVersions(config.hopVersion, "1.0.0-a19") < 0) return "hotfix";
  return "post";
}
function buildProjectState(files) {
  const config = parseHopConfig(files.configText);
  const classified = [];
  const texts = /* @__PURE__ */ new Map();
  for (const f of files.releaseFiles) {
    if (isIgnoredReleaseFile(f.name)) continue;
    classified.push(classifyReleaseFile(f.name, RELEASES_DIR));
    texts.set(f.name, f.text);
  }
  const production = [];
  const rcs = [];
  const tomls = /* @__PURE__ */ new Map();
  const legacyCandidates = /* @__PURE__ */ new Map();
  const legacyStage = /* @__PURE__ */ new Map();
  const hotfixSeen = /* @__PURE__ */ new Map();
  for (const f of classified) {
    const text = texts.get(f.name);
    const version = baseVersion(f.release);
    switch (f.kind) {
      case "patches-toml":
        tomls.set(version, f);
        break;
      case "legacy-candidates":
        legacyCandidates.set(version, f);
        break;
      case "legacy-stage":
        legacyStage.set(version, f);
        break;
      case "rc":
      case "production":
      case "hotfix": {
        if (f.kind === "hotfix") {
          const key = `${version}#${f.release.n}`;
          const other = hotfixSeen.get(key);
          if (other) {
            throw new HopError(`${fileOf(other)} and ${fileOf(f.name)} are the same hotfix written twice`, {
              file: fileOf(f.name),
              hint: "keep the one in the naming your half-orm-dev writes (X.Y.Z.postN since 1.0.0-a19) and remove the other",
              code: "hotfix-twice"
            });
          }
          hotfixSeen.set(key, f.name);
        }
        const snap = {
          release: formatRelease(f.release),
          id: f.release,
          kind: f.kind,
          file: fileOf(f.name),
          patches: parseSnapshot(text, fileOf(f.name)).entries
        };
        (f.kind === "rc" ? rcs : production).push(snap);
        break;
      }
    }
  }
  production.sort((a, b) => compareReleases(a.id, b.id));
  rcs.sort((a, b) => compareReleases(a.id, b.id));
  const productionBases = new Set(production.filter((p) => p.kind === "production").map((p) => p.release));
  const inPreparation = [];
  for (const [version, f] of tomls) {
    const toml = parsePatchesToml(texts.get(f.name), fileOf(f.name));
    inPreparation.push({
      version,
      id: parseRelease(version),
      hotfix: productionBases.has(version),
      file: fileOf(f.name),
      patches: toml.patches,
      toml,
      legacy: false
    });
  }
  for (const version of /* @__PURE__ */ new Set([...legacyCandidates.keys(), ...legacyStage.keys()])) {
    if (tomls.has(version)) continue;
    const stage = legacyStage.get(version);
    const cand = legacyCandidates.get(version);
    const staged = stage ? parseSnapshot(texts.get(stage.name), fileOf(stage.name)) : void 0;
    const candidates = cand ? parseSnapshot(texts.get(cand.name), fileOf(cand.name)) : void 0;
    const patches = [
      ...(staged?.entries ?? []).map((e) => ({ id: e.id, status: "staged", line: e.line })),
      ...(candidates?.entries ?? []).map((e) => ({ id: e.id, status: "candidate", line: e.line }))
    ];
    inPreparation.push({
      version,
      id: parseRelease(version),
      hotfix: productionBases.has(version) || Boolean(candidates?.hotfixMarker),
      file: fileOf((cand ?? stage).name),
      patches,
      toml: { patches, shape: "tables" },
      legacy: true
    });
  }
  inPreparation.sort((a, b) => compareReleases(a.id, b.id));
  const owner = /* @__PURE__ */ new Map();
  for (const rel of inPreparation) {
    const seenHere = /* @__PURE__ */ new Set();
    for (const p of rel.patches) {
      const key = canonicalPatchId(p.id);
      if (seenHere.has(key)) {
        throw new HopError(`${rel.file}${p.line ? `:${p.line}` : ""}: patch '${p.id}' is listed twice`, {
          file: rel.file,
          line: p.line,
          hint: "remove the second entry",
          code: "patch-twice"
        });
      }
      seenHere.add(key);
      const other = owner.get(key);
      if (other) {
        throw new HopError(`patch '${p.id}' is in two releases in preparation: ${other.file} and ${rel.file}`, {
          file: rel.file,
          line: p.line,
          hint: `a patch belongs to one release; remove it from one of the two files`,
          code: "patch-in-two-releases"
        });
      }
      owner.set(key, rel);
    }
  }
  const hotfixes = production.filter((p) => p.kind === "hotfix");
  const rootName = files.root.split(/[\\/]/).filter(Boolean).pop() ?? "hop";
  return {
    root: files.root,
    ...files.branch ? { branch: files.branch } : {},
    config,
    dbConfigName: files.altConfig?.trim() || config.packageName || rootName,
    production,
    current: production[production.length - 1] ?? null,
    rcs,
    inPreparation,
    schema: readSchema(files),
    modelFiles: [...files.modelFiles].sort(),
    hotfixNaming: chooseHotfixNaming(hotfixes, config),
    patchFolders: locatePatchFolders(files)
  };
}

// src/stages/load-state.ts
async function loadState(ctx) {
  const root = await ctx.workspace.findRoot(ctx.cwd);
  return buildProjectState(await ctx.workspace.readProject(root));
}

// src/stages/inputs.ts
function booleanInput(ci, name) {
  const v = ci.input(name);
  if (v === void 0) return void 0;
  if (/^(true|yes|on|1)$/i.test(v)) return true;
  if (/^(false|no|off|0)$/i.test(v)) return false;
  throw new HopError(`input '${name}' must be true or false, not '${v}'`, { code: "bad-input" });
}

// src/stages/plan.ts
async function planStage(ctx) {
  const state = await loadState(ctx);
  const from = ctx.ci.input("from");
  const plan = buildPlan(state, {
    ...from ? { from } : {},
    ...ctx.ci.input("to-release") ? { to: ctx.ci.input("to-release") } : {},
    includeRc: booleanInput(ctx.ci, "include-rc") ?? state.config.allowRc
  });
  const matrix = buildMatrix(state);
  const wantMatrix = booleanInput(ctx.ci, "matrix") ?? false;
  const rows = plan.inPreparation.flatMap((r) => r.patches.map((p) => `| ${r.version}${r.hotfix ? " (hotfix)" : ""} | \`${p.id}\` | ${p.status} | ${p.folder ?? `not on this branch (${p.branch})`} |`));
  const summary = [
    `### hop-ci plan`,
    `Production: **${plan.production ?? "none yet"}**`,
    "",
    ...rows.length ? ["| release | patch | status | folder |", "|---|---|---|---|", ...rows, ""] : ["No release in preparation.", ""],
    ...["rc", "prod", "hotfix"].map((k) => {
      const p = plan.promote[k];
      return `- promote-${k}: ${"error" in p ? `refused \u2014 ${p.error}` : `**${p.version}** (tag \`${p.tag}\`)`}`;
    })
  ].join("\n");
  return {
    ok: true,
    outputs: { plan: JSON.stringify(plan), matrix: JSON.stringify(matrix), result: "success" },
    summary,
    text: wantMatrix ? JSON.stringify(matrix) : renderPlan(plan),
    json: wantMatrix ? matrix : plan
  };
}

// src/stages/index.ts
var STAGE_NAMES = [
  "plan",
  "validate-patch",
  "validate-release",
  "promote-rc",
  "promote-prod",
  "promote-hotfix",
  "upgrade"
];
function notYet(name) {
  return async () => {
    throw new HopError(`stage '${name}' is not available in this version of hop-ci`, {
      kind: "input",
      hint: "upgrade hop-ci, or run `hop-ci plan` to see the state",
      code: "stage-unavailable"
    });
  };
}
var STAGES = {
  plan: planStage,
  "validate-patch": notYet("validate-patch"),
  "validate-release": notYet("validate-release"),
  "promote-rc": notYet("promote-rc"),
  "promote-prod": notYet("promote-prod"),
  "promote-hotfix": notYet("promote-hotfix"),
  upgrade: notYet("upgrade")
};
function stageByName(name) {
  if (!name || !STAGE_NAMES.includes(name)) {
    throw new HopError(`unknown stage '${name ?? ""}'`, {
      hint: `choose one of: ${STAGE_NAMES.join(", ")}`,
      code: "unknown-stage"
    });
  }
  return STAGES[name];
}

// src/stages/execute.ts
async function executeStage(stage, ctx, options = {}) {
  const write = options.write ?? ((t) => process.stdout.write(`${t}
`));
  try {
    const result = await stage(ctx);
    for (const [name, value] of Object.entries(result.outputs)) await ctx.ci.setOutput(name, value);
    if (result.summary) await ctx.ci.summary(result.summary);
    if (options.json) write(JSON.stringify(result.json ?? result.outputs, null, 2));
    else if (result.text) ctx.ci.info(result.text);
    if (!result.ok) ctx.ci.setFailed(result.outputs["error"] ?? "the stage failed");
    return { exitCode: result.ok ? 0 : 1, result };
  } catch (e) {
    if (e instanceof HopError) {
      const message = e.hint ? `${e.message}
hint: ${e.hint}` : e.message;
      ctx.ci.error(message, { ...e.file ? { file: e.file } : {}, ...e.line ? { line: e.line } : {}, ...e.column ? { column: e.column } : {} });
      await ctx.ci.setOutput("result", "failure");
      ctx.ci.setFailed(e.message);
      if (options.json) write(JSON.stringify({ error: e.message, hint: e.hint, code: e.code, file: e.file, line: e.line }, null, 2));
      return { exitCode: e.exitCode };
    }
    const err = e instanceof Error ? e : new Error(String(e));
    ctx.ci.error(`internal error (a bug in hop-ci, please report it at ${BUG_REPORT_URL}): ${err.message}
${err.stack ?? ""}`);
    ctx.ci.setFailed(`internal error: ${err.message}`);
    return { exitCode: 1 };
  }
}

// src/cli/args.ts
var BOOLEAN_FLAGS = /* @__PURE__ */ new Set([
  "json",
  "matrix",
  "dry-run",
  "include-rc",
  "allow-drift",
  "skip-backup",
  "force",
  "check",
  "help",
  "version",
  "keep",
  "comment",
  "no-comment"
]);
var VALUE_FLAGS = /* @__PURE__ */ new Set([
  "cwd",
  "working-directory",
  "stage",
  "database-url",
  "test-command",
  "patch",
  "release",
  "from",
  "to-release",
  "python",
  "git-user-name",
  "git-user-email",
  "github-token",
  "lock-timeout",
  "baseline",
  "backup-dir",
  "provider",
  "postgres-version",
  "python-version",
  "install-command",
  "action-ref",
  "remote"
]);
function parseArgs(argv) {
  const positionals = [];
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "-h") {
      flags["help"] = "true";
      continue;
    }
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? void 0 : eq);
    if (BOOLEAN_FLAGS.has(name)) {
      flags[name] = eq < 0 ? "true" : arg.slice(eq + 1);
      continue;
    }
    if (!VALUE_FLAGS.has(name)) {
      throw new HopError(`unknown option --${name}`, { hint: "see `hop-ci --help`", code: "usage" });
    }
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === void 0) throw new HopError(`option --${name} needs a value`, { hint: "see `hop-ci --help`", code: "usage" });
    flags[name] = value;
  }
  if (flags["no-comment"]) {
    flags["comment"] = "false";
    delete flags["no-comment"];
  }
  return { command: positionals.shift(), positionals, flags };
}

// src/cli/help.ts
var MAIN_HELP = `hop-ci \u2014 CI for half-orm-dev (hop) projects

Usage:
  hop-ci plan [--cwd DIR] [--json] [--matrix] [--from VERSION] [--to-release V] [--include-rc]
  hop-ci run <stage> [options]
  hop-ci generate [--provider github|gitlab|both] [--check] [--dry-run] [--force]
  hop-ci demo [--keep]
  hop-ci --help | --version

Stages: ${STAGE_NAMES.join(", ")}

Common options:
  --cwd DIR              the project (default: the current folder; hop-ci walks up to .hop/config)
  --json                 print one JSON document on stdout (logs go to stderr)
  --dry-run              print what would be done, change nothing

Exit codes: 0 success; 1 the stage ran and failed or refused; 2 invalid input or usage.
Run \`hop-ci <command> --help\` for the options of a command.`;
var COMMAND_HELP = {
  plan: `hop-ci plan \u2014 what each stage would do now

Usage: hop-ci plan [--cwd DIR] [--json] [--matrix] [--from VERSION] [--to-release V] [--include-rc]

  --json          the plan as one JSON object (keys: production, inPreparation, rcs, promote, upgrade)
  --matrix        a JSON array of { patch, release } for a CI matrix (fromJSON)
  --from VERSION  also give the upgrade path from VERSION (key "upgrade")
  --to-release V  stop the upgrade path at V
  --include-rc    the upgrade path also takes release candidates`,
  run: `hop-ci run <stage> \u2014 run a stage

Usage: hop-ci run <stage> [--cwd DIR] [--json] [--dry-run] [stage options]

Stages: ${STAGE_NAMES.join(", ")}
Each option is the action input of the same name (see README.md, "Stages").`
};

// src/version.ts
var VERSION = true ? "0.1.0" : "0.0.0-dev";

// src/cli/commands.ts
var COMMANDS = {};

// src/cli/run-cli.ts
async function runCli(argv, env) {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    return usageError(e);
  }
  const { command, positionals, flags } = parsed;
  if (flags["version"]) {
    process.stdout.write(`${VERSION}
`);
    return 0;
  }
  if (!command || flags["help"] && !COMMAND_HELP[command] && !COMMANDS[command]) {
    process.stdout.write(`${MAIN_HELP}
`);
    return command || flags["help"] ? 0 : 2;
  }
  if (flags["help"]) {
    process.stdout.write(`${COMMAND_HELP[command] ?? MAIN_HELP}
`);
    return 0;
  }
  const extra = COMMANDS[command];
  if (extra) return extra({ flags, positionals, env });
  let stageName;
  if (command === "plan") stageName = "plan";
  else if (command === "run") stageName = positionals[0] ?? flags["stage"] ?? env["HOP_STAGE"];
  else return usageError(new HopError(`unknown command '${command}'`, { hint: "see `hop-ci --help`", code: "usage" }));
  const json = flags["json"] === "true";
  const ci = selectProvider({ env, flags, json });
  let stage;
  try {
    stage = stageByName(stageName);
  } catch (e) {
    return usageError(e);
  }
  const cwd = flags["cwd"] ?? flags["working-directory"] ?? ci.input("working-directory") ?? process.cwd();
  const { exitCode } = await executeStage(stage, { cwd, workspace: new FsWorkspace(), clock: systemClock, ci, env }, { json });
  return exitCode;
}
function usageError(e) {
  if (e instanceof HopError) {
    process.stderr.write(`error: ${e.message}${e.hint ? `
hint: ${e.hint}` : ""}
`);
    return 2;
  }
  throw e;
}

// src/cli/main.ts
process.exitCode = await runCli(process.argv.slice(2), process.env);
