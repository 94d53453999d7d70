import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  GitReader,
  LEDGER_DDL,
  LEDGER_SCHEMA,
  LEDGER_TABLE,
  LEDGER_UPSERT,
  atomicityNotes,
  ledgerInsertValues,
  ledgerRecordSql,
  loadReleases,
  lockNotes,
  noVersionError,
  planUpgrade,
  prefetchReleases,
  releaseOfHopReleaseRow,
  renderFailureAdvice,
  renderUpgradePlan,
  renderUpgradeSummary,
  resolvePosition
} from "./chunk-KIYKKKM3.js";
import {
  loadState
} from "./chunk-4MWEZZMX.js";
import {
  addressFromUrl,
  changeSubject,
  compareCatalogs,
  oneLine,
  readCatalog,
  runParts,
  withLibpqDefaults
} from "./chunk-G4X6GR7L.js";
import {
  esm_default,
  findClientTool,
  libpqEnv,
  makeTempFolder,
  onInterrupt,
  quoteIdent,
  runChild,
  serverMajorVersion,
  startEphemeralCluster
} from "./chunk-UU474EXW.js";
import {
  describeAtomicity,
  locksOfRelease,
  summarizeParts
} from "./chunk-76OJBSLC.js";
import {
  MODEL_DIR,
  booleanInput
} from "./chunk-FKLMP36W.js";
import "./chunk-LPWK32I5.js";
import {
  compareReleases,
  formatRelease,
  parseRelease,
  releaseTag,
  tryParseRelease
} from "./chunk-QQ5U5J3B.js";
import {
  VERSION
} from "./chunk-EIFLYEQI.js";
import "./chunk-WSXT4SJN.js";
import "./chunk-LGT3NFJ7.js";
import {
  HopError,
  InternalError
} from "./chunk-ZOS35ALX.js";
import "./chunk-UQEAN7LJ.js";

// src/stages/upgrade.ts
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path4 from "node:path";

// src/adapters/postgres/upgrade/lock.ts
var LOCK_KEYS = [1752133677, 1970300786];
async function lockHolder(client) {
  const { rows } = await client.query(
    `SELECT a.pid, a.application_name, a.backend_start, a.state, host(a.client_addr) AS client_addr, a.usename
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 2
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [LOCK_KEYS[0], LOCK_KEYS[1]]
  );
  const r = rows[0];
  if (!r) return void 0;
  return {
    pid: r.pid,
    applicationName: r.application_name,
    backendStart: r.backend_start,
    state: r.state ?? "unknown",
    ...r.client_addr ? { client: r.client_addr } : {},
    ...r.usename ? { user: r.usename } : {}
  };
}
function describeHolder(h) {
  return `pid ${h.pid}, application "${h.applicationName || "(none)"}", connected since ${h.backendStart.toISOString()}${h.client ? ` from ${h.client}` : ""}, ${h.state}${h.user ? `, role ${h.user}` : ""}`;
}
async function acquireUpgradeLock(client, options) {
  const deadline = options.clock.now() + options.timeoutMs;
  let announced = false;
  for (; ; ) {
    const { rows } = await client.query("SELECT pg_try_advisory_lock($1, $2) AS ok", [LOCK_KEYS[0], LOCK_KEYS[1]]);
    if (rows[0].ok) return;
    const holder = await lockHolder(client);
    if (!announced && holder) {
      options.log(`another upgrade holds the lock (${describeHolder(holder)}): waiting up to ${Math.round(options.timeoutMs / 1e3)} s`);
      announced = true;
    }
    if (options.clock.now() >= deadline) {
      throw new HopError(`another upgrade is running on this database: ${holder ? describeHolder(holder) : "its session ended just now"}`, {
        kind: "failed",
        hint: "wait for it to finish and run again (serialise upgrades with `concurrency` / `resource_group`), or raise --lock-timeout; if that session is stuck, end it with SELECT pg_terminate_backend(<pid>)",
        code: "upgrade-locked"
      });
    }
    await new Promise((r) => setTimeout(r, Math.min(options.pollMs ?? 250, Math.max(0, deadline - options.clock.now()))));
  }
}

// src/adapters/postgres/upgrade/ledger.ts
async function exists(client, relation) {
  const { rows } = await client.query("SELECT to_regclass($1)::text AS r", [relation]);
  return rows[0].r !== null;
}
async function readDatabaseVersion(client) {
  const hasHopRelease = await exists(client, "half_orm_meta.hop_release");
  let recorded;
  if (hasHopRelease) {
    const { rows } = await client.query(
      "SELECT major, minor, patch, pre_release, pre_release_num FROM half_orm_meta.hop_release"
    );
    for (const row of rows) {
      const id = releaseOfHopReleaseRow(row);
      if (id && (!recorded || compareReleases(id, recorded) > 0)) recorded = id;
    }
  }
  const hasLedger = await exists(client, LEDGER_TABLE);
  const ledger = [];
  if (hasLedger) {
    const { rows } = await client.query(`SELECT release, status, patches, parts, parts_done, tag_commit, run_url, backup, duration_ms FROM ${LEDGER_TABLE}`);
    for (const r of rows) {
      ledger.push({
        release: r.release,
        id: parseRelease(r.release, `release in ${LEDGER_TABLE}`),
        status: r.status,
        patches: r.patches,
        parts: r.parts,
        partsDone: r.parts_done,
        ...r.tag_commit ? { tagCommit: r.tag_commit } : {},
        ...r.run_url ? { runUrl: r.run_url } : {},
        ...r.backup ? { backup: r.backup } : {},
        ...r.duration_ms !== null ? { durationMs: r.duration_ms } : {}
      });
    }
  }
  return { ...recorded ? { recorded } : {}, hasHopRelease, hasLedger, ledger };
}
async function ensureLedger(client) {
  await client.query(LEDGER_DDL);
}
async function upsertLedgerRow(client, row) {
  await client.query(LEDGER_UPSERT, ledgerInsertValues(row));
}

// src/adapters/postgres/upgrade/backup.ts
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import path from "node:path";
function runTool(program, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => err.push(b));
    child.on("error", reject);
    child.on(
      "close",
      (code) => resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") })
    );
  });
}
function toolEnv(base, target, appName) {
  const env = {};
  for (const [k, v] of Object.entries(base)) if (v !== void 0 && !k.startsWith("PG")) env[k] = v;
  return { ...env, ...target.env, PGAPPNAME: appName };
}
async function takeBackup(options) {
  const { target, env } = options;
  await mkdir(options.dir, { recursive: true, mode: 448 });
  const file = path.resolve(options.dir, options.recipient ? `${options.fileName}.age` : options.fileName);
  const partial = `${file}.partial`;
  const childEnv = toolEnv(env, target, "hop-ci upgrade backup");
  const pgDump = await findClientTool("pg_dump", { env, minMajor: options.serverMajor });
  const pgRestore = await findClientTool("pg_restore", { env, minMajor: options.serverMajor });
  try {
    await (await open(partial, "wx", 384).catch((e) => {
      throw new HopError(`cannot write the backup in ${options.dir}: ${e.message}; nothing was changed`, {
        kind: "failed",
        hint: "give a folder the job may write to with --backup-dir",
        code: "backup-failed"
      });
    })).close();
    const { dumped, listed } = options.recipient ? await dumpEncrypted(pgDump, pgRestore, target, childEnv, partial, options.recipient) : await dumpPlain(pgDump, pgRestore, target, childEnv, partial);
    if (dumped.code !== 0) {
      throw new HopError(`the backup failed, nothing was changed: pg_dump: ${lastLines(dumped.stderr)}`, {
        kind: "failed",
        hint: `the role must be able to read every table and sequence, and pg_dump be of PostgreSQL ${options.serverMajor} or later and able to write to ${options.dir}; fix it, or (at your own risk) pass --skip-backup`,
        code: "backup-failed"
      });
    }
    const entries = listed.stdout.split("\n").filter((l) => l.trim() && !l.startsWith(";")).length;
    if (listed.code !== 0 || entries === 0) {
      throw new HopError(
        `the backup ${file} cannot be read back (pg_restore --list: ${lastLines(listed.stderr) || "no entries"}); nothing was changed`,
        {
          kind: "failed",
          hint: "check the disk the backup is written to (--backup-dir), then run again",
          code: "backup-unreadable"
        }
      );
    }
    await rename(partial, file);
    return { path: file, bytes: (await stat(file)).size, entries, encrypted: Boolean(options.recipient) };
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
}
function lastLines(text) {
  return text.trim().split("\n").slice(-2).join(" ");
}
async function dumpPlain(pgDump, pgRestore, target, env, file) {
  const dumped = await runTool(pgDump, ["-Fc", "-f", file, "--dbname", target.database], env);
  if (dumped.code !== 0) return { dumped, listed: { code: null, stdout: "", stderr: "" } };
  return { dumped, listed: await runTool(pgRestore, ["--list", file], env) };
}
async function dumpEncrypted(pgDump, pgRestore, target, env, file, recipient) {
  const encrypter = await ageEncrypter(recipient);
  const dump = spawn(pgDump, ["-Fc", "--dbname", target.database], { env, stdio: ["ignore", "pipe", "pipe"] });
  const lister = spawn(pgRestore, ["--list"], { env, stdio: ["pipe", "pipe", "pipe"] });
  const dumped = collect(dump, false);
  const listed = collect(lister, true);
  const [toFile, toCheck] = Readable.toWeb(dump.stdout).tee();
  lister.stdin.on("error", () => void 0);
  const checked = pipeline(Readable.fromWeb(toCheck), lister.stdin).catch(() => void 0);
  const encrypted = await encrypter.encrypt(toFile);
  const written = pipeline(Readable.fromWeb(encrypted), createWriteStream(file, { flags: "r+", mode: 384 }));
  const [d, l] = await Promise.all([dumped, listed, written, checked]);
  return { dumped: d, listed: l };
}
function collect(child, keepStdout) {
  return new Promise((resolve, reject) => {
    const out = [];
    const err = [];
    if (keepStdout) child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => err.push(b));
    child.on("error", reject);
    child.on(
      "close",
      (code) => resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") })
    );
  });
}
async function ageEncrypter(recipient) {
  const { Encrypter } = await import("./chunk-XBUMUGS4.js");
  const encrypter = new Encrypter();
  try {
    encrypter.addRecipient(recipient.trim());
  } catch (e) {
    throw new HopError(`backup-recipient is not an age public key: ${e.message}`, {
      hint: "give the public key printed by `age-keygen -y key.txt` (age1\u2026); never the secret key",
      code: "bad-backup-recipient"
    });
  }
  return encrypter;
}

// src/adapters/postgres/upgrade/target.ts
function targetFromUrl(url, env = {}) {
  if (!url) {
    throw new HopError("upgrade needs the database to upgrade", {
      hint: "give its URL with --database-url / the `database-url` input, or DATABASE_URL (from a secret): postgresql://USER:PASSWORD@HOST:PORT/DATABASE",
      code: "missing-database-url"
    });
  }
  const address = addressFromUrl(withLibpqDefaults(url, env));
  const database = address.maintenanceDb;
  return { address, database, env: { ...address.env, PGDATABASE: database }, describe: `${address.describe}/${database}` };
}
function applicationName(runUrl) {
  return `hop-ci upgrade ${runUrl ?? "local"}`.slice(0, 63);
}
async function connectTarget(target, appName, database = target.database) {
  const client = new esm_default.Client({ ...target.address.pg, database, application_name: appName });
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => void 0);
    const timeout = target.address.pg.connectionTimeoutMillis;
    const reason = e instanceof Error ? e.message : String(e);
    const timedOut = /timeout/i.test(reason) && timeout;
    throw new HopError(
      `cannot connect to PostgreSQL at ${target.address.describe}: ${timedOut ? `no answer within connect_timeout (${timeout / 1e3} s): ` : ""}${reason}`,
      {
        kind: "failed",
        hint: "check the database URL (--database-url / DATABASE_URL: host, port, user, password or PGPASSWORD/PGPASSFILE, sslmode) and that the runner can reach the server; a slow network may need a longer connect_timeout (URL parameter or PGCONNECT_TIMEOUT, default 15 s)",
        code: "db-connect"
      }
    );
  }
  client.on("error", () => void 0);
  return client;
}
function withCredentials(url, user, password) {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

// src/stages/upgrade/inputs.ts
function seconds(ci, name, fallback) {
  const text = ci.input(name) ?? fallback;
  if (text === void 0) return void 0;
  const value = Number(text.replace(/s$/, ""));
  if (text.trim() === "" || !Number.isFinite(value) || value < 0) {
    throw new HopError(`input '${name}' must be a number of seconds, not '${text}'`, { code: "bad-input" });
  }
  return value;
}
function readUpgradeInputs(ctx) {
  const { ci } = ctx;
  const lockTimeout = seconds(ci, "lock-timeout", "60");
  const lockWait = seconds(ci, "lock-wait", "120");
  const statementTimeout = seconds(ci, "statement-timeout");
  const python = ci.input("python") ?? "python3";
  const to = ci.input("to-release");
  if (to) parseRelease(to, "target release");
  const baseline = ci.input("baseline");
  if (baseline) parseRelease(baseline, "baseline version");
  const databaseUrl = ci.input("database-url") ?? ctx.env["DATABASE_URL"];
  if (databaseUrl) ci.setSecret(databaseUrl);
  const includeRc = booleanInput(ci, "include-rc");
  return {
    ...databaseUrl ? { databaseUrl } : {},
    ...to ? { to } : {},
    ...includeRc !== void 0 ? { includeRc } : {},
    dryRun: booleanInput(ci, "dry-run") ?? false,
    allowDrift: booleanInput(ci, "allow-drift") ?? false,
    skipBackup: booleanInput(ci, "skip-backup") ?? false,
    refusePython: python === "refuse",
    ...ci.input("backup-dir") ? { backupDir: ci.input("backup-dir") } : {},
    ...ci.input("backup-recipient") ? { backupRecipient: ci.input("backup-recipient").trim() } : {},
    rehearseOnServer: booleanInput(ci, "rehearse-on-server") ?? false,
    lockTimeoutMs: lockTimeout * 1e3,
    lockWaitMs: lockWait * 1e3,
    ...statementTimeout ? { statementTimeoutMs: statementTimeout * 1e3 } : {},
    ...baseline ? { baseline } : {},
    python: python === "refuse" ? "python3" : python
  };
}

// src/core/upgrade-drift.ts
function expectedSchemaCandidates(id, state) {
  const at = (v) => {
    const release = formatRelease(v);
    return { release, id: v, path: `${MODEL_DIR}/schema-${release}.sql`, tag: release === "0.0.0" ? void 0 : releaseTag(v) };
  };
  const out = [at(id)];
  if (id.level === "release") return out;
  const below = state.production.filter((s) => compareReleases(s.id, id) < 0).sort((a, b) => compareReleases(b.id, a.id));
  for (const s of below) {
    out.push(at(s.id));
    if (s.id.level === "release") return out;
  }
  out.push(at(tryParseRelease("0.0.0")));
  return out;
}
function describeDrift(c) {
  const subject = changeSubject(c);
  if (c.change === "added") return `${subject} only in the database`;
  if (c.change === "dropped") return `${subject} missing from the database`;
  return `${subject}: ${c.property} is ${c.after ? oneLine(c.after) : "(none)"} in the database, ${c.before ? oneLine(c.before) : "(none)"} in the release`;
}
function renderDriftTable(changes, against) {
  const cell = (s) => s.replace(/\|/g, "\\|").replace(/`/g, "'");
  const rows = changes.map((c) => {
    const what = c.change === "added" ? "only in the database" : c.change === "dropped" ? "missing from the database" : `${c.property}: \`${cell(oneLine(c.before, 80))}\` \u2192 \`${cell(oneLine(c.after, 80))}\``;
    return `| ${cell(changeSubject(c))} | ${what} |`;
  });
  return [`### Schema drift against ${against}`, "", "| object | difference (release \u2192 database) |", "|---|---|", ...rows, ""].join("\n");
}

// src/adapters/postgres/upgrade/drift.ts
import { writeFile } from "node:fs/promises";
import path2 from "node:path";
var ROLE_ONLY = /^psql:.*: ERROR: {2}role ".*" does not exist$/;
async function restoreRecordedDump(server, database, dump, env) {
  const folder = makeTempFolder("drift");
  try {
    const file = path2.join(folder.path, "schema.sql");
    await writeFile(file, dump.text, { mode: 384 });
    const psql = await findClientTool("psql", { env });
    const r = await runChild(psql, ["-X", "-q", "-f", file], { env: libpqEnv(server, database, env) });
    const errors = r.stderr.split("\n").filter((l) => /^psql:.*: (ERROR|FATAL):/.test(l));
    const blocking = errors.filter((l) => !ROLE_ONLY.test(l));
    if (r.code !== 0 || blocking.length) {
      const first = (blocking[0] ?? r.stderr.trim().split("\n").pop() ?? "psql failed").replace(/^psql:[^:]*:/, `${dump.name}:`);
      throw new HopError(`the drift check could not restore ${dump.name} into a throwaway PostgreSQL ${server.majorVersion}: ${first}`, {
        kind: "failed",
        file: dump.name,
        hint: "the recorded dump must restore on this PostgreSQL (an extension it needs may be missing); pass --allow-drift to upgrade without the check",
        code: "drift-restore"
      });
    }
  } finally {
    await folder.remove();
  }
}

// src/adapters/postgres/upgrade/python-step.ts
import { mkdir as mkdir2, writeFile as writeFile2 } from "node:fs/promises";
import path3 from "node:path";
function halfOrmConf(t) {
  const pg = t.address.pg;
  return [
    "[database]",
    `name = ${t.database}`,
    `user = ${pg.user}`,
    ...pg.password ? [`password = ${pg.password}`] : [],
    `host = ${pg.host}`,
    `port = ${pg.port}`,
    "production = True",
    ""
  ].join("\n");
}
async function prepareChildPlace(o) {
  const folder = makeTempFolder("files");
  const dir = folder.path;
  const conf = path3.join(dir, "conf");
  await mkdir2(conf, { recursive: true, mode: 448 });
  await writeFile2(path3.join(conf, o.dbConfigName), halfOrmConf(o.target), { mode: 384 });
  const env = {
    ...toolEnv(o.env, o.target, "hop-ci upgrade"),
    DATABASE_URL: o.databaseUrl,
    HALFORM_CONF_DIR: conf,
    PYTHONPATH: [o.projectRoot, o.env["PYTHONPATH"]].filter(Boolean).join(path3.delimiter)
  };
  const written = /* @__PURE__ */ new Map();
  return {
    env,
    async folderOf(release, patch, files) {
      const key = `${release}/${patch}`;
      const known = written.get(key);
      if (known) return known;
      const folder2 = path3.join(dir, "patches", release, patch);
      await mkdir2(folder2, { recursive: true });
      for (const [name, content] of files) await writeFile2(path3.join(folder2, name), content);
      written.set(key, folder2);
      return folder2;
    },
    dispose: () => folder.remove()
  };
}

// src/stages/upgrade/apply-all.ts
async function loadResume(git, state, row, options) {
  const snapshot = [...state.production, ...state.rcs].find((s) => s.release === row.release);
  const [release] = await loadReleases(
    git,
    [
      {
        release: row.release,
        id: row.id,
        kind: snapshot?.kind ?? "production",
        tag: releaseTag(row.id),
        file: snapshot?.file ?? "",
        patches: row.patches.map((p) => p.id),
        alreadyApplied: []
      }
    ],
    options
  );
  const now = summarizeParts(release.parts).map((p) => p.what);
  const then = row.parts.map((p) => p.what);
  if (now.join("\n") !== then.join("\n")) {
    throw new HopError(
      `release ${row.release} runs in ${now.length} parts at tag ${releaseTag(row.id)}, but hop_ci.applied_release recorded ${then.length} (${then.join("; ")}), ${row.partsDone} of them done`,
      {
        kind: "failed",
        hint: "the tag moved since the release was started: finish the remaining parts by hand, then set status = 'applied' in hop_ci.applied_release",
        code: "resume-mismatch"
      }
    );
  }
  return { release, partsDone: row.partsDone };
}
function sessionReset(serverMajor) {
  return ["RESET ALL", ...serverMajor >= 14 ? ["SET client_connection_check_interval = '1s'"] : []].join("; ");
}
function ledgerPatches(release) {
  return release.plan.patches.map((id) => ({
    id,
    files: release.plan.files.filter((f) => f.patch === id).map((f) => ({ name: f.name, sha256: f.sha256 }))
  }));
}
var NO_CHILD_PLACE = {
  env: {},
  folderOf: () => Promise.reject(new InternalError("a .psql/.py part ran where none was planned")),
  dispose: () => Promise.resolve()
};
async function applyAll(o) {
  const { ctx, client } = o;
  const hasHopRelease = o.hasHopRelease ?? (await readDatabaseVersion(client)).hasHopRelease;
  const children = [...o.resume ? [o.resume.release] : [], ...o.releases].some(
    (r) => r.parts.some((p) => p.kind === "psql" || p.kind === "python")
  );
  const place = children ? await prepareChildPlace({
    target: o.target,
    databaseUrl: o.databaseUrl,
    projectRoot: o.state.root,
    dbConfigName: o.state.dbConfigName,
    env: ctx.env
  }) : NO_CHILD_PLACE;
  try {
    if (o.resume) {
      const { release, partsDone } = o.resume;
      ctx.ci.warning(
        `release ${release.plan.release} was left by a previous run after ${partsDone} of its ${release.parts.length} parts: resuming at part ${partsDone + 1}`
      );
      const durationMs = await applyRelease(o, place, hasHopRelease, release, partsDone);
      o.onApplied({ release: release.plan.release, patches: [], durationMs });
    }
    for (const release of o.releases) {
      if (release.parts.length > 1) ctx.ci.warning(describeAtomicity(release.plan.release, release.plan.parts));
      const durationMs = await ctx.ci.group(`Apply ${release.plan.release}`, () => applyRelease(o, place, hasHopRelease, release, 0));
      ctx.ci.info(
        `${release.plan.release} ${o.onCopy ? "rehearsed on the copy" : "applied"} in ${(durationMs / 1e3).toFixed(2)} s (${release.plan.patches.join(", ") || "no new patch"})`
      );
      o.onApplied({ release: release.plan.release, patches: release.plan.patches, durationMs });
    }
  } finally {
    await place.dispose();
  }
}
async function applyRelease(o, place, hasHopRelease, release, from) {
  const { ctx, client } = o;
  const started = ctx.clock.now();
  const plan = release.plan;
  let done = from;
  const record = (index, last) => {
    return ledgerRecordSql(
      {
        id: plan.id,
        status: last ? "applied" : "partial",
        patches: ledgerPatches(release),
        parts: plan.parts,
        partsDone: plan.parts.length ? index + 1 : 0,
        tagCommit: plan.commit,
        ...ctx.ci.context.runUrl ? { runUrl: ctx.ci.context.runUrl } : {},
        ...o.backup ? { backup: o.backup } : {},
        hopCiVersion: VERSION,
        finished: last
      },
      last && hasHopRelease ? { ...plan.commit ? { commit: plan.commit } : {} } : void 0
    );
  };
  try {
    if (release.parts.length === 0) {
      await client.query(`${sessionReset(o.serverMajor)};
BEGIN;
${record(0, true)};
COMMIT`).catch(async (e) => {
        await client.query("ROLLBACK").catch(() => void 0);
        throw e;
      });
    } else {
      await runParts(
        release.parts,
        {
          client,
          env: place.env,
          folderOf: (patch) => place.folderOf(plan.release, patch, release.folders.get(patch) ?? /* @__PURE__ */ new Map()),
          serverMajor: o.serverMajor,
          python: o.python,
          refusePython: o.refusePython,
          log: (m) => ctx.ci.info(m),
          openMonitor: () => connectTarget(o.target, `${o.appName} (lock monitor)`.slice(0, 63))
        },
        {
          from,
          resuming: from > 0,
          record,
          onPartDone: (index) => done = index + 1,
          sessionPrefix: sessionReset(o.serverMajor),
          ...o.lock ? { lock: o.lock } : {},
          now: () => ctx.clock.now()
        }
      );
    }
  } catch (e) {
    throw partFailure(release, done, e);
  }
  return Math.round(ctx.clock.now() - started);
}
function partFailure(release, done, e) {
  if (!(e instanceof HopError)) return e;
  const plan = release.plan;
  const total = plan.parts.length;
  const what = total <= 1 ? `release ${plan.release} (tag ${plan.tag}) failed and was rolled back: nothing of it was applied` : `release ${plan.release} (tag ${plan.tag}), part ${done + 1} of ${total} (${plan.parts[done]?.what ?? "?"}) failed: ` + (done === 0 ? "nothing of it was applied" : `${done === 1 ? "part 1 stays" : `parts 1\u2013${done} stay`} applied and recorded`);
  return new HopError(`${what}
${e.message}`, {
    kind: e.kind,
    ...e.file ? { file: e.file } : {},
    ...e.line ? { line: e.line } : {},
    ...e.column ? { column: e.column } : {},
    ...e.code ? { code: e.code } : {},
    ...e.hint ? { hint: done > 0 ? `${e.hint}; the next run resumes at part ${done + 1}` : e.hint } : {}
  });
}

// src/stages/upgrade/drift-check.ts
var EXPECTED_DB = "hop_ci_expected";
var EXCLUDE = [LEDGER_SCHEMA];
async function checkDrift(req) {
  const { git, position, state } = req;
  for (const candidate of expectedSchemaCandidates(position.id, state)) {
    const ref = candidate.tag ? await git.commitOf(`refs/tags/${candidate.tag}`) : await git.commitOf("HEAD");
    const text = ref ? await git.readText(ref, candidate.path) : void 0;
    if (text === void 0) continue;
    const after = candidate.release === position.release ? [] : planUpgrade(
      state,
      { release: candidate.release, id: candidate.id, source: "ledger", appliedAtBase: [] },
      { to: position.release, includeRc: position.id.level === "rc" }
    );
    const against = `${candidate.path}@${candidate.tag ?? "HEAD"}${after.length ? ` + ${after.map((r) => r.release).join(" + ")}` : ""}`;
    const started = req.ctx.clock.now();
    const live = readCatalog(req.live, { exclude: EXCLUDE });
    live.catch(() => void 0);
    const expected = await withExpectedDatabase(req, { text, name: `${candidate.path}@${candidate.tag ?? "HEAD"}` }, after);
    const actual = await live;
    const differences = compareCatalogs(expected, actual);
    req.ctx.ci.debug(`drift check: ${((req.ctx.clock.now() - started) / 1e3).toFixed(2)} s`);
    return { status: differences.length ? "drift" : "none", against, differences };
  }
  return {
    status: "skipped",
    differences: [],
    note: `no recorded schema dump for ${position.release} or a release below it: the drift check was skipped`
  };
}
async function withExpectedDatabase(req, dump, after) {
  const { ctx } = req;
  let server;
  try {
    server = await startEphemeralCluster({ env: ctx.env, log: (m) => ctx.ci.debug(m) });
    await server.createDatabase(EXPECTED_DB);
    await restoreRecordedDump(server, EXPECTED_DB, dump, ctx.env);
    const address = addressFromUrl(server.url(EXPECTED_DB));
    const target = {
      address,
      database: EXPECTED_DB,
      env: { ...address.env, PGDATABASE: EXPECTED_DB },
      describe: "the drift check"
    };
    const client = await connectTarget(target, "hop-ci drift check");
    try {
      if (after.length) {
        const notice = (m) => ctx.ci.debug(m);
        const releases = await loadReleases(req.git, after, { serverMajor: server.majorVersion, refusePython: req.refusePython, notice });
        await ensureLedger(client);
        await applyAll({
          client,
          ctx: { ...ctx, ci: quiet(ctx.ci) },
          releases,
          serverMajor: server.majorVersion,
          target,
          state: req.state,
          appName: "hop-ci drift check",
          python: req.python,
          refusePython: req.refusePython,
          databaseUrl: server.url(EXPECTED_DB),
          onApplied: () => void 0
        });
      }
      return await readCatalog(client, { exclude: EXCLUDE });
    } finally {
      await client.end().catch(() => void 0);
    }
  } finally {
    await server?.close().catch(() => void 0);
  }
}
function quiet(ci) {
  return Object.assign(Object.create(ci), {
    info: (m) => ci.debug(m),
    warning: (m) => ci.debug(m),
    group: (_title, fn) => fn()
  });
}

// src/stages/upgrade/rehearsal.ts
import { randomBytes } from "node:crypto";

// src/adapters/postgres/upgrade/roles.ts
async function readRoles(client) {
  const db = await client.query(
    `SELECT current_user AS current, pg_get_userbyid(datdba) AS owner, pg_encoding_to_char(encoding) AS encoding, datacl::text AS acl
       FROM pg_database WHERE datname = current_database()`
  );
  const roles = await client.query(
    `SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls, rolconnlimit
       FROM pg_roles WHERE rolname !~ '^pg_' ORDER BY rolname`
  );
  const members = await client.query(
    `SELECT r.rolname AS role, m.rolname AS member, a.admin_option AS admin
       FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
      WHERE m.rolname !~ '^pg_' ORDER BY 1, 2`
  );
  const { current, owner, encoding, acl } = db.rows[0];
  return { current, roles: roles.rows, memberships: members.rows, database: { owner, encoding, acl } };
}
function attributes(r) {
  const flag = (on, name) => on ? name : `NO${name}`;
  return [
    flag(r.rolsuper, "SUPERUSER"),
    flag(r.rolinherit, "INHERIT"),
    flag(r.rolcreaterole, "CREATEROLE"),
    flag(r.rolcreatedb, "CREATEDB"),
    flag(r.rolcanlogin, "LOGIN"),
    flag(r.rolreplication, "REPLICATION"),
    flag(r.rolbypassrls, "BYPASSRLS"),
    `CONNECTION LIMIT ${Number(r.rolconnlimit)}`
  ].join(" ");
}
async function copyRoles(superuser, target, password) {
  const { rows } = await superuser.query("SELECT rolname FROM pg_roles");
  const existing = new Set(rows.map((r) => r.rolname));
  for (const role of target.roles) {
    if (existing.has(role.rolname)) continue;
    await superuser.query(`CREATE ROLE ${quoteIdent(role.rolname)} ${attributes(role)}`);
  }
  for (const m of target.memberships) {
    await superuser.query(`GRANT ${quoteIdent(m.role)} TO ${quoteIdent(m.member)}${m.admin ? " WITH ADMIN OPTION" : ""}`).catch(() => void 0);
  }
  if (existing.has(target.current)) return false;
  await superuser.query(`ALTER ROLE ${quoteIdent(target.current)} LOGIN PASSWORD '${password.replace(/'/g, "''")}'`);
  return true;
}

// src/stages/upgrade/rehearsal.ts
async function runOn(req, copy, serverMajor) {
  const client = await connectTarget(copy, `${req.appName} (rehearsal)`);
  const applied = [];
  try {
    await ensureLedger(client);
    await applyAll({
      client,
      ctx: req.ctx,
      releases: req.releases,
      ...req.resume ? { resume: req.resume } : {},
      serverMajor,
      target: copy,
      state: req.state,
      appName: `${req.appName} (rehearsal)`,
      python: req.python,
      refusePython: req.refusePython,
      lock: req.lock,
      databaseUrl: copy.address.url(copy.database),
      onCopy: true,
      onApplied: (r) => applied.push(r)
    });
  } catch (e) {
    if (!(e instanceof HopError)) throw e;
    throw new HopError(`rehearsal on a copy: ${e.message}`, {
      kind: e.kind,
      ...e.file ? { file: e.file } : {},
      ...e.line ? { line: e.line } : {},
      ...e.code ? { code: e.code } : {},
      hint: `the target database was not changed; the real upgrade would stop here${applied.length ? ` after ${applied.map((a) => a.release).join(", ")}` : ""}: fix it in a new release first`
    });
  } finally {
    await client.end().catch(() => void 0);
  }
  return applied;
}
async function rehearseOnServer(req) {
  const { target } = req;
  const copyName = `hop_ci_rehearsal_${randomBytes(4).toString("hex")}`;
  const admin = await connectTarget(target, `${req.appName} (rehearsal)`, "postgres");
  try {
    try {
      await admin.query(
        `CREATE DATABASE ${quoteIdent(copyName)} TEMPLATE ${quoteIdent(target.database)}${req.serverMajor >= 15 ? " STRATEGY FILE_COPY" : ""}`
      );
    } catch (e) {
      throw new HopError(`--rehearse-on-server: cannot copy ${target.database} on its server: ${e.message}`, {
        kind: "failed",
        hint: "a template copy needs CREATEDB and no other session on the database while it copies; drop --rehearse-on-server to rehearse on a throwaway cluster instead",
        code: "rehearsal-copy"
      });
    }
    const dropCopy = () => admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(copyName)}${req.serverMajor >= 13 ? " WITH (FORCE)" : ""}`).then(
      () => void 0,
      () => void 0
    );
    const unregister = onInterrupt(dropCopy);
    try {
      const copy = {
        ...target,
        database: copyName,
        env: { ...target.env, PGDATABASE: copyName },
        describe: `${target.address.describe}/${copyName}`
      };
      const applied = await runOn(req, copy, req.serverMajor);
      return {
        where: `rehearsed on ${copyName}, a template copy of ${target.database} on the same server (--rehearse-on-server)`,
        applied
      };
    } finally {
      unregister();
      await dropCopy();
    }
  } finally {
    await admin.end().catch(() => void 0);
  }
}
async function rehearseOffServer(req) {
  const { ctx, target } = req;
  const folder = makeTempFolder("rehearsal");
  const dir = folder.path;
  try {
    const backup = await ctx.ci.group(
      "Backup (for the rehearsal)",
      () => takeBackup({ target, dir, fileName: "rehearsal.dump", env: ctx.env, serverMajor: req.serverMajor })
    );
    ctx.ci.info(`backup: ${backup.bytes} bytes, ${backup.entries} entries, checked with pg_restore --list (removed after the rehearsal)`);
    return await restoreAndApply({ ...req, backup: backup.path });
  } finally {
    await folder.remove();
  }
}
async function restoreAndApply(req) {
  const { ctx, target } = req;
  const roles = await readRoles(req.targetClient);
  let server;
  try {
    server = await startEphemeralCluster({ env: ctx.env, log: (m) => ctx.ci.info(m) });
    const admin = targetFromUrl(server.url("postgres"));
    const superuser = await connectTarget(admin, "hop-ci rehearsal");
    const password = randomBytes(18).toString("base64url");
    let created = false;
    try {
      created = await copyRoles(superuser, roles, password);
      await createDatabaseLike(superuser, target.database, roles);
    } finally {
      await superuser.end().catch(() => void 0);
    }
    await restore(
      ctx,
      { ...admin, database: target.database, env: { ...admin.env, PGDATABASE: target.database } },
      req.backup,
      server.majorVersion
    );
    const url = server.url(target.database);
    const copy = targetFromUrl(created ? withCredentials(url, roles.current, password) : url);
    const probe = await connectTarget(copy, "hop-ci probe");
    const major = await serverMajorVersion(probe).finally(() => probe.end());
    const applied = await runOn(req, copy, major);
    return {
      where: `rehearsed as role ${roles.current} on the backup restored into a throwaway PostgreSQL ${major} (the production server was not used)`,
      applied
    };
  } finally {
    await server?.close().catch(() => void 0);
  }
}
async function createDatabaseLike(superuser, name, roles) {
  await superuser.query(
    `CREATE DATABASE ${quoteIdent(name)} OWNER ${quoteIdent(roles.database.owner)} TEMPLATE template0 ENCODING ${quoteLiteral(roles.database.encoding)}`
  );
  if (roles.database.acl !== null)
    await superuser.query("UPDATE pg_database SET datacl = $1::aclitem[] WHERE datname = $2", [roles.database.acl, name]);
}
function quoteLiteral(text) {
  return `'${text.replace(/'/g, "''")}'`;
}
async function restore(ctx, database, backup, major) {
  const pgRestore = await findClientTool("pg_restore", { env: ctx.env, minMajor: major });
  const restored = await runTool(
    pgRestore,
    ["--no-tablespaces", "--exit-on-error", "--dbname", database.database, backup],
    toolEnv(ctx.env, database, "hop-ci rehearsal restore")
  );
  if (restored.code !== 0) {
    throw new HopError(`the rehearsal copy could not be restored: ${restored.stderr.trim().split("\n").slice(-2).join(" ")}`, {
      kind: "failed",
      hint: "the throwaway cluster may lack an extension the database uses (install it on the runner), or rehearse on the server with --rehearse-on-server",
      code: "rehearsal-restore"
    });
  }
}

// src/stages/upgrade.ts
var PART_LOCK_TIMEOUT_MS = 2e3;
async function upgradeStage(ctx) {
  const reading = loadState(ctx);
  reading.catch(() => void 0);
  let inputs;
  let target;
  try {
    inputs = readUpgradeInputs(ctx);
    target = targetFromUrl(inputs.databaseUrl, ctx.env);
    if (inputs.backupRecipient) await ageEncrypter(inputs.backupRecipient);
  } catch (e) {
    await reading;
    throw e;
  }
  const appName = applicationName(ctx.ci.context.runUrl);
  const connecting = connectTarget(target, appName);
  let state;
  try {
    state = await reading;
  } catch (e) {
    void connecting.then(
      (c) => c.end(),
      () => void 0
    );
    throw e;
  }
  const includeRc = inputs.includeRc ?? state.config.allowRc;
  const git = new GitReader(state.root, ctx.env);
  prefetchReleases(
    git,
    [...state.production, ...state.rcs].map((s) => releaseTag(s.id))
  );
  const notice = (m) => ctx.ci.warning(m);
  let client;
  try {
    client = await connecting;
  } catch (e) {
    git.close();
    throw e;
  }
  try {
    const serverMajor = await serverMajorVersion(client);
    await acquireUpgradeLock(client, { timeoutMs: inputs.lockTimeoutMs, clock: ctx.clock, log: (m) => ctx.ci.info(m) });
    const version = await readDatabaseVersion(client);
    if (inputs.baseline) {
      if (inputs.dryRun)
        throw new HopError("--baseline and --dry-run do not go together", {
          code: "usage",
          hint: "drop --dry-run: a baseline only records a version"
        });
      return await recordBaseline(ctx, client, state, inputs.baseline, resolvePosition(version.recorded, version.ledger, state));
    }
    const position = resolvePosition(version.recorded, version.ledger, state);
    if (!position) throw noVersionError();
    const planned = planUpgrade(state, position, { ...inputs.to ? { to: inputs.to } : {}, includeRc });
    const loadOptions = { serverMajor, refusePython: inputs.refusePython, notice };
    const releases = await loadReleases(git, planned, loadOptions);
    const resume = position.resume ? await loadResume(git, state, position.resume, loadOptions) : void 0;
    const to = planned.length ? planned[planned.length - 1].release : position.release;
    const lock = {
      lockTimeoutMs: PART_LOCK_TIMEOUT_MS,
      lockWaitMs: inputs.lockWaitMs,
      ...inputs.statementTimeoutMs ? { statementTimeoutMs: inputs.statementTimeoutMs } : {}
    };
    if (inputs.dryRun) for (const r of releases) r.plan.locks = await locksOfRelease(r.files, serverMajor);
    const parts = atomicityNotes(releases.map((r) => r.plan));
    const outputs = { from: position.release, to, applied: "[]", backup: "", drift: "skipped" };
    const planText = renderUpgradePlan(
      position.release,
      releases.map((r) => r.plan)
    );
    ctx.ci.info(
      `${target.describe} is at ${position.release} (from ${position.source === "ledger" ? "hop_ci.applied_release" : '"half_orm_meta.view".hop_last_release'})`
    );
    if (releases.length === 0 && !resume) {
      return {
        ok: true,
        outputs: { ...outputs, result: "success" },
        text: planText,
        summary: renderUpgradeSummary("hop-ci upgrade", position.release, to, []),
        json: { ...outputs, applied: [] }
      };
    }
    const driftStarted = ctx.clock.now();
    const drift = resume ? {
      status: "skipped",
      differences: [],
      note: `${position.release} was left part-way by a previous run: no drift check, its remaining parts run first`
    } : await checkDrift({
      ctx,
      git,
      state,
      position,
      live: client,
      refusePython: inputs.refusePython,
      python: inputs.python
    }).catch((e) => {
      if (!inputs.allowDrift || !(e instanceof HopError)) throw e;
      return { status: "skipped", differences: [], note: `the drift check could not run (--allow-drift: going on): ${e.message}` };
    });
    outputs["drift"] = await reportDrift(ctx, drift, inputs.allowDrift);
    const stageTimings = { driftMs: Math.round(ctx.clock.now() - driftStarted) };
    if (inputs.dryRun) {
      ctx.ci.info(planText);
      const rehearsal = {
        ctx,
        target,
        releases,
        resume,
        serverMajor,
        appName,
        python: inputs.python,
        refusePython: inputs.refusePython,
        lock,
        state
      };
      let timings;
      if (inputs.rehearseOnServer) {
        await client.end();
        client = void 0;
        timings = await rehearseOnServer(rehearsal);
      } else {
        timings = await rehearseOffServer({ ...rehearsal, targetClient: client });
      }
      const rows = timings.applied;
      const text = `${timings.where}
${rows.map((r) => `  ${r.release}: ${(r.durationMs / 1e3).toFixed(2)} s`).join("\n")}
The target database was not changed.`;
      return {
        ok: true,
        outputs: { ...outputs, applied: JSON.stringify(rows), result: "success" },
        text,
        summary: renderUpgradeSummary("hop-ci upgrade (dry run: rehearsal on a copy)", position.release, to, rows, [
          timings.where,
          ...parts,
          ...lockNotes(releases.map((r) => r.plan))
        ]),
        json: {
          ...outputs,
          ...driftJson(drift),
          applied: rows,
          plan: releases.map((r) => r.plan),
          rehearsal: timings.where,
          timings: stageTimings
        }
      };
    }
    if (!version.hasLedger)
      await ensureLedger(client).catch((e) => {
        throw new HopError(
          `cannot create hop-ci's record (schema hop_ci) in ${target.describe}: ${e.message}; nothing was changed`,
          {
            kind: "failed",
            hint: "the role the upgrade connects as needs CREATE on the database (the database owner has it), or to own an existing hop_ci schema and its table",
            code: "ledger-create"
          }
        );
      });
    let backup;
    if (inputs.skipBackup) ctx.ci.warning("--skip-backup: no backup is taken before the upgrade");
    else {
      const dir = inputs.backupDir ?? await mkdtemp(path4.join(tmpdir(), "hop-ci-backup-"));
      const stamp = (/* @__PURE__ */ new Date()).toISOString().replace(/[:.]/g, "-");
      backup = await ctx.ci.group(
        "Backup",
        () => takeBackup({
          target,
          dir,
          fileName: `${target.database.replace(/[^\w.-]/g, "_")}-${position.release}-${stamp}.dump`,
          env: ctx.env,
          serverMajor,
          ...inputs.backupRecipient ? { recipient: inputs.backupRecipient } : {}
        })
      );
      outputs["backup"] = backup.path;
      await ctx.ci.setOutput("backup", backup.path);
      ctx.ci.info(
        `backup: ${backup.path} (${backup.bytes} bytes, ${backup.entries} entries, checked with pg_restore --list${backup.encrypted ? ", encrypted with age" : ""})`
      );
    }
    const applied = [];
    try {
      await applyAll({
        client,
        ctx,
        releases,
        resume,
        serverMajor,
        target,
        state,
        hasHopRelease: version.hasHopRelease,
        appName,
        python: inputs.python,
        refusePython: inputs.refusePython,
        lock,
        databaseUrl: target.address.url(target.database),
        ...backup ? { backup: backup.path } : {},
        onApplied: (r) => applied.push(r)
      });
    } catch (e) {
      await ctx.ci.setOutput("applied", JSON.stringify(applied));
      await ctx.ci.setOutput("from", position.release);
      await ctx.ci.setOutput("to", applied.length ? applied[applied.length - 1].release : position.release);
      await ctx.ci.setOutput("drift", outputs["drift"]);
      if (e instanceof HopError) {
        const committed = applied.length > 0 || await ledgerMoved(client, version.ledger);
        throw new HopError(e.message, {
          kind: e.kind,
          ...e.file ? { file: e.file } : {},
          ...e.line ? { line: e.line } : {},
          ...e.column ? { column: e.column } : {},
          ...e.code ? { code: e.code } : {},
          hint: e.code === "lock-wait" && !committed ? e.hint ?? "" : (
            // The restore command comes last, alone at the end of its line: it is copied from there.
            `${e.hint ? `${e.hint}; ` : ""}${renderFailureAdvice({ from: position.release, applied: applied.map((a) => a.release), committed, ...backup ? { backup } : {}, serverMajor })}`
          )
        });
      }
      throw e;
    }
    return {
      ok: true,
      outputs: { ...outputs, applied: JSON.stringify(applied), result: "success" },
      text: `${planText}

Done: ${target.describe} is at ${to}.`,
      summary: renderUpgradeSummary("hop-ci upgrade", position.release, to, applied, [
        ...backup ? [`backup: \`${backup.path}\``] : [],
        ...parts
      ]),
      json: { ...outputs, ...driftJson(drift), applied, timings: stageTimings }
    };
  } finally {
    git.close();
    if (client) await client.end().catch(() => void 0);
  }
}
async function ledgerMoved(client, before) {
  try {
    const after = await readDatabaseVersion(client);
    return JSON.stringify(after.ledger) !== JSON.stringify(before);
  } catch {
    return true;
  }
}
function driftJson(drift) {
  return { driftCheck: { against: drift.against ?? null, differences: drift.differences } };
}
async function reportDrift(ctx, drift, allowDrift) {
  if (drift.note) ctx.ci.warning(drift.note);
  if (drift.status === "none") {
    ctx.ci.info(`no drift: the live schema matches ${drift.against} (compared by catalog)`);
    return "none";
  }
  if (drift.status !== "drift") return drift.status;
  const list = drift.differences.map((d) => `  ${describeDrift(d)}`).join("\n");
  const what = `the live schema differs from ${drift.against} (${drift.differences.length} difference${drift.differences.length === 1 ? "" : "s"})`;
  await ctx.ci.summary(renderDriftTable(drift.differences, drift.against));
  if (allowDrift) {
    ctx.ci.warning(`${what} (--allow-drift: going on):
${list}`);
    return "allowed";
  }
  throw new HopError(`${what}: someone changed the database outside the releases; nothing was changed
${list}`, {
    kind: "refused",
    hint: "bring the difference into a release (or undo it on the database), or pass --allow-drift to upgrade anyway",
    code: "drift"
  });
}
async function recordBaseline(ctx, client, state, baseline, position) {
  const id = parseRelease(baseline, "baseline version");
  const snapshot = [...state.production, ...state.rcs].find((s) => compareReleases(s.id, id) === 0);
  if (!snapshot && baseline !== "0.0.0") {
    throw new HopError(`--baseline ${baseline} is not a release of this project`, {
      hint: `known: ${[...state.production, ...state.rcs].map((s) => s.release).join(", ") || "0.0.0"}`,
      code: "unknown-baseline"
    });
  }
  if (position && compareReleases(id, position.id) < 0) {
    throw new HopError(`the database already records ${position.release}, above --baseline ${baseline}`, {
      kind: "refused",
      hint: "a baseline only moves forward; upgrade instead",
      code: "baseline-down"
    });
  }
  const outputs = { from: position?.release ?? "", to: formatRelease(id), applied: "[]", backup: "", drift: "skipped", result: "success" };
  if (position && compareReleases(id, position.id) === 0)
    return { ok: true, outputs, text: `The database already records ${position.release}: nothing to do.` };
  await ensureLedger(client);
  await upsertLedgerRow(client, {
    id: snapshot?.id ?? id,
    status: "baseline",
    patches: (snapshot?.patches ?? []).map((p) => ({ id: p.id, files: [] })),
    parts: [],
    partsDone: 0,
    ...ctx.ci.context.runUrl ? { runUrl: ctx.ci.context.runUrl } : {},
    hopCiVersion: VERSION,
    startedAt: /* @__PURE__ */ new Date(),
    finishedAt: /* @__PURE__ */ new Date(),
    durationMs: 0
  });
  return { ok: true, outputs, text: `Recorded ${formatRelease(id)} as the database's version (nothing applied; tag ${releaseTag(id)}).` };
}
export {
  upgradeStage
};
