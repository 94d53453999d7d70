import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);

// src/adapters/ci/redact.ts
var MASK = "***";
var Redactor = class {
  secrets = /* @__PURE__ */ new Set();
  /** Values shorter than 3 characters would mask ordinary words: they are ignored. */
  addSecret(value) {
    if (value && value.length >= 3) this.secrets.add(value);
  }
  /** A URL's password (and the URL itself) become secrets; anything else is a token. */
  addSecretUrlOrToken(value) {
    this.addSecret(value);
    for (const part of credentialParts(value)) this.addSecret(part);
  }
  /** Every value registered so far (providers that mask natively, e.g. GitHub, replay them). */
  values() {
    return [...this.secrets];
  }
  redact(text) {
    let out = text;
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(MASK);
    return out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, `$1${MASK}@`).replace(/(\bpassword\s*=\s*)('[^']*'|[^\s'"]+)/gi, `$1${MASK}`);
  }
};
function credentialParts(value) {
  const parts = [];
  try {
    const u = new URL(value);
    if (u.password) {
      parts.push(u.password);
      try {
        parts.push(decodeURIComponent(u.password));
      } catch {
      }
    }
  } catch {
    const m = /\bpassword\s*=\s*('([^']*)'|(\S+))/i.exec(value);
    const pw = m?.[2] ?? m?.[3];
    if (pw) parts.push(pw);
  }
  return parts;
}

// src/adapters/ci/input-names.ts
function githubInputVariable(name) {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}
function hopVariable(name) {
  return `HOP_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}
var CONVENTIONAL_VARIABLES = {
  "database-url": "DATABASE_URL"
};
function nonBlank(value) {
  if (value === void 0) return void 0;
  const v = value.trim();
  return v === "" ? void 0 : v;
}

// src/adapters/ci/secrets.ts
var SECRET_INPUTS = ["database-url", "github-token"];
var NAMED_VARIABLES = ["DATABASE_URL", "PGPASSWORD", "GITHUB_TOKEN", "GH_TOKEN", "HOP_GITLAB_TOKEN", "CI_JOB_TOKEN"];
var SECRET_NAME = /(_TOKEN|_PASSWORD|_SECRET|DATABASE_URL)$|^INPUT_.*(TOKEN|PASSWORD|URL)$/i;
var NOT_A_SECRET = /^(true|false|yes|no|on|off|\d{1,5})$/i;
function secretValues(env, flags) {
  const found = /* @__PURE__ */ new Set();
  const add = (v) => {
    const t = v?.trim();
    if (t && t.length >= 3 && !NOT_A_SECRET.test(t)) found.add(t);
  };
  for (const name of SECRET_INPUTS) {
    add(flags[name]);
    add(env[githubInputVariable(name)]);
    add(env[hopVariable(name)]);
  }
  for (const [name, value] of Object.entries(flags)) if (/url|token|password/i.test(name)) add(value);
  for (const name of NAMED_VARIABLES) add(env[name]);
  for (const [name, value] of Object.entries(env)) if (SECRET_NAME.test(name)) add(value);
  return [...found];
}

export {
  Redactor,
  githubInputVariable,
  hopVariable,
  CONVENTIONAL_VARIABLES,
  nonBlank,
  secretValues
};
