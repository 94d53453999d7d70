/**
 * The typed release state of a hop project, built from the text of its files.
 * Pure: see project-files.ts for the inputs.
 */
import { parseHopConfig, compareHopVersions, type HopConfig } from './config.js';
import { HopError } from './errors.js';
import { canonicalPatchId } from './patch-id.js';
import { parsePatchesToml, type ReleasePatch, type PatchesToml } from './patches-toml.js';
import type { ProjectFiles } from './project-files.js';
import { classifyReleaseFile, isIgnoredReleaseFile, type ReleaseFileName } from './release-files.js';
import { parseSnapshot, type SnapshotEntry } from './snapshot.js';
import {
  baseVersion,
  compareReleases,
  formatRelease,
  parseRelease,
  tryParseRelease,
  type HotfixNaming,
  type ReleaseId,
} from './version.js';

export const RELEASES_DIR = '.hop/releases';
export const MODEL_DIR = '.hop/model';

/** A release in preparation: `X.Y.Z-patches.toml` (or the legacy pair of lists). */
export interface ReleaseInPreparation {
  version: string;
  id: ReleaseId;
  /** Hotfix mode: `X.Y.Z.txt` exists too (a production release reopened). */
  hotfix: boolean;
  /** The file it was read from, relative to the root. */
  file: string;
  patches: ReleasePatch[];
  /** Shape and metadata of the TOML, so that a writer keeps them. */
  toml: PatchesToml;
  /** Read from hop 0.16's `-candidates.txt` / `-stage.txt`. */
  legacy: boolean;
}

/** An immutable snapshot: rc, production release or hotfix. */
export interface ReleaseSnapshot {
  /** As the file name says it: `1.3.0-rc2`, `1.3.0`, `1.3.0.post1`. */
  release: string;
  id: ReleaseId;
  kind: 'rc' | 'production' | 'hotfix';
  file: string;
  patches: SnapshotEntry[];
}

export type PatchLocation = 'root' | 'staged' | 'orphaned';

export interface ProjectState {
  root: string;
  branch?: string;
  config: HopConfig;
  /** The half_orm connection file name: alt_config, else package_name, else the folder. */
  dbConfigName: string;
  /** Production releases and hotfixes, in version order. */
  production: ReleaseSnapshot[];
  /** The current production release (last of `production`), or null before the first. */
  current: ReleaseSnapshot | null;
  rcs: ReleaseSnapshot[];
  inPreparation: ReleaseInPreparation[];
  /** `schema.sql`'s target and the version it names; undefined when absent. */
  schema?: { file: string; release: string; id: ReleaseId };
  modelFiles: string[];
  hotfixNaming: HotfixNaming;
  /** Where each patch folder is on this checkout: id → path relative to the root. */
  patchFolders: Map<string, string>;
}

function fileOf(name: string): string {
  return `${RELEASES_DIR}/${name}`;
}

function readSchema(files: ProjectFiles): ProjectState['schema'] {
  const link = files.schemaLink;
  const path = `${MODEL_DIR}/schema.sql`;
  if (link.kind === 'missing') return undefined;
  if (link.kind === 'file') {
    throw new HopError(`${path} is a regular file, not a link`, {
      file: path,
      hint: 'half-orm-dev keeps schema.sql as a relative symlink to schema-X.Y.Z.sql; recreate it with `ln -sf schema-X.Y.Z.sql .hop/model/schema.sql` (git must keep it as a link: core.symlinks=true)',
      code: 'schema-not-link',
    });
  }
  const m = /^(?:\.\/)?schema-(.+)\.sql$/.exec(link.target);
  const id = m ? tryParseRelease(m[1]!) : undefined;
  if (!link.targetExists || !m || !id) {
    throw new HopError(
      `${path} points to '${link.target}', which ${link.targetExists ? 'is not a schema-X.Y.Z.sql file' : 'does not exist'}`,
      {
        file: path,
        hint: 'point it at the production schema dump: `ln -sf schema-X.Y.Z.sql .hop/model/schema.sql`',
        code: 'schema-link-broken',
      },
    );
  }
  return { file: `${MODEL_DIR}/${link.target.replace(/^\.\//, '')}`, release: m[1]!, id };
}

function locatePatchFolders(files: ProjectFiles): Map<string, string> {
  const map = new Map<string, string>();
  // First match wins: Patches/<id>, then staged/, then orphaned/.
  const order: Array<[PatchLocation, string[], string]> = [
    ['root', files.patchDirs.root, 'Patches'],
    ['staged', files.patchDirs.staged, 'Patches/staged'],
    ['orphaned', files.patchDirs.orphaned, 'Patches/orphaned'],
  ];
  for (const [, names, dir] of order) {
    for (const name of names) {
      if (name === 'staged' && dir === 'Patches') continue;
      if (name === 'orphaned' && dir === 'Patches') continue;
      if (!map.has(name)) map.set(name, `${dir}/${name}`);
    }
  }
  return map;
}

function chooseHotfixNaming(hotfixes: ReleaseSnapshot[], config: HopConfig): HotfixNaming {
  const last = hotfixes[hotfixes.length - 1];
  if (last?.id.naming) return last.id.naming;
  // hop 1.0.0-a19 switched to PEP 440 post-releases.
  if (config.hopVersion && compareHopVersions(config.hopVersion, '1.0.0-a19') < 0) return 'hotfix';
  return 'post';
}

export function buildProjectState(files: ProjectFiles): ProjectState {
  const config = parseHopConfig(files.configText);
  const classified: ReleaseFileName[] = [];
  const texts = new Map<string, string>();
  for (const f of files.releaseFiles) {
    if (isIgnoredReleaseFile(f.name)) continue;
    classified.push(classifyReleaseFile(f.name, RELEASES_DIR));
    texts.set(f.name, f.text);
  }

  const production: ReleaseSnapshot[] = [];
  const rcs: ReleaseSnapshot[] = [];
  const tomls = new Map<string, ReleaseFileName>();
  const legacyCandidates = new Map<string, ReleaseFileName>();
  const legacyStage = new Map<string, ReleaseFileName>();
  const hotfixSeen = new Map<string, string>();

  for (const f of classified) {
    const text = texts.get(f.name)!;
    const version = baseVersion(f.release);
    switch (f.kind) {
      case 'patches-toml':
        tomls.set(version, f);
        break;
      case 'legacy-candidates':
        legacyCandidates.set(version, f);
        break;
      case 'legacy-stage':
        legacyStage.set(version, f);
        break;
      case 'rc':
      case 'production':
      case 'hotfix': {
        if (f.kind === 'hotfix') {
          const key = `${version}#${f.release.n}`;
          const other = hotfixSeen.get(key);
          if (other) {
            throw new HopError(`${fileOf(other)} and ${fileOf(f.name)} are the same hotfix written twice`, {
              file: fileOf(f.name),
              hint: 'keep the one in the naming your half-orm-dev writes (X.Y.Z.postN since 1.0.0-a19) and remove the other',
              code: 'hotfix-twice',
            });
          }
          hotfixSeen.set(key, f.name);
        }
        const snap: ReleaseSnapshot = {
          release: formatRelease(f.release),
          id: f.release,
          kind: f.kind,
          file: fileOf(f.name),
          patches: parseSnapshot(text, fileOf(f.name)).entries,
        };
        (f.kind === 'rc' ? rcs : production).push(snap);
        break;
      }
    }
  }
  production.sort((a, b) => compareReleases(a.id, b.id));
  rcs.sort((a, b) => compareReleases(a.id, b.id));
  const productionBases = new Set(production.filter((p) => p.kind === 'production').map((p) => p.release));

  const inPreparation: ReleaseInPreparation[] = [];
  for (const [version, f] of tomls) {
    const toml = parsePatchesToml(texts.get(f.name)!, fileOf(f.name));
    inPreparation.push({
      version,
      id: parseRelease(version),
      hotfix: productionBases.has(version),
      file: fileOf(f.name),
      patches: toml.patches,
      toml,
      legacy: false,
    });
  }
  // hop 0.16 and older: a staged list and a candidates list per release.
  for (const version of new Set([...legacyCandidates.keys(), ...legacyStage.keys()])) {
    if (tomls.has(version)) continue; // a migrated project keeps the TOML as the truth
    const stage = legacyStage.get(version);
    const cand = legacyCandidates.get(version);
    const staged = stage ? parseSnapshot(texts.get(stage.name)!, fileOf(stage.name)) : undefined;
    const candidates = cand ? parseSnapshot(texts.get(cand.name)!, fileOf(cand.name)) : undefined;
    const patches: ReleasePatch[] = [
      ...(staged?.entries ?? []).map((e) => ({ id: e.id, status: 'staged' as const, line: e.line })),
      ...(candidates?.entries ?? []).map((e) => ({ id: e.id, status: 'candidate' as const, line: e.line })),
    ];
    inPreparation.push({
      version,
      id: parseRelease(version),
      hotfix: productionBases.has(version) || Boolean(candidates?.hotfixMarker),
      file: fileOf((cand ?? stage)!.name),
      patches,
      toml: { patches, shape: 'tables' },
      legacy: true,
    });
  }
  inPreparation.sort((a, b) => compareReleases(a.id, b.id));

  // A patch belongs to one release in preparation.
  const owner = new Map<string, ReleaseInPreparation>();
  for (const rel of inPreparation) {
    const seenHere = new Set<string>();
    for (const p of rel.patches) {
      const key = canonicalPatchId(p.id);
      if (seenHere.has(key)) {
        throw new HopError(`${rel.file}${p.line ? `:${p.line}` : ''}: patch '${p.id}' is listed twice`, {
          file: rel.file,
          line: p.line,
          hint: 'remove the second entry',
          code: 'patch-twice',
        });
      }
      seenHere.add(key);
      const other = owner.get(key);
      if (other) {
        throw new HopError(`patch '${p.id}' is in two releases in preparation: ${other.file} and ${rel.file}`, {
          file: rel.file,
          line: p.line,
          hint: `a patch belongs to one release; remove it from one of the two files`,
          code: 'patch-in-two-releases',
        });
      }
      owner.set(key, rel);
    }
  }

  const hotfixes = production.filter((p) => p.kind === 'hotfix');
  const rootName = files.root.split(/[\\/]/).filter(Boolean).pop() ?? 'hop';
  return {
    root: files.root,
    ...(files.branch ? { branch: files.branch } : {}),
    config,
    dbConfigName: files.altConfig?.trim() || config.packageName || rootName,
    production,
    current: production[production.length - 1] ?? null,
    rcs,
    inPreparation,
    schema: readSchema(files),
    modelFiles: [...files.modelFiles].sort(),
    hotfixNaming: chooseHotfixNaming(hotfixes, config),
    patchFolders: locatePatchFolders(files),
  };
}
