import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  GitReader,
  atomicityNotes,
  lockNotes
} from "./chunk-UMMWTATR.js";
import {
  planUpgrade
} from "./chunk-7I2RTITQ.js";
import {
  loadReleases
} from "./chunk-LS23UC4N.js";
import "./chunk-PV6DJCVQ.js";
import {
  locksOfRelease
} from "./chunk-TM4VJS5L.js";
import "./chunk-NJWHB42U.js";
import {
  parseRelease
} from "./chunk-VIHRG64B.js";
import "./chunk-WSXT4SJN.js";
import "./chunk-LGT3NFJ7.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";
import "./chunk-UQEAN7LJ.js";

// src/stages/upgrade/parts-preview.ts
var ASSUMED_SERVER_MAJOR = 15;
async function previewParts(ctx, state, from, options) {
  const position = { release: from, id: parseRelease(from, "from"), source: "half_orm_meta", appliedAtBase: [] };
  const planned = planUpgrade(state, position, options);
  if (planned.length === 0) return { notes: [], lockLines: [], locks: [] };
  const git = new GitReader(state.root, ctx.env);
  try {
    const releases = await loadReleases(git, planned, {
      serverMajor: ASSUMED_SERVER_MAJOR,
      refusePython: false,
      notice: () => void 0
    });
    for (const r of releases) r.plan.locks = await locksOfRelease(r.files, ASSUMED_SERVER_MAJOR);
    const plans = releases.map((r) => r.plan);
    return { notes: atomicityNotes(plans), lockLines: lockNotes(plans), locks: plans.map((r) => ({ release: r.release, ...r.locks })) };
  } catch (e) {
    if (!(e instanceof HopError)) throw e;
    return { notes: [`(how each release runs is not known here: ${e.message.split("\n")[0]})`], lockLines: [], locks: [] };
  } finally {
    git.close();
  }
}
export {
  previewParts
};
