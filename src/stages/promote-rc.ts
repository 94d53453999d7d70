/** `promote-rc`: promotes the release to a release candidate: writes X.Y.Z-rcN.txt on ho-release/X.Y.Z and tags vX.Y.Z-rcN. */
import type { StageContext, StageResult } from '../ports.js';
import { createPromotionDeps } from './promotion/deps.js';
import { runPromotion, type PromotionDeps } from './promotion/run-promotion.js';

export function promoteRcStage(ctx: StageContext, deps: PromotionDeps = createPromotionDeps(ctx)): Promise<StageResult> {
  return runPromotion(ctx, 'rc', deps);
}
