import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  loadState
} from "./chunk-BWZZEIN5.js";
import {
  planBaseline
} from "./chunk-CZXJVICB.js";
import {
  booleanInput
} from "./chunk-DEKKZS3Q.js";
import "./chunk-TNUK3URT.js";
import "./chunk-LPWK32I5.js";
import {
  checkKnownStart,
  isRefusal,
  planPromotion,
  upgradePath
} from "./chunk-NJWHB42U.js";
import {
  baseVersion
} from "./chunk-VIHRG64B.js";
import "./chunk-WSXT4SJN.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";
import "./chunk-UQEAN7LJ.js";

// src/core/plan.ts
function buildPlan(state, options = {}) {
  const rcs = {};
  for (const rc of state.rcs) (rcs[baseVersion(rc.id)] ??= []).push(rc.id.n);
  const promote = {};
  for (const kind of ["rc", "prod", "hotfix"]) {
    const p = planPromotion(state, kind);
    promote[kind] = isRefusal(p) ? { error: p.error, ...p.hint ? { hint: p.hint } : {} } : { version: p.version, tag: p.tag };
  }
  const plan = {
    production: state.current?.release ?? null,
    schema: state.schema?.release ?? null,
    baseline: baselineOf(state),
    hotfixNaming: state.hotfixNaming,
    inPreparation: state.inPreparation.map((rel) => ({
      version: rel.version,
      hotfix: rel.hotfix,
      file: rel.file,
      patches: rel.patches.map((p) => {
        const folder = state.patchFolders.get(p.id) ?? null;
        return {
          id: p.id,
          status: p.status,
          folder,
          ...folder ? {} : { branch: p.status === "candidate" ? `ho-patch/${p.id}` : `ho-release/${rel.version}` }
        };
      })
    })),
    rcs,
    promote
  };
  if (options.from !== void 0) {
    checkKnownStart(state, options.from);
    plan.upgrade = upgradePath(state, options.from, { to: options.to, includeRc: options.includeRc }).map((r) => r.release);
  }
  return plan;
}
function baselineOf(state) {
  if (!state.schema) return null;
  try {
    const { release, dump, exact } = planBaseline(state);
    return { release, dump, exact };
  } catch (e) {
    if (e instanceof HopError) return null;
    throw e;
  }
}
function buildMatrix(state) {
  return state.inPreparation.flatMap((rel) => rel.patches.map((p) => ({ patch: p.id, release: rel.version })));
}
function renderPlan(plan) {
  const out = [];
  const base = plan.baseline;
  const from = base && base.release !== plan.schema ? `; baseline ${base.release} from ${base.dump}${base.exact ? "" : " + hotfix patches"}` : "";
  out.push(`production: ${plan.production ?? "none yet"}${plan.schema ? ` (schema.sql \u2192 ${plan.schema}${from})` : ""}`);
  if (plan.inPreparation.length === 0) out.push("no release in preparation");
  for (const rel of plan.inPreparation) {
    const rcs = plan.rcs[rel.version];
    out.push("");
    out.push(`release ${rel.version}${rel.hotfix ? " (hotfix)" : ""}${rcs?.length ? `, rc ${rcs.join(", ")}` : ""} \u2014 ${rel.file}`);
    if (rel.patches.length === 0) out.push("  (no patches)");
    const width = Math.max(0, ...rel.patches.map((p) => p.id.length));
    for (const p of rel.patches) {
      const where = p.folder ?? `not on this branch (on ${p.branch})`;
      out.push(`  ${p.id.padEnd(width)}  ${p.status.padEnd(9)}  ${where}`);
    }
  }
  out.push("");
  for (const kind of ["rc", "prod", "hotfix"]) {
    const p = plan.promote[kind];
    const label = `promote-${kind}`.padEnd(14);
    out.push("error" in p ? `${label} refused: ${p.error}${p.hint ? ` (${p.hint})` : ""}` : `${label} \u2192 ${p.version} (tag ${p.tag})`);
  }
  if (plan.upgrade) out.push("", `upgrade: ${plan.upgrade.length ? plan.upgrade.join(" \u2192 ") : "nothing to apply"}`);
  return out.join("\n");
}

// src/stages/plan.ts
async function planStage(ctx) {
  const state = await loadState(ctx);
  const from = ctx.ci.input("from");
  const to = ctx.ci.input("to-release");
  const includeRc = booleanInput(ctx.ci, "include-rc") ?? state.config.allowRc;
  const plan = buildPlan(state, { ...from ? { from } : {}, ...to ? { to } : {}, includeRc });
  const preview = plan.upgrade?.length ? await (await import("./chunk-QCLA7QSP.js")).previewParts(ctx, state, from, { ...to ? { to } : {}, includeRc }) : void 0;
  const parts = preview?.notes ?? [];
  const notes = [...parts, ...preview?.lockLines ?? []];
  const matrix = buildMatrix(state);
  const wantMatrix = booleanInput(ctx.ci, "matrix") ?? false;
  const rows = plan.inPreparation.flatMap(
    (r) => r.patches.map(
      (p) => `| ${r.version}${r.hotfix ? " (hotfix)" : ""} | \`${p.id}\` | ${p.status} | ${p.folder ?? `not on this branch (${p.branch})`} |`
    )
  );
  const summary = [
    `### hop-ci plan`,
    `Production: **${plan.production ?? "none yet"}**`,
    "",
    ...rows.length ? ["| release | patch | status | folder |", "|---|---|---|---|", ...rows, ""] : ["No release in preparation.", ""],
    ...["rc", "prod", "hotfix"].map((k) => {
      const p = plan.promote[k];
      return `- promote-${k}: ${"error" in p ? `refused \u2014 ${p.error}` : `**${p.version}** (tag \`${p.tag}\`)`}`;
    }),
    ...plan.upgrade ? [`- upgrade: ${plan.upgrade.join(" \u2192 ") || "nothing to apply"}`, ...notes.map((n) => `  - ${n}`)] : []
  ].join("\n");
  return {
    ok: true,
    outputs: { plan: JSON.stringify(plan), matrix: JSON.stringify(matrix), result: "success" },
    summary,
    text: wantMatrix ? JSON.stringify(matrix) : [renderPlan(plan), ...notes.map((n) => `  ${n}`)].join("\n"),
    json: wantMatrix ? matrix : { ...plan, ...parts.length ? { upgradeParts: parts } : {}, ...preview?.locks.length ? { upgradeLocks: preview.locks } : {} }
  };
}
export {
  planStage
};
