import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  createPromotionDeps,
  runPromotion
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
import "./chunk-DEKKZS3Q.js";
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

// src/stages/promote-rc.ts
function promoteRcStage(ctx, deps = createPromotionDeps(ctx)) {
  return runPromotion(ctx, "rc", deps);
}
export {
  promoteRcStage
};
