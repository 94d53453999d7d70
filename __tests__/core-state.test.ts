import test from 'ava';
import { buildProjectState } from '../src/core/state.js';
import type { ProjectFiles } from '../src/core/project-files.js';
import { HopError } from '../src/core/errors.js';
import { parseSnapshot } from '../src/core/snapshot.js';

const CONFIG = `[halfORM]\nhop_version = 1.0.0-a32\npackage_name = hopdemo\n`;

function files(releases: Record<string, string>, extra: Partial<ProjectFiles> = {}): ProjectFiles {
  return {
    root: '/tmp/proj',
    configText: CONFIG,
    releaseFiles: Object.entries(releases).map(([name, text]) => ({ name, text })),
    schemaLink: { kind: 'symlink', target: 'schema-0.0.0.sql', targetExists: true },
    modelFiles: ['schema-0.0.0.sql', 'schema.sql'],
    patchDirs: { root: [], staged: [], orphaned: [] },
    ...extra,
  };
}

test('every release file variant is read into one state', (t) => {
  const s = buildProjectState(
    files(
      {
        'README.md': 'prose',
        '0.1.0-rc1.txt': '1-a:11111111\n',
        '0.1.0-rc2.txt': '# comment\n1-a:11111111\n\n2-b:22222222\n',
        '0.1.0.txt': '1-a\n2-b\n',
        '0.1.0.post1.txt': '3-c\n',
        '0.2.0-patches.toml': '[patches.4-d]\nstatus = "staged"\n\n[patches.5-e]\nstatus = "candidate"\n',
        '0.3.0-patches.toml': '[patches]\n',
      },
      { schemaLink: { kind: 'symlink', target: 'schema-0.1.0.sql', targetExists: true } },
    ),
  );
  t.is(s.current?.release, '0.1.0.post1');
  t.deepEqual(
    s.production.map((p) => p.release),
    ['0.1.0', '0.1.0.post1'],
  );
  t.deepEqual(
    s.rcs.map((r) => [r.release, r.patches.length]),
    [
      ['0.1.0-rc1', 1],
      ['0.1.0-rc2', 2],
    ],
  );
  t.deepEqual(
    s.inPreparation.map((r) => [r.version, r.hotfix, r.patches.length]),
    [
      ['0.2.0', false, 2],
      ['0.3.0', false, 0],
    ],
  );
  t.is(s.schema?.release, '0.1.0');
  t.is(s.hotfixNaming, 'post');
  t.is(s.dbConfigName, 'hopdemo');
});

test('hotfix mode: X.Y.Z.txt and X.Y.Z-patches.toml both present', (t) => {
  const s = buildProjectState(files({ '0.1.0.txt': '1-a\n', '0.1.0-patches.toml': '[patches]\n', '0.2.0-patches.toml': '[patches]\n' }));
  t.deepEqual(
    s.inPreparation.map((r) => [r.version, r.hotfix]),
    [
      ['0.1.0', true],
      ['0.2.0', false],
    ],
  );
});

test("hotfix naming: the repository's own, else by hop version", (t) => {
  t.is(buildProjectState(files({ '0.1.0.txt': '', '0.1.0-hotfix1.txt': '' })).hotfixNaming, 'hotfix');
  t.is(buildProjectState(files({ '0.1.0.txt': '' }, { configText: '[halfORM]\nhop_version = 1.0.0-a18\n' })).hotfixNaming, 'hotfix');
  t.is(buildProjectState(files({ '0.1.0.txt': '' }, { configText: '[halfORM]\nhop_version = 1.0.0-a19\n' })).hotfixNaming, 'post');
  t.is(buildProjectState(files({ '0.1.0.txt': '' }, { configText: '[halfORM]\nhop_version = 0.17.4\n' })).hotfixNaming, 'hotfix');
});

test('legacy candidates/stage lists (hop 0.16) become a release in preparation', (t) => {
  const s = buildProjectState(files({ '0.5.0-stage.txt': '1-a\n', '0.5.0-candidates.txt': '2-b\n3-c\n' }));
  t.deepEqual(
    s.inPreparation[0]!.patches.map((p) => `${p.id}:${p.status}`),
    ['1-a:staged', '2-b:candidate', '3-c:candidate'],
  );
  t.true(s.inPreparation[0]!.legacy);
  const hot = buildProjectState(files({ '0.5.0-candidates.txt': '# HOTFIX\n2-b\n' }));
  t.true(hot.inPreparation[0]!.hotfix);
});

test('patch folders: Patches/<id>, then staged/, then orphaned/', (t) => {
  const s = buildProjectState(
    files({}, { patchDirs: { root: ['1-a', 'staged', 'orphaned'], staged: ['1-a', '2-b'], orphaned: ['2-b', '3-c'] } }),
  );
  t.is(s.patchFolders.get('1-a'), 'Patches/1-a');
  t.is(s.patchFolders.get('2-b'), 'Patches/staged/2-b');
  t.is(s.patchFolders.get('3-c'), 'Patches/orphaned/3-c');
  t.false(s.patchFolders.has('staged'));
});

test('alt_config names the database config', (t) => {
  t.is(buildProjectState(files({}, { altConfig: 'mydb_local' })).dbConfigName, 'mydb_local');
  t.is(buildProjectState(files({}, { configText: '[halfORM]\n' })).dbConfigName, 'proj');
});

const refusals: Array<[string, ProjectFiles, RegExp, string?]> = [
  [
    'an unrecognised file name',
    files({ '0.1.0-final.txt': '' }),
    /\.hop\/releases\/0\.1\.0-final\.txt: unrecognised file name/,
    '.hop/releases/0.1.0-final.txt',
  ],
  [
    'the same patch in two releases',
    files({ '0.1.0-patches.toml': '[patches]\n"1-a" = "staged"\n', '0.2.0-patches.toml': '[patches]\n"1-a" = "candidate"\n' }),
    /patch '1-a' is in two releases in preparation: \.hop\/releases\/0\.1\.0-patches\.toml and \.hop\/releases\/0\.2\.0-patches\.toml/,
  ],
  ['both -hotfix1 and .post1', files({ '0.1.0.txt': '', '0.1.0-hotfix1.txt': '', '0.1.0.post1.txt': '' }), /same hotfix written twice/],
  [
    'schema.sql not a link',
    files({}, { schemaLink: { kind: 'file' } }),
    /schema\.sql is a regular file, not a link/,
    '.hop/model/schema.sql',
  ],
  [
    'schema.sql pointing nowhere',
    files({}, { schemaLink: { kind: 'symlink', target: 'schema-9.9.9.sql', targetExists: false } }),
    /points to 'schema-9\.9\.9\.sql', which does not exist/,
  ],
  ['a config without [halfORM]', files({}, { configText: '[other]\na = 1\n' }), /no \[halfORM\] section/, '.hop/config'],
  ['an invalid id in a snapshot', files({ '0.1.0.txt': '1-a\n../evil\n' }), /\.hop\/releases\/0\.1\.0\.txt/],
];
for (const [what, input, message, file] of refusals) {
  test(`refused: ${what}`, (t) => {
    const e = t.throws(() => buildProjectState(input), { instanceOf: HopError });
    t.regex(e!.message, message);
    t.is(e!.exitCode, 2);
    t.truthy(e!.hint);
    if (file) t.is(e!.file, file);
  });
}

test('snapshots: id or id:commit, comments and blanks ignored', (t) => {
  const s = parseSnapshot('# head\n1-a:abcd1234\n\n  2-b  \n', 'x.txt');
  t.deepEqual(
    s.entries.map((e) => [e.id, e.commit, e.line]),
    [
      ['1-a', 'abcd1234', 2],
      ['2-b', undefined, 4],
    ],
  );
  t.deepEqual(parseSnapshot('', 'x.txt').entries, []);
});
