/** The real adapters a promotion runs with (tests build their own PromotionDeps). */
import { GitCli } from '../../adapters/git.js';
import type { StageContext } from '../../ports.js';
import { recordReleaseInDatabase } from './record-release.js';
import type { PromotionDeps } from './run-promotion.js';
import { createPromotionValidator } from './validator.js';

export function createPromotionDeps(ctx: StageContext): PromotionDeps {
  const token = ctx.ci.input('github-token');
  if (token) {
    ctx.ci.setSecret(token);
    ctx.ci.setSecret(Buffer.from(`x-access-token:${token}`).toString('base64')); // the header form
  }
  return {
    git: new GitCli({ env: ctx.env, ...(token ? { token } : {}) }),
    validator: createPromotionValidator(ctx),
    recordRelease: recordReleaseInDatabase,
  };
}
