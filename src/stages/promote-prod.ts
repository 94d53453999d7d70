/** `promote-prod`: promotes the release to production: merges ho-release/X.Y.Z into ho-prod, dumps the schema, tags vX.Y.Z, creates ho-prod-X.Y.Z. */
import type { StageContext, StageResult } from '../ports.js';
import { createPromotionDeps } from './promotion/deps.js';
import { runPromotion, type PromotionDeps } from './promotion/run-promotion.js';

export function promoteProdStage(ctx: StageContext, deps: PromotionDeps = createPromotionDeps(ctx)): Promise<StageResult> {
  return runPromotion(ctx, 'prod', deps);
}
