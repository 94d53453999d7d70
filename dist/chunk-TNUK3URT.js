import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  TomlError,
  compareHopVersions,
  parse,
  parseHopConfig
} from "./chunk-LPWK32I5.js";
import {
  baseVersion,
  compareReleases,
  formatRelease,
  parseRelease,
  tryParseRelease
} from "./chunk-VIHRG64B.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";

// src/core/patch-id.ts
var PATCH_ID_RE = /^\d+(?:-[a-z0-9]+)*$/;
function isValidPatchId(id) {
  return PATCH_ID_RE.test(id);
}
function checkPatchId(id, where = {}) {
  if (!isValidPatchId(id)) {
    const { what = "patch id", ...details } = where;
    const prefix = details.file ? `${details.file}${details.line ? `:${details.line}` : ""}: ` : "";
    throw new HopError(`${prefix}invalid ${what} '${id}'`, {
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
      throw new HopError(`${file}${line ? `:${line}` : ""}: patch '${id}' has unknown status ${JSON.stringify(status ?? null)}`, {
        file,
        line,
        hint: 'a patch status is "candidate" or "staged"',
        code: "unknown-status"
      });
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
function renderSnapshot(entries) {
  return entries.map((e) => e.commit ? `${e.id}:${e.commit}` : e.id).join("\n") + (entries.length ? "\n" : "");
}

// src/core/state.ts
var RELEASES_DIR = ".hop/releases";
var MODEL_DIR = ".hop/model";
function fileOf(name) {
  return `${RELEASES_DIR}/${name}`;
}
function readSchema(files) {
  const link = files.schemaLink;
  const path = `${MODEL_DIR}/schema.sql`;
  if (link.kind === "missing") return void 0;
  if (link.kind === "file") {
    throw new HopError(`${path} is a regular file, not a link`, {
      file: path,
      hint: "half-orm-dev keeps schema.sql as a relative symlink to schema-X.Y.Z.sql; recreate it with `ln -sf schema-X.Y.Z.sql .hop/model/schema.sql` (git must keep it as a link: core.symlinks=true)",
      code: "schema-not-link"
    });
  }
  const m = /^(?:\.\/)?schema-(.+)\.sql$/.exec(link.target);
  const id = m ? tryParseRelease(m[1]) : void 0;
  if (!link.targetExists || !m || !id) {
    throw new HopError(
      `${path} points to '${link.target}', which ${link.targetExists ? "is not a schema-X.Y.Z.sql file" : "does not exist"}`,
      {
        file: path,
        hint: "point it at the production schema dump: `ln -sf schema-X.Y.Z.sql .hop/model/schema.sql`",
        code: "schema-link-broken"
      }
    );
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

export {
  checkPatchId,
  canonicalPatchId,
  renderSnapshot,
  RELEASES_DIR,
  MODEL_DIR,
  buildProjectState
};
