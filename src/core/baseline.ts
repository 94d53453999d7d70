/**
 * Which files make the baseline ("production state") of a database (HOP-FORMAT.md):
 * `schema.sql`, then the metadata file or the data files of that version, then the
 * patches of every hotfix of that version the dump does not contain yet, because
 * half-orm-dev does not dump the schema at promote hotfix.
 */
import { HopError } from './errors.js';
import { canonicalPatchId } from './patch-id.js';
import { MODEL_DIR, type ProjectState } from './state.js';
import { compareReleases, tryParseRelease, type ReleaseId } from './version.js';

export type BaselineStep =
  /** A pg_dump-style file, run through psql. `file` is relative to the project root. */
  | { kind: 'psql'; file: string; what: 'schema' | 'metadata' | 'data' }
  /** A patch of a hotfix released after the schema dump was taken. */
  | { kind: 'patch'; id: string; release: string };

export interface BaselinePlan {
  /** The release the baseline stands for (the last hotfix applied, else the schema's). */
  release: string;
  steps: BaselineStep[];
}

function modelVersions(state: ProjectState, prefix: 'metadata' | 'data'): Array<{ file: string; id: ReleaseId }> {
  const re = new RegExp(`^${prefix}-(.+)\\.sql$`);
  const out: Array<{ file: string; id: ReleaseId }> = [];
  for (const name of state.modelFiles) {
    const m = re.exec(name);
    const id = m ? tryParseRelease(m[1]!) : undefined;
    if (id) out.push({ file: `${MODEL_DIR}/${name}`, id });
  }
  return out.sort((a, b) => compareReleases(a.id, b.id));
}

function sameBase(a: ReleaseId, b: ReleaseId): boolean {
  return a.major === b.major && a.minor === b.minor && a.patch === b.patch;
}

export function planBaseline(state: ProjectState): BaselinePlan {
  const schema = state.schema;
  if (!schema) {
    throw new HopError(`${MODEL_DIR}/schema.sql is missing: there is no baseline to validate on`, {
      file: `${MODEL_DIR}/schema.sql`,
      hint: 'half-orm-dev writes it at `half_orm dev init` and at each promote prod; check out a branch that has it (ho-prod or ho-release/X.Y.Z) or restore it with `ln -sf schema-X.Y.Z.sql .hop/model/schema.sql`',
      code: 'no-schema',
    });
  }
  const steps: BaselineStep[] = [{ kind: 'psql', file: schema.file, what: 'schema' }];

  // metadata-<v>.sql (up to hop 1.0.0-a32), else every data-V.sql with V up to v.
  const metadata = modelVersions(state, 'metadata').filter((m) => compareReleases(m.id, schema.id) <= 0);
  const exact = metadata.find((m) => compareReleases(m.id, schema.id) === 0);
  const data = modelVersions(state, 'data').filter((d) => compareReleases(d.id, schema.id) <= 0);
  if (data.length) for (const d of data) steps.push({ kind: 'psql', file: d.file, what: 'data' });
  else if (exact ?? metadata[metadata.length - 1])
    steps.push({ kind: 'psql', file: (exact ?? metadata[metadata.length - 1])!.file, what: 'metadata' });

  // Hotfixes of that version that came after the dump.
  let release = schema.release;
  const applied = new Set<string>();
  for (const hotfix of state.production) {
    if (hotfix.kind !== 'hotfix' || !sameBase(hotfix.id, schema.id) || compareReleases(hotfix.id, schema.id) <= 0) continue;
    for (const entry of hotfix.patches) {
      const key = canonicalPatchId(entry.id);
      if (applied.has(key)) continue; // a hotfix file that repeats an earlier one's patches
      applied.add(key);
      steps.push({ kind: 'patch', id: entry.id, release: hotfix.release });
    }
    release = hotfix.release;
  }
  return { release, steps };
}
