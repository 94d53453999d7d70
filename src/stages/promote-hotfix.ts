/** `promote-hotfix`: promotes the release to a hotfix of the production release reopened on ho-release/X.Y.Z: merges it into ho-prod, writes the next hotfix file, tags it. */
import type { StageContext, StageResult } from '../ports.js';
import { createPromotionDeps } from './promotion/deps.js';
import { runPromotion, type PromotionDeps } from './promotion/run-promotion.js';

export function promoteHotfixStage(ctx: StageContext, deps: PromotionDeps = createPromotionDeps(ctx)): Promise<StageResult> {
  return runPromotion(ctx, 'hotfix', deps);
}
