import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  LEDGER_DDL,
  LEDGER_TABLE,
  LEDGER_UPSERT,
  ledgerInsertValues,
  ledgerRecordSql,
  loadReleases,
  releaseOfHopReleaseRow
} from "./chunk-LS23UC4N.js";
import {
  addressFromUrl,
  runParts,
  withLibpqDefaults
} from "./chunk-GSALQ3P7.js";
import {
  esm_default,
  findClientTool,
  makeTempFolder
} from "./chunk-QNR2ZIHY.js";
import {
  describeAtomicity,
  summarizeParts
} from "./chunk-PV6DJCVQ.js";
import {
  compareReleases,
  parseRelease,
  releaseTag
} from "./chunk-VIHRG64B.js";
import {
  VERSION
} from "./chunk-EIFLYEQI.js";
import {
  HopError,
  InternalError
} from "./chunk-ZOS35ALX.js";

// src/adapters/postgres/upgrade/ledger.ts
var HOP_RELEASE_TABLE = "half_orm_meta.hop_release";
var HOP_RELEASE_SELECT = `SELECT major, minor, patch, pre_release, pre_release_num FROM ${HOP_RELEASE_TABLE}`;
var LEDGER_SELECT = `SELECT release, status, patches, parts, parts_done, tag_commit, run_url, backup, duration_ms FROM ${LEDGER_TABLE}`;
async function readDatabaseVersion(client) {
  const { rows } = await client.query(
    "SELECT to_regclass($1) IS NOT NULL AS hop_release, to_regclass($2) IS NOT NULL AS ledger",
    [HOP_RELEASE_TABLE, LEDGER_TABLE]
  );
  const hasHopRelease = rows[0].hop_release;
  const hasLedger = rows[0].ledger;
  const selects = [...hasHopRelease ? [HOP_RELEASE_SELECT] : [], ...hasLedger ? [LEDGER_SELECT] : []];
  const answered = selects.length ? await client.query(selects.join(";\n")) : [];
  const results = Array.isArray(answered) ? answered : [answered];
  let recorded;
  for (const row of hasHopRelease ? results[0].rows : []) {
    const id = releaseOfHopReleaseRow(row);
    if (id && (!recorded || compareReleases(id, recorded) > 0)) recorded = id;
  }
  const ledger = [];
  for (const r of hasLedger ? results[results.length - 1].rows : []) {
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

// src/adapters/postgres/upgrade/python-step.ts
import { mkdir as mkdir2, writeFile } from "node:fs/promises";
import path2 from "node:path";
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
  const conf = path2.join(dir, "conf");
  await mkdir2(conf, { recursive: true, mode: 448 });
  await writeFile(path2.join(conf, o.dbConfigName), halfOrmConf(o.target), { mode: 384 });
  const env = {
    ...toolEnv(o.env, o.target, "hop-ci upgrade"),
    DATABASE_URL: o.databaseUrl,
    HALFORM_CONF_DIR: conf,
    PYTHONPATH: [o.projectRoot, o.env["PYTHONPATH"]].filter(Boolean).join(path2.delimiter)
  };
  const written = /* @__PURE__ */ new Map();
  return {
    env,
    async folderOf(release, patch, files) {
      const key = `${release}/${patch}`;
      const known = written.get(key);
      if (known) return known;
      const folder2 = path2.join(dir, "patches", release, patch);
      await mkdir2(folder2, { recursive: true });
      for (const [name, content] of files) await writeFile(path2.join(folder2, name), content);
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

export {
  readDatabaseVersion,
  ensureLedger,
  upsertLedgerRow,
  runTool,
  toolEnv,
  takeBackup,
  ageEncrypter,
  targetFromUrl,
  applicationName,
  connectTarget,
  withCredentials,
  loadResume,
  applyAll
};
