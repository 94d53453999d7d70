/**
 * Who signs a promotion's commits and tags: the identity inputs when given; on GitLab, the
 * user who started the job (GitLab's predefined `GITLAB_USER_*` variables), as half-orm-dev
 * would sign with that developer's own git identity; elsewhere github-actions[bot].
 */
import type { CiProvider, GitIdentity } from '../../ports.js';

export const GITHUB_BOT_IDENTITY: GitIdentity = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
};

type Env = Readonly<Record<string, string | undefined>>;

function nonEmpty(v: string | undefined): string | undefined {
  return v?.trim() ? v.trim() : undefined;
}

function gitlabUser(env: Env): Partial<GitIdentity> {
  const login = nonEmpty(env['GITLAB_USER_LOGIN']);
  const id = nonEmpty(env['GITLAB_USER_ID']);
  const host = nonEmpty(env['CI_SERVER_HOST']);
  // GitLab's own private commit e-mail, when the user's address is hidden from the job.
  const noreply = login && id && host ? `${id}-${login}@users.noreply.${host}` : undefined;
  const name = nonEmpty(env['GITLAB_USER_NAME']) ?? login;
  const email = nonEmpty(env['GITLAB_USER_EMAIL']) ?? noreply;
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

export function promotionIdentity(ci: Pick<CiProvider, 'name' | 'input'>, env: Env): GitIdentity {
  const fallback = ci.name === 'gitlab' ? { ...GITHUB_BOT_IDENTITY, ...gitlabUser(env) } : GITHUB_BOT_IDENTITY;
  return {
    name: ci.input('git-user-name') ?? fallback.name,
    email: ci.input('git-user-email') ?? fallback.email,
  };
}
