import test from 'ava';
import { describeAtomicity, planParts, summarizeParts, type FileStatement, type ReleaseFile } from '../src/core/release-parts.js';

/** A .sql file cut into statements the way the parser would (one a line, `;` ended). */
function cutFile(patch: string, name: string, lines: Array<[string, Partial<FileStatement>?]>): ReleaseFile {
  let text = '';
  const statements: FileStatement[] = [];
  lines.forEach(([sql, extra], i) => {
    statements.push({ text: sql, offset: text.length, line: i + 1, ...extra });
    text += `${sql};\n`;
  });
  return { patch, name, kind: 'sql', path: `Patches/${patch}/${name}`, text, statements };
}

const whole = (patch: string, name: string, text: string): ReleaseFile => ({
  patch,
  name,
  kind: 'sql',
  path: `Patches/${patch}/${name}`,
  text,
});

test('consecutive transactional SQL of several files and patches is one part; a concurrent statement cuts its file at its place', (t) => {
  const files = [
    whole('1-a', '01.sql', 'CREATE TABLE a (id int);\n'),
    cutFile('2-b', '01.sql', [
      ['INSERT INTO a VALUES (1)'],
      ['CREATE INDEX CONCURRENTLY a_idx ON a (id)', { nonTransactional: 'CREATE INDEX CONCURRENTLY' }],
      ['INSERT INTO a VALUES (2)'],
    ]),
    whole('2-b', '02.sql', 'INSERT INTO a VALUES (3);\n'),
  ];
  const { parts } = planParts(files);
  t.deepEqual(
    parts.map((p) => (p.kind === 'transaction' ? p.chunks.map((c) => c.text.trim()) : p.kind)),
    [['CREATE TABLE a (id int);', 'INSERT INTO a VALUES (1)'], 'statement', ['INSERT INTO a VALUES (2)', 'INSERT INTO a VALUES (3);']],
  );
  const second = parts[2]!;
  t.is(
    second.kind === 'transaction' ? second.chunks[0]!.offset : -1,
    files[1]!.text.indexOf('INSERT INTO a VALUES (2)'),
    'chunks keep their offset for error positions',
  );
  t.deepEqual(
    summarizeParts(parts).map((p) => p.what),
    ['SQL 1-a/01.sql, 2-b/01.sql', 'CREATE INDEX CONCURRENTLY 2-b/01.sql:2', 'SQL 2-b/01.sql, 2-b/02.sql'],
  );
});

test('BEGIN/COMMIT in a file are skipped; ROLLBACK is refused naming the file and line; empty files make no part', (t) => {
  const files = [
    cutFile('1-a', '01.sql', [
      ['BEGIN', { transactionControl: 'begin' }],
      ['CREATE TABLE a (id int)'],
      ['COMMIT', { transactionControl: 'commit' }],
    ]),
    whole('1-a', '02.sql', '  \n'),
  ];
  const { parts, skipped } = planParts(files);
  t.is(parts.length, 1);
  t.deepEqual(
    skipped.map((s) => s.statement.line),
    [1, 3],
  );
  const e = t.throws(() =>
    planParts([cutFile('1-a', '03.sql', [['CREATE TABLE b (id int)'], ['ROLLBACK', { transactionControl: 'other' }]])]),
  );
  t.regex(e!.message, /^Patches\/1-a\/03\.sql:2: ROLLBACK cannot run in a patch/);
});

test('.py and .psql files are parts of their own; the atomicity sentence counts them', (t) => {
  const files: ReleaseFile[] = [
    whole('1-a', '01.sql', 'SELECT 1;'),
    { patch: '1-a', name: '02.py', kind: 'py', path: 'Patches/1-a/02.py', text: '' },
    { patch: '1-a', name: '03.psql', kind: 'psql', path: 'Patches/1-a/03.psql', text: '' },
    whole('1-a', '04.sql', 'SELECT 2;'),
  ];
  const summary = summarizeParts(planParts(files).parts);
  t.is(
    describeAtomicity('1.0.0', summary),
    '1.0.0 runs in 4 parts: 1. SQL 01.sql; 2. Python 02.py; 3. psql 03.psql; 4. SQL 04.sql; a failure in part 3 leaves parts 1–2 applied and recorded',
  );
  t.is(
    describeAtomicity('1.0.1', summary.slice(0, 2)),
    '1.0.1 runs in 2 parts: 1. SQL 01.sql; 2. Python 02.py; a failure in part 2 leaves part 1 applied and recorded',
  );
  t.is(describeAtomicity('1.0.2', []), '1.0.2 has nothing to run');
});
