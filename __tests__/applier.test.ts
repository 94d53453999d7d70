import test from 'ava';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { applyPatches, PatchApplyError, type ApplyTarget } from '../src/stages/validation/apply-patch.js';
import { libpqEnv } from '../src/adapters/postgres/psql.js';
import { closeSharedCluster, hopdemoStandIn, query, sharedCluster } from './helpers/pg.js';
import { tempDir } from './helpers/project.js';

test.after.always(closeSharedCluster);

let counter = 0;

/** A fresh database and a target on it; patches are folders written under a temp dir. */
async function setup(): Promise<{ target: ApplyTarget; db: string; dir: string; done: () => Promise<void> }> {
  const server = await sharedCluster();
  const db = `hop_ci_applier_${++counter}`;
  await server.createDatabase(db);
  const client = new pg.Client({ connectionString: server.url(db) });
  await client.connect();
  const standIn = hopdemoStandIn();
  const env = { ...libpqEnv(server, db), PYTHONPATH: standIn };
  const dir = tempDir();
  return {
    target: { client, env, serverMajor: server.majorVersion },
    db,
    dir,
    done: async () => {
      await client.end();
      await server.dropDatabase(db);
      rmSync(dir, { recursive: true, force: true });
      rmSync(standIn, { recursive: true, force: true });
    },
  };
}

function patch(dir: string, id: string, files: Record<string, string>) {
  const folder = path.join(dir, 'Patches', id);
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(folder, name), text);
  return { id, folder, displayFolder: `Patches/${id}` };
}

test('files run in lower-cased name order; .sql, .psql and .py all reach the database; README and others are skipped', async (t) => {
  const s = await setup();
  try {
    const logs: string[] = [];
    const p = patch(s.dir, '1-users', {
      'README.md': 'not sql',
      '02_Seed.py': 'from hopdemo import MODEL\nMODEL.execute_query("INSERT INTO users (name) VALUES (\'py\')")\nprint("seeded")\n',
      '01_users.sql': "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL);\nINSERT INTO users (name) VALUES ('sql');\n",
      '03_more.psql': "\\set who psql\nINSERT INTO users (name) VALUES (:'who');\n",
      'notes.txt': 'ignored',
    });
    const [timing] = await applyPatches(s.target, [p], { log: (m) => logs.push(m) });
    t.deepEqual(
      timing!.files.map((f) => f.name),
      ['01_users.sql', '02_Seed.py', '03_more.psql'],
    );
    const rows = await query<{ name: string }>(await sharedCluster(), s.db, 'SELECT name FROM users ORDER BY id');
    t.deepEqual(
      rows.map((r) => r.name),
      ['sql', 'py', 'psql'],
    );
    t.true(logs.some((l) => /notes\.txt .*ignored/.test(l)));
    t.true(logs.some((l) => /02_Seed\.py: seeded/.test(l)));
  } finally {
    await s.done();
  }
});

test('an error names the patch, file, line and column, the statement and the message', async (t) => {
  const s = await setup();
  try {
    const p = patch(s.dir, '2-bad', {
      '01.sql': 'CREATE TABLE a (id int);\n\nCREATE TABLE b (\n    id int,\n    a_id intt\n);\n',
    });
    const e = await t.throwsAsync(applyPatches(s.target, [p]), { instanceOf: PatchApplyError });
    t.is(e!.patch, '2-bad');
    t.is(e!.file, 'Patches/2-bad/01.sql');
    t.is(e!.line, 5);
    t.is(e!.column, 10);
    t.regex(e!.message, /^patch 2-bad: Patches\/2-bad\/01\.sql:5:10: type "intt" does not exist/);
    t.regex(e!.message, /statement: CREATE TABLE b \( id int, a_id intt \)/);
    t.is(e!.exitCode, 1);
    // One implicit transaction: table a was rolled back with the file.
    t.deepEqual(await query(await sharedCluster(), s.db, "SELECT 1 FROM pg_class WHERE relname = 'a'"), []);
  } finally {
    await s.done();
  }
});

test('an error without a position (a missing referenced table) names the first line of the statement', async (t) => {
  const s = await setup();
  try {
    const p = patch(s.dir, '2-ref', {
      '01.sql': 'CREATE TABLE a (id int);\n\nCREATE TABLE b (\n    a_id int REFERENCES nowhere(id)\n);\n',
    });
    const e = await t.throwsAsync(applyPatches(s.target, [p]), { instanceOf: PatchApplyError });
    t.is(e!.line, 3);
    t.regex(e!.message, /relation "nowhere" does not exist/);
    t.regex(e!.message, /statement: CREATE TABLE b/);
  } finally {
    await s.done();
  }
});

test('an error PostgreSQL gives no position for (NOT NULL violation) is located by replaying statement by statement', async (t) => {
  const s = await setup();
  try {
    const p = patch(s.dir, '3-notnull', {
      '01.sql':
        'CREATE TABLE u (id int, email text);\nINSERT INTO u VALUES (1, NULL);\n-- the hotfix\nALTER TABLE u ALTER COLUMN email SET NOT NULL;\n',
    });
    const e = await t.throwsAsync(applyPatches(s.target, [p]), { instanceOf: PatchApplyError });
    t.is(e!.line, 4);
    t.regex(e!.message, /column "email" of relation "u" contains null values/);
    t.regex(e!.message, /statement: .*ALTER TABLE u ALTER COLUMN email SET NOT NULL/);
  } finally {
    await s.done();
  }
});

test('PostgreSQL hints are passed on', async (t) => {
  const s = await setup();
  try {
    const p = patch(s.dir, '4-hint', { '01.sql': "SELECT lenght('x');\n" });
    const e = await t.throwsAsync(applyPatches(s.target, [p]), { instanceOf: PatchApplyError });
    t.is(e!.line, 1);
    t.is(e!.column, 8);
    t.regex(e!.hint!, /^PostgreSQL: No function matches/);
  } finally {
    await s.done();
  }
});

test('a .psql error stops the file (ON_ERROR_STOP) and names its line', async (t) => {
  const s = await setup();
  try {
    const p = patch(s.dir, '5-psql', {
      '01.psql': "CREATE TABLE p (id int);\nINSERT INTO p VALUES ('x');\nCREATE TABLE after_error (id int);\n",
    });
    const e = await t.throwsAsync(applyPatches(s.target, [p]), { instanceOf: PatchApplyError });
    t.is(e!.file, 'Patches/5-psql/01.psql');
    t.is(e!.line, 2);
    t.regex(e!.message, /invalid input syntax for type integer/);
    t.deepEqual(await query(await sharedCluster(), s.db, "SELECT 1 FROM pg_class WHERE relname = 'after_error'"), []);
  } finally {
    await s.done();
  }
});

test('a failing .py names the file and the line of the traceback', async (t) => {
  const s = await setup();
  try {
    const p = patch(s.dir, '6-py', { '01_fail.py': 'x = 1\nraise RuntimeError("seed failed")\n' });
    const e = await t.throwsAsync(applyPatches(s.target, [p]), { instanceOf: PatchApplyError });
    t.is(e!.file, 'Patches/6-py/01_fail.py');
    t.is(e!.line, 2);
    t.regex(e!.message, /RuntimeError: seed failed/);
  } finally {
    await s.done();
  }
});

test('a .py runs in the patch folder with the database in the environment', async (t) => {
  const s = await setup();
  try {
    const p = patch(s.dir, '7-env', {
      '01.py':
        'import os\nassert os.path.basename(os.getcwd()) == "7-env", os.getcwd()\nassert os.environ["PGDATABASE"].startswith("hop_ci_applier_")\nprint("ok")\n',
    });
    const [timing] = await applyPatches(s.target, [p]);
    t.is(timing!.files.length, 1);
  } finally {
    await s.done();
  }
});

// A patch's files go to PostgreSQL as one message (src/core/sql-batch.ts): errors must
// still name the file they are in, as if each file had gone alone.

test('one message for several files: a syntax error in the third names the third file, its line and column; nothing of the first two stays', async (t) => {
  const s = await setup();
  try {
    const p = patch(s.dir, '4-three', {
      '01.sql': 'CREATE TABLE one (id int)', // no `;` at the end: the next file still starts a statement
      '02.sql': 'CREATE TABLE two (id int);\n-- a comment at the very end, no newline',
      '03.sql': 'CREATE TABLE three (\n  id int,\n  x intt\n);\n',
    });
    const e = await t.throwsAsync(applyPatches(s.target, [p]), { instanceOf: PatchApplyError });
    t.is(e!.file, 'Patches/4-three/03.sql');
    t.is(e!.line, 3);
    t.is(e!.column, 5);
    t.regex(e!.message, /type "intt" does not exist/);
    t.deepEqual(await query(await sharedCluster(), s.db, "SELECT relname FROM pg_class WHERE relname IN ('one', 'two', 'three')"), []);
  } finally {
    await s.done();
  }
});

test('one message for several files: an error with no position in the second file is found by running them again one by one', async (t) => {
  const s = await setup();
  try {
    const p = patch(s.dir, '5-nopos', {
      '01.sql': 'CREATE TABLE u (id int, email text);\nINSERT INTO u VALUES (1, NULL);\n',
      '02.sql': '-- tighten\n\nALTER TABLE u ALTER COLUMN email SET NOT NULL;\n',
      '03.sql': 'CREATE TABLE later (id int);\n',
    });
    const e = await t.throwsAsync(applyPatches(s.target, [p]), { instanceOf: PatchApplyError });
    t.is(e!.file, 'Patches/5-nopos/02.sql');
    t.is(e!.line, 3);
    t.regex(e!.message, /column "email" of relation "u" contains null values/);
    t.deepEqual(await query(await sharedCluster(), s.db, "SELECT relname FROM pg_class WHERE relname IN ('u', 'later')"), []);
  } finally {
    await s.done();
  }
});

test('a file that ends inside a comment is not joined to the next one: PostgreSQL reports it in that file, and the next file does not run', async (t) => {
  const s = await setup();
  try {
    const p = patch(s.dir, '6-open', {
      '01.sql': 'CREATE TABLE first (id int);\n/* left open\n',
      '02.sql': 'CREATE TABLE second (id int); -- */ would close it if the files were joined\n',
    });
    const e = await t.throwsAsync(applyPatches(s.target, [p]), { instanceOf: PatchApplyError });
    t.is(e!.file, 'Patches/6-open/01.sql');
    t.regex(e!.message, /unterminated \/\* comment/);
    t.deepEqual(await query(await sharedCluster(), s.db, "SELECT relname FROM pg_class WHERE relname IN ('first', 'second')"), []);
  } finally {
    await s.done();
  }
});

test('a deferred constraint that fails when the part commits is reported at COMMIT, and nothing stays', async (t) => {
  const s = await setup();
  try {
    const p = patch(s.dir, '7-deferred', {
      '01.sql':
        'CREATE TABLE parent (id int PRIMARY KEY);\nCREATE TABLE child (parent_id int REFERENCES parent DEFERRABLE INITIALLY DEFERRED);\n',
      '02.sql': 'INSERT INTO child VALUES (42);\n',
    });
    const e = await t.throwsAsync(applyPatches(s.target, [p]), { instanceOf: PatchApplyError });
    t.regex(e!.message, /at COMMIT: .*violates foreign key constraint/);
    t.deepEqual(await query(await sharedCluster(), s.db, "SELECT relname FROM pg_class WHERE relname IN ('parent', 'child')"), []);
  } finally {
    await s.done();
  }
});
