import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  describeDrift,
  renderDriftTable
} from "./chunk-CXICBEXJ.js";
import {
  ageEncrypter,
  applicationName,
  applyAll,
  connectTarget,
  ensureLedger,
  loadResume,
  readDatabaseVersion,
  takeBackup,
  targetFromUrl,
  upsertLedgerRow
} from "./chunk-UM6XNPZS.js";
import {
  GitReader,
  atomicityNotes,
  lockNotes,
  renderFailureAdvice,
  renderUpgradePlan,
  renderUpgradeSummary
} from "./chunk-UMMWTATR.js";
import {
  noVersionError,
  planUpgrade,
  resolvePosition
} from "./chunk-7I2RTITQ.js";
import {
  loadReleases,
  prefetchReleases
} from "./chunk-LS23UC4N.js";
import {
  loadState
} from "./chunk-BWZZEIN5.js";
import "./chunk-3BREY5PD.js";
import "./chunk-GSALQ3P7.js";
import {
  serverMajorVersion
} from "./chunk-QNR2ZIHY.js";
import "./chunk-PV6DJCVQ.js";
import {
  booleanInput
} from "./chunk-DEKKZS3Q.js";
import "./chunk-TNUK3URT.js";
import "./chunk-LPWK32I5.js";
import "./chunk-NJWHB42U.js";
import {
  compareReleases,
  formatRelease,
  parseRelease,
  releaseTag
} from "./chunk-VIHRG64B.js";
import {
  VERSION
} from "./chunk-EIFLYEQI.js";
import "./chunk-WSXT4SJN.js";
import "./chunk-LGT3NFJ7.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";
import "./chunk-UQEAN7LJ.js";

// src/stages/upgrade.ts
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

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
    if (inputs.dryRun) {
      const { locksOfRelease } = await import("./chunk-EMWE23AT.js");
      for (const r of releases) r.plan.locks = await locksOfRelease(r.files, serverMajor);
    }
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
    let drift;
    if (resume)
      drift = {
        status: "skipped",
        differences: [],
        note: `${position.release} was left part-way by a previous run: no drift check, its remaining parts run first`
      };
    else {
      const { checkDrift } = await import("./chunk-KX5Q3K4Y.js");
      drift = await checkDrift({
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
    }
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
      const { rehearseOffServer, rehearseOnServer } = await import("./chunk-4PTGZWNJ.js");
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
      const dir = inputs.backupDir ?? await mkdtemp(path.join(tmpdir(), "hop-ci-backup-"));
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
