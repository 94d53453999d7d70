import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  createPromotionDeps,
  runPromotion
} from "./chunk-GPXC6676.js";
import "./chunk-GCK57SU2.js";
import "./chunk-R4VYOB3U.js";
import "./chunk-G4X6GR7L.js";
import "./chunk-UU474EXW.js";
import "./chunk-76OJBSLC.js";
import "./chunk-EQX23EC6.js";
import "./chunk-FKLMP36W.js";
import "./chunk-LPWK32I5.js";
import "./chunk-QQ5U5J3B.js";
import "./chunk-IV27EEUB.js";
import "./chunk-WSXT4SJN.js";
import "./chunk-SGJIJQNA.js";
import "./chunk-LGT3NFJ7.js";
import "./chunk-ZOS35ALX.js";
import "./chunk-UQEAN7LJ.js";

// src/stages/promote-prod.ts
function promoteProdStage(ctx, deps = createPromotionDeps(ctx)) {
  return runPromotion(ctx, "prod", deps);
}
export {
  promoteProdStage
};
