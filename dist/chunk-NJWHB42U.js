import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  compareReleases,
  formatRelease,
  parseRelease,
  releaseTag
} from "./chunk-VIHRG64B.js";
import {
  didYouMean
} from "./chunk-WSXT4SJN.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";

// src/core/rules.ts
function isRefusal(p) {
  return "error" in p;
}
function regularReleases(state) {
  return state.inPreparation.filter((r) => !r.hotfix);
}
function openHotfix(state) {
  return state.inPreparation.find((r) => r.hotfix);
}
function stagedPatches(rel) {
  return rel.patches.filter((p) => p.status === "staged");
}
function candidatePatches(rel) {
  return rel.patches.filter((p) => p.status === "candidate");
}
function nextRcNumber(state, version) {
  const ns = state.rcs.filter((r) => formatRelease({ ...r.id, level: "release", n: 0 }) === version).map((r) => r.id.n);
  return ns.length ? Math.max(...ns) + 1 : 1;
}
function nextHotfixId(state, version) {
  const base = parseRelease(version);
  const ns = state.production.filter((p) => p.kind === "hotfix" && p.id.major === base.major && p.id.minor === base.minor && p.id.patch === base.patch).map((p) => p.id.n);
  return { ...base, level: "hotfix", n: ns.length ? Math.max(...ns) + 1 : 1, naming: state.hotfixNaming };
}
function refuse(kind, error, hint) {
  return { kind, error, ...hint ? { hint } : {} };
}
function target(kind, release, id) {
  const version = formatRelease(id);
  return { kind, release, id, version, tag: releaseTag(id), file: `.hop/releases/${version}.txt` };
}
function checkRequested(kind, picked, requested) {
  if (requested === void 0 || requested === picked.version) return void 0;
  return refuse(
    kind,
    `release ${requested} cannot be promoted to ${kind} now: ${picked.version} comes first`,
    `promote ${picked.version} first (only the smallest release in preparation may be promoted)`
  );
}
function planPromoteRc(state, requested) {
  const rel = regularReleases(state)[0];
  if (!rel) return refuse("rc", "no release in preparation", "create one with `half_orm dev release create`");
  const wrong = checkRequested("rc", rel, requested);
  if (wrong) return wrong;
  if (stagedPatches(rel).length === 0) {
    return refuse(
      "rc",
      `release ${rel.version} has no staged patches`,
      `merge a patch into ho-release/${rel.version} first (\`half_orm dev patch merge\`)`
    );
  }
  return target("rc", rel, { ...rel.id, level: "rc", n: nextRcNumber(state, rel.version) });
}
function planPromoteProd(state, requested) {
  const rel = regularReleases(state)[0];
  if (!rel) return refuse("prod", "no release in preparation", "create one with `half_orm dev release create`");
  const wrong = checkRequested("prod", rel, requested);
  if (wrong) return wrong;
  const hotfix = openHotfix(state);
  if (hotfix) {
    return refuse(
      "prod",
      `hotfix ${hotfix.version} is open: production must get it before ${rel.version}`,
      `promote the hotfix first (promote-hotfix), then merge ho-prod into ho-release/${rel.version}`
    );
  }
  const candidates = candidatePatches(rel);
  if (candidates.length) {
    return refuse(
      "prod",
      `release ${rel.version} still has candidate patches: ${candidates.map((p) => p.id).join(", ")}`,
      `merge them (\`half_orm dev patch merge\`) or move them to a later release before promoting to production`
    );
  }
  if (stagedPatches(rel).length === 0) {
    return refuse("prod", `release ${rel.version} has no staged patches`, `merge a patch into ho-release/${rel.version} first`);
  }
  return target("prod", rel, rel.id);
}
function planPromoteHotfix(state, requested) {
  const rel = openHotfix(state);
  if (!rel) {
    return refuse("hotfix", "no production release is reopened for a hotfix", "reopen it with `half_orm dev release hotfix`");
  }
  const wrong = checkRequested("hotfix", rel, requested);
  if (wrong) return wrong;
  const current = state.current;
  if (!current || current.id.major !== rel.id.major || current.id.minor !== rel.id.minor || current.id.patch !== rel.id.patch) {
    return refuse(
      "hotfix",
      `release ${rel.version} is reopened for a hotfix but is not the production release (production is ${current?.release ?? "none"})`,
      `only the current production release can be reopened; remove ${rel.file} or reopen ${current?.release ?? "the production release"}`
    );
  }
  if (candidatePatches(rel).length) {
    return refuse(
      "hotfix",
      `hotfix ${rel.version} still has candidate patches: ${candidatePatches(rel).map((p) => p.id).join(", ")}`,
      "merge or remove them first"
    );
  }
  if (stagedPatches(rel).length === 0) {
    return refuse("hotfix", `hotfix ${rel.version} has no staged patches`, `merge a patch into ho-release/${rel.version} first`);
  }
  return target("hotfix", rel, nextHotfixId(state, rel.version));
}
function planPromotion(state, kind, requested) {
  if (kind === "rc") return planPromoteRc(state, requested);
  if (kind === "prod") return planPromoteProd(state, requested);
  return planPromoteHotfix(state, requested);
}
function checkMergeOrder(state, version) {
  const v = parseRelease(version);
  const blockers = state.inPreparation.filter((r) => compareReleases(r.id, v) < 0 && r.patches.length > 0);
  if (blockers.length === 0) return { ok: true };
  return {
    ok: false,
    blockers: blockers.map((b) => b.version),
    error: `release ${blockers.map((b) => b.version).join(", ")} still has patches: finish ${blockers.length > 1 ? "them" : "it"} before merging into ${version}`
  };
}
function checkKnownStart(state, from) {
  const start = parseRelease(from, "starting version");
  const known = [...state.production, ...state.rcs].sort((a, b) => compareReleases(a.id, b.id));
  if (known.length === 0 || compareReleases(start, known[0].id) < 0) return;
  if (known.some((r) => compareReleases(r.id, start) === 0)) return;
  const guess = didYouMean(
    from,
    known.map((r) => r.release)
  );
  throw new HopError(`release ${from} (--from) is not a release of this project${guess ? `: ${guess}` : ""}`, {
    hint: `known releases: ${known.map((r) => r.release).join(", ")}`,
    code: "unknown-start"
  });
}
function upgradePath(state, from, options = {}) {
  const start = parseRelease(from, "starting version");
  const all = [...state.production, ...options.includeRc ? state.rcs : []].sort((a, b) => compareReleases(a.id, b.id));
  let end;
  if (options.to !== void 0) {
    const wanted = parseRelease(options.to, "target release");
    const found = all.find((r) => compareReleases(r.id, wanted) === 0);
    if (!found) {
      throw new HopError(
        `release ${options.to} is not a known ${options.includeRc ? "production, hotfix or rc" : "production or hotfix"} release`,
        {
          hint: `known: ${all.map((r) => r.release).join(", ") || "none"}${options.includeRc ? "" : " (add --include-rc for release candidates)"}`,
          code: "unknown-target"
        }
      );
    }
    end = found.id;
    if (compareReleases(end, start) < 0) {
      throw new HopError(`cannot go down from ${from} to ${options.to}`, {
        kind: "refused",
        hint: "an upgrade only moves forward; restore a backup to go back",
        code: "downgrade"
      });
    }
  }
  return all.filter((r) => compareReleases(r.id, start) > 0 && (!end || compareReleases(r.id, end) <= 0));
}

export {
  isRefusal,
  regularReleases,
  openHotfix,
  stagedPatches,
  planPromotion,
  checkMergeOrder,
  checkKnownStart,
  upgradePath
};
