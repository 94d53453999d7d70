import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  planParts,
  selectPatchFiles,
  summarizeParts,
  toReleaseFile
} from "./chunk-PV6DJCVQ.js";
import {
  formatRelease
} from "./chunk-VIHRG64B.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";

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
  sqlLiteral,
  LEDGER_SCHEMA,
  LEDGER_TABLE,
  LEDGER_DDL,
  ledgerInsertValues,
  LEDGER_UPSERT,
  ledgerRecordSql,
  releaseOfHopReleaseRow,
  prefetchReleases,
  loadReleases
};
