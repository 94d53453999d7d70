import test from 'ava';
import { compareReleases, formatRelease, parseRelease, releaseTag, tryParseRelease } from '../src/core/version.js';
import { HopError } from '../src/core/errors.js';

const sorted = (ids: string[]) =>
  ids
    .map((s) => parseRelease(s))
    .sort(compareReleases)
    .map(formatRelease);

test('rc < release < hotfix1 = post1 < hotfix2 < next patch release', (t) => {
  t.deepEqual(sorted(['1.2.1', '1.2.0-hotfix2', '1.2.0', '1.2.0.post1', '1.2.0-rc2', '1.2.0-rc10', '1.1.9']), [
    '1.1.9',
    '1.2.0-rc2',
    '1.2.0-rc10',
    '1.2.0',
    '1.2.0.post1',
    '1.2.0-hotfix2',
    '1.2.1',
  ]);
  t.is(compareReleases(parseRelease('1.2.0-hotfix1'), parseRelease('1.2.0.post1')), 0);
});

test('numeric, not lexical, order of components', (t) => {
  t.deepEqual(sorted(['0.10.0', '0.9.0', '10.0.0', '2.0.0']), ['0.9.0', '0.10.0', '2.0.0', '10.0.0']);
});

test('format and tags keep the naming of the id', (t) => {
  t.is(releaseTag(parseRelease('1.3.0.post1')), 'v1.3.0.post1');
  t.is(releaseTag(parseRelease('1.3.0-hotfix1')), 'v1.3.0-hotfix1');
  t.is(releaseTag(parseRelease('v1.4.0-rc3')), 'v1.4.0-rc3');
});

test('invalid versions are refused with a hint', (t) => {
  t.is(tryParseRelease('1.2'), undefined);
  t.is(tryParseRelease('1.2.0-beta1'), undefined);
  const e = t.throws(() => parseRelease('1.2.x', 'starting version'), { instanceOf: HopError });
  t.regex(e!.message, /invalid starting version '1\.2\.x'/);
  t.is(e!.exitCode, 2);
});
