/**
 * The schema change of a patch (issue 16) on a real PostgreSQL: the catalog before and
 * after the patch, in the summary (which is also the sticky PR/MR comment), the log and
 * `--json`, for validate-patch and for each patch of validate-release.
 */
import test from 'ava';
import { rmSync } from 'node:fs';
import type { SchemaChange } from '../src/core/schema-change.js';
import { validatePatchStage } from '../src/stages/validate-patch.js';
import { validateReleaseStage } from '../src/stages/validate-release.js';
import { closeSharedCluster, hopdemoStandIn, recordingCi, sharedCluster, stageContext } from './helpers/pg.js';
import { cloneFixture, fixturesAvailable, writeProject } from './helpers/project.js';

const ft = fixturesAvailable() ? test : test.skip;

/** One stand-in of the project package for the file, removed after. */
let standIn: string | undefined;

test.after.always(async () => {
  await closeSharedCluster();
  if (standIn) rmSync(standIn, { recursive: true, force: true });
});

async function envFor(): Promise<Record<string, string | undefined>> {
  const server = await sharedCluster();
  return {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    DATABASE_URL: server.url('postgres'),
    PYTHONPATH: (standIn ??= hopdemoStandIn()),
  };
}

const brief = (c: SchemaChange) =>
  `${c.change} ${c.object}${c.member ? `: ${c.member}` : ''}${c.change === 'altered' ? ` ${c.property}` : ''}`;

ft('fixture 02-rc2, 3-fix: a column and an index added to an existing table, in the summary, the log and --json', async (t) => {
  const fx = cloneFixture('02-rc2.bundle', 'ho-release/0.1.0');
  try {
    const ci = recordingCi({ patch: '3-fix', 'test-command': 'none' });
    const result = await validatePatchStage(stageContext(fx.work, ci, await envFor()));
    t.true(result.ok, `${result.text}\n${ci.lines.join('\n')}`);
    const json = result.json as { schemaChanges: SchemaChange[] };
    t.deepEqual(json.schemaChanges.map(brief), [
      'added table public.posts: column created_at',
      'added table public.posts: index posts_author_id_idx',
    ]);
    t.false(json.schemaChanges.some((c) => c.destructive));
    t.regex(result.summary!, /\*\*Schema change of `3-fix`\*\*: 2 changes\n\n\| change \| object \| detail \|/);
    t.regex(result.summary!, /\| ➕ added \| table public\.posts: column created_at \| {2}\|/);
    t.true(ci.lines.includes('      + table public.posts: index posts_author_id_idx'), ci.lines.join('\n'));
  } finally {
    fx.cleanup();
  }
});

const RELEASE_TOML = `[patches.1-users]
status = "staged"

[patches.2-change]
status = "candidate"
`;

test('altered and dropped objects: old → new, and a drop is destructive; validate-release reports each patch', async (t) => {
  const root = writeProject({
    releases: { '0.1.0-patches.toml': RELEASE_TOML },
    patches: {
      'staged/1-users': { '01_users.sql': 'CREATE TABLE users (id serial PRIMARY KEY, name text, legacy int);\n' },
      '2-change': {
        '01_change.sql':
          'ALTER TABLE users ALTER COLUMN name TYPE varchar(100);\nALTER TABLE users DROP COLUMN legacy;\nCREATE TABLE tags (id int);\n',
      },
    },
  });
  const env = await envFor();
  const ci = recordingCi({ patch: '2-change', 'test-command': 'none' });
  const result = await validatePatchStage(stageContext(root, ci, env));
  t.true(result.ok, `${result.text}\n${ci.lines.join('\n')}`);
  const changes = (result.json as { schemaChanges: SchemaChange[] }).schemaChanges;
  t.deepEqual(changes.map(brief), [
    'added table public.tags',
    'dropped table public.users: column legacy',
    'altered table public.users: column name type',
  ]);
  t.deepEqual(changes.filter((c) => c.destructive).map(brief), ['dropped table public.users: column legacy']);
  t.regex(result.summary!, /3 changes, 1 destructive/);
  t.regex(result.summary!, /\| ✏️ altered \| table public\.users: column name \| type: `text` → `character varying\(100\)` \|/);
  t.regex(result.text!, /~ table public\.users: column name: type: text → character varying\(100\)/);

  const release = await validateReleaseStage(stageContext(root, recordingCi({ release: '0.1.0', 'test-command': 'none' }), env));
  t.true(release.ok, release.text);
  const runs = (release.json as { runs: Array<{ label: string; schemaChanges: Record<string, SchemaChange[]> }> }).runs;
  t.deepEqual(runs[0]!.schemaChanges['1-users']!.map(brief), ['added sequence public.users_id_seq', 'added table public.users']);
  t.is(runs[1]!.schemaChanges['2-change']!.length, 3);
  t.regex(release.summary!, /\*\*`1-users` \(staged\)\*\*: 2 changes/);
});
