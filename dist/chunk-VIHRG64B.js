import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  HopError
} from "./chunk-ZOS35ALX.js";

// src/core/version.ts
var RELEASE_RE = /^v?(\d+)\.(\d+)\.(\d+)(?:-rc(\d+)|-hotfix(\d+)|\.post(\d+))?$/;
var LEVEL_RANK = { rc: 0, release: 1, hotfix: 2 };
function tryParseRelease(text) {
  const m = RELEASE_RE.exec(text.trim());
  if (!m) return void 0;
  const base = { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) };
  if (m[4] !== void 0) return { ...base, level: "rc", n: Number(m[4]) };
  if (m[5] !== void 0) return { ...base, level: "hotfix", n: Number(m[5]), naming: "hotfix" };
  if (m[6] !== void 0) return { ...base, level: "hotfix", n: Number(m[6]), naming: "post" };
  return { ...base, level: "release", n: 0 };
}
function parseRelease(text, what = "version") {
  const v = tryParseRelease(text);
  if (!v) {
    throw new HopError(`invalid ${what} '${text}'`, {
      hint: "write a release as X.Y.Z, X.Y.Z-rcN, X.Y.Z-hotfixN or X.Y.Z.postN",
      code: "invalid-version"
    });
  }
  return v;
}
function compareReleases(a, b) {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.n - b.n;
}
function formatRelease(v) {
  const base = baseVersion(v);
  if (v.level === "rc") return `${base}-rc${v.n}`;
  if (v.level === "hotfix") return v.naming === "post" ? `${base}.post${v.n}` : `${base}-hotfix${v.n}`;
  return base;
}
function baseVersion(v) {
  return `${v.major}.${v.minor}.${v.patch}`;
}
function releaseTag(v) {
  return `v${formatRelease(v)}`;
}

export {
  tryParseRelease,
  parseRelease,
  compareReleases,
  formatRelease,
  baseVersion,
  releaseTag
};
