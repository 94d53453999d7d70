import test from 'ava';
import { batchChunks, chunkAtPosition, CHUNK_SEPARATOR, endsInPlainSql } from '../src/core/sql-batch.js';
import { sqlLiteral } from '../src/core/sql-literal.js';

test('plain SQL ends outside strings, identifiers, comments and dollar quotes', (t) => {
  for (const sql of [
    'CREATE TABLE a (id int);',
    "INSERT INTO a VALUES ('it''s');",
    "SELECT E'a\\'b';",
    'SELECT "we""ird" FROM x;',
    '/* a /* nested */ comment */ SELECT 1;',
    'SELECT 1; -- a last comment without a newline',
    'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;',
    'DO $body$ BEGIN PERFORM 1; /* $$ */ END $body$;',
    'SELECT $1::int, a$b$c FROM t;',
    'SELECT 1', // no semicolon: the separator gives one
    '',
  ])
    t.true(endsInPlainSql(sql), sql);
});

test('a file that ends inside a literal or comment, or is unsure, is not plain', (t) => {
  for (const sql of [
    "INSERT INTO a VALUES ('open",
    'SELECT "open',
    'SELECT 1; /* open',
    '/* a /* nested */ still open',
    'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1',
    'DO $x$ BEGIN END $y$;',
    "SELECT E'ends with an escaped quote\\'",
    // A backslash in a plain string depends on standard_conforming_strings: unsure.
    "SELECT 'a\\';",
  ])
    t.false(endsInPlainSql(sql), sql);
});

test('chunks join with a separator, between a prefix and a suffix, and a position maps back to its chunk', (t) => {
  const batch = batchChunks(['SELECT 1', 'SELECT ☃ + x'], { prefix: 'BEGIN;\n', suffix: 'COMMIT' })!;
  t.is(batch.text, `BEGIN;\nSELECT 1${CHUNK_SEPARATOR}SELECT ☃ + x${CHUNK_SEPARATOR}COMMIT`);
  // PostgreSQL counts characters: the 'x' of the second chunk is its 12th.
  const x = Array.from(batch.text).indexOf('x') + 1;
  t.deepEqual(chunkAtPosition(batch, x), { index: 1, position: 12 });
  t.deepEqual(chunkAtPosition(batch, 8), { index: 0, position: 1 });
  t.is(chunkAtPosition(batch, 7), undefined, 'the prefix is no chunk');
  t.true(Array.from(batch.text).length - 5 > batch.suffixStart, 'COMMIT is in the suffix');
  t.is(batchChunks(['SELECT 1', "SELECT 'open"]), undefined);
});

test('SQL literals read the same whatever standard_conforming_strings is', (t) => {
  t.is(sqlLiteral("it's"), "'it''s'");
  t.is(sqlLiteral('C:\\path'), " E'C:\\\\path'");
  t.is(sqlLiteral(null), 'NULL');
  t.is(sqlLiteral(42), '42');
  t.is(sqlLiteral(new Date('2026-12-03T10:00:00Z')), "'2026-12-03T10:00:00.000Z'");
  t.throws(() => sqlLiteral(Number.NaN));
});
