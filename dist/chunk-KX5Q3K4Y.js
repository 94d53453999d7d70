import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  expectedSchemaCandidates
} from "./chunk-CXICBEXJ.js";
import {
  applyAll,
  connectTarget,
  ensureLedger
} from "./chunk-UM6XNPZS.js";
import {
  planUpgrade
} from "./chunk-7I2RTITQ.js";
import {
  LEDGER_SCHEMA,
  loadReleases
} from "./chunk-LS23UC4N.js";
import {
  readCatalog
} from "./chunk-YSUHOREH.js";
import {
  compareCatalogs
} from "./chunk-3BREY5PD.js";
import {
  addressFromUrl
} from "./chunk-GSALQ3P7.js";
import {
  findClientTool,
  libpqEnv,
  makeTempFolder,
  runChild,
  startEphemeralCluster
} from "./chunk-QNR2ZIHY.js";
import "./chunk-PV6DJCVQ.js";
import "./chunk-TNUK3URT.js";
import "./chunk-LPWK32I5.js";
import "./chunk-NJWHB42U.js";
import "./chunk-VIHRG64B.js";
import "./chunk-EIFLYEQI.js";
import "./chunk-WSXT4SJN.js";
import "./chunk-LGT3NFJ7.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";
import "./chunk-UQEAN7LJ.js";

// src/adapters/postgres/upgrade/drift.ts
import { writeFile } from "node:fs/promises";
import path from "node:path";
var ROLE_ONLY = /^psql:.*: ERROR: {2}role ".*" does not exist$/;
async function restoreRecordedDump(server, database, dump, env) {
  const folder = makeTempFolder("drift");
  try {
    const file = path.join(folder.path, "schema.sql");
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
export {
  checkDrift
};
