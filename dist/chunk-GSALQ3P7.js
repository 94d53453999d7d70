import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  ManagedServer,
  PsqlFileError,
  connectClient,
  onInterrupt,
  quoteIdent,
  runChild,
  runPsqlWithEnv,
  serverMajorVersion,
  startEphemeralCluster
} from "./chunk-QNR2ZIHY.js";
import {
  lineOfOffset,
  locateSqlPosition
} from "./chunk-LGT3NFJ7.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";

// src/adapters/postgres/libpq-params.ts
import { readFileSync } from "node:fs";
var VARIABLES = {
  host: "PGHOST",
  hostaddr: "PGHOSTADDR",
  port: "PGPORT",
  dbname: "PGDATABASE",
  user: "PGUSER",
  password: "PGPASSWORD",
  passfile: "PGPASSFILE",
  channel_binding: "PGCHANNELBINDING",
  service: "PGSERVICE",
  options: "PGOPTIONS",
  application_name: "PGAPPNAME",
  sslmode: "PGSSLMODE",
  requiressl: "PGREQUIRESSL",
  sslcompression: "PGSSLCOMPRESSION",
  sslcert: "PGSSLCERT",
  sslkey: "PGSSLKEY",
  sslcertmode: "PGSSLCERTMODE",
  sslrootcert: "PGSSLROOTCERT",
  sslcrl: "PGSSLCRL",
  sslcrldir: "PGSSLCRLDIR",
  sslsni: "PGSSLSNI",
  requirepeer: "PGREQUIREPEER",
  require_auth: "PGREQUIREAUTH",
  ssl_min_protocol_version: "PGSSLMINPROTOCOLVERSION",
  ssl_max_protocol_version: "PGSSLMAXPROTOCOLVERSION",
  gssencmode: "PGGSSENCMODE",
  krbsrvname: "PGKRBSRVNAME",
  gsslib: "PGGSSLIB",
  gssdelegation: "PGGSSDELEGATION",
  connect_timeout: "PGCONNECT_TIMEOUT",
  client_encoding: "PGCLIENTENCODING",
  target_session_attrs: "PGTARGETSESSIONATTRS",
  load_balance_hosts: "PGLOADBALANCEHOSTS"
};
var CONNECTION_ONLY = /* @__PURE__ */ new Set([
  "keepalives",
  "keepalives_idle",
  "keepalives_interval",
  "keepalives_count",
  "tcp_user_timeout",
  "fallback_application_name"
]);
var DEFAULT_CONNECT_TIMEOUT_SECONDS = 15;
var HANDLED_BY_CALLER = /* @__PURE__ */ new Set(["host", "hostaddr", "port", "dbname", "user", "password"]);
function connectionSettings(params) {
  const env = {};
  const config = {};
  for (const [name, value] of params) {
    if (HANDLED_BY_CALLER.has(name)) continue;
    const variable = VARIABLES[name];
    if (!variable && !CONNECTION_ONLY.has(name)) {
      throw new HopError(`the database URL has a parameter libpq does not know: '${name}'`, {
        hint: "remove it, or spell it as in https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-PARAMKEYWORDS",
        code: "bad-database-url"
      });
    }
    if (variable) env[variable] = value;
  }
  const timeout = params.get("connect_timeout");
  if (timeout !== null) config.connectionTimeoutMillis = timeoutSeconds(timeout, "connect_timeout in the database URL") * 1e3;
  if (params.get("options")) config.options = params.get("options");
  if (params.get("client_encoding")) config.client_encoding = params.get("client_encoding");
  if (params.get("keepalives") === "0") config.keepAlive = false;
  else if (params.has("keepalives") || params.has("keepalives_idle")) {
    config.keepAlive = true;
    if (params.get("keepalives_idle")) config.keepAliveInitialDelayMillis = Number(params.get("keepalives_idle")) * 1e3;
  }
  const ssl = sslConfig(params);
  if (ssl !== void 0) config.ssl = ssl;
  return { env, pg: config };
}
function timeoutSeconds(text, what) {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isFinite(n)) {
    throw new HopError(`${what} must be a whole number of seconds, not '${text}'`, { code: "bad-input" });
  }
  return n;
}
function readCertificate(file, parameter) {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new HopError(`cannot read ${parameter} ${file}: ${e.message}`, {
      hint: `give the path of a PEM file readable by the job in the database URL's ${parameter}`,
      code: "bad-database-url"
    });
  }
}
function sslConfig(params) {
  const mode = params.get("sslmode") ?? (params.get("requiressl") === "1" ? "require" : void 0);
  if (!mode || mode === "disable" || mode === "allow" || mode === "prefer") return void 0;
  const files = {};
  if (params.get("sslrootcert") && params.get("sslrootcert") !== "system")
    files.ca = readCertificate(params.get("sslrootcert"), "sslrootcert");
  if (params.get("sslcert")) files.cert = readCertificate(params.get("sslcert"), "sslcert");
  if (params.get("sslkey")) files.key = readCertificate(params.get("sslkey"), "sslkey");
  if (mode === "require" && !files.ca) return { ...files, rejectUnauthorized: false };
  if (mode === "verify-full") return { ...files, rejectUnauthorized: true };
  return { ...files, rejectUnauthorized: true, checkServerIdentity: () => void 0 };
}
var FROM_URL_ONLY = /* @__PURE__ */ new Set(["host", "hostaddr", "port", "dbname", "user", "service"]);
function withLibpqDefaults(url, env) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  const params = u.searchParams;
  const hasPassword = u.password !== "" || params.has("password");
  for (const [name, variable] of Object.entries(VARIABLES)) {
    const value = env[variable];
    if (!value || FROM_URL_ONLY.has(name) || params.has(name) || name === "password" && hasPassword) continue;
    params.set(name, value);
  }
  if (!params.has("connect_timeout")) params.set("connect_timeout", String(DEFAULT_CONNECT_TIMEOUT_SECONDS));
  return u.toString();
}

// src/adapters/postgres/server.ts
var SERVER_VARIABLES = ["PGHOST", "PGHOSTADDR", "PGSERVICE"];
var PASSED_VARIABLES = [
  "PGHOST",
  "PGHOSTADDR",
  "PGPORT",
  "PGUSER",
  "PGPASSWORD",
  "PGPASSFILE",
  "PGSERVICE",
  "PGSERVICEFILE",
  "PGSSLMODE",
  "PGSSLROOTCERT",
  "PGSSLCERT",
  "PGSSLKEY",
  "PGCONNECT_TIMEOUT",
  "PGAPPNAME"
];
async function openDatabaseServer(options) {
  const url = options.databaseUrl || options.env["DATABASE_URL"];
  let address;
  if (url) address = addressFromUrl(url);
  else if (SERVER_VARIABLES.some((v) => options.env[v])) address = addressFromVariables(options.env);
  if (!address) return startEphemeralCluster({ ...options.log ? { log: options.log } : {}, env: options.env });
  const admin = await connectClient(
    address,
    address.maintenanceDb,
    "or leave them all unset to let hop-ci start a throwaway PostgreSQL of its own"
  );
  const majorVersion = await serverMajorVersion(admin);
  options.log?.(`using PostgreSQL ${majorVersion} at ${address.describe}`);
  let unregister = () => void 0;
  const server = new ManagedServer(address, majorVersion, admin, async () => unregister(), true);
  unregister = onInterrupt(() => server.close());
  return server;
}
function sslFor(mode) {
  if (!mode || mode === "disable" || mode === "allow" || mode === "prefer") return void 0;
  return mode === "require" ? { rejectUnauthorized: false } : true;
}
function buildUrl(a, db) {
  const auth = `${encodeURIComponent(a.user)}${a.password !== void 0 ? `:${encodeURIComponent(a.password)}` : ""}@`;
  const host = a.host.startsWith("/") ? encodeURIComponent(a.host) : a.host.includes(":") ? `[${a.host}]` : a.host;
  const query = a.params && [...a.params.keys()].length ? `?${a.params.toString()}` : "";
  return `postgresql://${auth}${host}:${a.port}/${encodeURIComponent(db)}${query}`;
}
function addressFromUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw badUrl();
  }
  if (u.protocol !== "postgres:" && u.protocol !== "postgresql:") throw badUrl();
  const params = new URLSearchParams(u.search);
  const host = params.get("host") ?? (decodeURIComponent(u.hostname.replace(/^\[|\]$/g, "")) || "localhost");
  const port = Number(params.get("port") ?? (u.port || 5432));
  const user = decodeURIComponent(u.username) || params.get("user") || "postgres";
  const password = u.password ? decodeURIComponent(u.password) : params.get("password") ?? void 0;
  const maintenanceDb = decodeURIComponent(u.pathname.replace(/^\//, "")) || params.get("dbname") || "postgres";
  const settings = connectionSettings(params);
  const kept = new URLSearchParams([...params].filter(([name]) => !["host", "port", "user", "password", "dbname"].includes(name)));
  const env = { ...settings.env, PGHOST: host, PGPORT: String(port), PGUSER: user };
  if (password !== void 0) env["PGPASSWORD"] = password;
  return {
    pg: { ...settings.pg, host, port, user, ...password !== void 0 ? { password } : {} },
    env,
    maintenanceDb,
    url: (db) => buildUrl({ user, ...password !== void 0 ? { password } : {}, host, port, params: kept }, db),
    describe: `${host}:${port}`
  };
}
function addressFromVariables(env) {
  const host = env["PGHOST"] || env["PGHOSTADDR"] || "localhost";
  const port = Number(env["PGPORT"] || 5432);
  const user = env["PGUSER"] || "postgres";
  const password = env["PGPASSWORD"] || void 0;
  const passed = {};
  for (const name of PASSED_VARIABLES) if (env[name]) passed[name] = env[name];
  const ssl = sslFor(env["PGSSLMODE"]);
  const kept = new URLSearchParams();
  if (env["PGSSLMODE"]) kept.set("sslmode", env["PGSSLMODE"]);
  return {
    pg: { host, port, user, ...password ? { password } : {}, ...ssl !== void 0 ? { ssl } : {} },
    env: { ...passed, PGHOST: host, PGPORT: String(port), PGUSER: user },
    maintenanceDb: env["PGDATABASE"] || "postgres",
    url: (db) => buildUrl({ user, ...password ? { password } : {}, host, port, params: kept }, db),
    describe: `${host}:${port}`
  };
}
function badUrl() {
  return new HopError("the database URL is not a postgres:// or postgresql:// URL", {
    hint: "write it as postgresql://USER:PASSWORD@HOST:PORT/DATABASE (--database-url or DATABASE_URL)",
    code: "bad-database-url"
  });
}

// src/adapters/postgres/release-executor.ts
import path from "node:path";

// src/core/sql-batch.ts
var CHUNK_SEPARATOR = "\n;\n";
function batchChunks(texts, around = {}) {
  if (texts.length === 0 || !texts.every(endsInPlainSql)) return void 0;
  const prefix = around.prefix ?? "";
  const starts = [];
  const lengths = [];
  const separator = codePoints(CHUNK_SEPARATOR);
  let at = codePoints(prefix);
  for (const text of texts) {
    starts.push(at);
    const length = codePoints(text);
    lengths.push(length);
    at += length + separator;
  }
  return { text: `${prefix}${texts.join(CHUNK_SEPARATOR)}${CHUNK_SEPARATOR}${around.suffix ?? ""}`, starts, lengths, suffixStart: at };
}
function chunkAtPosition(batch, position) {
  const at = position - 1;
  for (let i = 0; i < batch.starts.length; i++) {
    const start = batch.starts[i];
    if (at >= start && at < start + batch.lengths[i]) return { index: i, position: at - start + 1 };
  }
  return void 0;
}
function codePoints(text) {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 55296 && c <= 56319 && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 56320 && d <= 57343) i++;
    }
    n++;
  }
  return n;
}
var isIdentChar = (c) => c !== void 0 && /[\p{L}\p{N}_$\u0080-\uffff]/u.test(c);
var DOLLAR_TAG = /\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;
function endsInPlainSql(sql) {
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === "-" && next === "-") {
      const eol = sql.indexOf("\n", i + 2);
      if (eol < 0) return true;
      i = eol + 1;
      continue;
    }
    if (c === "/" && next === "*") {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === "/" && sql[i + 1] === "*") {
          depth++;
          i += 2;
        } else if (sql[i] === "*" && sql[i + 1] === "/") {
          depth--;
          i += 2;
        } else i++;
      }
      if (depth > 0) return false;
      continue;
    }
    if (c === "'" || c === '"') {
      const escapes = c === "'" && (sql[i - 1] === "E" || sql[i - 1] === "e") && !isIdentChar(sql[i - 2]);
      i = afterQuoted(sql, i, escapes);
      if (i < 0) return false;
      continue;
    }
    if (c === "$" && !isIdentChar(sql[i - 1])) {
      DOLLAR_TAG.lastIndex = i;
      const tag = DOLLAR_TAG.exec(sql);
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        if (end < 0) return false;
        i = end + tag[0].length;
        continue;
      }
    }
    i++;
  }
  return true;
}
function afterQuoted(sql, start, escapes) {
  const quote = sql[start];
  for (let i = start + 1; i < sql.length; i++) {
    const d = sql[i];
    if (d === "\\" && quote === "'") {
      if (!escapes) return -1;
      i++;
    } else if (d === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i++;
    }
  }
  return -1;
}

// src/adapters/postgres/lock-blockers.ts
var BLOCKERS_SQL = `SELECT pid, application_name, usename, state,
    to_char(coalesce(xact_start, backend_start) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS since,
    left(regexp_replace(query, '\\s+', ' ', 'g'), 200) AS query
  FROM pg_stat_activity WHERE pid = ANY (pg_blocking_pids($1)) ORDER BY pid`;
function describeBlockers(blockers, separator) {
  return blockers.map(
    (b) => `pid ${b.pid}, application_name '${b.application_name}', user ${b.usename ?? "?"}, ${b.state ?? "state unknown"}${b.since ? ` since ${b.since}` : ""}, last query: ${b.query ?? "?"}`
  ).join(separator);
}
async function watchBlockers(client, openMonitor) {
  const known = client.processID;
  const pid = typeof known === "number" ? known : (await client.query("SELECT pg_backend_pid() AS pid")).rows[0].pid;
  let monitor;
  let timer;
  let seen = [];
  let asking = false;
  const ask = async () => {
    if (asking) return;
    asking = true;
    try {
      monitor ??= openMonitor().catch(() => void 0);
      const m = await monitor;
      const found = m ? (await m.query(BLOCKERS_SQL, [pid])).rows : [];
      if (found.length) seen = found;
    } catch {
    } finally {
      asking = false;
    }
  };
  return {
    arm(everyMs) {
      seen = [];
      clearInterval(timer);
      timer = setInterval(() => void ask(), everyMs);
      timer.unref();
    },
    disarm() {
      clearInterval(timer);
      timer = void 0;
      return seen;
    },
    async close() {
      clearInterval(timer);
      const m = await monitor;
      await m?.end().catch(() => void 0);
    }
  };
}

// src/adapters/postgres/release-executor.ts
var PatchApplyError = class extends HopError {
  constructor(patch, fileName, detail, location, hint) {
    const at = `${location.file}${location.line ? `:${location.line}` : ""}${location.line && location.column ? `:${location.column}` : ""}`;
    const lines = [`patch ${patch}: ${at}: ${detail.message}`];
    if (detail.pgDetail) lines.push(`  detail: ${detail.pgDetail}`);
    if (detail.statement) lines.push(`  statement: ${detail.statement.replace(/\s+/g, " ")}`);
    if (detail.where) lines.push(`  context: ${detail.where.replace(/\s+/g, " ")}`);
    super(lines.join("\n"), {
      kind: "failed",
      file: location.file,
      ...location.line ? { line: location.line } : {},
      ...location.column ? { column: location.column } : {},
      hint: detail.pgHint ? `PostgreSQL: ${detail.pgHint}` : hint,
      code: "patch-failed"
    });
    this.patch = patch;
    this.fileName = fileName;
    this.detail = detail;
  }
  patch;
  fileName;
  detail;
};
var LOCK_NOT_AVAILABLE = "55P03";
function isServerError(e) {
  const code = e?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code);
}
async function runParts(parts, target, options = {}) {
  const now = options.now ?? (() => performance.now());
  const ran = [];
  const from = options.from ?? 0;
  const watch = options.lock && target.openMonitor ? await watchBlockers(target.client, target.openMonitor) : void 0;
  try {
    for (let i = from; i < parts.length; i++) {
      const part = parts[i];
      const last = i === parts.length - 1;
      const resumed = Boolean(options.resuming) && i === from;
      if (part.kind === "transaction") {
        await runTransaction(
          part.chunks,
          target,
          options,
          now,
          watch,
          options.record?.(i, last),
          i === from ? options.sessionPrefix : void 0
        );
        ran.push(...filesOf(part.chunks));
        options.onPartDone?.(i);
        continue;
      }
      if (i === from && options.sessionPrefix) await target.client.query(options.sessionPrefix);
      if (part.kind === "statement") await runStatement(part.file, part.statement, target, resumed);
      else {
        if (resumed) target.log(`${part.file.path} may have run before the previous run stopped: it runs again`);
        if (part.kind === "psql") await runPsqlPart(part.file, target);
        else await runPythonPart(part.file, target);
      }
      ran.push({ patch: part.file.patch, name: part.file.name, kind: part.file.kind });
      if (options.record) {
        const client = target.client;
        try {
          await client.query(`BEGIN;
${options.record(i, last)};
COMMIT`);
        } catch (e) {
          await client.query("ROLLBACK").catch(() => void 0);
          throw isServerError(e) ? recordFailure(e) : e;
        }
      }
      options.onPartDone?.(i);
    }
  } finally {
    await watch?.close();
  }
  return ran;
}
function filesOf(chunks) {
  const files = [];
  for (const { file } of chunks) {
    const same = files[files.length - 1];
    if (!same || same.patch !== file.patch || same.name !== file.name) files.push({ patch: file.patch, name: file.name, kind: "sql" });
  }
  return files;
}
async function runTransaction(chunks, target, options, now, watch, record, sessionPrefix) {
  const { client } = target;
  const session = sessionPrefix;
  const lock = options.lock;
  const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const oneMessage = !lock?.statementTimeoutMs;
  const started = now();
  let blockers = [];
  for (let attempt = 0; ; attempt++) {
    const begin = beginPart(lock, lock ? lock.lockWaitMs - (now() - started) : 0);
    const batch = oneMessage ? batchChunks(
      chunks.map((c) => c.text),
      { prefix: `${session ? `${session};
` : ""}${begin};
`, suffix: `${record ? `${record};
` : ""}COMMIT` }
    ) : void 0;
    let failedChunk;
    let recordFailed = false;
    watch?.arm(lock ? Math.min(lock.lockTimeoutMs / 2, 1e3) : 1e3);
    try {
      if (batch) await client.query(batch.text);
      else {
        if (session) await client.query(session);
        await client.query(begin);
        for (let c = 0; c < chunks.length; c++) {
          failedChunk = c;
          await client.query(chunks[c].text);
        }
        failedChunk = void 0;
        recordFailed = true;
        if (record) await client.query(record);
        recordFailed = false;
        await client.query("COMMIT");
      }
      watch?.disarm();
      return;
    } catch (e) {
      const seen = watch?.disarm() ?? [];
      if (seen.length) blockers = seen;
      await client.query("ROLLBACK").catch(() => void 0);
      if (lock && e.code === LOCK_NOT_AVAILABLE) {
        const wait = Math.min(250 * 2 ** attempt, 5e3, lock.lockWaitMs - (now() - started));
        if (wait > 0) {
          target.log(
            `a lock is held by another session${blockers.length ? ` (${describeBlockers(blockers, "; ")})` : ""}: nothing of this part was kept; trying again in ${(wait / 1e3).toFixed(1)} s`
          );
          await sleep(wait);
          continue;
        }
        throw lockWaitError(chunks, lock, blockers);
      }
      if (!isServerError(e)) throw e;
      if (batch) throw await batchFailure(chunks, batch, record, e, target, lock);
      if (failedChunk !== void 0) throw await sqlFailure(chunks, failedChunk, e, target);
      if (recordFailed) throw recordFailure(e);
      throw sqlErrorAtCommit(chunks, e);
    }
  }
}
function beginPart(lock, remainingMs) {
  if (!lock) return "BEGIN";
  const settings = [`SET LOCAL lock_timeout = ${Math.max(1, Math.round(Math.min(lock.lockTimeoutMs, remainingMs)))}`];
  if (lock.statementTimeoutMs) settings.push(`SET LOCAL statement_timeout = ${Math.round(lock.statementTimeoutMs)}`);
  return ["BEGIN", ...settings].join("; ");
}
function recordFailure(e) {
  return new HopError(`the part could not be recorded, so it was rolled back: ${e.message}`, {
    kind: "failed",
    hint: "the role needs to write hop-ci's record (schema hop_ci) and half_orm_meta.hop_release",
    code: "record-failed"
  });
}
async function batchFailure(chunks, batch, record, err, target, lock) {
  const at = err.position ? chunkAtPosition(batch, Number(err.position)) : void 0;
  if (at) return sqlFailure(chunks, at.index, Object.assign(err, { position: String(at.position) }), target);
  if (err.position && Number(err.position) > batch.suffixStart) return recordFailure(err);
  const { client } = target;
  let found;
  let step = "chunk";
  let index = 0;
  let open = true;
  try {
    await client.query(beginPart(lock, lock?.lockTimeoutMs ?? 0));
    try {
      for (index = 0; index < chunks.length; index++) await client.query(chunks[index].text);
      step = "record";
      if (record) await client.query(record);
      step = "commit";
      await client.query("SET CONSTRAINTS ALL IMMEDIATE");
    } catch (e) {
      open = false;
      await client.query("ROLLBACK").catch(() => void 0);
      if (isServerError(e)) {
        found = step === "chunk" ? await sqlFailure(chunks, index, e, target) : step === "record" ? recordFailure(e) : sqlErrorAtCommit(chunks, e);
      }
    }
  } catch {
  } finally {
    if (open) await client.query("ROLLBACK").catch(() => void 0);
  }
  if (found) return found;
  const files = [...new Set(chunks.map((c) => c.file.path))];
  const file = chunks[0].file;
  return new PatchApplyError(
    file.patch,
    file.name,
    {
      message: `${err.message} (in the transaction of ${files.join(", ")}, which did not fail when run again step by step)`,
      ...err.hint ? { pgHint: err.hint } : {},
      ...err.detail ? { pgDetail: err.detail } : {},
      ...err.where ? { where: err.where } : {}
    },
    { file: file.path },
    `check ${files.join(", ")} and run again`
  );
}
function lockWaitError(chunks, lock, blockers) {
  const files = [...new Set(chunks.map((c) => c.file.path))];
  return new HopError(
    `gave up after waiting ${Math.round(lock.lockWaitMs / 1e3)} s for locks held by other sessions; nothing of this part (${files.join(", ")}) was applied` + (blockers.length ? `
blocking sessions:
${describeBlockers(blockers, "\n")}` : "\nthe blocking sessions ended before they could be named"),
    {
      kind: "failed",
      ...files[0] ? { file: files[0] } : {},
      hint: "end or wait out the blocking sessions (an application left a transaction open?), or give the upgrade more time with --lock-wait SECONDS, then run the upgrade again",
      code: "lock-wait"
    }
  );
}
function locateInChunk(chunk, position) {
  const at = locateSqlPosition(chunk.text, position);
  const firstLine = lineOfOffset(chunk.file.text, chunk.offset);
  const startColumn = chunk.offset - chunk.file.text.lastIndexOf("\n", chunk.offset - 1);
  return { line: firstLine + at.line - 1, column: at.line === 1 ? startColumn + at.column - 1 : at.column, statement: at.statement };
}
async function sqlFailure(chunks, index, err, target) {
  const chunk = chunks[index];
  const file = chunk.file;
  let found;
  if (err.position) found = locateInChunk(chunk, Number(err.position));
  else found = await findFailingStatement(chunks, index, target);
  return new PatchApplyError(
    file.patch,
    file.name,
    {
      message: err.message,
      ...found ? { statement: found.statement } : {},
      ...err.hint ? { pgHint: err.hint } : {},
      ...err.detail ? { pgDetail: err.detail } : {},
      ...err.where ? { where: err.where } : {},
      ...err.code ? { sqlState: err.code } : {}
    },
    { file: file.path, ...found ? { line: found.line } : {}, ...found?.column ? { column: found.column } : {} },
    `fix ${file.path}${found ? ` at line ${found.line}` : ""} in patch ${file.patch} and run again`
  );
}
function sqlErrorAtCommit(chunks, err) {
  const file = chunks[chunks.length - 1].file;
  return new PatchApplyError(
    file.patch,
    file.name,
    { message: `at COMMIT: ${err.message}`, ...err.detail ? { pgDetail: err.detail } : {}, ...err.hint ? { pgHint: err.hint } : {} },
    { file: file.path },
    `a deferred constraint failed when the transaction ending with ${file.path} committed: fix the patch and run again`
  );
}
async function findFailingStatement(chunks, index, target) {
  const chunk = chunks[index];
  let statements = chunk.statements;
  if (!statements) {
    try {
      const { splitSql } = await import("./chunk-3766KK5J.js");
      const split = await splitSql(chunk.text, target.serverMajor);
      if (!split.ok) return void 0;
      statements = split.statements.map((s) => ({ ...s, offset: s.offset + chunk.offset }));
    } catch {
      return void 0;
    }
  }
  const { client } = target;
  try {
    await client.query("BEGIN");
    for (const earlier of chunks.slice(0, index)) await client.query(earlier.text);
    for (const s of statements) {
      try {
        await client.query(s.text);
      } catch (e) {
        const err = e;
        const trimmed = clip(s.text.trim());
        if (err.position) {
          const at = locateInChunk({ file: chunk.file, offset: s.offset, text: s.text }, Number(err.position));
          return { line: at.line, column: at.column, statement: trimmed };
        }
        return { line: s.line, statement: trimmed };
      }
    }
    return void 0;
  } catch {
    return void 0;
  } finally {
    await client.query("ROLLBACK").catch(() => void 0);
  }
}
function clip(s) {
  return s.length > 300 ? `${s.slice(0, 297)}...` : s;
}
async function runStatement(file, statement, target, resumed) {
  if (resumed && statement.concurrentIndex && await settleConcurrentIndex(target, statement.concurrentIndex)) return;
  try {
    await target.client.query(statement.text);
  } catch (e) {
    if (!isServerError(e)) throw e;
    const at = e.position ? locateInChunk({ file, offset: statement.offset, text: statement.text }, Number(e.position)) : void 0;
    throw new PatchApplyError(
      file.patch,
      file.name,
      {
        message: e.message,
        statement: clip(statement.text.trim()),
        ...e.hint ? { pgHint: e.hint } : {},
        ...e.detail ? { pgDetail: e.detail } : {},
        ...e.code ? { sqlState: e.code } : {}
      },
      { file: file.path, line: at?.line ?? statement.line, ...at ? { column: at.column } : {} },
      `fix ${file.path} at line ${at?.line ?? statement.line} in patch ${file.patch} and run again`
    );
  }
}
async function settleConcurrentIndex(target, index) {
  const qualified = index.schema ? `${quoteIdent(index.schema)}.${quoteIdent(index.name)}` : quoteIdent(index.name);
  const { rows } = await target.client.query(
    "SELECT (SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass($1)) AS valid",
    [qualified]
  );
  const valid = rows[0]?.valid;
  if (valid === true) {
    target.log(`index ${qualified} was completed by the previous run: kept`);
    return true;
  }
  if (valid === false) {
    target.log(`index ${qualified} was left invalid by the previous run: dropped and built again`);
    await target.client.query(`DROP INDEX CONCURRENTLY IF EXISTS ${qualified}`);
  }
  return false;
}
async function runPsqlPart(file, target) {
  const folder = await target.folderOf(file.patch);
  try {
    await runPsqlWithEnv(target.env, path.join(folder, file.name), { displayName: file.path, cwd: folder });
  } catch (e) {
    if (!(e instanceof PsqlFileError)) throw e;
    const p = e.psql;
    throw new PatchApplyError(
      file.patch,
      file.name,
      {
        message: p.message,
        ...p.statementLine ? { statement: p.statementLine } : {},
        ...p.hint ? { pgHint: p.hint } : {},
        ...p.detail ? { pgDetail: p.detail } : {}
      },
      { file: file.path, ...p.line ? { line: p.line } : {}, ...p.column ? { column: p.column } : {} },
      `fix ${file.path}${p.line ? ` at line ${p.line}` : ""} in patch ${file.patch} and run again`
    );
  }
}
async function runPythonPart(file, target) {
  if (target.refusePython) {
    throw new HopError(`patch ${file.patch}: ${file.path} is a Python file and Python files are refused (--no-python)`, {
      kind: "refused",
      file: file.path,
      hint: "drop --no-python (or the input python: refuse) to run it at its place, as validation did",
      code: "python-refused"
    });
  }
  const python = target.python ?? "python3";
  const folder = await target.folderOf(file.patch);
  let r;
  try {
    r = await runChild(python, [path.join(folder, file.name)], {
      env: target.env,
      cwd: folder,
      onLine: (l) => target.log(`    ${file.name}: ${l}`)
    });
  } catch (e) {
    throw new HopError(`patch ${file.patch}: cannot run ${file.path} with '${python}': ${e.message}`, {
      kind: "failed",
      file: file.path,
      hint: "install Python or name the project's interpreter with --python (e.g. --python .venv/bin/python)",
      code: "python-missing"
    });
  }
  if (r.code === 0) return;
  const frames = [...r.stderr.matchAll(/File "([^"]+)", line (\d+)/g)].filter((m) => path.basename(m[1]) === file.name);
  const line = frames.length ? Number(frames[frames.length - 1][2]) : void 0;
  const last = r.stderr.trim().split("\n").filter(Boolean);
  const message = last[last.length - 1] ?? `exited with code ${r.code ?? r.signal}`;
  throw new PatchApplyError(
    file.patch,
    file.name,
    {
      message: `${python} exited with ${r.code ?? r.signal}: ${message}`,
      ...last.length > 1 ? { where: last.slice(-6, -1).join(" | ") } : {}
    },
    { file: file.path, ...line ? { line } : {} },
    `fix ${file.path}${line ? ` at line ${line}` : ""} in patch ${file.patch} (it runs with the database connection in PG*, DATABASE_URL and HALFORM_CONF_DIR) and run again`
  );
}

export {
  withLibpqDefaults,
  openDatabaseServer,
  addressFromUrl,
  PatchApplyError,
  runParts
};
