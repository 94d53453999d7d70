/**
 * The promotion mode of a run (src/core/promotion-mode.ts): the input `promotion` (flag
 * `--promotion`, `HOP_PROMOTION`), else `promotion` in the checkout's `.hop/ci.toml`, else
 * `push`. And what `pull-request` mode asks of promote-prod/promote-hotfix before anything.
 */
import path from 'node:path';
import { HopError } from '../../core/errors.js';
import { pendingPromotion } from '../../core/promotion-finalise.js';
import { DEFAULT_PROMOTION_MODE, parsePromotionMode, type PromotionMode } from '../../core/promotion-mode.js';
import type { ProjectState } from '../../core/state.js';
import { releaseTag } from '../../core/version.js';
import type { ChangeRequests, StageContext } from '../../ports.js';
import { CI_TOML, parseCiToml } from '../../generator/ci-toml.js';
import type { PromotionDeps } from './run-promotion.js';

export const RC_IN_PULL_REQUEST_MODE =
  'promotion mode pull-request: promote-rc pushes ho-release/X.Y.Z and its tag as in push mode, and syncs .hop/ to every branch but ho-prod (ho-prod moves only by reviewed merges; the rc file reaches it with the release)';

export async function promotionMode(ctx: StageContext, projectRoot: string): Promise<PromotionMode> {
  const input = ctx.ci.input('promotion');
  if (input !== undefined) return parsePromotionMode(input, "input 'promotion'");
  const file = path.join(projectRoot, CI_TOML);
  if (!(await ctx.workspace.exists(file))) return DEFAULT_PROMOTION_MODE;
  const fromToml = parseCiToml(await ctx.workspace.readText(file)).promotion;
  return fromToml === undefined ? DEFAULT_PROMOTION_MODE : parsePromotionMode(fromToml, CI_TOML);
}

/**
 * A release merged into ho-prod but not finalised must be finalised first: until then the
 * other branches' `.hop/` still list it in preparation and its release branch still exists.
 */
export function refuseWhileUnfinalised(prodState: ProjectState, remoteTags: readonly string[], kind: 'prod' | 'hotfix' | 'rc'): void {
  const pending = pendingPromotion(prodState, remoteTags);
  if (!pending) return;
  throw new HopError(
    `promote-${kind} refused: ${pending.release} is on ho-prod (${pending.file}) but not finalised (no tag ${releaseTag(pending.id)})`,
    {
      kind: 'refused',
      hint: 'run `hop-ci run promote-finalise` (the generated finalise workflow runs it on every push to ho-prod), then promote again',
      code: 'finalise-pending',
    },
  );
}

export async function changeRequestsOf(deps: PromotionDeps): Promise<ChangeRequests> {
  if (!deps.changeRequests) {
    throw new HopError('promotion mode pull-request: no pull/merge request API is available to this run', {
      kind: 'refused',
      hint: 'run the promotion in GitHub Actions or GitLab CI, or pass --promotion push',
      code: 'pull-request-unavailable',
    });
  }
  return deps.changeRequests();
}
