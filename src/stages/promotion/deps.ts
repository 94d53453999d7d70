/** The real adapters a promotion runs with (tests build their own PromotionDeps). */
import { GitCli } from '../../adapters/git.js';
import type { StageContext } from '../../ports.js';
import { changeRequestsFor } from './change-requests.js';
import { recordReleaseInDatabase } from './record-release.js';
import type { PromotionDeps } from './run-promotion.js';
import { createPromotionValidator } from './validator.js';

export function createPromotionDeps(ctx: StageContext): PromotionDeps {
  // GitLab's job token cannot push: promotions there push with a project access token.
  const gitlab = ctx.ci.name === 'gitlab';
  const token = gitlab ? ctx.env['HOP_GITLAB_TOKEN'] || undefined : ctx.ci.input('github-token');
  const tokenUser = gitlab ? 'oauth2' : 'x-access-token';
  if (token) {
    ctx.ci.setSecret(token);
    ctx.ci.setSecret(Buffer.from(`${tokenUser}:${token}`).toString('base64')); // the header form
  }
  return {
    git: new GitCli({ env: ctx.env, ...(token ? { token, tokenUser } : {}) }),
    validator: createPromotionValidator(ctx),
    recordRelease: recordReleaseInDatabase,
    changeRequests: () => changeRequestsFor(ctx),
  };
}
