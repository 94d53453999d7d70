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
  applyOnClone,
  asSchemaChanges,
  branchHolding,
  cell,
  describeTests,
  failureBlock,
  failureMessage,
  hotfixStep,
  howItBroke,
  patchTable,
  phasesLine,
  pickRelease,
  planValidateRelease,
  rehearseUpgrade,
  renderSchemaChangeTable,
  requireFolder,
  runOk,
  testOnClone,
  testsBlock
} from "./chunk-7RK7SIGL.js";
import "./chunk-YSUHOREH.js";
import "./chunk-3BREY5PD.js";
import "./chunk-GSALQ3P7.js";
import {
  makeTempFolder
} from "./chunk-QNR2ZIHY.js";
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
import "./chunk-ZOS35ALX.js";
import "./chunk-UQEAN7LJ.js";

// src/stages/validation/candidate-source.ts
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
var run = promisify(execFile);
async function git(cwd, args, env) {
  try {
    const { stdout } = await run("git", args, { cwd, env, maxBuffer: 64 * 1024 * 1024, encoding: "buffer" });
    return stdout.toString("utf8");
  } catch {
    return void 0;
  }
}
var CandidateSource = class {
  constructor(root, env) {
    this.root = root;
    this.env = env;
  }
  root;
  env;
  folder = makeTempFolder("candidates");
  /** The patch folder as branch `ho-patch/<id>` has it, or undefined when no such branch can be read. */
  async extract(id) {
    const branch = `ho-patch/${id}`;
    const refs = [`refs/remotes/origin/${branch}`, `refs/heads/${branch}`];
    let ref;
    for (const r of refs) if ((await git(this.root, ["rev-parse", "--verify", "-q", `${r}^{commit}`], this.env))?.trim()) ref = ref ?? r;
    if (!ref) {
      const fetched = await git(
        this.root,
        ["fetch", "-q", "--no-tags", "--depth=1", "origin", `+refs/heads/${branch}:refs/remotes/origin/${branch}`],
        this.env
      );
      if (fetched === void 0) return void 0;
      ref = refs[0];
    }
    for (const sub of [`Patches/${id}`, `Patches/staged/${id}`, `Patches/orphaned/${id}`]) {
      const listing = await git(this.root, ["ls-tree", "-z", "--name-only", `${ref}:${sub}`], this.env);
      if (listing === void 0) continue;
      const target = path.join(this.folder.path, id);
      await mkdir(target, { recursive: true });
      for (const name of listing.split("\0").filter(Boolean)) {
        const blob = await git(this.root, ["cat-file", "-p", `${ref}:${sub}/${name}`], this.env);
        const type = (await git(this.root, ["cat-file", "-t", `${ref}:${sub}/${name}`], this.env))?.trim();
        if (blob !== void 0 && type === "blob") await writeFile(path.join(target, name), blob);
      }
      return { folder: target, display: `${branch}:${sub}` };
    }
    return void 0;
  }
  async dispose() {
    await this.folder.remove();
  }
};

// src/stages/validate-release.ts
async function validateReleaseStage(ctx) {
  const state = await loadState(ctx);
  const rel = pickRelease(state, ctx.ci.input("release"), ctx.ci.context.headRef ?? state.branch);
  const plan = planValidateRelease(state, rel);
  const baseline = planBaseline(state);
  for (const s of plan.staged) requireFolder(s, state.branch);
  for (const s of baseline.steps) if (s.kind === "patch") requireFolder(hotfixStep(state, s.id, s.release), state.branch);
  const testCommand = ctx.ci.input("test-command") ?? DEFAULT_TEST_COMMAND;
  for (const v of plan.notIncluded) ctx.ci.warning(`release ${v} still has patches: they are not in this validation of ${plan.release}`);
  const allIds = JSON.stringify([...plan.staged, ...plan.candidates].map((p) => p.id));
  if (booleanInput(ctx.ci, "dry-run")) {
    const lines = [
      `validate-release ${plan.release}, dry run: nothing is started`,
      `baseline ${baseline.release}:`,
      ...baseline.steps.map((s) => s.kind === "psql" ? `  psql ${s.file}` : `  hotfix ${s.release}: patch ${s.id}`),
      "staged patches, in order, then the tests:",
      ...plan.staged.map((p, i) => `  ${i + 1}. ${p.id} ${p.folder}`),
      ...plan.candidates.length ? ["each candidate alone on top of the staged patches, then the tests:"] : [],
      ...plan.candidates.map((p) => `  + ${p.id} ${p.folder ?? `(folder on ${branchHolding(p)})`}`),
      `tests: ${testCommand}`
    ];
    return {
      ok: true,
      outputs: { result: "dry-run", patches: allIds },
      text: lines.join("\n"),
      json: { dryRun: true, release: plan.release, baseline, staged: plan.staged, candidates: plan.candidates, testCommand }
    };
  }
  const start = ctx.clock.now();
  const source = new CandidateSource(state.root, childEnv(ctx.env));
  try {
    for (const c of plan.candidates) {
      if (c.folder) continue;
      const found = await source.extract(c.id);
      if (found) {
        c.folder = found.folder;
        c.shownAs = found.display;
        ctx.ci.info(`candidate ${c.id}: read from ${found.display}`);
      } else requireFolder(c, state.branch);
    }
    return await validate(ctx, state, plan, baseline, testCommand, allIds, start);
  } finally {
    await source.dispose();
  }
}
function childEnv(env) {
  const out = {};
  for (const [k, v] of Object.entries(env)) if (v !== void 0) out[k] = v;
  return out;
}
async function validate(ctx, state, plan, baseline, testCommand, allIds, start) {
  const lintMode = await readLintMode(ctx, state);
  const session = await ValidationSession.forStage(ctx, state);
  const runs = [];
  let findings = [];
  let rehearsal;
  try {
    const staged = await ctx.ci.group(
      `release ${plan.release}: ${plan.staged.length} staged patch(es)`,
      async () => {
        const { name, run: run2 } = await applyOnClone(session, ctx.ci, "staged", plan.staged, void 0, new Set(plan.staged.map((p) => p.id)));
        if (!run2.failure) {
          const tests = await testOnClone(session, ctx.ci, "staged", name, testCommand);
          run2.tests = tests;
        }
        run2.ok = runOk(run2);
        runs.push(run2);
        return { name, run: run2 };
      },
      (r) => !r.run.ok
    );
    if (!staged.run.failure && plan.staged.length)
      rehearsal = await ctx.ci.group(
        `release ${plan.release} as upgrade will apply it to production`,
        () => rehearseUpgrade(session, ctx.ci, plan.release, plan.staged),
        (r) => r.failure !== void 0
      );
    for (const c of plan.candidates) {
      await ctx.ci.group(
        `candidate ${c.id} on top of the staged patches`,
        async () => {
          if (staged.run.failure) {
            ctx.ci.info(`  not run: the staged patches fail`);
            runs.push({
              label: c.id,
              patches: [c],
              timings: [],
              notRun: `not run: the staged patches fail (${staged.run.failure.patch})`,
              ok: false
            });
            return false;
          }
          const { name, run: run2 } = await applyOnClone(session, ctx.ci, c.id, [c], staged.name, /* @__PURE__ */ new Set([c.id]));
          try {
            if (!run2.failure) run2.tests = await testOnClone(session, ctx.ci, c.id, name, testCommand);
          } finally {
            await session.drop(name);
          }
          run2.ok = runOk(run2);
          runs.push(run2);
          return run2.ok;
        },
        (ok2) => ok2 === false
      );
    }
    await session.drop(staged.name);
    if (lintMode !== "off") {
      const t0 = ctx.clock.now();
      findings = await lintPatches(session, ctx, [...plan.staged, ...plan.candidates]);
      session.phases["lint"] = ctx.clock.now() - t0;
    }
  } finally {
    await session.close();
  }
  if (lintMode !== "off") await reportFindings(ctx, state.root, findings, lintMode);
  const lintFails = lintMode === "fail" && findings.length > 0;
  const phases = { ...session.phases, total: ctx.clock.now() - start };
  if (rehearsal?.failure)
    ctx.ci.error(failureMessage(rehearsal.failure), {
      ...rehearsal.failure.file ? { file: rehearsal.failure.file } : {},
      ...rehearsal.failure.line ? { line: rehearsal.failure.line } : {},
      title: `${plan.release} fails as upgrade applies it`
    });
  for (const r of runs) {
    if (r.failure)
      ctx.ci.error(failureMessage(r.failure), {
        ...r.failure.file ? { file: r.failure.file } : {},
        ...r.failure.line ? { line: r.failure.line } : {},
        ...r.failure.column ? { column: r.failure.column } : {},
        title: `patch ${r.failure.patch} breaks ${plan.release}`
      });
  }
  const ok = runs.every((r) => r.ok) && !rehearsal?.failure && !lintFails;
  const upgradeLine = rehearsal ? rehearsal.failure ? `Production upgrade rehearsal: \u274C the staged patches pass one by one but fail applied as one release, as \`upgrade\` runs them: ${rehearsal.failure.message.split("\n")[0]}` : `Production upgrade rehearsal (the staged patches on the baseline, as \`upgrade\` runs them): \u2705 ${rehearsal.plan}.` : void 0;
  const locksLine = rehearsal?.locksLine;
  const stagedRun = runs[0];
  const breaking = runs.filter((r) => !r.ok);
  const table = [
    "| run | patches | apply | tests | what broke |",
    "|---|---|---|---|---|",
    ...runs.map((r, i) => {
      const what = i === 0 ? `staged (${r.patches.length})` : `+ \`${r.label}\` (candidate)`;
      const apply = r.notRun ? "\u2014" : r.failure ? `\u274C ${r.failure.patch}` : "\u2705";
      return `| ${what} | ${r.patches.map((p) => p.id).join(", ") || "(none)"} | ${apply} | ${r.tests ? describeTests(r.tests) : "\u2014"} | ${cell(howItBroke(r))} |`;
    })
  ].join("\n");
  const summary = [
    `### hop-ci validate-release ${plan.release}: ${ok ? "\u2705 passed" : "\u274C failed"}`,
    "",
    `Baseline ${session.baselineRelease}. Staged patches in order, then each candidate alone on top of them.`,
    "",
    table,
    ...upgradeLine ? ["", upgradeLine] : [],
    ...locksLine ? ["", locksLine] : [],
    ...rehearsal?.failure ? [failureBlock(rehearsal.failure)] : [],
    "",
    "<details><summary>staged patches</summary>",
    "",
    patchTable(stagedRun),
    "</details>",
    ...schemaChangeSections(runs),
    ...lintMode !== "off" ? ["", renderLintTable(findings, lintMode)] : [],
    ...breaking.flatMap((r) => [
      "",
      `**${r.label === "staged" ? "staged patches" : r.label}**: ${cell(howItBroke(r))}`,
      ...r.failure ? [failureBlock(r.failure)] : [],
      ...r.tests?.status === "failed" ? [testsBlock(r.tests)] : []
    ]),
    "",
    `<sub>${phasesLine(phases)}</sub>`
  ].join("\n");
  const text = [
    `validate-release ${plan.release}: ${ok ? "passed" : "FAILED"}`,
    ...runs.map(
      (r, i) => `  ${r.ok ? "\u2713" : "\u2717"} ${i === 0 ? `staged (${r.patches.map((p) => p.id).join(", ") || "none"})` : `+ ${r.label}`}${r.ok ? "" : ` \u2014 ${howItBroke(r)}`}`
    ),
    ...upgradeLine ? [`  ${rehearsal.failure ? "\u2717" : "\u2713"} ${upgradeLine.replace(/`/g, "")}`] : [],
    ...locksLine ? [`    ${locksLine}`] : [],
    phasesLine(phases)
  ].join("\n");
  return {
    ok,
    outputs: {
      result: ok ? "success" : "failure",
      patches: allIds,
      ...ok ? {} : {
        error: [
          ...breaking.map((r) => `${r.label}: ${howItBroke(r)}`),
          ...lintFails ? [`lint: fail: ${findings.length} squawk finding${findings.length === 1 ? "" : "s"}`] : [],
          ...rehearsal?.failure ? [`upgrade rehearsal: ${rehearsal.failure.message.split("\n")[0]}`] : []
        ].join("; ")
      }
    },
    summary,
    text,
    json: {
      result: ok ? "success" : "failure",
      release: plan.release,
      baseline: session.baselineRelease,
      runs: runs.map((r) => ({
        label: r.label,
        ok: r.ok,
        patches: r.patches.map((p) => ({ id: p.id, status: p.status, ms: r.timings.find((t) => t.id === p.id)?.ms ?? null })),
        schemaChanges: Object.fromEntries(Object.entries(r.schemaChanges ?? {}).map(([id, c]) => [id, asSchemaChanges(c)])),
        failure: r.failure ?? null,
        notRun: r.notRun ?? null,
        tests: r.tests ? { status: r.tests.status, exitCode: r.tests.exitCode, ms: r.tests.ms } : null
      })),
      lint: lintMode === "off" ? null : { mode: lintMode, findings },
      upgrade: rehearsal ? { plan: rehearsal.plan, locks: rehearsal.locks ?? null, failure: rehearsal.failure ?? null } : null,
      phases
    }
  };
}
function schemaChangeSections(runs) {
  const sections = runs.flatMap(
    (r) => r.patches.flatMap((p) => {
      const changes = r.schemaChanges?.[p.id];
      return changes ? [renderSchemaChangeTable(`\`${p.id}\` (${p.status})`, changes)] : [];
    })
  );
  return sections.length ? ["", "<details><summary>schema change of each patch</summary>", "", sections.join("\n\n"), "</details>"] : [];
}
export {
  validateReleaseStage
};
