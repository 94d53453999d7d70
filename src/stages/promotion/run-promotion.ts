/**
 * The three promotions share one flow: read the state from the remote's branches, apply
 * the rules, validate the release on an ephemeral database, carry the script out in a
 * temporary worktree, push every ref in one atomic push. The user's checkout is only read
 * (and must be clean), never changed.
 */
import path from 'node:path';
import { HopError } from '../../core/errors.js';
import {
  buildPromotionScript,
  metadataVariant,
  promotedVersion,
  renderPromotionScript,
  type PromotionScript,
} from '../../core/promotion-plan.js';
import { syncRemovals } from '../../core/promotion-sync.js';
import { isRefusal, planPromotion, type PromotionKind, type PromotionTarget } from '../../core/rules.js';
import { normaliseSchemaDump } from '../../core/schema-dump.js';
import { buildProjectState, type ProjectState } from '../../core/state.js';
import type {
  Git,
  GitIdentity,
  GitWorktree,
  RefUpdate,
  ReleaseValidator,
  StageContext,
  StageResult,
  ValidatedDatabase,
} from '../../ports.js';
import { booleanInput } from '../inputs.js';

export interface PromotionDeps {
  git: Git;
  validator: ReleaseValidator;
  /** Records a production release in the validated database before its metadata is dumped. */
  recordRelease: (db: ValidatedDatabase, version: string) => Promise<void>;
}

export const DEFAULT_IDENTITY: GitIdentity = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
};

const BRANCH_PREFIX = 'refs/heads/';
const TAG_PREFIX = 'refs/tags/';

function shortNames(refs: Map<string, string>, prefix: string): string[] {
  return [...refs.keys()].filter((r) => r.startsWith(prefix)).map((r) => r.slice(prefix.length));
}

function refusal(kind: PromotionKind, plan: { error: string; hint?: string }): HopError {
  return new HopError(`promote-${kind} refused: ${plan.error}`, {
    kind: 'refused',
    ...(plan.hint ? { hint: plan.hint } : {}),
    code: 'promotion-refused',
  });
}

async function readState(ctx: StageContext, root: string): Promise<ProjectState> {
  return buildProjectState(await ctx.workspace.readProject(root));
}

function pickTarget(state: ProjectState, kind: PromotionKind, requested: string | undefined): PromotionTarget {
  const plan = planPromotion(state, kind, requested);
  if (isRefusal(plan)) throw refusal(kind, plan);
  return plan;
}

/** Carries the script out in the worktree; returns the ref updates to push. */
async function carryOut(
  deps: PromotionDeps,
  wt: GitWorktree,
  root: string,
  top: string,
  script: PromotionScript,
  refs: Map<string, string>,
  identity: GitIdentity,
): Promise<RefUpdate[]> {
  const tips = new Map<string, string>();
  const tip = (branch: string): string => {
    const id = tips.get(branch) ?? refs.get(BRANCH_PREFIX + branch);
    if (!id) throw new HopError(`branch ${branch} vanished from the remote`, { kind: 'refused', code: 'branch-missing' });
    return id;
  };
  for (const step of script.steps) {
    await wt.checkout(tip(step.branch));
    if (step.kind === 'merge') {
      const { conflicts } = await wt.merge(tip(step.from));
      if (conflicts.length) {
        throw new HopError(`merging ${step.from} into ${step.branch} conflicts in ${conflicts.join(', ')}; nothing was pushed`, {
          kind: 'refused',
          hint: `merge ${step.branch} into ${step.from} by hand, resolve the conflicts, push ${step.from}, then run the promotion again`,
          code: 'merge-conflict',
        });
      }
    }
    await wt.apply(root, step.changes);
    tips.set(step.branch, (await wt.commit(step.message, identity)) ?? tip(step.branch));
  }
  const sourceTip = tip(script.source);
  const sourceHop = await wt.listFiles(root, sourceTip, '.hop');
  for (const branch of script.syncTo) {
    await wt.checkout(tip(branch));
    const targetHop = await wt.listFiles(root, tip(branch), '.hop');
    await wt.copyHop(root, sourceTip, syncRemovals(sourceHop, targetHop));
    const id = await wt.commit(script.syncMessage, identity);
    if (id) tips.set(branch, id);
  }
  const tagId = await deps.git.createTag(top, script.tag, sourceTip, script.tagMessage, identity);
  const updates: RefUpdate[] = [];
  for (const [branch, id] of tips) {
    const before = refs.get(BRANCH_PREFIX + branch)!;
    if (id !== before) updates.push({ ref: BRANCH_PREFIX + branch, newId: id, expectedId: before });
  }
  for (const b of script.createBranches) updates.push({ ref: BRANCH_PREFIX + b, newId: sourceTip, expectedId: null });
  updates.push({ ref: TAG_PREFIX + script.tag, newId: tagId, expectedId: null });
  for (const b of script.deleteBranches) updates.push({ ref: BRANCH_PREFIX + b, newId: null, expectedId: refs.get(BRANCH_PREFIX + b)! });
  return updates;
}

function outputsOf(script: PromotionScript, result: string): Record<string, string> {
  return {
    version: script.version,
    tag: script.tag,
    patches: JSON.stringify(script.patches),
    'release-file': script.releaseFile,
    'schema-file': script.schemaFile ?? '',
    result,
  };
}

/** The script for `--json`, without the dumps' text (paths say what was written). */
function scriptJson(script: PromotionScript): unknown {
  return {
    ...script,
    steps: script.steps.map((s) => ({ ...s, changes: s.changes.map((c) => (c.kind === 'write' ? { kind: c.kind, path: c.path } : c)) })),
  };
}

function summaryOf(script: PromotionScript, updates: RefUpdate[], remote: string): string {
  const rows = updates.map((u) => `| \`${u.ref}\` | ${u.newId === null ? 'deleted' : u.expectedId === null ? 'created' : 'moved'} |`);
  return [
    `### hop-ci promote-${script.kind}: ${script.version}`,
    `Release ${promotedVersion(script, (v) => `**${v}**`)} (tag \`${script.tag}\`), patches: ${script.patches.map((p) => `\`${p}\``).join(', ')}.`,
    '',
    `Pushed to ${remote} atomically:`,
    '',
    '| ref | |',
    '|---|---|',
    ...rows,
  ].join('\n');
}

export async function runPromotion(ctx: StageContext, kind: PromotionKind, deps: PromotionDeps): Promise<StageResult> {
  const dryRun = booleanInput(ctx.ci, 'dry-run') ?? false;
  const remote = ctx.ci.input('remote') ?? 'origin';
  const requested = ctx.ci.input('release');
  const identity: GitIdentity = {
    name: ctx.ci.input('git-user-name') ?? DEFAULT_IDENTITY.name,
    email: ctx.ci.input('git-user-email') ?? DEFAULT_IDENTITY.email,
  };
  const { git } = deps;

  const checkout = await ctx.workspace.findRoot(ctx.cwd);
  const { top, prefix } = await git.locate(checkout);
  const dirty = await git.uncommittedChanges(checkout, ['.hop', 'Patches']);
  if (dirty.length) {
    throw new HopError(`the workspace has uncommitted changes: ${dirty.slice(0, 10).join(', ')}${dirty.length > 10 ? ', …' : ''}`, {
      kind: 'refused',
      hint: 'commit and push them (or discard them) first: a promotion works from what is on the remote',
      code: 'dirty-workspace',
    });
  }

  const refs = await ctx.ci.group(`fetch ho-* branches and tags from ${remote}`, () => git.fetchRemoteRefs(top, remote));
  let wt: GitWorktree | undefined;
  try {
    const remoteBranches = shortNames(refs, BRANCH_PREFIX);
    const remoteTags = shortNames(refs, TAG_PREFIX);
    const prodTip = refs.get(`${BRANCH_PREFIX}ho-prod`);
    if (!prodTip) {
      throw new HopError(`branch ho-prod does not exist on ${remote}`, {
        kind: 'refused',
        hint: `push ho-prod to ${remote}, or pass the right --remote`,
        code: 'no-ho-prod',
      });
    }
    wt = await git.openWorktree(top, prodTip);
    const root = path.join(wt.dir, prefix);

    // The rules on ho-prod's state pick the release; its own branch then has the last word.
    const first = pickTarget(await readState(ctx, root), kind, requested);
    buildPromotionScript({ state: await readState(ctx, root), target: first, remoteBranches, remoteTags, remote }); // refusals on refs
    await wt.checkout(refs.get(`${BRANCH_PREFIX}ho-release/${first.release.version}`)!);
    const state = await readState(ctx, root);
    const target = pickTarget(state, kind, requested ?? first.release.version);
    const planned = buildPromotionScript({ state, target, remoteBranches, remoteTags, remote });

    if (dryRun) {
      const text = `${renderPromotionScript(planned, remote)}\n(dry run: nothing validated, committed or pushed)`;
      return {
        ok: true,
        outputs: outputsOf(planned, 'dry-run'),
        text,
        summary: `### hop-ci promote-${kind} (dry run)\n\n\`\`\`\n${text}\n\`\`\``,
        json: scriptJson(planned),
      };
    }

    const variant = metadataVariant(state);
    const outcome = await ctx.ci.group(`validate release ${target.release.version}`, () =>
      deps.validator.validateRelease(
        { root, version: target.release.version, ...(ctx.ci.input('test-command') ? { testCommand: ctx.ci.input('test-command')! } : {}) },
        kind === 'rc'
          ? undefined
          : async (db) => {
              if (kind === 'prod') await deps.recordRelease(db, target.version);
              return { schema: normaliseSchemaDump(await db.dumpSchema()), metadata: await db.dumpMetadata(variant) };
            },
      ),
    );
    if (!outcome.ok || (kind !== 'rc' && !outcome.value)) {
      const first = outcome.failures[0];
      const error = `release ${target.release.version} failed validation${first ? `: ${first.patch ? `patch ${first.patch}: ` : ''}${first.message}` : ''}; nothing was committed or pushed`;
      return { ok: false, outputs: { ...outputsOf(planned, 'failure'), error }, summary: outcome.summary, text: error };
    }

    const script =
      kind === 'rc' ? planned : buildPromotionScript({ state, target, remoteBranches, remoteTags, remote, dumps: outcome.value! });
    const updates = await carryOut(deps, wt, root, top, script, refs, identity);
    await ctx.ci.group(`push ${updates.length} refs to ${remote} (atomic)`, () => git.pushAtomic(top, remote, updates));
    const text = `${renderPromotionScript(script, remote)}\npushed: ${script.tag}`;
    return {
      ok: true,
      outputs: outputsOf(script, 'success'),
      summary: summaryOf(script, updates, remote),
      text,
      json: { script: scriptJson(script), pushed: updates },
    };
  } finally {
    await wt?.close();
    await git.forgetRemoteRefs(top);
  }
}
