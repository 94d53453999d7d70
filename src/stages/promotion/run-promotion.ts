/**
 * The three promotions share one flow: read the state from the remote's branches, apply
 * the rules, validate the release on an ephemeral database, carry the script out in a
 * temporary worktree, push every ref in one atomic push. The user's checkout is only read
 * (and must be clean), never changed.
 */
import path from 'node:path';
import { HopError } from '../../core/errors.js';
import { fenced } from '../../core/markdown.js';
import {
  buildPromotionScript,
  metadataVariant,
  promotedVersion,
  renderPromotionScript,
  type PromotionScript,
} from '../../core/promotion-plan.js';
import { isRefusal, planPromotion, type PromotionKind, type PromotionTarget } from '../../core/rules.js';
import { normaliseSchemaDump } from '../../core/schema-dump.js';
import { buildProjectState, type ProjectState } from '../../core/state.js';
import type {
  ChangeRequests,
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
import { promotionIdentity } from './identity.js';
import { commitSteps, syncHop, tipReader } from './commits.js';
import { changeRequestsOf, promotionMode, RC_IN_PULL_REQUEST_MODE, refuseWhileUnfinalised } from './mode.js';
import { outputsOf } from './outputs.js';
import { openPromotionRequest, renderRequestPromotion } from './pull-request.js';
import { BRANCH_PREFIX, prodTipOf, pushedTable, refUpdates, shortNames, TAG_PREFIX } from './refs.js';

export interface PromotionDeps {
  git: Git;
  validator: ReleaseValidator;
  /** Records a production release in the validated database before its metadata is dumped. */
  recordRelease: (db: ValidatedDatabase, version: string) => Promise<void>;
  /** The forge's pull/merge requests, made on first use (promotion mode `pull-request` only). */
  changeRequests?: () => Promise<ChangeRequests>;
}

function refusal(kind: PromotionKind, plan: { error: string; hint?: string }): HopError {
  return new HopError(`promote-${kind} refused: ${plan.error}`, {
    kind: 'refused',
    ...(plan.hint ? { hint: plan.hint } : {}),
    code: 'promotion-refused',
  });
}

export async function readState(ctx: StageContext, root: string): Promise<ProjectState> {
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
  const tips = await commitSteps(wt, root, script, refs, identity);
  const sourceTip = tipReader(refs, tips)(script.source);
  await syncHop(wt, root, sourceTip, { to: script.syncTo, message: script.syncMessage }, identity, refs, tips);
  const tagId = await deps.git.createTag(top, script.tag, sourceTip, script.tagMessage, identity);
  return refUpdates(refs, tips, { tagId, at: sourceTip, ...script });
}

/** The script for `--json`, without the dumps' text (paths say what was written). */
function scriptJson(script: PromotionScript): unknown {
  return {
    ...script,
    steps: script.steps.map((s) => ({ ...s, changes: s.changes.map((c) => (c.kind === 'write' ? { kind: c.kind, path: c.path } : c)) })),
  };
}

function summaryOf(script: PromotionScript, updates: RefUpdate[], remote: string): string {
  return [
    `### hop-ci promote-${script.kind}: ${script.version}`,
    `Release ${promotedVersion(script, (v) => `**${v}**`)} (tag \`${script.tag}\`), patches: ${script.patches.map((p) => `\`${p}\``).join(', ')}.`,
    '',
    ...pushedTable(updates, remote),
  ].join('\n');
}

/** Who commits and tags (see identity.ts): the inputs, the GitLab job's user, else the bot. */
export function identityOf(ctx: StageContext): GitIdentity {
  return promotionIdentity(ctx.ci, ctx.env);
}

export async function runPromotion(ctx: StageContext, kind: PromotionKind, deps: PromotionDeps): Promise<StageResult> {
  const dryRun = booleanInput(ctx.ci, 'dry-run') ?? false;
  const remote = ctx.ci.input('remote') ?? 'origin';
  const requested = ctx.ci.input('release');
  const identity = identityOf(ctx);
  const { git } = deps;

  const checkout = await ctx.workspace.findRoot(ctx.cwd);
  const mode = await promotionMode(ctx, checkout);
  // promote-rc never opens a request: it pushes ho-release/X.Y.Z and its tag in both modes
  // (in pull-request mode without the .hop/ sync to ho-prod, which moves only by merges).
  const viaRequest = mode === 'pull-request' && kind !== 'rc';
  if (mode === 'pull-request' && kind === 'rc') ctx.ci.info(RC_IN_PULL_REQUEST_MODE);
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
    const prodTip = prodTipOf(refs, remote);
    wt = await git.openWorktree(top, prodTip);
    const root = path.join(wt.dir, prefix);
    const prodState = await readState(ctx, root);
    if (viaRequest) refuseWhileUnfinalised(prodState, remoteTags, kind);

    // The rules on ho-prod's state pick the release; its own branch then has the last word.
    const first = pickTarget(prodState, kind, requested);
    buildPromotionScript({ state: await readState(ctx, root), target: first, remoteBranches, remoteTags, remote }); // refusals on refs
    await wt.checkout(refs.get(`${BRANCH_PREFIX}ho-release/${first.release.version}`)!);
    const state = await readState(ctx, root);
    const target = pickTarget(state, kind, requested ?? first.release.version);
    const built = buildPromotionScript({ state, target, remoteBranches, remoteTags, remote });
    // In pull-request mode ho-prod moves only by reviewed merges: an rc's .hop/ reaches it with the release.
    const planned = mode === 'pull-request' && kind === 'rc' ? { ...built, syncTo: built.syncTo.filter((b) => b !== 'ho-prod') } : built;

    if (dryRun) {
      const rendered = viaRequest ? renderRequestPromotion(planned, remote) : renderPromotionScript(planned, remote);
      const text = `${rendered}\n(dry run: nothing validated, committed or pushed)`;
      return {
        ok: true,
        outputs: outputsOf(planned, 'dry-run'),
        text,
        summary: `### hop-ci promote-${kind} (dry run)\n\n${fenced(text)}`,
        json: scriptJson(planned),
      };
    }

    // Before the validation: a run that cannot open the request stops before the long part.
    const requests = viaRequest ? await changeRequestsOf(deps) : undefined;
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
    if (requests) {
      return await openPromotionRequest({ ctx, git, wt, root, top, remote, refs, script, identity, requests, validation: outcome.summary });
    }
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
