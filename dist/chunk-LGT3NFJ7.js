import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  HopError
} from "./chunk-ZOS35ALX.js";

// src/core/sql-position.ts
function locateSqlPosition(sql, position) {
  const chars = Array.from(sql);
  const index = Math.max(0, Math.min(chars.length, position - 1));
  let line = 1;
  let column = 1;
  for (let i = 0; i < index; i++) {
    if (chars[i] === "\n") {
      line++;
      column = 1;
    } else column++;
  }
  const before = chars.slice(0, index).join("");
  const after = chars.slice(index).join("");
  const start = before.lastIndexOf(";") + 1;
  const endRel = after.indexOf(";");
  const statement = (before.slice(start) + (endRel < 0 ? after : after.slice(0, endRel + 1))).trim();
  return { line, column, statement: statement.length > 300 ? `${statement.slice(0, 297)}...` : statement };
}
function lineOfOffset(text, offset) {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

// src/core/release-locks.ts
var LOCK_LEVELS = [
  "ACCESS SHARE",
  "ROW SHARE",
  "ROW EXCLUSIVE",
  "SHARE UPDATE EXCLUSIVE",
  "SHARE",
  "SHARE ROW EXCLUSIVE",
  "EXCLUSIVE",
  "ACCESS EXCLUSIVE"
];
function lockBlocks(level) {
  switch (level) {
    case "ACCESS EXCLUSIVE":
      return "blocks reads and writes";
    case "EXCLUSIVE":
    case "SHARE ROW EXCLUSIVE":
    case "SHARE":
      return "blocks writes";
    case "SHARE UPDATE EXCLUSIVE":
      return "blocks schema changes, index builds and VACUUM, not reads or writes";
    case "ROW EXCLUSIVE":
      return "blocks index builds and schema changes, not reads or writes";
    case "ROW SHARE":
      return "blocks EXCLUSIVE and ACCESS EXCLUSIVE locks only";
    case "ACCESS SHARE":
      return "blocks ACCESS EXCLUSIVE locks only";
  }
}
function stronger(a, b) {
  return LOCK_LEVELS.indexOf(a) >= LOCK_LEVELS.indexOf(b) ? a : b;
}
function obj(v) {
  return v && typeof v === "object" ? v : void 0;
}
function list(v) {
  return Array.isArray(v) ? v.map((x) => obj(x) ?? {}) : [];
}
function tableOf(rangeVar) {
  const r = obj(rangeVar);
  const name = r?.["relname"];
  if (typeof name !== "string") return void 0;
  const schema = r?.["schemaname"];
  return `${typeof schema === "string" ? schema : "public"}.${name}`;
}
function qualifiedName(items) {
  const parts = items.map((i) => obj(i["String"])?.["sval"]).filter((s) => typeof s === "string");
  if (parts.length === 0) return void 0;
  return parts.length === 1 ? `public.${parts[0]}` : parts.slice(-2).join(".");
}
function foreignKeyTargets(constraints) {
  return constraints.map((c) => obj(c["Constraint"])).filter((c) => c?.["contype"] === "CONSTR_FOREIGN").map((c) => tableOf(c["pktable"])).filter((t) => t !== void 0);
}
function subcommandWords(subtype) {
  return subtype.replace(/^AT_/, "").replace(/([a-z])([A-Z])/g, "$1 $2").toUpperCase();
}
var LIGHT_RELOPTIONS = /^(fillfactor|parallel_workers|toast_tuple_target|autovacuum_\w+|toast\.autovacuum_\w+)$/;
var SHARE_UPDATE_EXCLUSIVE_SUBCOMMANDS = /* @__PURE__ */ new Set([
  "AT_ValidateConstraint",
  "AT_SetStatistics",
  "AT_SetOptions",
  "AT_ResetOptions",
  "AT_ClusterOn",
  "AT_DropCluster",
  "AT_AttachPartition"
]);
var TRIGGER_SUBCOMMANDS = /^AT_(Enable|Disable)\w*Trig\w*$/;
function alterTableLocks(body) {
  const objtype = body["objtype"];
  if (objtype !== "OBJECT_TABLE" && objtype !== "OBJECT_MATVIEW" && objtype !== "OBJECT_FOREIGN_TABLE") return [];
  const table = tableOf(body["relation"]);
  if (!table) return [];
  const locks = [];
  for (const wrapped of list(body["cmds"])) {
    const cmd = obj(wrapped["AlterTableCmd"]) ?? {};
    const subtype = String(cmd["subtype"] ?? "");
    const def = obj(cmd["def"]) ?? {};
    const constraint = obj(def["Constraint"]);
    let level = "ACCESS EXCLUSIVE";
    let words = subcommandWords(subtype);
    if (SHARE_UPDATE_EXCLUSIVE_SUBCOMMANDS.has(subtype)) level = "SHARE UPDATE EXCLUSIVE";
    else if (TRIGGER_SUBCOMMANDS.test(subtype)) level = "SHARE ROW EXCLUSIVE";
    else if (subtype === "AT_SetRelOptions" || subtype === "AT_ResetRelOptions") {
      const names = list(obj(def["List"])?.["items"]).map((d) => {
        const e = obj(d["DefElem"]) ?? {};
        return e["defnamespace"] ? `${String(e["defnamespace"])}.${String(e["defname"])}` : String(e["defname"]);
      });
      if (names.every((n) => LIGHT_RELOPTIONS.test(n))) level = "SHARE UPDATE EXCLUSIVE";
    } else if (subtype === "AT_DetachPartition" && obj(def["PartitionCmd"])?.["concurrent"] === true) {
      level = "SHARE UPDATE EXCLUSIVE";
    } else if (subtype === "AT_AddConstraint" && constraint?.["contype"] === "CONSTR_FOREIGN") {
      level = "SHARE ROW EXCLUSIVE";
      words = "ADD FOREIGN KEY";
    }
    locks.push({ table, level, what: `ALTER TABLE \u2026 ${words}` });
    const fkHolders = constraint ? [{ Constraint: constraint }] : list(obj(def["ColumnDef"])?.["constraints"]);
    for (const target of foreignKeyTargets(fkHolders))
      locks.push({ table: target, level: "SHARE ROW EXCLUSIVE", what: `ALTER TABLE ${table} \u2026 REFERENCES` });
    const partition = tableOf(obj(def["PartitionCmd"])?.["name"]);
    if (partition) {
      const partitionLevel = subtype === "AT_DetachPartition" ? level : "ACCESS EXCLUSIVE";
      locks.push({ table: partition, level: partitionLevel, what: `ALTER TABLE ${table} \u2026 ${words}` });
    }
  }
  return locks;
}
function createTableLocks(body, table) {
  const elements = list(body["tableElts"]);
  const constraints = [...elements.filter((e) => e["Constraint"]), ...elements.flatMap((e) => list(obj(e["ColumnDef"])?.["constraints"]))];
  const locks = foreignKeyTargets(constraints).map((target) => ({
    table: target,
    level: "SHARE ROW EXCLUSIVE",
    what: `CREATE TABLE ${table} \u2026 REFERENCES`
  }));
  const partition = Boolean(body["partbound"]);
  for (const r of list(body["inhRelations"])) {
    const parent = tableOf(r["RangeVar"]);
    if (parent)
      locks.push(
        partition ? { table: parent, level: "ACCESS EXCLUSIVE", what: `CREATE TABLE ${table} PARTITION OF` } : { table: parent, level: "SHARE UPDATE EXCLUSIVE", what: `CREATE TABLE ${table} INHERITS` }
      );
  }
  return locks;
}
function lockStatementLevel(mode) {
  return typeof mode === "number" && mode >= 1 && mode <= 8 ? LOCK_LEVELS[mode - 1] : "ACCESS EXCLUSIVE";
}
function each(relations, level, what, key = "RangeVar") {
  return list(relations).map((r) => tableOf(obj(r[key])?.["relation"] ?? r[key])).filter((t) => t !== void 0).map((table) => ({ table, level, what }));
}
function one(rangeVar, level, what) {
  const table = tableOf(rangeVar);
  return table ? [{ table, level, what }] : [];
}
var DROPPED_RELATIONS = {
  OBJECT_TABLE: "DROP TABLE",
  OBJECT_MATVIEW: "DROP MATERIALIZED VIEW",
  OBJECT_FOREIGN_TABLE: "DROP FOREIGN TABLE"
};
function statementLocks(node, body) {
  switch (node) {
    case "AlterTableStmt":
      return { locks: alterTableLocks(body) };
    case "CreateStmt": {
      const table = tableOf(body["relation"]);
      return table ? { locks: createTableLocks(body, table), creates: table } : { locks: [] };
    }
    case "CreateTableAsStmt": {
      const table = tableOf(obj(obj(body["into"])?.["rel"]));
      return table ? { locks: [], creates: table } : { locks: [] };
    }
    case "IndexStmt":
      return body["concurrent"] ? { locks: one(body["relation"], "SHARE UPDATE EXCLUSIVE", "CREATE INDEX CONCURRENTLY") } : { locks: one(body["relation"], "SHARE", "CREATE INDEX") };
    case "CreateTrigStmt":
      return { locks: one(body["relation"], "SHARE ROW EXCLUSIVE", "CREATE TRIGGER") };
    case "RuleStmt":
      return { locks: one(body["relation"], "ACCESS EXCLUSIVE", "CREATE RULE") };
    case "CreatePolicyStmt":
    case "AlterPolicyStmt":
      return { locks: one(body["table"], "ACCESS EXCLUSIVE", node === "CreatePolicyStmt" ? "CREATE POLICY" : "ALTER POLICY") };
    case "DropStmt": {
      const type = String(body["removeType"] ?? "");
      const objects = list(body["objects"]).map((o) => list(obj(o["List"])?.["items"]));
      if (DROPPED_RELATIONS[type]) {
        const what = DROPPED_RELATIONS[type];
        return { locks: objects.flatMap((o) => qualifiedName(o) ?? []).map((table) => ({ table, level: "ACCESS EXCLUSIVE", what })) };
      }
      if (type === "OBJECT_TRIGGER" || type === "OBJECT_RULE" || type === "OBJECT_POLICY") {
        const what = `DROP ${type.slice("OBJECT_".length)}`;
        return {
          locks: objects.flatMap((o) => qualifiedName(o.slice(0, -1)) ?? []).map((table) => ({ table, level: "ACCESS EXCLUSIVE", what }))
        };
      }
      return { locks: [] };
    }
    case "TruncateStmt":
      return { locks: each(body["relations"], "ACCESS EXCLUSIVE", "TRUNCATE") };
    case "RenameStmt": {
      const type = String(body["renameType"] ?? "");
      const onTable = type === "OBJECT_TABLE" || body["relationType"] === "OBJECT_TABLE";
      const table = onTable ? tableOf(body["relation"]) : void 0;
      if (!table) return { locks: [] };
      const what = `ALTER TABLE \u2026 RENAME${type === "OBJECT_TABLE" ? "" : ` ${type.slice("OBJECT_".length).replace("TABCONSTRAINT", "CONSTRAINT")}`}`;
      const locks = [{ table, level: "ACCESS EXCLUSIVE", what }];
      return type === "OBJECT_TABLE" && typeof body["newname"] === "string" ? { locks, renames: { from: table, to: `${table.slice(0, table.lastIndexOf("."))}.${body["newname"]}` } } : { locks };
    }
    case "InsertStmt":
    case "UpdateStmt":
    case "DeleteStmt":
    case "MergeStmt":
      return { locks: one(body["relation"], "ROW EXCLUSIVE", node.replace(/Stmt$/, "").toUpperCase()) };
    case "CopyStmt":
      return body["is_from"] ? { locks: one(body["relation"], "ROW EXCLUSIVE", "COPY FROM") } : { locks: [] };
    case "VacuumStmt": {
      const full = list(body["options"]).some((o) => obj(o["DefElem"])?.["defname"] === "full");
      const what = body["is_vacuumcmd"] ? full ? "VACUUM FULL" : "VACUUM" : "ANALYZE";
      return { locks: each(body["rels"], full ? "ACCESS EXCLUSIVE" : "SHARE UPDATE EXCLUSIVE", what, "VacuumRelation") };
    }
    case "ClusterStmt":
      return { locks: one(body["relation"], "ACCESS EXCLUSIVE", "CLUSTER") };
    case "ReindexStmt": {
      if (body["kind"] !== "REINDEX_OBJECT_TABLE") return { locks: [] };
      const concurrently = list(body["params"]).some((o) => obj(o["DefElem"])?.["defname"] === "concurrently");
      return concurrently ? { locks: one(body["relation"], "SHARE UPDATE EXCLUSIVE", "REINDEX TABLE CONCURRENTLY") } : { locks: one(body["relation"], "SHARE", "REINDEX TABLE") };
    }
    case "RefreshMatViewStmt":
      return body["concurrent"] ? { locks: one(body["relation"], "EXCLUSIVE", "REFRESH MATERIALIZED VIEW CONCURRENTLY") } : { locks: one(body["relation"], "ACCESS EXCLUSIVE", "REFRESH MATERIALIZED VIEW") };
    case "LockStmt": {
      const level = lockStatementLevel(body["mode"]);
      return { locks: each(body["relations"], level, `LOCK TABLE \u2026 IN ${level} MODE`) };
    }
    default:
      return { locks: [] };
  }
}
function releaseLocks(files) {
  const created = /* @__PURE__ */ new Set();
  const byTable = /* @__PURE__ */ new Map();
  const notAnalysed = [];
  for (const file of files) {
    if (!file.statements) {
      notAnalysed.push(file.label);
      continue;
    }
    for (const { line, locks } of file.statements) {
      for (const lock of locks.locks) {
        if (created.has(lock.table)) continue;
        const entry = byTable.get(lock.table) ?? { table: lock.table, level: lock.level, blocks: "", statements: [] };
        entry.level = stronger(entry.level, lock.level);
        entry.statements.push({ at: `${file.label}:${line}`, level: lock.level, what: lock.what });
        byTable.set(lock.table, entry);
      }
      if (locks.creates) created.add(locks.creates);
      if (locks.renames && created.has(locks.renames.from)) created.add(locks.renames.to);
    }
  }
  const tables = [...byTable.values()].map((t) => ({ ...t, blocks: lockBlocks(t.level) })).sort((a, b) => LOCK_LEVELS.indexOf(b.level) - LOCK_LEVELS.indexOf(a.level));
  return { tables, notAnalysed };
}
var SHOWN_STATEMENTS = 3;
function describeReleaseLocks(release, locks) {
  const tables = locks.tables.map((t) => {
    const strongest = t.statements.filter((s) => s.level === t.level);
    const shown = strongest.slice(0, SHOWN_STATEMENTS).map((s) => `${s.at} ${s.what}`);
    if (strongest.length > SHOWN_STATEMENTS) shown.push(`${strongest.length - SHOWN_STATEMENTS} more`);
    return `${t.table} ${t.level} (${t.blocks}: ${shown.join(", ")})`;
  });
  const head = `${release} locks: ${tables.length ? tables.join("; ") : "none on tables that existed before it"}`;
  return locks.notAnalysed.length ? `${head}; not known ahead for ${locks.notAnalysed.join(", ")} (run as written)` : head;
}

// src/adapters/sql-statements.ts
var parser;
function loadParser() {
  parser ??= import("./chunk-LUGHXCYJ.js").then((m) => "parse" in m && typeof m.parse === "function" ? m : m.default).catch((e) => {
    parser = void 0;
    throw new HopError(`the SQL parser (libpg-query) cannot be loaded: ${e instanceof Error ? e.message : String(e)}`, {
      kind: "failed",
      hint: "reinstall hop-ci: dist/libpg-query.wasm must sit beside dist/cli.js and dist/index.js",
      code: "sql-parser-missing"
    });
  });
  return parser;
}
function obj2(v) {
  return v && typeof v === "object" ? v : void 0;
}
function hasDefElem(list2, name) {
  return Array.isArray(list2) && list2.some((d) => obj2(obj2(d)?.["DefElem"])?.["defname"] === name);
}
function nonTransactionalReason(node, body, serverMajor) {
  switch (node) {
    case "IndexStmt":
      return body["concurrent"] ? "CREATE INDEX CONCURRENTLY" : void 0;
    case "DropStmt":
      return body["concurrent"] ? "DROP INDEX CONCURRENTLY" : void 0;
    case "ReindexStmt": {
      if (hasDefElem(body["params"], "concurrently")) return "REINDEX CONCURRENTLY";
      const kind = String(body["kind"] ?? "");
      return kind === "REINDEX_OBJECT_DATABASE" || kind === "REINDEX_OBJECT_SYSTEM" ? "REINDEX DATABASE/SYSTEM" : void 0;
    }
    case "VacuumStmt":
      return body["is_vacuumcmd"] ? "VACUUM" : void 0;
    case "CreatedbStmt":
      return "CREATE DATABASE";
    case "DropdbStmt":
      return "DROP DATABASE";
    case "AlterSystemStmt":
      return "ALTER SYSTEM";
    case "CreateTableSpaceStmt":
      return "CREATE TABLESPACE";
    case "DropTableSpaceStmt":
      return "DROP TABLESPACE";
    case "AlterEnumStmt":
      return body["newVal"] !== void 0 && body["oldVal"] === void 0 && serverMajor < 12 ? "ALTER TYPE \u2026 ADD VALUE (server < 12)" : void 0;
    case "ClusterStmt":
      return body["relation"] === void 0 ? "CLUSTER without a table" : void 0;
    case "AlterTableStmt": {
      const cmds = Array.isArray(body["cmds"]) ? body["cmds"] : [];
      const detach = cmds.some((c) => {
        const cmd = obj2(obj2(c)?.["AlterTableCmd"]);
        return cmd?.["subtype"] === "AT_DetachPartition" && obj2(obj2(cmd["def"])?.["PartitionCmd"])?.["concurrent"] === true;
      });
      return detach ? "ALTER TABLE \u2026 DETACH PARTITION CONCURRENTLY" : void 0;
    }
    case "CreateSubscriptionStmt":
      return "CREATE SUBSCRIPTION";
    case "DropSubscriptionStmt":
      return "DROP SUBSCRIPTION";
    default:
      return void 0;
  }
}
function transactionControl(node, body) {
  if (node !== "TransactionStmt") return void 0;
  const kind = String(body["kind"] ?? "");
  if (kind === "TRANS_STMT_BEGIN" || kind === "TRANS_STMT_START") return "begin";
  if (kind === "TRANS_STMT_COMMIT") return "commit";
  if (kind === "TRANS_STMT_SAVEPOINT" || kind === "TRANS_STMT_RELEASE" || kind === "TRANS_STMT_ROLLBACK_TO") return void 0;
  return "other";
}
function byteToCharOffsets(text) {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length === text.length) return (b) => b;
  return (b) => bytes.subarray(0, b).toString("utf8").length;
}
async function splitSql(text, serverMajor) {
  const toChar = byteToCharOffsets(text);
  const { parse } = await loadParser();
  let tree;
  try {
    tree = await parse(text);
  } catch (e) {
    const details = e.sqlDetails;
    const position = toChar(details?.cursorPosition ?? 0);
    const line = lineOfOffset(text, position);
    const column = position - text.lastIndexOf("\n", position - 1);
    return { ok: false, message: e.message, line, column };
  }
  const statements = [];
  for (const raw of tree.stmts ?? []) {
    const wrapper = obj2(raw.stmt) ?? {};
    const node = Object.keys(wrapper)[0] ?? "Unknown";
    const body = obj2(wrapper[node]) ?? {};
    const startByte = raw.stmt_location ?? 0;
    const start = toChar(startByte);
    const end = raw.stmt_len ? toChar(startByte + raw.stmt_len) : text.length;
    const stmtText = text.slice(start, end);
    if (stmtText.trim() === "") continue;
    const firstChar = start + (stmtText.length - stmtText.trimStart().length);
    const statement = {
      text: stmtText,
      offset: start,
      line: lineOfOffset(text, firstChar),
      node,
      locks: statementLocks(node, body)
    };
    const reason = nonTransactionalReason(node, body, serverMajor);
    if (reason) statement.nonTransactional = reason;
    const control = transactionControl(node, body);
    if (control) statement.transactionControl = control;
    if (node === "IndexStmt" && body["concurrent"] && typeof body["idxname"] === "string") {
      const schema = obj2(body["relation"])?.["schemaname"];
      statement.concurrentIndex = { name: body["idxname"], ...typeof schema === "string" ? { schema } : {} };
    }
    const relation = obj2(body["relation"]);
    if (typeof relation?.["relname"] === "string") {
      const schema = relation["schemaname"];
      statement.relation = { name: relation["relname"], ...typeof schema === "string" ? { schema } : {} };
    }
    statements.push(statement);
  }
  return { ok: true, statements };
}
var MAY_END_TRANSACTION = /\b(concurrently|vacuum|database|system|tablespace|subscription|cluster|value|begin|start|commit|end|rollback|abort|prepare)\b/i;
async function statementsToCut(text, serverMajor) {
  if (!MAY_END_TRANSACTION.test(text)) return void 0;
  const split = await splitSql(text, serverMajor);
  if (split.ok && !split.statements.some((s) => s.nonTransactional || s.transactionControl)) return void 0;
  return split;
}

export {
  releaseLocks,
  describeReleaseLocks,
  locateSqlPosition,
  lineOfOffset,
  nonTransactionalReason,
  splitSql,
  statementsToCut
};
