/**
 * What a promotion does to the repository, given the state and the refs of the remote:
 * the files it writes and removes, the commits it makes on which branch, the tag, and the
 * refs it creates, moves and deletes (HOP-FORMAT.md, "The rules of the workflow"; the
 * shape of each act checked against the half-orm-dev fixtures). Pure: the git adapter
 * carries the script out, `--dry-run` prints it.
 */
import { compareHopVersions } from './config.js';
import { HopError } from './errors.js';
import {
  hotfixFinalizeMessage,
  hotfixMergeMessage,
  prodCommitMessage,
  rcCommitMessage,
  syncCommitMessage,
  syncReason,
  tagMessage,
} from './promotion-messages.js';
import { syncTargets } from './promotion-sync.js';
import type { PromotionTarget } from './rules.js';
import { stagedPatches } from './rules.js';
import { renderSnapshot } from './snapshot.js';
import { MODEL_DIR, RELEASES_DIR, type ProjectState } from './state.js';

/** A change to a file, path relative to the project root. */
export type FileChange =
  | {
      kind: 'write';
      path: string;
      text: string;
      /** Written from the validated database (not known in a dry run). */ fromDatabase?: boolean;
    }
  | { kind: 'symlink'; path: string; target: string }
  | { kind: 'remove'; path: string };

export type PromotionStep =
  /** One commit on the tip of `branch` with `changes`. */
  | { kind: 'commit'; branch: string; message: string; changes: FileChange[] }
  /** Merges `from` into `branch` (`--no-ff`), applies `changes`, commits once. */
  | { kind: 'merge'; branch: string; from: string; message: string; changes: FileChange[] };

export type MetadataVariant = 'metadata' | 'data';

export interface PromotionScript {
  kind: PromotionTarget['kind'];
  /** The release id written: `0.1.0-rc2`, `0.1.0`, `0.1.0.post1`. */
  version: string;
  /** The release in preparation it comes from: `0.1.0`. */
  releaseVersion: string;
  tag: string;
  tagMessage: string;
  releaseFile: string;
  schemaFile?: string;
  /** Patch ids of the snapshot, in order. */
  patches: string[];
  steps: PromotionStep[];
  /** The branch whose final tip is tagged and whose `.hop/` is copied to `syncTo`. */
  source: string;
  syncTo: string[];
  syncMessage: string;
  /** Branches created at the tagged commit. */
  createBranches: string[];
  deleteBranches: string[];
}

export interface PromotionInputs {
  state: ProjectState;
  target: PromotionTarget;
  /** Short names of the remote's branches (`ho-prod`, `ho-release/0.1.0`, …). */
  remoteBranches: readonly string[];
  /** Short names of the remote's tags. */
  remoteTags: readonly string[];
  /** The validated database's dumps; absent in a dry run. */
  dumps?: { schema: string; metadata: string };
  remote?: string;
}

/** Which `half_orm_meta` dump the repository writes: `metadata-X.sql` up to hop 1.0.0-a32, `data-X.sql` after. */
export function metadataVariant(state: ProjectState): MetadataVariant {
  const hop = state.config.hopVersion;
  if (hop) return compareHopVersions(hop, '1.0.0-a33') < 0 ? 'metadata' : 'data';
  if (state.modelFiles.some((f) => /^data-.+\.sql$/.test(f))) return 'data';
  if (state.modelFiles.some((f) => /^metadata-.+\.sql$/.test(f))) return 'metadata';
  return 'data';
}

function refused(message: string, hint: string, code: string): HopError {
  return new HopError(message, { kind: 'refused', hint, code });
}

/** Refusals that depend on the remote's refs (the rules already passed). */
function checkRefs(inputs: PromotionInputs, releaseBranch: string, newBranch?: string): void {
  const { target, remoteBranches, remoteTags } = inputs;
  const remote = inputs.remote ?? 'origin';
  if (!remoteBranches.includes('ho-prod')) {
    throw refused(`branch ho-prod does not exist on ${remote}`, `push ho-prod to ${remote}, or pass the right --remote`, 'no-ho-prod');
  }
  if (!remoteBranches.includes(releaseBranch)) {
    throw refused(
      `branch ${releaseBranch} does not exist on ${remote}, but ${target.release.file} says release ${target.release.version} is in preparation`,
      `push ${releaseBranch} to ${remote} (\`git push ${remote} ${releaseBranch}\`), or remove ${target.release.file} if the release was abandoned`,
      'release-branch-missing',
    );
  }
  if (remoteTags.includes(target.tag)) {
    throw refused(
      `tag ${target.tag} already exists on ${remote}`,
      `${target.version} was already promoted; if the tag is left over from a failed attempt, delete it (\`git push ${remote} :refs/tags/${target.tag}\`) and run again`,
      'tag-exists',
    );
  }
  if (newBranch && remoteBranches.includes(newBranch)) {
    throw refused(
      `branch ${newBranch} already exists on ${remote}`,
      `${target.version} looks already promoted; delete ${newBranch} on ${remote} if it is left over from a failed attempt`,
      'branch-exists',
    );
  }
}

function releaseFileRemovals(target: PromotionTarget): FileChange[] {
  const v = target.release.version;
  const files = target.release.legacy ? [`${RELEASES_DIR}/${v}-candidates.txt`, `${RELEASES_DIR}/${v}-stage.txt`] : [target.release.file];
  return files.map((path) => ({ kind: 'remove', path }));
}

/**
 * Schema dump, `schema.sql` link, metadata/data dump, and the end of `release-X.Y.Z.sql`.
 * A hotfix's dump goes beside the release's (`schema-X.Y.Z.postN.sql`) and the link stays
 * on `schema-X.Y.Z.sql`: half-orm-dev reads the link's target as `^schema-(\d+\.\d+\.\d+)\.sql$`
 * (repo.py, release_manager.py) and fails on anything else (HOP-FORMAT.md, `.hop/model/`).
 */
function modelChanges(inputs: PromotionInputs, written: string): { changes: FileChange[]; schemaFile: string } {
  const variant = metadataVariant(inputs.state);
  const schemaName = `schema-${written}.sql`;
  const schemaFile = `${MODEL_DIR}/${schemaName}`;
  const fromDatabase = inputs.dumps === undefined;
  const changes: FileChange[] = [
    { kind: 'write', path: schemaFile, text: inputs.dumps?.schema ?? '', ...(fromDatabase ? { fromDatabase } : {}) },
    ...linkChange(inputs, schemaName),
    {
      kind: 'write',
      path: `${MODEL_DIR}/${variant}-${written}.sql`,
      text: inputs.dumps?.metadata ?? '',
      ...(fromDatabase ? { fromDatabase } : {}),
    },
  ];
  // half-orm-dev removes the release-in-progress dump at promote prod (and, by a defect,
  // brings it back at promote hotfix); the release is no longer in progress either way.
  const releaseDump = `release-${inputs.target.release.version}.sql`;
  if (inputs.state.modelFiles.includes(releaseDump)) changes.push({ kind: 'remove', path: `${MODEL_DIR}/${releaseDump}` });
  return { changes, schemaFile };
}

/**
 * Promote prod moves the link to the new dump. Promote hotfix leaves it on the release's
 * dump, and puts it back there when an earlier hop-ci (before issue 17) moved it to a
 * `.postN` dump.
 */
function linkChange(inputs: PromotionInputs, schemaName: string): FileChange[] {
  const link = `${MODEL_DIR}/schema.sql`;
  if (inputs.target.kind !== 'hotfix') return [{ kind: 'symlink', path: link, target: schemaName }];
  const releaseDump = `schema-${inputs.target.release.version}.sql`;
  const current = inputs.state.schema?.file;
  if (current === `${MODEL_DIR}/${releaseDump}` || !inputs.state.modelFiles.includes(releaseDump)) return [];
  return [{ kind: 'symlink', path: link, target: releaseDump }];
}

function stagedBranchesToDelete(inputs: PromotionInputs): string[] {
  return inputs.target.release.patches.map((p) => `ho-staged/${p.id}`).filter((b) => inputs.remoteBranches.includes(b));
}

export function buildPromotionScript(inputs: PromotionInputs): PromotionScript {
  const { target } = inputs;
  const rel = target.release;
  const releaseBranch = `ho-release/${rel.version}`;
  const staged = stagedPatches(rel);
  const base = {
    kind: target.kind,
    version: target.version,
    releaseVersion: rel.version,
    tag: target.tag,
    tagMessage: tagMessage(target.kind, rel.version, target.version),
    releaseFile: target.file,
    patches: staged.map((p) => p.id),
  };

  if (target.kind === 'rc') {
    checkRefs(inputs, releaseBranch);
    const snapshot = renderSnapshot(staged.map((p) => ({ id: p.id, ...(p.mergeCommit ? { commit: p.mergeCommit } : {}) })));
    return {
      ...base,
      steps: [
        {
          kind: 'commit',
          branch: releaseBranch,
          message: rcCommitMessage(rel.version, target.id.n),
          changes: [{ kind: 'write', path: target.file, text: snapshot }],
        },
      ],
      source: releaseBranch,
      syncTo: syncTargets(inputs.remoteBranches, releaseBranch),
      syncMessage: syncCommitMessage(releaseBranch, syncReason('rc', rel.version)),
      createBranches: [],
      deleteBranches: [],
    };
  }

  const prodBranch = `ho-prod-${target.version}`;
  checkRefs(inputs, releaseBranch, prodBranch);
  const snapshot: FileChange = { kind: 'write', path: target.file, text: renderSnapshot(staged.map((p) => ({ id: p.id }))) };
  const model = modelChanges(inputs, target.version);
  const fileChanges = [snapshot, ...releaseFileRemovals(target), ...model.changes];
  const steps: PromotionStep[] =
    target.kind === 'prod'
      ? [{ kind: 'merge', branch: 'ho-prod', from: releaseBranch, message: prodCommitMessage(rel.version), changes: fileChanges }]
      : [
          { kind: 'merge', branch: 'ho-prod', from: releaseBranch, message: hotfixMergeMessage(target.version), changes: [] },
          { kind: 'commit', branch: 'ho-prod', message: hotfixFinalizeMessage(target.version), changes: fileChanges },
        ];
  return {
    ...base,
    schemaFile: model.schemaFile,
    steps,
    source: 'ho-prod',
    syncTo: syncTargets(inputs.remoteBranches, 'ho-prod', [releaseBranch]),
    syncMessage: syncCommitMessage('ho-prod', syncReason(target.kind, target.version)),
    // Unlike half-orm-dev 1.0.0-a32, a hotfix gets its immutable production branch too,
    // so that an upgrade can reach it (HOP-FORMAT.md, "Known defects").
    createBranches: [prodBranch],
    deleteBranches: [releaseBranch, ...stagedBranchesToDelete(inputs)],
  };
}

/** `0.1.0 → 0.1.0-rc1`; a production release is the release itself: `0.1.0`, not `0.1.0 → 0.1.0`. */
export function promotedVersion(script: Pick<PromotionScript, 'releaseVersion' | 'version'>, strong = (v: string) => v): string {
  return script.version === script.releaseVersion ? strong(script.version) : `${script.releaseVersion} → ${strong(script.version)}`;
}

/** The plan as a person reads it (`--dry-run`). */
export function renderPromotionScript(script: PromotionScript, remote = 'origin'): string {
  const lines: string[] = [`promote-${script.kind}: ${promotedVersion(script)} (tag ${script.tag})`];
  for (const step of script.steps) {
    lines.push(
      step.kind === 'merge'
        ? `commit on ${step.branch}: merge ${step.from} — "${step.message}"`
        : `commit on ${step.branch}: "${step.message}"`,
    );
    for (const c of step.changes) {
      if (c.kind === 'write') lines.push(`  write   ${c.path}${c.fromDatabase ? ' (dumped from the validated database)' : ''}`);
      else if (c.kind === 'symlink') lines.push(`  link    ${c.path} -> ${c.target}`);
      else lines.push(`  remove  ${c.path}`);
    }
  }
  for (const b of script.syncTo) lines.push(`commit on ${b} (if .hop/ differs): "${script.syncMessage}"`);
  lines.push(`push to ${remote}, atomically:`);
  lines.push(`  create tag ${script.tag} on ${script.source} ("${script.tagMessage}")`);
  for (const b of script.createBranches) lines.push(`  create branch ${b} at ${script.source}`);
  const moved = [...new Set([...script.steps.map((s) => s.branch), ...script.syncTo])];
  for (const b of moved) lines.push(`  move branch ${b}`);
  for (const b of script.deleteBranches) lines.push(`  delete branch ${b}`);
  return lines.join('\n');
}
