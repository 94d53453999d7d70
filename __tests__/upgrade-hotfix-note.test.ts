import test from 'ava';
import { renderUpgradeSummary } from '../src/core/upgrade-render.js';

const row = (release: string) => ({ release, patches: ['5-email'], durationMs: 120 });

test('the upgrade summary says when the database ends on a hotfix level half-orm-dev cannot record', (t) => {
  const summary = renderUpgradeSummary('hop-ci upgrade', '0.1.0', '0.1.0.post1', [row('0.1.0.post1')]);
  t.regex(summary, /0\.1\.0\.post1 is a hotfix level, which half-orm-dev cannot record/);
  t.regex(
    summary,
    /`half_orm_meta\.hop_release` still says 0\.1\.0 \(hop-ci's own record, `hop_ci\.applied_release`, says 0\.1\.0\.post1\)/,
  );
  t.regex(summary, /`half_orm dev upgrade` would read 0\.1\.0 and apply 0\.1\.0\.post1's patches again/);
  t.regex(renderUpgradeSummary('t', '0.1.0', '0.1.0-hotfix2', [row('0.1.0-hotfix2')]), /still says 0\.1\.0 /);
});

test('no note when the database ends on a release half-orm-dev records, or nothing ran', (t) => {
  t.notRegex(renderUpgradeSummary('t', '0.1.0', '0.2.0', [row('0.1.0.post1'), row('0.2.0')]), /hotfix level/);
  t.notRegex(renderUpgradeSummary('t', '0.1.0.post1', '0.1.0.post1', []), /hotfix level/);
});
