/** `promote-finalise`: on the push to ho-prod that merges a promotion request (mode pull-request), tags the release, creates ho-prod-X.Y.Z, deletes the release branches and syncs .hop/; nothing to do otherwise. */
import type { StageContext, StageResult } from '../ports.js';
import { createPromotionDeps } from './promotion/deps.js';
import { runFinalisation } from './promotion/finalise.js';
import type { PromotionDeps } from './promotion/run-promotion.js';

export function promoteFinaliseStage(ctx: StageContext, deps: Pick<PromotionDeps, 'git'> = createPromotionDeps(ctx)): Promise<StageResult> {
  return runFinalisation(ctx, deps);
}
