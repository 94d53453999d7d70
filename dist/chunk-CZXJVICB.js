import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  MODEL_DIR,
  canonicalPatchId
} from "./chunk-TNUK3URT.js";
import {
  baseVersion,
  compareReleases,
  formatRelease,
  tryParseRelease
} from "./chunk-VIHRG64B.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";

// src/core/baseline.ts
function modelVersions(modelFiles, prefix) {
  const re = new RegExp(`^${prefix}-(.+)\\.sql$`);
  const out = [];
  for (const name of modelFiles) {
    const m = re.exec(name);
    const id = m ? tryParseRelease(m[1]) : void 0;
    if (id && id.level !== "rc") out.push({ file: `${MODEL_DIR}/${name}`, id });
  }
  return out.sort((a, b) => compareReleases(a.id, b.id));
}
function sameBase(a, b) {
  return a.major === b.major && a.minor === b.minor && a.patch === b.patch;
}
function releaseStateFiles(model, id) {
  const dumps = modelVersions(model.modelFiles, "schema").filter((d) => sameBase(d.id, id) && compareReleases(d.id, id) <= 0);
  const dump = dumps[dumps.length - 1];
  if (!dump) {
    throw new HopError(`${MODEL_DIR}/schema-${baseVersion(id)}.sql is missing: there is no schema dump of ${formatRelease(id)}`, {
      file: `${MODEL_DIR}/schema-${baseVersion(id)}.sql`,
      hint: `promote prod writes it; check out a branch that has it (ho-prod or ho-prod-${baseVersion(id)})`,
      code: "no-schema-dump"
    });
  }
  const steps = [{ kind: "psql", file: dump.file, what: "schema" }];
  const metadata = modelVersions(model.modelFiles, "metadata").filter((m) => compareReleases(m.id, dump.id) <= 0);
  const exactMetadata = metadata.find((m) => compareReleases(m.id, dump.id) === 0) ?? metadata[metadata.length - 1];
  const data = modelVersions(model.modelFiles, "data").filter((d) => compareReleases(d.id, dump.id) <= 0);
  if (data.length) for (const d of data) steps.push({ kind: "psql", file: d.file, what: "data" });
  else if (exactMetadata) steps.push({ kind: "psql", file: exactMetadata.file, what: "metadata" });
  const applied = /* @__PURE__ */ new Set();
  let exact = true;
  for (const hotfix of model.production) {
    if (hotfix.kind !== "hotfix" || !sameBase(hotfix.id, id)) continue;
    if (compareReleases(hotfix.id, dump.id) <= 0 || compareReleases(hotfix.id, id) > 0) continue;
    exact = false;
    for (const entry of hotfix.patches) {
      const key = canonicalPatchId(entry.id);
      if (applied.has(key)) continue;
      applied.add(key);
      steps.push({ kind: "patch", id: entry.id, release: hotfix.release });
    }
  }
  return { release: formatRelease(id), steps, dump: dump.file, exact };
}
function planBaseline(state) {
  const schema = state.schema;
  if (!schema) {
    throw new HopError(`${MODEL_DIR}/schema.sql is missing: there is no baseline to validate on`, {
      file: `${MODEL_DIR}/schema.sql`,
      hint: "half-orm-dev writes it at `half_orm dev init` and at each promote prod; check out a branch that has it (ho-prod or ho-release/X.Y.Z) or restore it with `ln -sf schema-X.Y.Z.sql .hop/model/schema.sql`",
      code: "no-schema"
    });
  }
  let level = schema.id;
  for (const p of state.production) if (sameBase(p.id, schema.id) && compareReleases(p.id, level) > 0) level = p.id;
  return releaseStateFiles(state, level);
}

export {
  planBaseline
};
