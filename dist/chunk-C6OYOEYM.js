import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  BRANCH_PREFIX,
  TAG_PREFIX,
  createPromotionDeps,
  identityOf,
  planFinalisation,
  prodTipOf,
  pushedTable,
  readState,
  refUpdates,
  renderFinalisation,
  shortNames,
  syncHop
} from "./chunk-ANFMDKIZ.js";
import "./chunk-GCK57SU2.js";
import "./chunk-7RK7SIGL.js";
import "./chunk-YSUHOREH.js";
import "./chunk-3BREY5PD.js";
import "./chunk-GSALQ3P7.js";
import "./chunk-QNR2ZIHY.js";
import "./chunk-PV6DJCVQ.js";
import "./chunk-TM4VJS5L.js";
import "./chunk-CZXJVICB.js";
import {
  booleanInput
} from "./chunk-DEKKZS3Q.js";
import "./chunk-TNUK3URT.js";
import "./chunk-LPWK32I5.js";
import "./chunk-NJWHB42U.js";
import "./chunk-VIHRG64B.js";
import "./chunk-IV27EEUB.js";
import "./chunk-WSXT4SJN.js";
import "./chunk-SGJIJQNA.js";
import "./chunk-LGT3NFJ7.js";
import "./chunk-ZOS35ALX.js";
import "./chunk-UQEAN7LJ.js";

// src/stages/promotion/finalise.ts
import path from "node:path";
function outputsOf(plan, result, schemaFile = "") {
  return {
    version: plan?.version ?? "",
    tag: plan?.tag ?? "",
    patches: JSON.stringify(plan?.patches ?? []),
    "release-file": plan?.releaseFile ?? "",
    "schema-file": schemaFile,
    result
  };
}
async function runFinalisation(ctx, deps) {
  const dryRun = booleanInput(ctx.ci, "dry-run") ?? false;
  const remote = ctx.ci.input("remote") ?? "origin";
  const identity = identityOf(ctx);
  const { git } = deps;
  const checkout = await ctx.workspace.findRoot(ctx.cwd);
  const { top, prefix } = await git.locate(checkout);
  const refs = await ctx.ci.group(`fetch ho-* branches and tags from ${remote}`, () => git.fetchRemoteRefs(top, remote));
  let wt;
  try {
    const prodTip = prodTipOf(refs, remote);
    wt = await git.openWorktree(top, prodTip);
    const root = path.join(wt.dir, prefix);
    const state = await readState(ctx, root);
    const plan = planFinalisation(state, shortNames(refs, BRANCH_PREFIX), shortNames(refs, TAG_PREFIX));
    if (!plan) {
      const latest = state.current ? `${state.current.release} is tagged` : "no production release yet";
      const text2 = `promote-finalise: nothing to finalise on ho-prod (${latest}); nothing was pushed`;
      return { ok: true, outputs: outputsOf(void 0, "success"), text: text2, json: { finalised: null } };
    }
    const schemaFile = state.modelFiles.includes(`schema-${plan.version}.sql`) ? `.hop/model/schema-${plan.version}.sql` : "";
    if (dryRun) {
      const text2 = `${renderFinalisation(plan, remote)}
(dry run: nothing committed or pushed)`;
      return {
        ok: true,
        outputs: outputsOf(plan, "dry-run", schemaFile),
        text: text2,
        summary: `### hop-ci promote-finalise (dry run)

\`\`\`
${text2}
\`\`\``,
        json: plan
      };
    }
    const tips = /* @__PURE__ */ new Map();
    await syncHop(wt, root, prodTip, { to: plan.syncTo, message: plan.syncMessage }, identity, refs, tips);
    const tagId = await git.createTag(top, plan.tag, prodTip, plan.tagMessage, identity);
    const updates = refUpdates(refs, tips, { tagId, at: prodTip, ...plan });
    await ctx.ci.group(`push ${updates.length} refs to ${remote} (atomic)`, () => git.pushAtomic(top, remote, updates));
    const text = `${renderFinalisation(plan, remote)}
pushed: ${plan.tag}`;
    return {
      ok: true,
      outputs: outputsOf(plan, "success", schemaFile),
      summary: [
        `### hop-ci promote-finalise: ${plan.version}`,
        `**${plan.version}** reached ho-prod by a reviewed merge; tagged \`${plan.tag}\` on ho-prod (\`${prodTip.slice(0, 8)}\`).`,
        "",
        ...pushedTable(updates, remote)
      ].join("\n"),
      text,
      json: { finalised: plan, pushed: updates }
    };
  } finally {
    await wt?.close();
    await git.forgetRemoteRefs(top);
  }
}

// src/stages/promote-finalise.ts
function promoteFinaliseStage(ctx, deps = createPromotionDeps(ctx)) {
  return runFinalisation(ctx, deps);
}
export {
  promoteFinaliseStage
};
