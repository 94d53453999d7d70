import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  describeAtomicity,
  planParts,
  selectPatchFiles,
  summarizeParts,
  toReleaseFile
} from "./chunk-76OJBSLC.js";
import {
  baseVersion,
  compareReleases,
  formatRelease,
  releaseTag,
  tryParseRelease,
  upgradePath
} from "./chunk-QQ5U5J3B.js";
import {
  describeReleaseLocks
} from "./chunk-LGT3NFJ7.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";

// src/core/upgrade-plan.ts
function resolvePosition(recorded, ledger, state) {
  const lastLedger = [...ledger].sort((a, b) => compareReleases(a.id, b.id)).pop();
  let id;
  let source;
  if (lastLedger && (!recorded || compareReleases(lastLedger.id, recorded) >= 0)) {
    id = lastLedger.id;
    source = "ledger";
  } else if (recorded) {
    id = recorded;
    source = "half_orm_meta";
  } else return void 0;
  if (id.level === "hotfix" && !id.naming) id = { ...id, naming: state.hotfixNaming };
  const resume = ledger.find((r) => r.status === "partial");
  let appliedAtBase = [];
  if (id.level === "rc") {
    const sameBase = ledger.filter((r) => baseVersion(r.id) === baseVersion(id) && r.id.level === "rc");
    if (source === "ledger" && sameBase.length) appliedAtBase = [...new Set(sameBase.flatMap((r) => r.patches.map((p) => p.id)))];
    else appliedAtBase = state.rcs.find((r) => compareReleases(r.id, id) === 0)?.patches.map((p) => p.id) ?? [];
  }
  return { release: formatRelease(id), id, source, ...resume ? { resume } : {}, appliedAtBase };
}
function planUpgrade(state, position, options) {
  const path = upgradePath(state, position.release, { ...options.to ? { to: options.to } : {}, includeRc: Boolean(options.includeRc) });
  const appliedByBase = /* @__PURE__ */ new Map([[baseVersion(position.id), new Set(position.appliedAtBase)]]);
  return path.map((snap) => {
    const base = baseVersion(snap.id);
    const applied = appliedByBase.get(base) ?? /* @__PURE__ */ new Set();
    appliedByBase.set(base, applied);
    const patches = snap.patches.map((p) => p.id).filter((p) => snap.kind === "hotfix" || !applied.has(p));
    const alreadyApplied = snap.kind === "hotfix" ? [] : snap.patches.map((p) => p.id).filter((p) => applied.has(p));
    for (const p of patches) applied.add(p);
    return { release: snap.release, id: snap.id, kind: snap.kind, tag: releaseTag(snap.id), file: snap.file, patches, alreadyApplied };
  });
}
function noVersionError() {
  return new HopError(
    `the database records no hop version: neither "half_orm_meta.view".hop_last_release nor hop-ci's ledger (hop_ci.applied_release) has a row`,
    {
      kind: "refused",
      hint: "if its schema is that of a known release, record it once with `hop-ci run upgrade --baseline X.Y.Z` (nothing is applied), then upgrade",
      code: "no-version"
    }
  );
}

// src/core/sql-literal.ts
function sqlLiteral(value) {
  if (value === null || value === void 0) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = value instanceof Date ? value.toISOString() : value;
  const quoted = `'${text.replace(/'/g, "''")}'`;
  return text.includes("\\") ? ` E${quoted.replace(/\\/g, "\\\\")}` : quoted;
}

// src/core/upgrade-ledger.ts
var LEDGER_SCHEMA = "hop_ci";
var LEDGER_TABLE = `${LEDGER_SCHEMA}.applied_release`;
var LEDGER_DDL = `
CREATE SCHEMA IF NOT EXISTS ${LEDGER_SCHEMA};
CREATE TABLE IF NOT EXISTS ${LEDGER_TABLE} (
  release text PRIMARY KEY,
  major integer NOT NULL,
  minor integer NOT NULL,
  patch integer NOT NULL,
  level text NOT NULL CHECK (level IN ('rc', 'release', 'hotfix')),
  rc_number integer NOT NULL DEFAULT 0,
  hotfix_level integer NOT NULL DEFAULT 0,
  status text NOT NULL CHECK (status IN ('applied', 'partial', 'baseline')),
  patches jsonb NOT NULL DEFAULT '[]',
  parts jsonb NOT NULL DEFAULT '[]',
  parts_done integer NOT NULL DEFAULT 0,
  tag_commit text,
  started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at timestamptz,
  duration_ms integer,
  run_url text,
  backup text,
  applied_by text NOT NULL DEFAULT current_user,
  hop_ci_version text
);
COMMENT ON TABLE ${LEDGER_TABLE} IS 'Releases applied by hop-ci upgrade (one row each); see https://github.com/hop-ci/hop-ci';
`;
var LEDGER_COLUMNS = [
  "release",
  "major",
  "minor",
  "patch",
  "level",
  "rc_number",
  "hotfix_level",
  "status",
  "patches",
  "parts",
  "parts_done",
  "tag_commit",
  "started_at",
  "finished_at",
  "duration_ms",
  "run_url",
  "backup",
  "hop_ci_version"
];
function fieldColumns(row) {
  const { id } = row;
  return {
    release: formatRelease(id),
    major: id.major,
    minor: id.minor,
    patch: id.patch,
    level: id.level,
    rc_number: id.level === "rc" ? id.n : 0,
    hotfix_level: id.level === "hotfix" ? id.n : 0,
    status: row.status,
    patches: JSON.stringify(row.patches),
    parts: JSON.stringify(row.parts),
    parts_done: row.partsDone,
    tag_commit: row.tagCommit ?? null,
    run_url: row.runUrl ?? null,
    backup: row.backup ?? null,
    hop_ci_version: row.hopCiVersion
  };
}
function ledgerInsertValues(row) {
  const columns = {
    ...fieldColumns(row),
    started_at: row.startedAt,
    finished_at: row.finishedAt ?? null,
    duration_ms: row.durationMs ?? null
  };
  return LEDGER_COLUMNS.map((c) => columns[c]);
}
function ledgerUpsert(value) {
  const values = LEDGER_COLUMNS.map((c, i) => c === "patches" || c === "parts" ? `${value(c, i)}::jsonb` : value(c, i));
  return `INSERT INTO ${LEDGER_TABLE}
  (${LEDGER_COLUMNS.join(", ")})
  VALUES (${values.join(", ")})
  ON CONFLICT (release) DO UPDATE SET status = EXCLUDED.status, parts_done = EXCLUDED.parts_done,
    finished_at = EXCLUDED.finished_at,
    duration_ms = CASE WHEN EXCLUDED.finished_at IS NULL THEN NULL
      ELSE (extract(epoch FROM EXCLUDED.finished_at - ${LEDGER_TABLE}.started_at) * 1000)::int END`;
}
var LEDGER_UPSERT = ledgerUpsert((_, i) => `$${i + 1}`);
function ledgerRecordSql(row, hopRelease) {
  const fields = fieldColumns(row);
  const times = {
    started_at: "now()",
    finished_at: row.finished ? "clock_timestamp()" : "NULL",
    duration_ms: row.finished ? "(extract(epoch FROM clock_timestamp() - now()) * 1000)::int" : "NULL"
  };
  const upsert = ledgerUpsert((c) => c in times ? times[c] : sqlLiteral(fields[c]));
  const version = hopRelease ? hopReleaseRowFor(row.id) : void 0;
  if (!version) return upsert;
  const hop = [
    version.major,
    version.minor,
    version.patch,
    version.pre_release,
    version.pre_release_num,
    hopRelease?.commit?.slice(0, 8) ?? null
  ];
  return `INSERT INTO half_orm_meta.hop_release (major, minor, patch, pre_release, pre_release_num, commit)
  VALUES (${hop.map(sqlLiteral).join(", ")}) ON CONFLICT DO NOTHING;
${upsert}`;
}
function releaseOfHopReleaseRow(row) {
  const base = { major: Number(row.major), minor: Number(row.minor), patch: Number(row.patch) };
  if (row.pre_release === "") return { ...base, level: "release", n: 0 };
  if (row.pre_release === "rc") return { ...base, level: "rc", n: Number(row.pre_release_num || "0") };
  return void 0;
}
function hopReleaseRowFor(id) {
  if (id.level !== "release") return void 0;
  return { major: id.major, minor: id.minor, patch: id.patch, pre_release: "", pre_release_num: "" };
}

// src/core/upgrade-render.ts
function renderUpgradePlan(from, releases) {
  if (releases.length === 0) return `The database is at ${from}: nothing to apply.`;
  const to = releases[releases.length - 1].release;
  const lines = [`Upgrade ${from} \u2192 ${to}: ${releases.length} release${releases.length > 1 ? "s" : ""}`];
  for (const r of releases) {
    lines.push(`  ${r.release} (tag ${r.tag} at ${r.commit.slice(0, 12)})${r.patches.length ? "" : ": no new patch"}`);
    if (r.alreadyApplied.length) lines.push(`    already applied through an rc: ${r.alreadyApplied.join(", ")}`);
    for (const patch of r.patches) {
      lines.push(`    ${patch}`);
      for (const f of r.files.filter((x) => x.patch === patch)) lines.push(`      ${f.name}  sha256:${f.sha256}`);
    }
    if (r.parts.length > 1) lines.push(`    ${describeAtomicity(r.release, r.parts)}`);
    if (r.locks) lines.push(`    ${describeReleaseLocks(r.release, r.locks)}`);
    for (const name of r.ignored) lines.push(`    ignored: ${name}`);
  }
  return lines.join("\n");
}
function atomicityNotes(releases) {
  return releases.filter((r) => r.parts.length > 1).map((r) => describeAtomicity(r.release, r.parts));
}
function lockNotes(releases) {
  return releases.flatMap((r) => r.locks ? [describeReleaseLocks(r.release, r.locks)] : []);
}
function renderUpgradeSummary(title, from, to, rows, notes = []) {
  const hotfix = rows.length ? hotfixLevelNote(to) : void 0;
  if (hotfix) notes = [...notes, hotfix];
  return [
    `### ${title}`,
    `From **${from}** to **${to}**`,
    "",
    ...rows.length ? [
      "| release | patches | seconds |",
      "|---|---|---|",
      ...rows.map((r) => `| ${r.release} | ${r.patches.join(", ") || "\u2014"} | ${(r.durationMs / 1e3).toFixed(2)} |`),
      ""
    ] : ["Nothing to apply.", ""],
    ...notes.map((n) => `- ${n}`)
  ].join("\n");
}
function renderFailureAdvice(a) {
  if (!a.committed) {
    return `nothing was committed: the database is still at ${a.from}, no restore is needed; fix it in a new release and run the upgrade again`;
  }
  const kept = a.applied.length ? `releases ${a.applied.join(", ")} stay applied; ` : "";
  const back = a.backup ? `to go back to ${a.from} instead, with DATABASE_URL set to the database's URL (this restores hop-ci's record too): ${restoreCommand(a.backup, a.serverMajor)}` : "no backup was taken (--skip-backup)";
  return `${kept}fix it in a new release and run the upgrade again (it resumes where it stopped); ${back}`;
}
function shellQuote(text) {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
function restoreCommand(backup, serverMajor) {
  const source = backup.encrypted ? `age -d -i "$AGE_KEY_FILE" ${shellQuote(backup.path)} | pg_restore -f -` : `pg_restore -f - ${shellQuote(backup.path)}`;
  const dropSchemas = "DO $do$DECLARE s name; BEGIN FOR s IN SELECT nspname FROM pg_namespace WHERE nspname !~ $r$^pg_$r$ AND nspname <> $i$information_schema$i$ LOOP EXECUTE format($f$DROP SCHEMA %I CASCADE$f$, s); END LOOP; END$do$";
  const publicSchema = serverMajor >= 15 ? "CREATE SCHEMA public AUTHORIZATION pg_database_owner; GRANT USAGE ON SCHEMA public TO PUBLIC; COMMENT ON SCHEMA public IS $c$standard public schema$c$" : "CREATE SCHEMA public; GRANT ALL ON SCHEMA public TO PUBLIC; COMMENT ON SCHEMA public IS $c$standard public schema$c$";
  return `${source} | psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 --single-transaction -c '${dropSchemas}' -c '${publicSchema}' -f -`;
}
function hotfixLevelNote(to) {
  const id = tryParseRelease(to);
  if (id?.level !== "hotfix") return void 0;
  const base = baseVersion(id);
  return `**${to} is a hotfix level, which half-orm-dev cannot record**: \`half_orm_meta.hop_release\` still says ${base} (hop-ci's own record, \`${LEDGER_TABLE}\`, says ${to}). Upgrade this database with hop-ci only: \`half_orm dev upgrade\` would read ${base} and apply ${to}'s patches again.`;
}

// src/adapters/git-read.ts
import { execFile } from "node:child_process";
import { promisify } from "node:util";

// src/adapters/git-cat-file.ts
import { spawn } from "node:child_process";
var pipe = (stream) => stream;
var CatFileBatch = class {
  constructor(cwd, env) {
    this.cwd = cwd;
    this.env = env;
  }
  cwd;
  env;
  child;
  buffer = Buffer.alloc(0);
  pending = [];
  stderr = "";
  failure;
  /** The objects named (`<oid>`, `<rev>:<path>`, `<ref>^{commit}`), undefined for those that do not exist. */
  async read(names) {
    if (names.length === 0) return [];
    for (const name of names) if (/[\n\r]/.test(name)) throw new Error(`git object name with a line break: ${JSON.stringify(name)}`);
    const child = this.start();
    const answers = names.map(
      (name) => new Promise((resolve, reject) => {
        this.pending.push({ name, resolve, reject });
      })
    );
    child.ref();
    pipe(child.stdout).ref();
    child.stdin.write(`${names.join("\n")}
`);
    try {
      return await Promise.all(answers);
    } finally {
      if (this.pending.length === 0) {
        child.unref();
        pipe(child.stdout).unref();
      }
    }
  }
  close() {
    this.child?.stdin.end();
    this.child = void 0;
  }
  start() {
    if (this.failure) throw this.failure;
    if (this.child) return this.child;
    const child = spawn("git", ["cat-file", "--batch"], { cwd: this.cwd, env: this.env, stdio: "pipe" });
    this.child = child;
    child.unref();
    pipe(child.stdin).unref();
    pipe(child.stderr).unref();
    child.stderr.on("data", (c) => this.stderr += c.toString());
    child.stdout.on("data", (c) => this.take(c));
    const fail = (error) => {
      this.failure = error;
      if (this.child === child) this.child = void 0;
      for (const p of this.pending.splice(0)) p.reject(error);
    };
    child.on("error", fail);
    child.on("close", (code) => {
      if (this.pending.length) fail(new Error(`git cat-file --batch stopped (exit ${code ?? "signal"}): ${this.stderr.trim()}`));
      else if (this.child === child) this.child = void 0;
    });
    child.stdin.on("error", () => void 0);
    return child;
  }
  /** Parses answers as they arrive: `<oid> <type> <size>\n<content>\n`, or `<name> missing\n`. */
  take(chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (; ; ) {
      const request = this.pending[0];
      if (!request) return;
      const eol = this.buffer.indexOf(10);
      if (eol < 0) return;
      const header = this.buffer.subarray(0, eol).toString("utf8");
      const fields = header.split(" ");
      if (fields.length !== 3 || !/^[0-9a-f]{40,64}$/.test(fields[0]) || !/^\d+$/.test(fields[2])) {
        this.buffer = this.buffer.subarray(eol + 1);
        this.pending.shift();
        request.resolve(void 0);
        continue;
      }
      const size = Number(fields[2]);
      if (this.buffer.length < eol + 1 + size + 1) return;
      const content = Buffer.from(this.buffer.subarray(eol + 1, eol + 1 + size));
      this.buffer = this.buffer.subarray(eol + 1 + size + 1);
      this.pending.shift();
      request.resolve({ oid: fields[0], type: fields[1], content });
    }
  }
};

// src/adapters/git-read.ts
var run = promisify(execFile);
var IMMUTABLE = /^[0-9a-f]{40}(?:[0-9a-f]{24})?(?::|$)/;
var GitReader = class {
  constructor(root, env) {
    this.root = root;
    this.env = env;
    this.batch = new CatFileBatch(root, env);
  }
  root;
  env;
  batch;
  /** Answers already asked for, so that a prefetch made while the database connects is not read twice. */
  objects = /* @__PURE__ */ new Map();
  commits = /* @__PURE__ */ new Map();
  /** Ends the reader's git process (it also ends when hop-ci exits). */
  close() {
    this.batch.close();
  }
  async git(args) {
    const { stdout } = await run("git", args, { cwd: this.root, env: this.env, maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  }
  /** The commit a ref (tag, branch, sha) points to, or undefined when it does not exist. */
  async commitOf(ref) {
    return (await this.commitsOf([ref]))[0];
  }
  /** The commits of refs, in one request; undefined for those that do not exist. */
  async commitsOf(refs) {
    const asking = [...new Set(refs.filter((r) => !this.commits.has(r)))];
    if (asking.length) {
      const answers = this.batch.read(asking.map((r) => `${r}^{commit}`)).catch(() => asking.map(() => void 0));
      asking.forEach((ref, i) => {
        const commit = answers.then((objects) => {
          const o = objects[i];
          if (o?.type === "commit") return o.oid;
          this.commits.delete(ref);
          return void 0;
        });
        this.commits.set(ref, commit);
      });
    }
    return Promise.all(refs.map((r) => this.commits.get(r)));
  }
  /**
   * The commit of tag `tag`. A CI checkout is often shallow and without tags: when the tag
   * is missing, fetch it alone from `origin` before giving up.
   */
  async tagCommit(tag) {
    const local = await this.commitOf(`refs/tags/${tag}`);
    if (local) return local;
    try {
      await this.git(["fetch", "--quiet", "--no-tags", "origin", `+refs/tags/${tag}:refs/tags/${tag}`]);
    } catch {
    }
    const fetched = await this.commitOf(`refs/tags/${tag}`);
    if (fetched) return fetched;
    throw new HopError(`tag ${tag} is not in the repository`, {
      kind: "failed",
      hint: `fetch the release tags (\`git fetch --tags origin\`; with actions/checkout set \`fetch-depth: 0\`), or check that ${tag} was pushed`,
      code: "tag-missing"
    });
  }
  /** Objects by name (`<oid>`, `<commit>:<path>`); names that do not exist map to undefined. */
  async catFile(names) {
    const unique = [...new Set(names)];
    const asking = unique.filter((n) => !this.objects.has(n));
    if (asking.length) {
      const answers = this.batch.read(asking);
      asking.forEach((name, i) => {
        const object = answers.then((objects2) => objects2[i]);
        if (IMMUTABLE.test(name)) {
          this.objects.set(name, object);
          object.catch(() => this.objects.delete(name));
        } else
          this.objects.set(
            name,
            object.finally(() => this.objects.delete(name))
          );
      });
    }
    const objects = await Promise.all(unique.map((n) => this.objects.get(n)));
    return new Map(unique.map((name, i) => [name, objects[i]]));
  }
  /** The contents of blobs by object id, read through one `git cat-file --batch`. */
  async readBlobs(oids) {
    const result = /* @__PURE__ */ new Map();
    for (const [oid, object] of await this.catFile(oids)) {
      if (!object) throw new Error(`git object ${oid} is missing`);
      result.set(oid, object.content);
    }
    return result;
  }
  /**
   * The entries of folders (`<commit>:<path>`, not recursive) through one
   * `git cat-file --batch`: an upgrade reads every patch folder of every release at once.
   * A folder that does not exist maps to undefined.
   */
  async readFolders(specs) {
    const trees = await this.readTrees(specs.map((spec) => ({ name: spec, dir: spec.slice(spec.indexOf(":") + 1) })));
    return new Map(specs.map((spec, i) => [spec, trees[i]]));
  }
  /**
   * Trees by name (an oid, or `<commit>:<path>`), in the order asked, their entries' paths
   * under `dir`. A name that is not a tree gives undefined.
   */
  async readTrees(requests) {
    const result = [];
    const objects = await this.catFile(requests.map((r) => r.name));
    for (const { name, dir } of requests) {
      const object = objects.get(name);
      if (!object || object.type !== "tree") {
        result.push(void 0);
        continue;
      }
      const entries = [];
      const tree = object.content;
      let pos = 0;
      while (pos < tree.length) {
        const space = tree.indexOf(32, pos);
        const nul = tree.indexOf(0, space);
        const mode = tree.subarray(pos, space).toString("utf8");
        const name2 = tree.subarray(space + 1, nul).toString("utf8");
        const oid = tree.subarray(nul + 1, nul + 21).toString("hex");
        const type = mode === "40000" ? "tree" : mode === "160000" ? "commit" : "blob";
        entries.push({ mode: mode.padStart(6, "0"), type, oid, path: `${dir}/${name2}` });
        pos = nul + 21;
      }
      result.push(entries);
    }
    return result;
  }
  /** One file's text at `commit`, or undefined when the path does not exist there. */
  async readText(commit, path) {
    const object = (await this.catFile([`${commit}:${path}`])).get(`${commit}:${path}`);
    return object?.type === "blob" ? object.content.toString("utf8") : void 0;
  }
};

// src/stages/upgrade/load-releases.ts
import { createHash } from "node:crypto";
var FOLDERS = ["Patches", "Patches/staged", "Patches/orphaned"];
var parentSpecs = (commits) => commits.flatMap((commit) => FOLDERS.map((base) => `${commit}:${base}`));
function prefetchReleases(git, tags) {
  void git.commitsOf(tags.map((t) => `refs/tags/${t}`)).then((commits) => git.readFolders(parentSpecs(commits.filter((c) => c !== void 0)))).catch(() => void 0);
}
async function loadReleases(git, planned, options) {
  const found = await git.commitsOf(planned.map((r) => `refs/tags/${r.tag}`));
  const commits = [];
  for (const [i, release] of planned.entries()) commits.push(found[i] ?? await git.tagCommit(release.tag));
  const parents = await git.readFolders(parentSpecs(commits));
  const subFolders = /* @__PURE__ */ new Map();
  for (const [spec, entries] of parents) {
    const commit = spec.slice(0, spec.indexOf(":"));
    for (const e of entries ?? []) if (e.type === "tree") subFolders.set(`${commit}:${e.path}`, e);
  }
  const asked = [];
  for (const [i, release] of planned.entries()) {
    for (const id of release.patches) {
      for (const base of FOLDERS) {
        const key = `${commits[i]}:${base}/${id}`;
        const entry = subFolders.get(key);
        if (entry) asked.push({ name: entry.oid, dir: entry.path, key });
      }
    }
  }
  const folderTrees = await git.readTrees(asked);
  const trees = new Map(asked.map((a, i) => [a.key, folderTrees[i]]));
  const listed = [];
  for (const [i, release] of planned.entries()) {
    const commit = commits[i];
    const folders = /* @__PURE__ */ new Map();
    for (const id of release.patches) {
      const dir = FOLDERS.map((base) => `${base}/${id}`).find((d) => trees.get(`${commit}:${d}`)?.some((e) => e.type === "blob"));
      if (!dir) {
        throw new HopError(`patch ${id} of release ${release.release} has no folder at tag ${release.tag}`, {
          kind: "failed",
          file: release.file,
          hint: `the tag must contain Patches/${id}/ (or Patches/staged/${id}/); check that ${release.tag} points at the commit that promoted ${release.release}`,
          code: "patch-folder-missing"
        });
      }
      folders.set(id, { dir, files: trees.get(`${commit}:${dir}`).filter((e) => e.type === "blob") });
    }
    listed.push({ release, commit, folders });
  }
  const blobs = await git.readBlobs(listed.flatMap((l) => [...l.folders.values()].flatMap((f) => f.files.map((e) => e.oid))));
  const result = [];
  for (const { release, commit, folders } of listed) {
    const files = [];
    const checksums = [];
    const ignored = [];
    const contents = /* @__PURE__ */ new Map();
    for (const id of release.patches) {
      const folder = folders.get(id);
      const byName = new Map(folder.files.map((e) => [e.path.slice(folder.dir.length + 1), e]));
      contents.set(id, new Map([...byName].map(([name, e]) => [name, blobs.get(e.oid)])));
      const selection = selectPatchFiles([...byName.keys()], folder.dir);
      for (const name of selection.ignored) {
        ignored.push(`${folder.dir}/${name}`);
        options.notice(`${release.release}: ${folder.dir}/${name} is not .sql, .psql or .py: ignored`);
      }
      for (const entry of selection.run) {
        const repoPath = `${folder.dir}/${entry.name}`;
        const content = blobs.get(byName.get(entry.name).oid);
        if (entry.kind === "py" && options.refusePython) {
          throw new HopError(`${repoPath} (release ${release.release}) is a Python file, and Python files are refused (--no-python)`, {
            kind: "refused",
            file: repoPath,
            hint: "drop --no-python (or the input python: refuse): the upgrade then runs it at its place, as validation did; nothing was applied",
            code: "upgrade-python-refused"
          });
        }
        const text = entry.kind === "sql" ? content.toString("utf8") : "";
        const { file, syntaxError } = await toReleaseFile({ patch: id, ...entry, path: repoPath, text }, options.serverMajor);
        if (syntaxError) {
          throw new HopError(`${repoPath}:${syntaxError.line}:${syntaxError.column} (release ${release.release}): ${syntaxError.message}`, {
            kind: "failed",
            file: repoPath,
            line: syntaxError.line,
            column: syntaxError.column,
            hint: "fix the SQL at that line in a new hotfix release (the tag cannot change); nothing was applied",
            code: "sql-syntax"
          });
        }
        files.push(file);
        checksums.push(createHash("sha256").update(content).digest("hex"));
      }
    }
    const { parts, skipped } = planParts(files);
    for (const { file, statement } of skipped)
      options.notice(
        `${file.path}:${statement.line}: ${statement.transactionControl.toUpperCase()} skipped: hop-ci runs the release's SQL in its own transactions`
      );
    result.push({
      plan: {
        ...release,
        commit,
        files: files.map(({ patch, name, kind, path }, i) => ({ patch, name, kind, path, sha256: checksums[i] })),
        parts: summarizeParts(parts),
        ignored
      },
      files,
      parts,
      folders: contents
    });
  }
  return result;
}

export {
  resolvePosition,
  planUpgrade,
  noVersionError,
  LEDGER_SCHEMA,
  LEDGER_TABLE,
  LEDGER_DDL,
  ledgerInsertValues,
  LEDGER_UPSERT,
  ledgerRecordSql,
  releaseOfHopReleaseRow,
  renderUpgradePlan,
  atomicityNotes,
  lockNotes,
  renderUpgradeSummary,
  renderFailureAdvice,
  GitReader,
  prefetchReleases,
  loadReleases
};
