import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  changeSubject,
  oneLine
} from "./chunk-3BREY5PD.js";
import {
  MODEL_DIR
} from "./chunk-TNUK3URT.js";
import {
  compareReleases,
  formatRelease,
  releaseTag,
  tryParseRelease
} from "./chunk-VIHRG64B.js";

// src/core/upgrade-drift.ts
function expectedSchemaCandidates(id, state) {
  const at = (v) => {
    const release = formatRelease(v);
    return { release, id: v, path: `${MODEL_DIR}/schema-${release}.sql`, tag: release === "0.0.0" ? void 0 : releaseTag(v) };
  };
  const out = [at(id)];
  if (id.level === "release") return out;
  const below = state.production.filter((s) => compareReleases(s.id, id) < 0).sort((a, b) => compareReleases(b.id, a.id));
  for (const s of below) {
    out.push(at(s.id));
    if (s.id.level === "release") return out;
  }
  out.push(at(tryParseRelease("0.0.0")));
  return out;
}
function describeDrift(c) {
  const subject = changeSubject(c);
  if (c.change === "added") return `${subject} only in the database`;
  if (c.change === "dropped") return `${subject} missing from the database`;
  return `${subject}: ${c.property} is ${c.after ? oneLine(c.after) : "(none)"} in the database, ${c.before ? oneLine(c.before) : "(none)"} in the release`;
}
function renderDriftTable(changes, against) {
  const cell = (s) => s.replace(/\|/g, "\\|").replace(/`/g, "'");
  const rows = changes.map((c) => {
    const what = c.change === "added" ? "only in the database" : c.change === "dropped" ? "missing from the database" : `${c.property}: \`${cell(oneLine(c.before, 80))}\` \u2192 \`${cell(oneLine(c.after, 80))}\``;
    return `| ${cell(changeSubject(c))} | ${what} |`;
  });
  return [`### Schema drift against ${against}`, "", "| object | difference (release \u2192 database) |", "|---|---|", ...rows, ""].join("\n");
}

export {
  expectedSchemaCandidates,
  describeDrift,
  renderDriftTable
};
