/**
 * How promote-prod and promote-hotfix reach `ho-prod`: `push` (the promotion pushes
 * `ho-prod`, the tag and every branch in one atomic push) or `pull-request` (the promotion
 * commits go to a `hop-promote/X.Y.Z` branch and a pull/merge request into `ho-prod`;
 * merging it is what promotes, and a run on the push to `ho-prod` finalises). promote-rc
 * never touches `ho-prod`: it pushes the same way in both modes.
 */
import { HopError } from './errors.js';

export type PromotionMode = 'push' | 'pull-request';
export const PROMOTION_MODES: readonly PromotionMode[] = ['push', 'pull-request'];
export const DEFAULT_PROMOTION_MODE: PromotionMode = 'push';

/** The branch a pull-request promotion pushes its commits to. */
export const PROMOTION_BRANCH_PREFIX = 'hop-promote/';

export function promotionBranch(version: string): string {
  return `${PROMOTION_BRANCH_PREFIX}${version}`;
}

/** Reads a mode; `from` names where it was written (`input 'promotion'`, `.hop/ci.toml`) for the message. */
export function parsePromotionMode(value: string, from: string): PromotionMode {
  const v = value.trim();
  if ((PROMOTION_MODES as readonly string[]).includes(v)) return v as PromotionMode;
  throw new HopError(`${from}: promotion '${value}' is not valid: push or pull-request`, {
    hint: 'write promotion = "push" (the default) or "pull-request"',
    code: 'bad-input',
  });
}
