/**
 * promote-prod / promote-hotfix in `pull-request` mode: the same validated commits as a
 * push-mode promotion, made on `ho-prod`'s tip, pushed to `hop-promote/X.Y.Z` only (a
 * lease on what was fetched), and a pull/merge request into `ho-prod` opened or updated.
 * Nothing else moves: no tag, no `ho-prod-X.Y.Z`, no branch deleted, `ho-prod` untouched.
 * Merging the request is the promotion; finalise.ts does the rest on the push it makes.
 */
import path from 'node:path';
import { finalisationOf } from '../../core/promotion-finalise.js';
import { promotionBranch } from '../../core/promotion-mode.js';
import { renderPromotionScript, type PromotionScript } from '../../core/promotion-plan.js';
import { promotionRequestTitle, renderPromotionRequestBody } from '../../core/promotion-request.js';
import { unifiedDiff } from '../../generator/unified-diff.js';
import type { ChangeRequests, Git, GitIdentity, GitWorktree, StageContext, StageResult } from '../../ports.js';
import { commitSteps } from './commits.js';
import { outputsOf } from './outputs.js';
import { BRANCH_PREFIX, pushedTable } from './refs.js';

const BASE = 'ho-prod';
/** Beyond this many changed lines on both sides the quadratic diff is not worth it: the body says so instead. */
const DIFF_CELLS_LIMIT = 4_000_000;

export interface RequestPromotion {
  ctx: StageContext;
  git: Git;
  wt: GitWorktree;
  root: string;
  top: string;
  remote: string;
  refs: Map<string, string>;
  script: PromotionScript;
  identity: GitIdentity;
  requests: ChangeRequests;
  /** Markdown of the validation. */
  validation: string;
}

/** `--dry-run` in pull-request mode: the commits, then the branch and the request instead of the push. */
export function renderRequestPromotion(script: PromotionScript, remote: string): string {
  const commits = renderPromotionScript({ ...script, syncTo: [] }, remote).split('\n');
  const upToPush = commits.slice(
    0,
    commits.findIndex((l) => l.startsWith('push to ')),
  );
  const head = promotionBranch(script.version);
  return [
    ...upToPush,
    `push branch ${head} to ${remote} (the commits above, on ${BASE}'s tip)`,
    `open or update the pull/merge request ${head} → ${BASE}`,
    `after the merge, promote-finalise tags ${script.tag}, creates ${script.createBranches.join(', ')}, deletes ${script.deleteBranches.join(', ')} and syncs .hop/`,
  ].join('\n');
}

async function readSchemaText(ctx: StageContext, file: string): Promise<string> {
  return (await ctx.workspace.exists(file)) ? ctx.workspace.readText(file) : '';
}

/** The schema dump against the production one (`schema.sql`'s target on ho-prod before the promotion). */
async function schemaDiff(p: RequestPromotion, prodTip: string): Promise<string> {
  const written = p.script.steps.flatMap((s) => s.changes).find((c) => c.kind === 'write' && c.path === p.script.schemaFile);
  if (!written || written.kind !== 'write') return '';
  await p.wt.checkout(prodTip);
  const before = await readSchemaText(p.ctx, path.join(p.root, '.hop/model/schema.sql'));
  const lines = (t: string) => t.split('\n').length;
  if (lines(before) * lines(written.text) > DIFF_CELLS_LIMIT && before !== written.text) {
    return `(the schema dump changed in many places: see ${p.script.schemaFile})`;
  }
  return before === written.text ? '' : unifiedDiff(before, written.text, p.script.schemaFile ?? 'schema.sql');
}

export async function openPromotionRequest(p: RequestPromotion): Promise<StageResult> {
  const { ctx, script, refs, remote } = p;
  const head = promotionBranch(script.version);
  const prodTip = refs.get(`${BRANCH_PREFIX}${BASE}`)!;
  const diff = await schemaDiff(p, prodTip);
  const tips = await commitSteps(p.wt, p.root, script, refs, p.identity);
  const headRef = `${BRANCH_PREFIX}${head}`;
  const updates = [{ ref: headRef, newId: tips.get(BASE) ?? prodTip, expectedId: refs.get(headRef) ?? null }];
  await ctx.ci.group(`push ${head} to ${remote}`, () => p.git.pushAtomic(p.top, remote, updates));

  const body = renderPromotionRequestBody({
    script,
    validation: p.validation,
    schemaDiff: diff,
    finalisation: finalisationOf(script, head),
    head,
    base: BASE,
    ...(ctx.ci.context.runUrl ? { runUrl: ctx.ci.context.runUrl } : {}),
  });
  const request = await ctx.ci.group(`open the ${p.requests.noun} ${head} → ${BASE}`, () =>
    p.requests.upsert({ head, base: BASE, title: promotionRequestTitle(script), body }),
  );
  const how = request.created ? 'opened' : 'updated';
  const text = [
    renderRequestPromotion(script, remote),
    `pushed: ${head}; ${p.requests.noun} ${how}: ${request.url}`,
    `${BASE} is unchanged: merging the ${p.requests.noun} promotes ${script.version}.`,
  ].join('\n');
  return {
    ok: true,
    outputs: { ...outputsOf(script, 'success'), 'pull-request': request.url },
    summary: [
      `### hop-ci promote-${script.kind}: ${script.version} (pull request)`,
      `Release ${script.releaseVersion} → **${script.version}** validated; ${p.requests.noun} [${head} → ${BASE}](${request.url}) ${how}.`,
      `Nothing else changed: merging it promotes ${script.version}, and the push to ${BASE} finalises (tag \`${script.tag}\`).`,
      '',
      ...pushedTable(updates, remote),
    ].join('\n'),
    text,
    json: { mode: 'pull-request', branch: head, request, pushed: updates },
  };
}
