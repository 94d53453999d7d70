import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  TomlError,
  parse
} from "./chunk-LPWK32I5.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";

// src/core/promotion-mode.ts
var PROMOTION_MODES = ["push", "pull-request"];
var DEFAULT_PROMOTION_MODE = "push";
var PROMOTION_BRANCH_PREFIX = "hop-promote/";
function promotionBranch(version) {
  return `${PROMOTION_BRANCH_PREFIX}${version}`;
}
function parsePromotionMode(value, from) {
  const v = value.trim();
  if (PROMOTION_MODES.includes(v)) return v;
  throw new HopError(`${from}: promotion '${value}' is not valid: push or pull-request`, {
    hint: 'write promotion = "push" (the default) or "pull-request"',
    code: "bad-input"
  });
}

// src/generator/options.ts
var PROVIDERS = ["github", "gitlab"];
var OPTION_NAMES = [
  "provider",
  "postgres-version",
  "python-version",
  "install-command",
  "upgrade-install-command",
  "test-command",
  "action-ref",
  "validate-timeout",
  "promote-timeout",
  "upgrade-timeout",
  "promotion"
];
var DEFAULT_POSTGRES_VERSION = "16";
var DEFAULT_PYTHON_VERSION = "3.12";
var DEFAULT_TIMEOUTS = { validate: 30, promote: 30, upgrade: 60 };
var TIMEOUT_OPTION = {
  validate: "validate-timeout",
  promote: "promote-timeout",
  upgrade: "upgrade-timeout"
};
function defaultInstallCommand(facts) {
  if (facts.hasPythonPackaging) return "pip install -e .";
  if (facts.hasRequirementsTxt) return "pip install -r requirements.txt";
  return "pip install half_orm_dev pytest";
}
function defaultActionRef(hopCiVersion) {
  return `hop-ci/hop-ci@v${hopCiVersion}`;
}
function invalid(name, src, expected) {
  const fromToml = src.from !== "flag";
  return new HopError(`${fromToml ? `${src.from}: ` : ""}${name} '${src.value}' is not valid: ${expected}`, {
    hint: fromToml ? `fix '${name}' in ${src.from}, or override it with --${name}` : `fix --${name}`,
    code: "generate-option",
    ...fromToml ? { file: src.from } : {}
  });
}
function singleLine(name, src) {
  const v = src.value.trim();
  if (v === "" || /[\r\n]/.test(v)) throw invalid(name, src, "one non-empty line (put longer scripts in a file and run that)");
  return v;
}
function resolveOptions(flags, toml, tomlFile, facts) {
  const pick = (name) => {
    if (flags[name] !== void 0) return { value: flags[name], from: "flag" };
    if (toml[name] !== void 0) return { value: toml[name], from: tomlFile };
    return void 0;
  };
  let providers;
  const provider = pick("provider");
  if (provider) {
    const v = provider.value.trim();
    if (v === "both") providers = [...PROVIDERS];
    else if (PROVIDERS.includes(v)) providers = [v];
    else throw invalid("provider", provider, "github, gitlab or both");
  } else if (facts.detectedProviders?.length) {
    providers = facts.detectedProviders;
  } else {
    throw new HopError("cannot tell whether this project is on GitHub or GitLab", {
      hint: `pass --provider github|gitlab|both (or set provider in ${tomlFile})${facts.detectionHint ? `; ${facts.detectionHint}` : ""}`,
      code: "generate-provider"
    });
  }
  const pg = pick("postgres-version") ?? { value: DEFAULT_POSTGRES_VERSION, from: "default" };
  const pgMatch = /^(\d+)(\.\d+)?$/.exec(pg.value.trim());
  if (!pgMatch || Number(pgMatch[1]) < 10)
    throw invalid("postgres-version", pg, "a PostgreSQL major (10 or later), optionally with a minor, e.g. 16 or 16.4");
  const py = pick("python-version") ?? { value: DEFAULT_PYTHON_VERSION, from: "default" };
  if (!/^3\.\d+(\.\d+)?$/.test(py.value.trim()))
    throw invalid("python-version", py, 'a Python 3 version such as 3.12 (quote it in TOML: "3.10" is not 3.1)');
  const install = pick("install-command");
  const installCommand = install ? singleLine("install-command", install) : defaultInstallCommand(facts);
  const upgradeInstall = pick("upgrade-install-command");
  const test = pick("test-command");
  const timeouts = { ...DEFAULT_TIMEOUTS };
  for (const kind of Object.keys(TIMEOUT_OPTION)) {
    const src = pick(TIMEOUT_OPTION[kind]);
    if (!src) continue;
    const v = src.value.trim();
    if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 360)
      throw invalid(TIMEOUT_OPTION[kind], src, "a whole number of minutes from 1 to 360 (the most GitHub allows a hosted job)");
    timeouts[kind] = Number(v);
  }
  const ref = pick("action-ref");
  if (ref && !/^(\.\/[\w./-]*|[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[\w./-]+)$/.test(ref.value.trim())) {
    throw invalid("action-ref", ref, "owner/repo@version (pinned), or ./path for a local action");
  }
  const promotion = pick("promotion") ?? { value: DEFAULT_PROMOTION_MODE, from: "default" };
  if (!PROMOTION_MODES.includes(promotion.value.trim()))
    throw invalid("promotion", promotion, "push or pull-request");
  return {
    providers,
    postgresVersion: pg.value.trim(),
    postgresMajor: Number(pgMatch[1]),
    pythonVersion: py.value.trim(),
    installCommand,
    upgradeInstallCommand: upgradeInstall ? singleLine("upgrade-install-command", upgradeInstall) : installCommand,
    timeouts,
    ...test ? { testCommand: singleLine("test-command", test) } : {},
    actionRef: ref ? ref.value.trim() : defaultActionRef(facts.hopCiVersion),
    promotion: promotion.value.trim(),
    hopCiVersion: facts.hopCiVersion,
    ...facts.workingDirectory ? { workingDirectory: facts.workingDirectory } : {}
  };
}
function nonDefaultFlags(options, facts) {
  const out = [];
  const add = (name, value) => out.push(`--${name} ${/^[\w.@/:-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`}`);
  if (options.postgresVersion !== DEFAULT_POSTGRES_VERSION) add("postgres-version", options.postgresVersion);
  if (options.pythonVersion !== DEFAULT_PYTHON_VERSION) add("python-version", options.pythonVersion);
  if (options.installCommand !== defaultInstallCommand(facts)) add("install-command", options.installCommand);
  if (options.upgradeInstallCommand !== options.installCommand) add("upgrade-install-command", options.upgradeInstallCommand);
  if (options.testCommand !== void 0) add("test-command", options.testCommand);
  for (const kind of Object.keys(TIMEOUT_OPTION))
    if (options.timeouts[kind] !== DEFAULT_TIMEOUTS[kind]) add(TIMEOUT_OPTION[kind], String(options.timeouts[kind]));
  if (options.actionRef !== defaultActionRef(options.hopCiVersion)) add("action-ref", options.actionRef);
  if (options.promotion !== DEFAULT_PROMOTION_MODE) add("promotion", options.promotion);
  return out;
}

// src/generator/ci-toml.ts
var CI_TOML = ".hop/ci.toml";
function parseCiToml(text, file = CI_TOML) {
  let doc;
  try {
    doc = parse(text);
  } catch (e) {
    if (e instanceof TomlError) {
      throw new HopError(`${file}:${e.line}:${e.column}: ${e.message.split("\n")[0]}`, {
        file,
        line: e.line,
        column: e.column,
        hint: `fix the TOML syntax of ${file}`,
        code: "toml-syntax"
      });
    }
    throw e;
  }
  const out = {};
  for (const name of OPTION_NAMES) {
    const key = name in doc ? name : name.replace(/-/g, "_");
    if (!(key in doc)) continue;
    const value = doc[key];
    if (typeof value === "string" || typeof value === "number" && Number.isInteger(value)) {
      out[name] = String(value);
    } else {
      throw new HopError(`${file}: ${key} must be a string, not ${JSON.stringify(value)}`, {
        file,
        hint: `write it quoted, e.g. ${key} = "${String(value)}"`,
        code: "generate-option"
      });
    }
  }
  return out;
}

// src/generator/unified-diff.ts
var CONTEXT = 3;
function splitLines(text) {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}
function lineOps(a, b) {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const n = x.length;
  const m = y.length;
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i2 = n - 1; i2 >= 0; i2--) {
    for (let j2 = m - 1; j2 >= 0; j2--) {
      lcs[i2 * (m + 1) + j2] = x[i2] === y[j2] ? lcs[(i2 + 1) * (m + 1) + j2 + 1] + 1 : Math.max(lcs[(i2 + 1) * (m + 1) + j2], lcs[i2 * (m + 1) + j2 + 1]);
    }
  }
  const ops = a.slice(0, head).map((line) => ({ kind: " ", line }));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      ops.push({ kind: " ", line: x[i++] });
      j++;
    } else if (j < m && (i === n || lcs[i * (m + 1) + j + 1] >= lcs[(i + 1) * (m + 1) + j])) {
      ops.push({ kind: "+", line: y[j++] });
    } else {
      ops.push({ kind: "-", line: x[i++] });
    }
  }
  ops.push(...a.slice(a.length - tail).map((line) => ({ kind: " ", line })));
  return ops;
}
function unifiedDiff(oldText, newText, name) {
  if (oldText === newText) return "";
  const ops = lineOps(splitLines(oldText), splitLines(newText));
  const out = [`--- ${oldText === "" ? "/dev/null" : `a/${name}`}`, `+++ b/${name}`];
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k].kind === " ") k++;
    if (k >= ops.length) break;
    const start = Math.max(0, k - CONTEXT);
    let end = k;
    for (let last = k; end < ops.length; end++) {
      if (ops[end].kind !== " ") last = end;
      else if (end - last > 2 * CONTEXT) break;
    }
    let lastChange = end - 1;
    while (ops[lastChange].kind === " ") lastChange--;
    const stop = Math.min(ops.length, lastChange + 1 + CONTEXT);
    let oldStart = 1;
    let newStart = 1;
    for (let p = 0; p < start; p++) {
      if (ops[p].kind !== "+") oldStart++;
      if (ops[p].kind !== "-") newStart++;
    }
    const hunk = ops.slice(start, stop);
    const oldLen = hunk.filter((o) => o.kind !== "+").length;
    const newLen = hunk.filter((o) => o.kind !== "-").length;
    out.push(`@@ -${oldLen ? oldStart : oldStart - 1},${oldLen} +${newLen ? newStart : newStart - 1},${newLen} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.line}`);
    k = stop;
  }
  return `${out.join("\n")}
`;
}

export {
  DEFAULT_PROMOTION_MODE,
  promotionBranch,
  parsePromotionMode,
  OPTION_NAMES,
  resolveOptions,
  nonDefaultFlags,
  CI_TOML,
  parseCiToml,
  unifiedDiff
};
