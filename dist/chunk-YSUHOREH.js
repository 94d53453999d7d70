import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);

// src/adapters/postgres/catalog.ts
var IN_SCOPE = `n.nspname <> ALL($1::text[]) AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'`;
function notFromExtension(catalog, oid) {
  return `NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '${catalog}'::regclass AND dep.objid = ${oid} AND dep.deptype = 'e')`;
}
var RELATIONS = `
SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name, c.relkind, c.relpersistence,
  c.relrowsecurity, c.relforcerowsecurity,
  CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS viewdef,
  CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
  CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partbound,
  (SELECT string_agg(quote_ident(pn.nspname) || '.' || quote_ident(p.relname), ', ' ORDER BY i.inhseqno)
     FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
    WHERE i.inhrelid = c.oid) AS inherits
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm') AND ${IN_SCOPE} AND ${notFromExtension("pg_class", "c.oid")}`;
var COLUMNS = `
SELECT a.attrelid AS rel, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
  pg_get_expr(d.adbin, d.adrelid) AS "default", a.attidentity AS identity, a.attgenerated AS generated,
  CASE WHEN a.attcollation <> t.typcollation THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped`;
var CONSTRAINTS = `
SELECT con.conrelid AS rel, con.conname AS name, pg_get_constraintdef(con.oid, true) AS def
FROM pg_constraint con WHERE con.conrelid = ANY($1::oid[]) AND con.contype <> 'n'`;
var INDEXES = `
SELECT i.indrelid AS rel, ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def, i.indisvalid AS valid
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
WHERE i.indrelid = ANY($1::oid[])
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))`;
var TRIGGERS = `
SELECT t.tgrelid AS rel, t.tgname AS name, pg_get_triggerdef(t.oid, true) AS def, t.tgenabled AS enabled
FROM pg_trigger t WHERE t.tgrelid = ANY($1::oid[]) AND NOT t.tgisinternal`;
var POLICIES = `
SELECT p.polrelid AS rel, p.polname AS name, p.polcmd AS cmd, p.polpermissive AS permissive,
  pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS check,
  ARRAY(SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r) END FROM unnest(p.polroles) r ORDER BY 1) AS roles
FROM pg_policy p WHERE p.polrelid = ANY($1::oid[])`;
var SEQUENCES = `
SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name, format_type(s.seqtypid, NULL) AS type,
  s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max,
  s.seqcache::text AS cache, s.seqcycle AS cycle
FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE ${IN_SCOPE} AND ${notFromExtension("pg_class", "c.oid")}
  AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid AND dep.deptype = 'i')`;
var ROUTINES = `
SELECT quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name,
  p.prokind AS kind, pg_get_functiondef(p.oid) AS def
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind IN ('f', 'p', 'w') AND ${IN_SCOPE} AND ${notFromExtension("pg_proc", "p.oid")}`;
var TYPES = `
SELECT quote_ident(n.nspname) || '.' || quote_ident(t.typname) AS name, t.typtype AS type,
  CASE t.typtype
    WHEN 'e' THEN (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)
    WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod)
    WHEN 'r' THEN (SELECT format_type(r.rngsubtype, NULL) FROM pg_range r WHERE r.rngtypid = t.oid)
    WHEN 'c' THEN (SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                     FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)
  END AS def,
  t.typnotnull AS notnull, t.typdefault AS "default",
  (SELECT string_agg(con.conname || ' ' || pg_get_constraintdef(con.oid, true), '; ' ORDER BY con.conname)
     FROM pg_constraint con WHERE con.contypid = t.oid AND con.contype <> 'n') AS checks
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE ${IN_SCOPE} AND ${notFromExtension("pg_type", "t.oid")}
  AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))`;
var SCHEMAS = `SELECT quote_ident(n.nspname) AS name FROM pg_namespace n WHERE ${IN_SCOPE} AND ${notFromExtension("pg_namespace", "n.oid")}`;
var EXTENSIONS = `SELECT quote_ident(e.extname) AS name, quote_ident(n.nspname) AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace`;
var RELATION_KIND = { r: "table", p: "table", f: "foreign table", v: "view", m: "materialized view" };
var TYPE_KIND = { e: "enum type", d: "domain", r: "range type", c: "composite type" };
var POLICY_COMMAND = { r: "SELECT", a: "INSERT", w: "UPDATE", d: "DELETE", "*": "ALL" };
var TRIGGER_STATE = { O: "enabled", D: "disabled", R: "replica", A: "always" };
function props(values) {
  const out = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === void 0 || v === "" || v === false) continue;
    out[k] = v === true ? "yes" : String(v);
  }
  return out;
}
async function readCatalog(client, options = {}) {
  const exclude = [...options.exclude ?? []];
  const q = async (text, params) => (await client.query(text, params)).rows;
  const entries = [];
  for (const r of await q(SCHEMAS, [exclude])) entries.push({ kind: "schema", name: String(r["name"]), props: {} });
  for (const r of await q(EXTENSIONS, []))
    entries.push({ kind: "extension", name: String(r["name"]), props: props({ schema: r["schema"] }) });
  const relations = await q(RELATIONS, [exclude]);
  const parentOf = /* @__PURE__ */ new Map();
  for (const r of relations) {
    const kind = RELATION_KIND[String(r["relkind"])];
    const name = String(r["name"]);
    parentOf.set(Number(r["oid"]), `${kind} ${name}`);
    entries.push({
      kind,
      name,
      props: props({
        definition: r["viewdef"],
        unlogged: r["relpersistence"] === "u",
        "partitioned by": r["partkey"],
        "partition of": r["partbound"] ? `${r["inherits"]} ${r["partbound"]}` : void 0,
        inherits: r["partbound"] ? void 0 : r["inherits"],
        "row level security": r["relrowsecurity"] ? r["relforcerowsecurity"] ? "forced" : "enabled" : void 0
      })
    });
  }
  const oids = [...parentOf.keys()];
  const members = async (kind, sql, toProps) => {
    for (const r of await q(sql, [oids]))
      entries.push({ kind, name: String(r["name"]), parent: parentOf.get(Number(r["rel"])), props: toProps(r) });
  };
  await members(
    "column",
    COLUMNS,
    (r) => props({
      type: r["type"],
      "not null": r["notnull"],
      [r["generated"] === "s" ? "generated" : "default"]: r["default"],
      identity: r["identity"] === "a" ? "always" : r["identity"] === "d" ? "by default" : void 0,
      collation: r["collation"]
    })
  );
  await members("constraint", CONSTRAINTS, (r) => props({ definition: r["def"] }));
  await members("index", INDEXES, (r) => props({ definition: r["def"], invalid: r["valid"] === false }));
  await members(
    "trigger",
    TRIGGERS,
    (r) => props({ definition: r["def"], state: r["enabled"] === "O" ? void 0 : TRIGGER_STATE[String(r["enabled"])] })
  );
  await members(
    "policy",
    POLICIES,
    (r) => props({
      command: POLICY_COMMAND[String(r["cmd"])],
      restrictive: r["permissive"] === false,
      roles: r["roles"].join(", "),
      using: r["using"],
      "with check": r["check"]
    })
  );
  for (const r of await q(SEQUENCES, [exclude])) {
    const { name, ...rest } = r;
    entries.push({ kind: "sequence", name: String(name), props: props(rest) });
  }
  for (const r of await q(ROUTINES, [exclude]))
    entries.push({ kind: r["kind"] === "p" ? "procedure" : "function", name: String(r["name"]), props: props({ definition: r["def"] }) });
  for (const r of await q(TYPES, [exclude]))
    entries.push({
      kind: TYPE_KIND[String(r["type"])],
      name: String(r["name"]),
      props: props({ definition: r["def"], "not null": r["notnull"], default: r["default"], checks: r["checks"] })
    });
  return { entries };
}

export {
  readCatalog
};
