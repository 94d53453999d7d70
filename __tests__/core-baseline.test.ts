/**
 * Which files make the state of a release: the `.postN` dump hop-ci writes at promote
 * hotfix when it exists (the `schema.sql` link stays on `schema-X.Y.Z.sql` for
 * half-orm-dev), else the release's dump plus the hotfix patches, as half-orm-dev's own
 * trees need (they have no hotfix dump).
 */
import test from 'ava';
import { planBaseline, releaseStateFiles } from '../src/core/baseline.js';
import { HopError } from '../src/core/errors.js';
import { buildProjectState } from '../src/core/state.js';
import { parseRelease } from '../src/core/version.js';

const CONFIG = `[halfORM]\nhop_version = 1.0.0-a32\npackage_name = hopdemo\n`;

function state(releases: Record<string, string>, modelFiles: string[], link = 'schema-0.1.0.sql') {
  return buildProjectState({
    root: '/tmp/proj',
    configText: CONFIG,
    releaseFiles: Object.entries(releases).map(([name, text]) => ({ name, text })),
    schemaLink: { kind: 'symlink', target: link, targetExists: true },
    modelFiles: ['schema.sql', ...modelFiles],
    patchDirs: { root: [], staged: [], orphaned: [] },
  });
}

const shown = (p: ReturnType<typeof planBaseline>) => ({
  release: p.release,
  exact: p.exact,
  steps: p.steps.map((s) => (s.kind === 'psql' ? s.file.replace('.hop/model/', '') : `${s.release}: ${s.id}`)),
});

const RELEASES = { '0.1.0.txt': '1-a\n', '0.1.0.post1.txt': '2-b\n', '0.1.0.post2.txt': '3-c\n' };

test("half-orm-dev's tree (no hotfix dump): the release's dump, then every hotfix patch", (t) => {
  const s = state(RELEASES, ['schema-0.1.0.sql', 'metadata-0.1.0.sql']);
  t.deepEqual(shown(planBaseline(s)), {
    release: '0.1.0.post2',
    exact: false,
    steps: ['schema-0.1.0.sql', 'metadata-0.1.0.sql', '0.1.0.post1: 2-b', '0.1.0.post2: 3-c'],
  });
});

test('a .postN dump (link left on schema-X.Y.Z.sql) is the exact state of its level; later hotfixes replay over it', (t) => {
  const s = state(RELEASES, ['schema-0.1.0.sql', 'metadata-0.1.0.sql', 'schema-0.1.0.post1.sql', 'metadata-0.1.0.post1.sql']);
  t.deepEqual(shown(planBaseline(s)), {
    release: '0.1.0.post2',
    exact: false,
    steps: ['schema-0.1.0.post1.sql', 'metadata-0.1.0.post1.sql', '0.1.0.post2: 3-c'],
  });
  const both = state(RELEASES, [
    'schema-0.1.0.sql',
    'metadata-0.1.0.sql',
    'schema-0.1.0.post1.sql',
    'metadata-0.1.0.post1.sql',
    'schema-0.1.0.post2.sql',
    'metadata-0.1.0.post2.sql',
  ]);
  t.deepEqual(shown(planBaseline(both)), {
    release: '0.1.0.post2',
    exact: true,
    steps: ['schema-0.1.0.post2.sql', 'metadata-0.1.0.post2.sql'],
  });
  t.is(planBaseline(both).dump, '.hop/model/schema-0.1.0.post2.sql');
});

test('the state of any level, for the drift check: each version its own dump or the nearest below plus patches', (t) => {
  const s = state(RELEASES, ['schema-0.1.0.sql', 'data-0.0.0.sql', 'data-0.1.0.sql', 'schema-0.1.0.post1.sql', 'data-0.1.0.post1.sql']);
  const at = (v: string) => shown(releaseStateFiles(s, parseRelease(v)));
  t.deepEqual(at('0.1.0'), { release: '0.1.0', exact: true, steps: ['schema-0.1.0.sql', 'data-0.0.0.sql', 'data-0.1.0.sql'] });
  t.deepEqual(at('0.1.0.post1'), {
    release: '0.1.0.post1',
    exact: true,
    steps: ['schema-0.1.0.post1.sql', 'data-0.0.0.sql', 'data-0.1.0.sql', 'data-0.1.0.post1.sql'],
  });
  t.deepEqual(at('0.1.0.post2'), {
    release: '0.1.0.post2',
    exact: false,
    steps: ['schema-0.1.0.post1.sql', 'data-0.0.0.sql', 'data-0.1.0.sql', 'data-0.1.0.post1.sql', '0.1.0.post2: 3-c'],
  });
  const missing = t.throws(() => releaseStateFiles(s, parseRelease('0.2.0')), { instanceOf: HopError });
  t.regex(missing.message, /schema-0\.2\.0\.sql is missing/);
});

test('-hotfixN naming (hop up to 1.0.0-a18) and a link an earlier hop-ci moved to a .postN dump', (t) => {
  const a18 = state({ '0.1.0.txt': '1-a\n', '0.1.0-hotfix1.txt': '2-b\n' }, ['schema-0.1.0.sql', 'schema-0.1.0-hotfix1.sql']);
  t.deepEqual(shown(planBaseline(a18)), { release: '0.1.0-hotfix1', exact: true, steps: ['schema-0.1.0-hotfix1.sql'] });
  const moved = state(RELEASES, ['schema-0.1.0.sql', 'schema-0.1.0.post1.sql'], 'schema-0.1.0.post1.sql');
  t.deepEqual(shown(planBaseline(moved)), {
    release: '0.1.0.post2',
    exact: false,
    steps: ['schema-0.1.0.post1.sql', '0.1.0.post2: 3-c'],
  });
});
