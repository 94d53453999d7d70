import test from 'ava';
import { GITHUB_BOT_IDENTITY, promotionIdentity } from '../src/stages/promotion/identity.js';

const ci = (name: 'github' | 'gitlab' | 'local', inputs: Record<string, string> = {}) => ({ name, input: (k: string) => inputs[k] });

test('GitHub and local runs sign as github-actions[bot] unless the identity inputs say otherwise', (t) => {
  t.deepEqual(promotionIdentity(ci('github'), { GITLAB_USER_NAME: 'ignored' }), GITHUB_BOT_IDENTITY);
  t.deepEqual(promotionIdentity(ci('local', { 'git-user-name': 'Me' }), {}), { name: 'Me', email: GITHUB_BOT_IDENTITY.email });
});

test("GitLab signs as the job's user; GitLab's private commit e-mail when the address is hidden", (t) => {
  t.deepEqual(promotionIdentity(ci('gitlab'), { GITLAB_USER_NAME: 'Ada', GITLAB_USER_EMAIL: 'ada@example.org' }), {
    name: 'Ada',
    email: 'ada@example.org',
  });
  t.deepEqual(
    promotionIdentity(ci('gitlab'), {
      GITLAB_USER_LOGIN: 'ada',
      GITLAB_USER_ID: '42',
      CI_SERVER_HOST: 'gitlab.example',
      GITLAB_USER_EMAIL: '',
    }),
    { name: 'ada', email: '42-ada@users.noreply.gitlab.example' },
  );
  t.deepEqual(
    promotionIdentity(ci('gitlab', { 'git-user-email': 'bot@example.org' }), {
      GITLAB_USER_NAME: 'Ada',
      GITLAB_USER_EMAIL: 'ada@example.org',
    }),
    { name: 'Ada', email: 'bot@example.org' },
  );
  t.deepEqual(promotionIdentity(ci('gitlab'), {}), GITHUB_BOT_IDENTITY, 'no user known: the bot, as before');
});
