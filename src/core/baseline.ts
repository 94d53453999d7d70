/**
 * Which files make the state of a release (HOP-FORMAT.md, `.hop/model/`): the newest
 * schema dump of that release's level or below (`schema-X.Y.Z.postN.sql`, which only hop-ci
 * writes, else `schema-X.Y.Z.sql`), then the metadata file or the data files of that
 * dump's version, then the patches of every hotfix the dump does not contain yet, because
 * half-orm-dev does not dump the schema at promote hotfix. The baseline ("production
 * state") of a checkout is that state for the newest production level of the release the
 * `schema.sql` link names: the link itself stays on `schema-X.Y.Z.sql` after a hotfix,
 * since half-orm-dev cannot read anything else there.
 */
import { HopError } from './errors.js';
import { canonicalPatchId } from './patch-id.js';
import { MODEL_DIR, type ProjectState } from './state.js';
import { baseVersion, compareReleases, formatRelease, tryParseRelease, type ReleaseId } from './version.js';

export type BaselineStep =
  /** A pg_dump-style file, run through psql. `file` is relative to the project root. */
  | { kind: 'psql'; file: string; what: 'schema' | 'metadata' | 'data' }
  /** A patch of a hotfix released after the schema dump was taken. */
  | { kind: 'patch'; id: string; release: string };

export interface BaselinePlan {
  /** The release the baseline stands for (the last hotfix applied, else the schema's). */
  release: string;
  steps: BaselineStep[];
  /** The schema dump restored first, relative to the root. */
  dump: string;
  /** True when the dump alone is the schema of `release` (no hotfix patch replayed over it). */
  exact: boolean;
}

/** What `releaseStateFiles` reads: the `.hop/model/` file names and the production snapshots. */
export type ModelInventory = Pick<ProjectState, 'modelFiles' | 'production'>;

function modelVersions(modelFiles: readonly string[], prefix: 'schema' | 'metadata' | 'data'): Array<{ file: string; id: ReleaseId }> {
  const re = new RegExp(`^${prefix}-(.+)\\.sql$`);
  const out: Array<{ file: string; id: ReleaseId }> = [];
  for (const name of modelFiles) {
    const m = re.exec(name);
    const id = m ? tryParseRelease(m[1]!) : undefined;
    if (id && id.level !== 'rc') out.push({ file: `${MODEL_DIR}/${name}`, id });
  }
  return out.sort((a, b) => compareReleases(a.id, b.id));
}

function sameBase(a: ReleaseId, b: ReleaseId): boolean {
  return a.major === b.major && a.minor === b.minor && a.patch === b.patch;
}

/**
 * The files that make the state of release `id` (a production release or one of its
 * hotfix levels), in the order they are restored. This is the one answer to "what is the
 * state of V" for validation, promotion, plan and the upgrade's drift check.
 */
export function releaseStateFiles(model: ModelInventory, id: ReleaseId): BaselinePlan {
  const dumps = modelVersions(model.modelFiles, 'schema').filter((d) => sameBase(d.id, id) && compareReleases(d.id, id) <= 0);
  const dump = dumps[dumps.length - 1];
  if (!dump) {
    throw new HopError(`${MODEL_DIR}/schema-${baseVersion(id)}.sql is missing: there is no schema dump of ${formatRelease(id)}`, {
      file: `${MODEL_DIR}/schema-${baseVersion(id)}.sql`,
      hint: `promote prod writes it; check out a branch that has it (ho-prod or ho-prod-${baseVersion(id)})`,
      code: 'no-schema-dump',
    });
  }
  const steps: BaselineStep[] = [{ kind: 'psql', file: dump.file, what: 'schema' }];

  // metadata-<v>.sql (up to hop 1.0.0-a32), else every data-V.sql with V up to the dump's.
  const metadata = modelVersions(model.modelFiles, 'metadata').filter((m) => compareReleases(m.id, dump.id) <= 0);
  const exactMetadata = metadata.find((m) => compareReleases(m.id, dump.id) === 0) ?? metadata[metadata.length - 1];
  const data = modelVersions(model.modelFiles, 'data').filter((d) => compareReleases(d.id, dump.id) <= 0);
  if (data.length) for (const d of data) steps.push({ kind: 'psql', file: d.file, what: 'data' });
  else if (exactMetadata) steps.push({ kind: 'psql', file: exactMetadata.file, what: 'metadata' });

  // Hotfixes of that version up to `id` that came after the dump.
  const applied = new Set<string>();
  let exact = true;
  for (const hotfix of model.production) {
    if (hotfix.kind !== 'hotfix' || !sameBase(hotfix.id, id)) continue;
    if (compareReleases(hotfix.id, dump.id) <= 0 || compareReleases(hotfix.id, id) > 0) continue;
    exact = false;
    for (const entry of hotfix.patches) {
      const key = canonicalPatchId(entry.id);
      if (applied.has(key)) continue; // a hotfix file that repeats an earlier one's patches
      applied.add(key);
      steps.push({ kind: 'patch', id: entry.id, release: hotfix.release });
    }
  }
  return { release: formatRelease(id), steps, dump: dump.file, exact };
}

/** The baseline of this checkout: the newest production level of the release `schema.sql` names. */
export function planBaseline(state: ProjectState): BaselinePlan {
  const schema = state.schema;
  if (!schema) {
    throw new HopError(`${MODEL_DIR}/schema.sql is missing: there is no baseline to validate on`, {
      file: `${MODEL_DIR}/schema.sql`,
      hint: 'half-orm-dev writes it at `half_orm dev init` and at each promote prod; check out a branch that has it (ho-prod or ho-release/X.Y.Z) or restore it with `ln -sf schema-X.Y.Z.sql .hop/model/schema.sql`',
      code: 'no-schema',
    });
  }
  let level = schema.id;
  for (const p of state.production) if (sameBase(p.id, schema.id) && compareReleases(p.id, level) > 0) level = p.id;
  return releaseStateFiles(state, level);
}
