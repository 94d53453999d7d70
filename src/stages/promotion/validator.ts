/**
 * The release validator promotions use: validate-release's (src/stages/validation/), on
 * the worktree the promotion reads. Tests pass their own through PromotionDeps.
 */
export { createReleaseValidator as createPromotionValidator } from '../validation/release-validator.js';
