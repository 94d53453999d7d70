import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  connectDatabase,
  quoteIdent,
  runChild
} from "./chunk-QNR2ZIHY.js";
import {
  selectPatchFiles
} from "./chunk-PV6DJCVQ.js";
import {
  parse
} from "./chunk-LPWK32I5.js";
import {
  splitSql
} from "./chunk-LGT3NFJ7.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";

// src/core/lint.ts
var LINT_MODES = ["warn", "fail", "off"];
var MOOT_RULES = /* @__PURE__ */ new Set(["require-lock-timeout", "require-statement-timeout", "prefer-robust-stmts"]);
function parseLintMode(value, from) {
  if (value === void 0 || value === "") return void 0;
  const v = value.trim().toLowerCase();
  if (LINT_MODES.includes(v)) return v;
  throw new HopError(`${from} must be warn, fail or off, not '${value}'`, {
    hint: "warn reports squawk findings, fail also fails the stage on them, off does not lint",
    code: "bad-input"
  });
}
function selectFindings(patch, raw, statementOf, context) {
  const out = [];
  for (const f of raw) {
    if (MOOT_RULES.has(f.rule)) continue;
    const { table } = statementOf(f);
    if (table && !context.existing.has(table)) continue;
    const rows = table ? context.rows.get(table) : void 0;
    out.push({ ...f, patch, ...table ? { table } : {}, ...rows !== void 0 ? { rows } : {} });
  }
  return out;
}
function findingMessage(f) {
  const context = f.table ? ` (${f.table} exists before this release${f.rows !== void 0 ? `, ${f.rows} row${f.rows === 1 ? "" : "s"} in the validation database` : ""})` : "";
  return `${f.rule}: ${f.message}${context}${f.help ? `
${f.help}` : ""}`;
}
function codeQualityReport(findings, fingerprint) {
  return findings.map((f) => ({
    description: findingMessage(f).split("\n")[0],
    check_name: f.rule,
    fingerprint: fingerprint(`${f.file}:${f.line}:${f.rule}`),
    severity: f.level === "error" ? "major" : "minor",
    location: { path: f.file, lines: { begin: f.line } }
  }));
}
function renderLintTable(findings, mode, max = 30) {
  if (findings.length === 0) return "**Lint** (squawk): no finding";
  const cell = (s) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const rows = findings.slice(0, max).map(
    (f) => `| \`${cell(f.file)}:${f.line}\` | ${cell(f.rule)} | ${cell(f.message)}${f.table ? ` (${cell(f.table)}${f.rows !== void 0 ? `, ${f.rows} rows` : ""})` : ""} |`
  );
  return [
    `**Lint** (squawk): ${findings.length} finding${findings.length === 1 ? "" : "s"}${mode === "fail" ? " \u2014 lint: fail" : ""}`,
    "",
    "| where | rule | what |",
    "|---|---|---|",
    ...rows,
    ...findings.length > max ? [`| \u2026 | | ${findings.length - max} more in \`--json\` |`] : []
  ].join("\n");
}

// src/stages/validation/lint.ts
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path2 from "node:path";

// src/adapters/squawk.ts
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
var SQUAWK_VERSION = "2.66.0";
function platformBinary(from) {
  try {
    const require2 = createRequire(from);
    const pkg = require2.resolve(`@squawk-cli/${process.platform}-${process.arch}/package.json`);
    const bin = path.join(path.dirname(pkg), "bin", process.platform === "win32" ? "squawk.exe" : "squawk");
    return existsSync(bin) ? bin : void 0;
  } catch {
    return void 0;
  }
}
function onPath(env) {
  for (const dir of (env["PATH"] ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "squawk");
    if (dir && existsSync(candidate)) return candidate;
  }
  return void 0;
}
function findSquawk(projectRoot, env) {
  const given = env["HOP_SQUAWK"];
  if (given) return { program: given, args: [], describe: given };
  const local = platformBinary(import.meta.url) ?? platformBinary(path.join(projectRoot, "package.json"));
  if (local) return { program: local, args: [], describe: `squawk-cli (${local})` };
  const found = onPath(env);
  if (found) return { program: found, args: [], describe: found };
  return { program: "npx", args: ["--yes", `squawk-cli@${SQUAWK_VERSION}`], describe: `npx squawk-cli@${SQUAWK_VERSION}` };
}
async function runSquawk(command, run) {
  const config = path.join(run.projectRoot, ".squawk.toml");
  const args = [
    ...command.args,
    "--reporter",
    "json",
    "--stdin-filepath",
    run.file,
    "--pg-version",
    `${run.pgVersion}.0`,
    // hop-ci runs each file in a transaction (validation) or the whole release in one (upgrade).
    "--assume-in-transaction",
    ...existsSync(config) ? ["--config", config] : []
  ];
  const env = {};
  for (const [k, v] of Object.entries(run.env)) if (v !== void 0) env[k] = v;
  const r = await runChild(command.program, args, { env, cwd: run.projectRoot, stdin: run.text });
  const parsed = r.code === 0 || r.code === 1 ? parseJson(r.stdout) : void 0;
  if (!parsed) {
    throw new HopError(
      `squawk could not lint ${run.file} (${command.describe}, exit ${r.code ?? r.signal}): ${r.stderr.trim().split("\n").slice(-2).join(" ")}`,
      {
        kind: "failed",
        file: run.file,
        hint: `install it beside hop-ci (npm i -D squawk-cli@${SQUAWK_VERSION}) or give its path in HOP_SQUAWK; lint: off turns the lint off`,
        code: "squawk"
      }
    );
  }
  return parsed.map((f) => ({
    file: run.file,
    line: f.line + 1,
    column: f.column + 1,
    rule: f.rule_name,
    level: f.level.toLowerCase() === "error" ? "error" : "warning",
    message: f.message,
    ...f.help ? { help: f.help } : {}
  }));
}
function parseJson(text) {
  try {
    const v = JSON.parse(text.trim() || "[]");
    return Array.isArray(v) ? v : void 0;
  } catch {
    return void 0;
  }
}

// src/stages/validation/lint.ts
var CODE_QUALITY_REPORT = "gl-code-quality-report.json";
async function readLintMode(ctx, state) {
  const fromInput = parseLintMode(ctx.ci.input("lint"), "input 'lint'");
  if (fromInput) return fromInput;
  const file = path2.join(state.root, ".hop", "ci.toml");
  if (await ctx.workspace.exists(file)) {
    let doc = {};
    try {
      doc = parse(await ctx.workspace.readText(file));
    } catch {
    }
    const value = doc["lint"];
    if (value !== void 0) return parseLintMode(String(value), ".hop/ci.toml: lint") ?? "warn";
  }
  return "warn";
}
function tableKey(schema, name) {
  const q = (s) => /^[a-z_][a-z0-9_$]*$/.test(s) ? s : quoteIdent(s);
  return `${q(schema ?? "public")}.${q(name)}`;
}
function sqlOfPsql(text) {
  return text.replace(/^[ \t]*\\.*$/gm, "");
}
function statementAt(statements, text, line) {
  let found;
  for (const s of statements) {
    const startLine = text.slice(0, s.offset).split("\n").length;
    if (startLine <= line) found = s;
  }
  return found;
}
async function lintPatches(session, ctx, steps) {
  const root = session.root;
  const squawk = findSquawk(root, ctx.env);
  const pgVersion = session.server.majorVersion;
  const perFile = [];
  for (const step of steps) {
    const { folder, displayFolder } = session.patchInput(step);
    const { run } = selectPatchFiles(await readdir(folder), displayFolder);
    for (const entry of run) {
      if (entry.kind === "py") continue;
      const original = await readFile(path2.join(folder, entry.name), "utf8");
      const text = entry.kind === "psql" ? sqlOfPsql(original) : original;
      const file = `${displayFolder}/${entry.name}`;
      const raw = (await runSquawk(squawk, { text, file, pgVersion, projectRoot: root, env: ctx.env })).filter(
        (f) => !MOOT_RULES.has(f.rule)
      );
      const split = raw.length ? await splitSql(text, pgVersion) : void 0;
      perFile.push({ patch: step.id, raw, statements: split?.ok ? split.statements : [], text });
    }
  }
  if (perFile.every((f) => f.raw.length === 0)) return [];
  const named = [
    ...new Set(perFile.flatMap((f) => f.statements.flatMap((s) => s.relation ? [tableKey(s.relation.schema, s.relation.name)] : [])))
  ];
  const existing = /* @__PURE__ */ new Set();
  const rows = /* @__PURE__ */ new Map();
  if (named.length) {
    const client = await connectDatabase(session.server, session.templateName());
    try {
      const found = await client.query("SELECT t FROM unnest($1::text[]) t WHERE to_regclass(t) IS NOT NULL", [named]);
      for (const { t } of found.rows) {
        existing.add(t);
        const r = await client.query(`SELECT count(*) AS n FROM ${t}`);
        rows.set(t, Number(r.rows[0].n));
      }
    } finally {
      await client.end().catch(() => void 0);
    }
  }
  return perFile.flatMap(
    (f) => selectFindings(
      f.patch,
      f.raw,
      (finding) => {
        const s = statementAt(f.statements, f.text, finding.line);
        return s?.relation ? { table: tableKey(s.relation.schema, s.relation.name) } : {};
      },
      { existing, rows }
    )
  );
}
async function reportFindings(ctx, root, findings, mode) {
  for (const f of findings) {
    const onCheckout = !f.file.includes(":");
    const at = { ...onCheckout ? { file: f.file, line: f.line, column: f.column } : {}, title: `squawk: ${f.rule}` };
    if (mode === "fail") ctx.ci.error(findingMessage(f), at);
    else ctx.ci.warning(findingMessage(f), at);
  }
  if (ctx.ci.name === "gitlab") {
    const report = codeQualityReport(findings, (s) => createHash("sha256").update(s).digest("hex"));
    await ctx.workspace.writeText(
      path2.join(ctx.env["CI_PROJECT_DIR"] ?? root, CODE_QUALITY_REPORT),
      `${JSON.stringify(report, null, 2)}
`
    );
  }
}

export {
  renderLintTable,
  readLintMode,
  lintPatches,
  reportFindings
};
