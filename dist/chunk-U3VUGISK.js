import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  escapeMarkdown,
  inlineCode
} from "./chunk-IV27EEUB.js";
import {
  didYouMean
} from "./chunk-WSXT4SJN.js";
import {
  BUG_REPORT_URL,
  HopError
} from "./chunk-ZOS35ALX.js";

// src/closed-output.ts
var CLOSED = /* @__PURE__ */ new Set(["EPIPE", "ERR_STREAM_DESTROYED", "ECONNRESET"]);
function ignoreClosedOutput(streams = [process.stdout, process.stderr]) {
  for (const stream of streams) {
    stream.on("error", (e) => {
      if (!CLOSED.has(e.code ?? "")) throw e;
    });
  }
}

// src/exit-code.ts
function keepExitCode(code) {
  process.exitCode = code;
  process.on("exit", () => {
    process.exitCode = code;
  });
}

// src/adapters/clock.ts
var systemClock = { now: () => performance.now() };

// src/adapters/ci/select.ts
function providerName(env) {
  if (env["GITHUB_ACTIONS"] === "true") return "github";
  if (env["GITLAB_CI"] === "true") return "gitlab";
  return "local";
}
async function selectProvider(options) {
  const { env, flags, json } = options;
  switch (providerName(env)) {
    case "github": {
      const { GitHubProvider } = await import("./chunk-FBEXSZ2S.js");
      return new GitHubProvider({ env, flags, ...json ? { json } : {} });
    }
    case "gitlab": {
      const { GitLabProvider } = await import("./chunk-SJEHTCEX.js");
      return new GitLabProvider({ env, flags, ...json ? { json } : {} });
    }
    default: {
      const { LocalProvider } = await import("./chunk-VXJJJB7X.js");
      return new LocalProvider({ inputs: flags, env, ...json ? { json } : {} });
    }
  }
}

// src/stages/index.ts
var STAGE_NAMES = [
  "plan",
  "validate-patch",
  "validate-release",
  "promote-rc",
  "promote-prod",
  "promote-hotfix",
  "promote-finalise",
  "upgrade"
];
var STAGES = {
  plan: async (ctx) => (await import("./chunk-UB6YPELP.js")).planStage(ctx),
  "validate-patch": async (ctx) => (await import("./chunk-XR7BP5VL.js")).validatePatchStage(ctx),
  "validate-release": async (ctx) => (await import("./chunk-AKBOEGIX.js")).validateReleaseStage(ctx),
  "promote-rc": async (ctx) => (await import("./chunk-24ZCT2OV.js")).promoteRcStage(ctx),
  "promote-prod": async (ctx) => (await import("./chunk-YAIKJG4X.js")).promoteProdStage(ctx),
  "promote-hotfix": async (ctx) => (await import("./chunk-4T7VTE4R.js")).promoteHotfixStage(ctx),
  "promote-finalise": async (ctx) => (await import("./chunk-C6OYOEYM.js")).promoteFinaliseStage(ctx),
  upgrade: async (ctx) => (await import("./chunk-EAK6UOTY.js")).upgradeStage(ctx)
};
function stageByName(name) {
  if (!name || !STAGE_NAMES.includes(name)) {
    const guess = name ? didYouMean(name, STAGE_NAMES, (s) => `hop-ci run ${s}`) : "";
    throw new HopError(name ? `unknown stage '${name}'${guess ? `: ${guess}` : ""}` : "which stage? `hop-ci run` needs one", {
      hint: `choose one of: ${STAGE_NAMES.join(", ")} (\`hop-ci run <stage> --help\` for its options)`,
      code: "unknown-stage"
    });
  }
  return STAGES[name];
}

// src/stages/execute.ts
async function executeStage(stage, ctx, options = {}) {
  const write = options.write ?? ((t) => process.stdout.write(`${t}
`));
  const report = async (markdown) => {
    await ctx.ci.summary(markdown);
    if (options.stage) await ctx.ci.upsertComment(`<!-- hop-ci:${options.stage} -->`, markdown);
  };
  const title = `hop-ci ${options.stage ?? "stage"}`;
  try {
    const result = await stage(ctx);
    for (const [name, value] of Object.entries(result.outputs)) await ctx.ci.setOutput(name, value);
    if (options.json) write(JSON.stringify(result.json ?? result.outputs, null, 2));
    else if (result.text) ctx.ci.info(result.text);
    if (result.summary) await report(result.summary);
    if (!result.ok) ctx.ci.setFailed(result.outputs["error"] ?? "the stage failed");
    return { exitCode: result.ok ? 0 : 1, result };
  } catch (e) {
    if (e instanceof HopError) {
      const message = e.hint ? `${e.message}
hint: ${e.hint}` : e.message;
      ctx.ci.error(message, {
        ...e.file ? { file: e.file } : {},
        ...e.line ? { line: e.line } : {},
        ...e.column ? { column: e.column } : {}
      });
      await ctx.ci.setOutput("result", "failure");
      await ctx.ci.setOutput("error", oneLine(e.message));
      ctx.ci.setFailed(e.message);
      if (options.json) write(JSON.stringify({ error: e.message, hint: e.hint, code: e.code, file: e.file, line: e.line }, null, 2));
      await report(
        [
          `### ${title}: failed`,
          "",
          `${e.location ? `${inlineCode(e.location)}: ` : ""}${escapeMarkdown(e.message)}`,
          ...e.hint ? ["", `**What to do:** ${escapeMarkdown(e.hint)}`] : []
        ].join("\n")
      );
      return { exitCode: e.exitCode };
    }
    const err = e instanceof Error ? e : new Error(String(e));
    const bug = `internal error: ${err.message} \u2014 this is a bug in hop-ci, not in your project; please report it at ${BUG_REPORT_URL} with this log`;
    ctx.ci.error(bug);
    if (err.stack) ctx.ci.info(err.stack);
    await ctx.ci.setOutput("result", "failure");
    await ctx.ci.setOutput("error", oneLine(`internal error: ${err.message}`));
    ctx.ci.setFailed(`internal error: ${err.message}`);
    await report([`### ${title}: internal error`, "", escapeMarkdown(bug)].join("\n"));
    return { exitCode: 1 };
  }
}
function oneLine(message) {
  return message.split(/\r?\n/)[0].trim();
}

export {
  ignoreClosedOutput,
  keepExitCode,
  systemClock,
  selectProvider,
  STAGE_NAMES,
  stageByName,
  executeStage
};
