import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  connectDatabase,
  dumpSchema,
  runPsqlFile,
  startEphemeralCluster
} from "./chunk-QNR2ZIHY.js";
import "./chunk-ZOS35ALX.js";
import "./chunk-UQEAN7LJ.js";

// src/demo/run-demo.ts
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync as rmSync2, writeFileSync as writeFileSync3 } from "node:fs";
import { tmpdir } from "node:os";
import path3 from "node:path";

// src/demo/hop-acts.ts
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
var IDENTITY = {
  GIT_AUTHOR_NAME: "Hop Developer",
  GIT_AUTHOR_EMAIL: "dev@example.com",
  GIT_COMMITTER_NAME: "Hop Developer",
  GIT_COMMITTER_EMAIL: "dev@example.com"
};
function git(cwd, ...args) {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...IDENTITY },
    stdio: ["ignore", "pipe", "pipe"]
  }).trim();
}
function write(repo, rel, text) {
  const p = path.join(repo.dev, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
}
function initHopRepo(dir, populate) {
  const origin = path.join(dir, "origin.git");
  const dev = path.join(dir, "dev");
  execFileSync("git", ["init", "-q", "--bare", "-b", "ho-prod", origin]);
  mkdirSync(dev, { recursive: true });
  git(dev, "init", "-q", "-b", "ho-prod");
  populate(dev);
  git(dev, "add", "-A");
  git(dev, "commit", "-q", "-m", "[HOP] Initial commit (release: 0.0.0)");
  git(dev, "remote", "add", "origin", origin);
  git(dev, "push", "-q", "origin", "ho-prod");
  return { dir, origin, dev, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
function fetchAll(repo) {
  git(repo.dev, "fetch", "-q", "--prune", "origin", "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*");
}
function checkoutRemote(repo, branch) {
  git(repo.dev, "checkout", "-q", "-B", branch, `origin/${branch}`);
}
function originBranches(repo) {
  return git(repo.origin, "for-each-ref", "--format=%(refname:short)", "refs/heads/").split("\n").filter(Boolean);
}
function syncHop(repo, source, reason) {
  for (const b of originBranches(repo)) {
    if (b === source || !(b === "ho-prod" || b.startsWith("ho-release/") || b.startsWith("ho-patch/"))) continue;
    checkoutRemote(repo, b);
    git(repo.dev, "rm", "-r", "-q", "--", ".hop");
    git(repo.dev, "checkout", `origin/${source}`, "--", ".hop");
    if (git(repo.dev, "status", "--porcelain", "--", ".hop") === "") continue;
    git(repo.dev, "commit", "-q", "-m", `[HOP] Sync .hop/ from ${source} (${reason})`);
    git(repo.dev, "push", "-q", "origin", b);
  }
}
function readToml(repo, version) {
  return git(repo.dev, "show", `HEAD:.hop/releases/${version}-patches.toml`);
}
function syncReason(text) {
  return text.split(".")[0];
}
function createRelease(repo, version) {
  fetchAll(repo);
  checkoutRemote(repo, "ho-prod");
  write(repo, `.hop/releases/${version}-patches.toml`, "[patches]\n");
  git(repo.dev, "add", "-A");
  git(repo.dev, "commit", "-q", "-m", `[HOP] Create release %${version} branch and patches file`);
  git(repo.dev, "push", "-q", "origin", "ho-prod", `ho-prod:refs/heads/ho-release/${version}`);
  fetchAll(repo);
  syncHop(repo, `ho-release/${version}`, "create_release");
}
function addPatch(repo, version, id, files) {
  fetchAll(repo);
  checkoutRemote(repo, `ho-release/${version}`);
  const toml = readToml(repo, version);
  const entry = `[patches.${id}]
status = "candidate"
`;
  write(repo, `.hop/releases/${version}-patches.toml`, toml.trim() === "[patches]" ? entry : `${toml}

${entry}`);
  git(repo.dev, "commit", "-q", "-am", `[HOP] Add patch #${id} to %${version} candidates`);
  git(repo.dev, "push", "-q", "origin", `ho-release/${version}`);
  syncHop(repo, `ho-release/${version}`, syncReason(`Add patch #${id} to %${version}`));
  checkoutRemote(repo, `ho-release/${version}`);
  git(repo.dev, "checkout", "-q", "-B", `ho-patch/${id}`);
  for (const [name, text] of Object.entries(files)) write(repo, `Patches/${id}/${name}`, text);
  git(repo.dev, "add", "-A");
  git(repo.dev, "commit", "-q", "-m", `${id}: work`);
  git(repo.dev, "push", "-q", "origin", `ho-patch/${id}`);
}
function amendPatch(repo, id, files, message) {
  fetchAll(repo);
  checkoutRemote(repo, `ho-patch/${id}`);
  for (const [name, text] of Object.entries(files)) write(repo, `Patches/${id}/${name}`, text);
  git(repo.dev, "commit", "-q", "-am", `${id}: ${message}`);
  git(repo.dev, "push", "-q", "origin", `ho-patch/${id}`);
}
function mergePatch(repo, version, id) {
  fetchAll(repo);
  checkoutRemote(repo, `ho-release/${version}`);
  const patchTip = git(repo.dev, "rev-parse", `origin/ho-patch/${id}`);
  git(repo.dev, "merge", "-q", "--no-edit", `origin/ho-patch/${id}`);
  mkdirSync(path.join(repo.dev, "Patches/staged"), { recursive: true });
  git(repo.dev, "mv", `Patches/${id}`, `Patches/staged/${id}`);
  const toml = readToml(repo, version).replace(
    `[patches.${id}]
status = "candidate"`,
    `[patches.${id}]
status = "staged"
merge_commit = "${patchTip.slice(0, 8)}"`
  );
  write(repo, `.hop/releases/${version}-patches.toml`, toml.endsWith("\n") ? toml : `${toml}
`);
  git(repo.dev, "add", "-A");
  git(repo.dev, "commit", "-q", "-m", `[HOP] move patch #${id} from candidate to stage %${version}
Fixes #${id.split("-")[0]}.`);
  git(
    repo.dev,
    "push",
    "-q",
    "origin",
    `ho-release/${version}`,
    `origin/ho-patch/${id}:refs/heads/ho-staged/${id}`,
    `:refs/heads/ho-patch/${id}`
  );
  fetchAll(repo);
  syncHop(repo, `ho-release/${version}`, syncReason(`move patch #${id} from candidate to stage %${version}`));
}
function reopenHotfix(repo, version) {
  fetchAll(repo);
  git(repo.dev, "checkout", "-q", "-B", `ho-release/${version}`, `v${version}`);
  write(repo, `.hop/releases/${version}-patches.toml`, "[patches]\n");
  git(repo.dev, "add", "-A");
  git(repo.dev, "commit", "-q", "-m", `[release] Reopen %${version} for hotfix development`);
  git(repo.dev, "push", "-q", "origin", `ho-release/${version}`);
  fetchAll(repo);
  syncHop(repo, `ho-release/${version}`, syncReason(`[release] Reopen %${version}`));
}

// src/demo/sample-project.ts
import { execFileSync as execFileSync2 } from "node:child_process";
import { mkdirSync as mkdirSync2, symlinkSync, writeFileSync as writeFileSync2 } from "node:fs";
import path2 from "node:path";

// src/demo/half-orm-meta.ts
var SCHEMA_0_0_0 = `SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET client_min_messages = warning;

CREATE SCHEMA half_orm_meta;
CREATE SCHEMA "half_orm_meta.view";

CREATE TABLE half_orm_meta.database (
    id text NOT NULL,
    name text NOT NULL,
    description text
);

CREATE TABLE half_orm_meta.hop_release (
    major integer NOT NULL,
    minor integer NOT NULL,
    patch integer NOT NULL,
    pre_release text DEFAULT ''::text NOT NULL,
    pre_release_num text DEFAULT ''::text NOT NULL,
    date date DEFAULT CURRENT_DATE,
    "time" time(0) with time zone DEFAULT CURRENT_TIME,
    changelog text,
    commit text,
    dbid text,
    hop_release text,
    CONSTRAINT hop_release_pre_release_check CHECK ((pre_release = ANY (ARRAY['alpha'::text, 'beta'::text, 'rc'::text, ''::text]))),
    CONSTRAINT hop_release_pre_release_num_check CHECK (((pre_release_num = ''::text) OR (pre_release_num ~ '^\\d+$'::text)))
);

CREATE TABLE half_orm_meta.hop_release_issue (
    num integer NOT NULL,
    issue_release integer DEFAULT 0 NOT NULL,
    release_major integer NOT NULL,
    release_minor integer NOT NULL,
    release_patch integer NOT NULL,
    release_pre_release text NOT NULL,
    release_pre_release_num text NOT NULL,
    changelog text
);

CREATE VIEW "half_orm_meta.view".hop_last_release AS
 SELECT hop_release.major,
    hop_release.minor,
    hop_release.patch,
    hop_release.pre_release,
    hop_release.pre_release_num,
    hop_release.date,
    hop_release."time",
    hop_release.changelog,
    hop_release.commit
   FROM half_orm_meta.hop_release
  ORDER BY hop_release.major DESC, hop_release.minor DESC, hop_release.patch DESC, hop_release.pre_release DESC, hop_release.pre_release_num DESC
 LIMIT 1;

ALTER TABLE ONLY half_orm_meta.database
    ADD CONSTRAINT database_pkey PRIMARY KEY (id);
ALTER TABLE ONLY half_orm_meta.hop_release
    ADD CONSTRAINT hop_release_pkey PRIMARY KEY (major, minor, patch, pre_release, pre_release_num);
ALTER TABLE ONLY half_orm_meta.hop_release_issue
    ADD CONSTRAINT hop_release_issue_pkey PRIMARY KEY (num, issue_release);
`;
var METADATA_0_0_0 = `COPY half_orm_meta.database (id, name, description) FROM stdin;
\\.

COPY half_orm_meta.hop_release (major, minor, patch, pre_release, pre_release_num, date, "time", changelog, commit, dbid, hop_release) FROM stdin;
0	0	0			2026-01-01	00:00:00+00	Initial release	\\N	\\N	\\N
\\.

COPY half_orm_meta.hop_release_issue (num, issue_release, release_major, release_minor, release_patch, release_pre_release, release_pre_release_num, changelog) FROM stdin;
\\.
`;

// src/demo/sample-project.ts
var DEMO_CONFIG = `[halfORM]
hop_version = 1.0.0-a32
git_origin = https://example.com/acme/hopdemo.git
devel = True
package_name = hopdemo
`;
var BALANCE = `ALTER TABLE public.accounts ADD COLUMN balance numeric(12,2);
-- every account starts at zero
UPDATE public.accounts SET balance = 0;
ALTER TABLE public.accounts ALTER COLUMN balance SET NOT NULL,
    ADD CONSTRAINT balance_not_negative CHECK (balance >= 0);
UPDATE public.accounts SET balance = 10 WHERE email = 'alice@example.com';
`;
var PATCHES = {
  "1-accounts": {
    "01_accounts.sql": `CREATE TABLE public.accounts (
    id serial PRIMARY KEY,
    email text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);
`
  },
  "2-seed": {
    "01_seed.sql": `INSERT INTO public.accounts (email) VALUES
    ('alice@example.com'),
    ('bob@example.com');
`
  },
  /** Line 6 names a table that does not exist: validation fails and says where. */
  "3-balance-broken": {
    "01_balance.sql": BALANCE.replace("UPDATE public.accounts SET balance = 10", "UPDATE public.acounts SET balance = 10")
  },
  "3-balance-fixed": { "01_balance.sql": BALANCE },
  "4-email-index": {
    "01_lower_email.sql": `CREATE INDEX accounts_lower_email_idx ON public.accounts (lower(email));
`
  }
};
var PYTEST = `"""The project's tests: hop-ci runs them on every validated database (PG* is set)."""
import subprocess


def query(sql):
    out = subprocess.run(["psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def test_accounts_have_unique_emails():
    if query("SELECT to_regclass('public.accounts') IS NULL") == "t":
        return  # before 1-accounts
    assert query("SELECT count(*) = count(DISTINCT email) FROM public.accounts") == "t"


def test_balances_are_not_negative():
    has_balance = query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'balance'")
    if has_balance == "1":
        assert query("SELECT count(*) FROM public.accounts WHERE balance < 0") == "0"
`;
var SHELL_TEST = `#!/bin/sh
# The project's tests without Python packages: hop-ci runs them with PG* set.
set -eu
if [ "$(psql -X -A -t -c "SELECT to_regclass('public.accounts') IS NOT NULL")" = t ]; then
  test "$(psql -X -A -t -c 'SELECT count(*) = count(DISTINCT email) FROM public.accounts')" = t
fi
echo "tests passed"
`;
function hasPytest(python = "python3") {
  try {
    execFileSync2(python, ["-c", "import pytest"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
function populateInitial(dev, withPytest, schemaDump) {
  const put = (rel, text) => {
    const p = path2.join(dev, rel);
    mkdirSync2(path2.dirname(p), { recursive: true });
    writeFileSync2(p, text);
  };
  put(".hop/config", DEMO_CONFIG);
  put(".hop/model/schema-0.0.0.sql", schemaDump);
  put(".hop/model/metadata-0.0.0.sql", METADATA_0_0_0);
  symlinkSync("schema-0.0.0.sql", path2.join(dev, ".hop/model/schema.sql"));
  put(".hop/releases/README.md", "Release state files, written by half-orm-dev and hop-ci.\n");
  put("Patches/README.md", "One folder a patch.\n");
  put(".gitignore", "__pycache__/\n.pytest_cache/\n");
  if (withPytest) {
    put("tests/test_accounts.py", PYTEST);
    return "pytest -q -p no:cacheprovider tests";
  }
  put("tests/check.sh", SHELL_TEST);
  return "sh tests/check.sh";
}

// src/demo/run-demo.ts
var CLEARED = [
  "DATABASE_URL",
  "HOP_DATABASE_URL",
  "PGHOST",
  "PGHOSTADDR",
  "PGPORT",
  "PGSERVICE",
  "PGDATABASE",
  "PGUSER",
  "PGPASSWORD",
  "GITHUB_ACTIONS",
  "GITLAB_CI",
  "HOP_STAGE"
];
function stageEnv(env, extra = {}) {
  const clean = { ...env };
  for (const k of CLEARED) delete clean[k];
  return { ...clean, NO_COLOR: env["NO_COLOR"] ?? "", ...extra };
}
function runHopCi(args, cwd, env, io) {
  const cli = process.argv[1];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env, stdio: io.stageStdio });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
async function queryProduction(server, db) {
  const client = await connectDatabase(server, db);
  try {
    const v = await client.query(
      `SELECT major || '.' || minor || '.' || patch AS v FROM "half_orm_meta.view".hop_last_release`
    );
    let ledger = [];
    const hasLedger = await client.query(
      `SELECT 1 FROM information_schema.tables WHERE table_schema = 'hop_ci' AND table_name = 'applied_release'`
    );
    if (hasLedger.rowCount) {
      const rows = await client.query(`SELECT release FROM hop_ci.applied_release ORDER BY started_at`);
      ledger = rows.rows.map((r) => r.release);
    }
    return { version: v.rows[0]?.v ?? null, ledger };
  } finally {
    await client.end();
  }
}
async function runDemo(args) {
  const json = args.flags["json"] === "true";
  const keep = args.flags["keep"] === "true";
  const io = json ? { out: (l) => process.stderr.write(`${l}
`), stageStdio: ["ignore", 2, 2] } : { out: (l) => process.stdout.write(`${l}
`), stageStdio: "inherit" };
  const folder = mkdtempSync(path3.join(tmpdir(), "hop-ci-demo-"));
  const steps = [];
  let repo;
  let prod;
  const backupDir = path3.join(folder, "backups");
  let n = 0;
  const step = async (title, expected, fn) => {
    n += 1;
    io.out(`
\u2501\u2501 ${n}. ${title}`);
    const t0 = performance.now();
    const code = await fn();
    const ms = Math.round(performance.now() - t0);
    steps.push({ step: title, exitCode: code, expected, ms });
    const verdict = code === expected ? expected === 0 ? "\u2713 done" : `\u2713 failed as expected (exit ${code})` : `\u2717 exit ${code}, expected ${expected}`;
    io.out(`   ${verdict} in ${(ms / 1e3).toFixed(1)} s`);
    if (code !== expected) throw new Error(`demo step "${title}" ended with exit ${code} (expected ${expected})`);
  };
  try {
    io.out(`hop-ci demo \u2014 a sample hop project in ${folder}`);
    const withPytest = hasPytest();
    prod = await startEphemeralCluster();
    await prod.createDatabase("hopdemo_prod");
    const initialSql = path3.join(folder, "half_orm_meta.sql");
    writeFileSync3(initialSql, SCHEMA_0_0_0);
    await runPsqlFile(prod, "hopdemo_prod", initialSql);
    const schema000 = await dumpSchema(prod, "hopdemo_prod");
    let testCommand = "";
    repo = initHopRepo(path3.join(folder, "project"), (dev) => {
      testCommand = populateInitial(dev, withPytest, schema000);
    });
    const r = repo;
    const env = stageEnv(args.env);
    const run = (cwd, ...a) => runHopCi(a, cwd, env, io);
    await step("The developer opens release 0.1.0 and merges two patches (half-orm-dev, on a laptop)", 0, () => {
      createRelease(r, "0.1.0");
      addPatch(r, "0.1.0", "1-accounts", PATCHES["1-accounts"]);
      mergePatch(r, "0.1.0", "1-accounts");
      addPatch(r, "0.1.0", "2-seed", PATCHES["2-seed"]);
      mergePatch(r, "0.1.0", "2-seed");
      addPatch(r, "0.1.0", "3-balance", PATCHES["3-balance-broken"]);
      io.out(`   origin: ho-prod, ho-release/0.1.0 (1-accounts, 2-seed staged), ho-patch/3-balance (candidate); tests: ${testCommand}`);
      return 0;
    });
    await step("hop-ci generate: the GitHub Actions and GitLab CI workflows, committed on ho-prod", 0, async () => {
      checkoutRemote(r, "ho-prod");
      const code = await run(r.dev, "generate", "--provider", "both", "--test-command", testCommand);
      if (code !== 0) return code;
      git(r.dev, "add", "-A");
      git(r.dev, "commit", "-q", "-m", "Add the hop-ci workflows");
      git(r.dev, "push", "-q", "origin", "ho-prod");
      return run(r.dev, "generate", "--check", "--provider", "both", "--test-command", testCommand);
    });
    await step("hop-ci plan: what each stage would do now", 0, () => {
      checkoutRemote(r, "ho-release/0.1.0");
      return run(r.dev, "plan");
    });
    await step("validate-patch on ho-patch/3-balance: the SQL error is named with its file and line", 1, () => {
      checkoutRemote(r, "ho-patch/3-balance");
      return run(r.dev, "run", "validate-patch", "--test-command", testCommand);
    });
    await step("The developer fixes the table name; validate-patch passes", 0, () => {
      amendPatch(r, "3-balance", PATCHES["3-balance-fixed"], "fix the table name");
      checkoutRemote(r, "ho-patch/3-balance");
      return run(r.dev, "run", "validate-patch", "--test-command", testCommand);
    });
    await step("The developer merges 3-balance (half-orm-dev)", 0, () => {
      mergePatch(r, "0.1.0", "3-balance");
      return 0;
    });
    const promote = async (stage) => {
      checkoutRemote(r, "ho-release/0.1.0");
      const code = await run(r.dev, "run", stage, "--test-command", testCommand);
      fetchAll(r);
      return code;
    };
    await step(
      "promote-rc: validates the release, writes 0.1.0-rc1.txt, tags v0.1.0-rc1, pushes atomically",
      0,
      () => promote("promote-rc")
    );
    await step("promote-prod: merges into ho-prod, dumps the schema, writes 0.1.0.txt, tags v0.1.0", 0, () => promote("promote-prod"));
    io.out("\n   (production: hopdemo_prod on a throwaway cluster, at release 0.0.0)");
    const metadata = path3.join(folder, "metadata-0.0.0.sql");
    writeFileSync3(metadata, METADATA_0_0_0);
    await runPsqlFile(prod, "hopdemo_prod", metadata);
    const prodEnv = stageEnv(args.env, { DATABASE_URL: prod.url("hopdemo_prod") });
    const upgrade = () => runHopCi(["run", "upgrade", "--backup-dir", backupDir], r.dev, prodEnv, io);
    await step("upgrade production to 0.1.0: lock, drift check, verified backup, one transaction per release", 0, () => {
      checkoutRemote(r, "ho-prod");
      return upgrade();
    });
    await step("A hotfix: the developer reopens 0.1.0 and merges 4-email-index (half-orm-dev)", 0, () => {
      reopenHotfix(r, "0.1.0");
      addPatch(r, "0.1.0", "4-email-index", PATCHES["4-email-index"]);
      mergePatch(r, "0.1.0", "4-email-index");
      return 0;
    });
    await step("promote-hotfix: 0.1.0.post1 merged into ho-prod, tagged, schema dumped", 0, () => promote("promote-hotfix"));
    await step("upgrade production again: 0.1.0 \u2192 0.1.0.post1", 0, () => {
      checkoutRemote(r, "ho-prod");
      return upgrade();
    });
    const result = {
      ok: true,
      folder,
      kept: keep,
      steps,
      originBranches: git(r.origin, "for-each-ref", "--format=%(refname:short)", "refs/heads/").split("\n").filter(Boolean),
      originTags: git(r.origin, "for-each-ref", "--format=%(refname:short)", "refs/tags/").split("\n").filter(Boolean),
      releaseFiles: git(r.origin, "ls-tree", "--name-only", "ho-prod", ".hop/releases/").split("\n").filter(Boolean).map((f) => path3.basename(f)),
      production: { ...await queryProduction(prod, "hopdemo_prod"), backups: existsSync(backupDir) ? readdirSync(backupDir) : [] }
    };
    io.out("\n\u2501\u2501 The end state");
    io.out(`   origin tags:      ${result.originTags.filter((t) => t.startsWith("v")).join(", ")}`);
    io.out(`   origin branches:  ${result.originBranches.join(", ")}`);
    io.out(`   release files:    ${result.releaseFiles.join(", ")}`);
    io.out(
      `   production:       half_orm_meta says ${result.production.version}; hop-ci's ledger: ${result.production.ledger.join(" \u2192 ")}`
    );
    io.out(`   backups taken:    ${result.production.backups.length}`);
    io.out(`   total:            ${(steps.reduce((s, x) => s + x.ms, 0) / 1e3).toFixed(1)} s`);
    if (keep) io.out(`   kept: ${folder} (origin: project/origin.git, developer clone: project/dev)`);
    if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}
`);
    return 0;
  } catch (e) {
    io.out(`
demo failed: ${e instanceof Error ? e.message : String(e)}`);
    if (json)
      process.stdout.write(`${JSON.stringify({ ok: false, folder, steps, error: e instanceof Error ? e.message : String(e) }, null, 2)}
`);
    return 1;
  } finally {
    await prod?.close();
    if (!keep) rmSync2(folder, { recursive: true, force: true });
  }
}
export {
  runDemo
};
