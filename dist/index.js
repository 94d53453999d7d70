import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  executeStage,
  ignoreClosedOutput,
  keepExitCode,
  selectProvider,
  stageByName,
  systemClock
} from "./chunk-U3VUGISK.js";
import {
  FsWorkspace
} from "./chunk-3ZTMGVL7.js";
import "./chunk-IV27EEUB.js";
import "./chunk-WSXT4SJN.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";
import "./chunk-UQEAN7LJ.js";

// src/action/index.ts
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

// src/action/run-action.ts
import path from "node:path";
async function runAction(env) {
  const ci = await selectProvider({ env, flags: {} });
  const stageName = ci.input("stage");
  let stage;
  try {
    stage = stageByName(stageName);
  } catch (e) {
    if (e instanceof HopError) {
      ci.error(`${e.message}${e.hint ? `
hint: ${e.hint}` : ""}`);
      await ci.setOutput("result", "failure");
      ci.setFailed(e.message);
      return e.exitCode;
    }
    throw e;
  }
  const cwd = path.resolve(env["GITHUB_WORKSPACE"] ?? process.cwd(), ci.input("working-directory") ?? ".");
  const { exitCode } = await executeStage(stage, { cwd, workspace: new FsWorkspace(), clock: systemClock, ci, env }, { stage: stageName });
  return exitCode;
}

// src/action/main.ts
async function run() {
  ignoreClosedOutput();
  keepExitCode(await runAction(process.env));
}

// src/action/index.ts
function startedDirectly() {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}
if (startedDirectly()) await run();
export {
  run
};
