import test from 'ava';
import { planUpgrade, resolvePosition } from '../src/core/upgrade-plan.js';
import {
  hopReleaseRowFor,
  LEDGER_UPSERT,
  ledgerInsertValues,
  ledgerRecordSql,
  releaseOfHopReleaseRow,
  type LedgerRow,
} from '../src/core/upgrade-ledger.js';
import { expectedSchemaCandidates } from '../src/core/upgrade-drift.js';
import { renderUpgradePlan, restoreCommand } from '../src/core/upgrade-render.js';
import { buildProjectState } from '../src/core/state.js';
import { parseRelease } from '../src/core/version.js';
import { DEFAULT_CONFIG } from './helpers/project.js';

const state = buildProjectState({
  root: '/p',
  configText: DEFAULT_CONFIG,
  releaseFiles: [
    { name: '0.1.0.txt', text: '1-a\n' },
    { name: '0.1.0.post1.txt', text: '2-fix\n' },
    { name: '0.2.0-rc1.txt', text: '3-b:aaaaaaaa\n4-c:bbbbbbbb\n' },
    { name: '0.2.0-rc2.txt', text: '3-b:aaaaaaaa\n4-c:bbbbbbbb\n5-d:cccccccc\n' },
    { name: '0.2.0.txt', text: '3-b\n4-c\n5-d\n6-e\n' },
  ],
  schemaLink: { kind: 'symlink', target: 'schema-0.2.0.sql', targetExists: true },
  modelFiles: ['schema-0.2.0.sql'],
  patchDirs: { root: [], staged: [], orphaned: [] },
});

const row = (release: string, patches: string[], status: LedgerRow['status'] = 'applied'): LedgerRow => ({
  release,
  id: parseRelease(release),
  status,
  patches: patches.map((id) => ({ id, files: [] })),
  parts: [],
  partsDone: 0,
});

test('the position is the higher of half_orm_meta and the ledger, which alone knows hotfix levels', (t) => {
  t.is(resolvePosition(parseRelease('0.1.0'), [row('0.1.0.post1', ['2-fix'])], state)?.release, '0.1.0.post1');
  t.is(resolvePosition(parseRelease('0.2.0'), [row('0.1.0.post1', ['2-fix'])], state)?.source, 'half_orm_meta');
  t.is(resolvePosition(undefined, [], state), undefined);
  const pending = resolvePosition(undefined, [row('0.1.0', ['1-a'], 'partial')], state);
  t.is(pending?.resume?.release, '0.1.0');
});

test('production path: every release and hotfix above the position, up to the target', (t) => {
  const pos = resolvePosition(parseRelease('0.0.0'), [], state)!;
  t.deepEqual(
    planUpgrade(state, pos, {}).map((r) => [r.release, r.patches]),
    [
      ['0.1.0', ['1-a']],
      ['0.1.0.post1', ['2-fix']],
      ['0.2.0', ['3-b', '4-c', '5-d', '6-e']],
    ],
  );
  t.deepEqual(
    planUpgrade(state, pos, { to: '0.1.0.post1' }).map((r) => r.tag),
    ['v0.1.0', 'v0.1.0.post1'],
  );
});

test('with RCs, a cumulative snapshot applies only the patches not applied yet', (t) => {
  const pos = resolvePosition(undefined, [row('0.1.0.post1', ['2-fix'])], state)!;
  const plan = planUpgrade(state, pos, { includeRc: true });
  t.deepEqual(
    plan.map((r) => [r.release, r.patches, r.alreadyApplied]),
    [
      ['0.2.0-rc1', ['3-b', '4-c'], []],
      ['0.2.0-rc2', ['5-d'], ['3-b', '4-c']],
      ['0.2.0', ['6-e'], ['3-b', '4-c', '5-d']],
    ],
  );
  // A staging database at rc2 (recorded by half-orm-dev, no ledger) goes to the release with one patch.
  const atRc2 = resolvePosition(parseRelease('0.2.0-rc2'), [], state)!;
  t.deepEqual(
    planUpgrade(state, atRc2, {}).map((r) => [r.release, r.patches]),
    [['0.2.0', ['6-e']]],
  );
});

test('hop_release rows: only X.Y.Z is written (an rc row would sort above its release in hop_last_release)', (t) => {
  t.deepEqual(hopReleaseRowFor(parseRelease('1.2.3')), { major: 1, minor: 2, patch: 3, pre_release: '', pre_release_num: '' });
  t.is(hopReleaseRowFor(parseRelease('1.2.3.post1')), undefined);
  t.is(hopReleaseRowFor(parseRelease('1.2.3-rc1')), undefined);
  t.deepEqual(releaseOfHopReleaseRow({ major: 1, minor: 2, patch: 3, pre_release: 'rc', pre_release_num: '2' }), parseRelease('1.2.3-rc2'));
});

test('drift: the expected schema of a hotfix level is its own dump, else the nearest one below plus the hotfixes after it', (t) => {
  const paths = (v: string) => expectedSchemaCandidates(parseRelease(v), state).map((c) => `${c.path}@${c.tag ?? 'HEAD'}`);
  t.deepEqual(paths('0.1.0.post1'), ['.hop/model/schema-0.1.0.post1.sql@v0.1.0.post1', '.hop/model/schema-0.1.0.sql@v0.1.0']);
  t.deepEqual(paths('0.2.0'), ['.hop/model/schema-0.2.0.sql@v0.2.0']);
  // A staging database at an rc: the release below, then the rcs are replayed.
  t.deepEqual(paths('0.2.0-rc1'), [
    '.hop/model/schema-0.2.0-rc1.sql@v0.2.0-rc1',
    '.hop/model/schema-0.1.0.post1.sql@v0.1.0.post1',
    '.hop/model/schema-0.1.0.sql@v0.1.0',
  ]);
  t.deepEqual(paths('0.0.0'), ['.hop/model/schema-0.0.0.sql@HEAD']);
});

test('the plan lists files with checksums; the restore command never holds the URL', (t) => {
  const text = renderUpgradePlan('0.1.0', [
    {
      release: '0.2.0',
      id: parseRelease('0.2.0'),
      kind: 'production',
      tag: 'v0.2.0',
      file: '',
      patches: ['3-b'],
      alreadyApplied: [],
      commit: 'f'.repeat(40),
      files: [{ patch: '3-b', name: '01.sql', kind: 'sql', path: 'Patches/3-b/01.sql', sha256: 'ab'.repeat(32) }],
      parts: [
        { kind: 'transaction', what: 'SQL 01.sql' },
        { kind: 'statement', what: 'VACUUM 01.sql:2' },
      ],
      ignored: [],
    },
  ]);
  t.regex(text, /01\.sql {2}sha256:(ab){32}/);
  t.regex(text, /0\.2\.0 runs in 2 parts: 1\. SQL 01\.sql; 2\. VACUUM 01\.sql:2; a failure in part 2 leaves part 1 applied and recorded/);
  const restore = restoreCommand({ path: "/tmp/it's.dump", encrypted: false }, 15);
  t.true(
    restore.startsWith(`pg_restore -f - '/tmp/it'\\''s.dump' | psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 --single-transaction -c 'DO`),
  );
  t.regex(restore, /-c 'CREATE SCHEMA public AUTHORIZATION pg_database_owner; [^']*' -f -$/);
  t.regex(
    restoreCommand({ path: '/b.dump.age', encrypted: true }, 14),
    /^age -d -i "\$AGE_KEY_FILE" '\/b\.dump\.age' \| pg_restore -f - \| psql .*CREATE SCHEMA public; GRANT ALL/,
  );
  t.is(renderUpgradePlan('0.2.0', []), 'The database is at 0.2.0: nothing to apply.');
});

test('the ledger upsert: parameters in column order for a baseline, literals and server times for a part sent with its work', (t) => {
  const fields = {
    id: parseRelease('0.2.0', 'test'),
    status: 'applied' as const,
    patches: [{ id: '1-a', files: [{ name: "it's.sql", sha256: 'x' }] }],
    parts: [],
    partsDone: 1,
    runUrl: "https://ci.example/run?name=o'brien",
    hopCiVersion: '0.1.0',
  };
  t.regex(LEDGER_UPSERT, /VALUES \(\$1, \$2, .*\$9::jsonb, \$10::jsonb, .*\$18\)/s);
  const values = ledgerInsertValues({ ...fields, startedAt: new Date(0) });
  t.is(values.length, 18);
  t.is(values[0], '0.2.0');

  const finished = ledgerRecordSql({ ...fields, finished: true }, { commit: '0123456789abcdef' });
  t.regex(finished, /^INSERT INTO half_orm_meta\.hop_release .*VALUES \(0, 2, 0, '', '', '01234567'\) ON CONFLICT DO NOTHING;/s);
  t.true(finished.includes("'https://ci.example/run?name=o''brien'"), 'quotes doubled');
  t.true(finished.includes(`'${JSON.stringify(fields.patches).replace(/'/g, "''")}'::jsonb`));
  t.regex(finished, /now\(\), clock_timestamp\(\), \(extract\(epoch FROM clock_timestamp\(\) - now\(\)\) \* 1000\)::int/);

  const partial = ledgerRecordSql({ ...fields, status: 'partial', finished: false });
  t.false(partial.includes('hop_release'), 'no version row before the last part');
  t.regex(partial, /now\(\), NULL, NULL/);
});
