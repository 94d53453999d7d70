import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  lintPatches,
  readLintMode,
  renderLintTable,
  reportFindings
} from "./chunk-AM74FRUA.js";
import {
  loadState
} from "./chunk-BWZZEIN5.js";
import {
  DEFAULT_TEST_COMMAND,
  ValidationSession,
  asSchemaChanges,
  describeSchemaChange,
  describeTests,
  failureBlock,
  failureMessage,
  hotfixStep,
  howItBroke,
  patchFromBranch,
  patchTable,
  phasesLine,
  planValidatePatch,
  renderSchemaChangeTable,
  requireFolder,
  testsBlock,
  validateSteps
} from "./chunk-7RK7SIGL.js";
import "./chunk-YSUHOREH.js";
import "./chunk-3BREY5PD.js";
import "./chunk-GSALQ3P7.js";
import "./chunk-QNR2ZIHY.js";
import "./chunk-PV6DJCVQ.js";
import "./chunk-TM4VJS5L.js";
import {
  planBaseline
} from "./chunk-CZXJVICB.js";
import {
  booleanInput
} from "./chunk-DEKKZS3Q.js";
import "./chunk-TNUK3URT.js";
import "./chunk-LPWK32I5.js";
import "./chunk-NJWHB42U.js";
import "./chunk-VIHRG64B.js";
import "./chunk-IV27EEUB.js";
import "./chunk-WSXT4SJN.js";
import "./chunk-LGT3NFJ7.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";
import "./chunk-UQEAN7LJ.js";

// src/stages/validate-patch.ts
function patchToValidate(ctx, state) {
  const id = ctx.ci.input("patch") ?? patchFromBranch(ctx.ci.context.headRef) ?? patchFromBranch(state.branch);
  if (!id) {
    throw new HopError("which patch? no --patch given and the branch is not ho-patch/<id>", {
      hint: "pass --patch <id> (input `patch`), or run on the patch branch or its PR/MR",
      code: "no-patch"
    });
  }
  return id;
}
async function validatePatchStage(ctx) {
  const state = await loadState(ctx);
  const plan = planValidatePatch(state, patchToValidate(ctx, state));
  const baseline = planBaseline(state);
  for (const s of plan.patches) requireFolder(s, state.branch);
  for (const s of baseline.steps) if (s.kind === "patch") requireFolder(hotfixStep(state, s.id, s.release), state.branch);
  const testCommand = ctx.ci.input("test-command") ?? DEFAULT_TEST_COMMAND;
  const id = plan.patch.id;
  if (booleanInput(ctx.ci, "dry-run")) {
    const lines = [
      `validate-patch ${id} (${plan.patch.status} in ${plan.release}), dry run: nothing is started`,
      `baseline ${baseline.release}:`,
      ...baseline.steps.map((s) => s.kind === "psql" ? `  psql ${s.file}` : `  hotfix ${s.release}: patch ${s.id}`),
      "then, on a clone of the baseline:",
      ...plan.patches.map((p, i) => `  ${i + 1}. ${p.id} (${p.status}${p.id === id ? ", this patch" : ""}) ${p.folder}`),
      `then the tests: ${testCommand}`
    ];
    return {
      ok: true,
      outputs: { result: "dry-run", patches: JSON.stringify(plan.patches.map((p) => p.id)) },
      text: lines.join("\n"),
      json: { dryRun: true, patch: id, release: plan.release, baseline, patches: plan.patches, testCommand }
    };
  }
  const lintMode = await readLintMode(ctx, state);
  const start = ctx.clock.now();
  ctx.ci.info(
    `validate-patch ${id} for release ${plan.release}: ${plan.patches.length} patch${plan.patches.length === 1 ? "" : "es"} to apply`
  );
  const session = await ValidationSession.forStage(ctx, state);
  let run;
  let findings = [];
  try {
    run = await ctx.ci.group(
      `apply ${plan.patches.map((p) => p.id).join(", ")} and test`,
      () => validateSteps(session, ctx.ci, id, plan.patches, testCommand, void 0, /* @__PURE__ */ new Set([id])),
      (r) => !r.ok
    );
    if (lintMode !== "off") {
      const t0 = ctx.clock.now();
      findings = await lintPatches(
        session,
        ctx,
        plan.patches.filter((p) => p.id === id)
      );
      session.phases["lint"] = ctx.clock.now() - t0;
    }
  } finally {
    await session.close();
  }
  const phases = { ...session.phases, total: ctx.clock.now() - start };
  if (run.failure)
    ctx.ci.error(failureMessage(run.failure), {
      ...run.failure.file ? { file: run.failure.file } : {},
      ...run.failure.line ? { line: run.failure.line } : {},
      ...run.failure.column ? { column: run.failure.column } : {},
      title: `patch ${run.failure.patch} fails`
    });
  const changes = run.schemaChanges?.[id];
  if (lintMode !== "off") await reportFindings(ctx, state.root, findings, lintMode);
  const lintFails = lintMode === "fail" && findings.length > 0;
  const ok = run.ok && !lintFails;
  const broke = run.ok ? lintFails ? `lint: fail: ${findings.length} squawk finding${findings.length === 1 ? "" : "s"}` : "" : howItBroke(run);
  const verdict = ok ? "\u2705 passed" : "\u274C failed";
  const summary = [
    `### hop-ci validate-patch \`${id}\` \u2192 ${plan.release}: ${verdict}`,
    "",
    `Baseline ${session.baselineRelease}, then the release's staged patches and this one:`,
    "",
    patchTable(run, id),
    ...changes ? ["", renderSchemaChangeTable(`Schema change of \`${id}\``, changes)] : [],
    ...lintMode !== "off" ? ["", renderLintTable(findings, lintMode)] : [],
    "",
    `**Tests** \`${testCommand}\`: ${describeTests(run.tests)}`,
    ...run.failure ? ["", failureBlock(run.failure)] : [],
    ...run.tests?.status === "failed" ? ["", testsBlock(run.tests)] : [],
    "",
    `<sub>${phasesLine(phases)}</sub>`
  ].join("\n");
  const text = [
    `validate-patch ${id} \u2192 ${plan.release}: ${ok ? "passed" : "FAILED"}${ok ? "" : ` \u2014 ${broke}`}`,
    ...changes ? [
      `schema change of ${id}: ${changes.length ? `${changes.length} change${changes.length === 1 ? "" : "s"}` : "none"}`,
      ...changes.map((c) => `  ${describeSchemaChange(c)}`)
    ] : [],
    `tests: ${describeTests(run.tests)}`,
    phasesLine(phases)
  ].join("\n");
  return {
    ok,
    outputs: {
      result: ok ? "success" : "failure",
      patches: JSON.stringify(plan.patches.map((p) => p.id)),
      ...ok ? {} : { error: broke }
    },
    summary,
    text,
    json: {
      result: ok ? "success" : "failure",
      patch: id,
      release: plan.release,
      baseline: session.baselineRelease,
      patches: run.patches.map((p) => ({
        id: p.id,
        status: p.status,
        ms: run.timings.find((t) => t.id === p.id)?.ms ?? null,
        files: run.timings.find((t) => t.id === p.id)?.files ?? []
      })),
      schemaChanges: changes ? asSchemaChanges(changes) : null,
      lint: lintMode === "off" ? null : { mode: lintMode, findings },
      failure: run.failure ?? null,
      tests: run.tests ? { status: run.tests.status, exitCode: run.tests.exitCode, ms: run.tests.ms } : null,
      phases
    }
  };
}
export {
  patchToValidate,
  validatePatchStage
};
