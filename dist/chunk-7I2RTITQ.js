import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  upgradePath
} from "./chunk-NJWHB42U.js";
import {
  baseVersion,
  compareReleases,
  formatRelease,
  releaseTag
} from "./chunk-VIHRG64B.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";

// src/core/upgrade-plan.ts
function resolvePosition(recorded, ledger, state) {
  const lastLedger = [...ledger].sort((a, b) => compareReleases(a.id, b.id)).pop();
  let id;
  let source;
  if (lastLedger && (!recorded || compareReleases(lastLedger.id, recorded) >= 0)) {
    id = lastLedger.id;
    source = "ledger";
  } else if (recorded) {
    id = recorded;
    source = "half_orm_meta";
  } else return void 0;
  if (id.level === "hotfix" && !id.naming) id = { ...id, naming: state.hotfixNaming };
  const resume = ledger.find((r) => r.status === "partial");
  let appliedAtBase = [];
  if (id.level === "rc") {
    const sameBase = ledger.filter((r) => baseVersion(r.id) === baseVersion(id) && r.id.level === "rc");
    if (source === "ledger" && sameBase.length) appliedAtBase = [...new Set(sameBase.flatMap((r) => r.patches.map((p) => p.id)))];
    else appliedAtBase = state.rcs.find((r) => compareReleases(r.id, id) === 0)?.patches.map((p) => p.id) ?? [];
  }
  return { release: formatRelease(id), id, source, ...resume ? { resume } : {}, appliedAtBase };
}
function planUpgrade(state, position, options) {
  const path = upgradePath(state, position.release, { ...options.to ? { to: options.to } : {}, includeRc: Boolean(options.includeRc) });
  const appliedByBase = /* @__PURE__ */ new Map([[baseVersion(position.id), new Set(position.appliedAtBase)]]);
  return path.map((snap) => {
    const base = baseVersion(snap.id);
    const applied = appliedByBase.get(base) ?? /* @__PURE__ */ new Set();
    appliedByBase.set(base, applied);
    const patches = snap.patches.map((p) => p.id).filter((p) => snap.kind === "hotfix" || !applied.has(p));
    const alreadyApplied = snap.kind === "hotfix" ? [] : snap.patches.map((p) => p.id).filter((p) => applied.has(p));
    for (const p of patches) applied.add(p);
    return { release: snap.release, id: snap.id, kind: snap.kind, tag: releaseTag(snap.id), file: snap.file, patches, alreadyApplied };
  });
}
function noVersionError() {
  return new HopError(
    `the database records no hop version: neither "half_orm_meta.view".hop_last_release nor hop-ci's ledger (hop_ci.applied_release) has a row`,
    {
      kind: "refused",
      hint: "if its schema is that of a known release, record it once with `hop-ci run upgrade --baseline X.Y.Z` (nothing is applied), then upgrade",
      code: "no-version"
    }
  );
}

export {
  resolvePosition,
  planUpgrade,
  noVersionError
};
