import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  buildProjectState
} from "./chunk-TNUK3URT.js";

// src/stages/load-state.ts
async function loadState(ctx) {
  const root = await ctx.workspace.findRoot(ctx.cwd);
  return buildProjectState(await ctx.workspace.readProject(root));
}

export {
  loadState
};
