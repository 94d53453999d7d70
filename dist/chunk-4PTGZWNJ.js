import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  applyAll,
  connectTarget,
  ensureLedger,
  runTool,
  takeBackup,
  targetFromUrl,
  toolEnv,
  withCredentials
} from "./chunk-UM6XNPZS.js";
import {
  sqlLiteral
} from "./chunk-LS23UC4N.js";
import "./chunk-GSALQ3P7.js";
import {
  findClientTool,
  makeTempFolder,
  onInterrupt,
  quoteIdent,
  serverMajorVersion,
  startEphemeralCluster
} from "./chunk-QNR2ZIHY.js";
import "./chunk-PV6DJCVQ.js";
import "./chunk-VIHRG64B.js";
import "./chunk-EIFLYEQI.js";
import "./chunk-LGT3NFJ7.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";
import "./chunk-UQEAN7LJ.js";

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
    `CREATE DATABASE ${quoteIdent(name)} OWNER ${quoteIdent(roles.database.owner)} TEMPLATE template0 ENCODING ${sqlLiteral(roles.database.encoding)}`
  );
  if (roles.database.acl !== null)
    await superuser.query("UPDATE pg_database SET datacl = $1::aclitem[] WHERE datname = $2", [roles.database.acl, name]);
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
export {
  rehearseOffServer,
  rehearseOnServer
};
