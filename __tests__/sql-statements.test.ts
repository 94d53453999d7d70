import test from 'ava';
import { splitSql, statementsToCut } from '../src/adapters/sql-statements.js';

test('splits a file into statements with their lines, and flags what cannot run in a transaction', async (t) => {
  const sql = [
    '-- users',
    'BEGIN;',
    'CREATE TABLE é (a int);',
    'CREATE INDEX CONCURRENTLY i_a ON app.é (a);',
    'VACUUM é; ANALYZE é;',
    "ALTER TYPE mood ADD VALUE 'ok';",
    'DROP INDEX CONCURRENTLY i_a;',
    'REINDEX TABLE CONCURRENTLY é;',
    'ALTER TABLE p DETACH PARTITION c CONCURRENTLY;',
    'CREATE DATABASE x; ALTER SYSTEM SET work_mem = 1;',
    'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;',
    'COMMIT;',
  ].join('\n');
  const r = await splitSql(sql, 15);
  if (!r.ok) return t.fail(r.message);
  t.deepEqual(
    r.statements.map((s) => [s.line, s.node, s.nonTransactional ?? s.transactionControl ?? '']),
    [
      [2, 'TransactionStmt', 'begin'],
      [3, 'CreateStmt', ''],
      [4, 'IndexStmt', 'CREATE INDEX CONCURRENTLY'],
      [5, 'VacuumStmt', 'VACUUM'],
      [5, 'VacuumStmt', ''],
      [6, 'AlterEnumStmt', ''],
      [7, 'DropStmt', 'DROP INDEX CONCURRENTLY'],
      [8, 'ReindexStmt', 'REINDEX CONCURRENTLY'],
      [9, 'AlterTableStmt', 'ALTER TABLE … DETACH PARTITION CONCURRENTLY'],
      [10, 'CreatedbStmt', 'CREATE DATABASE'],
      [10, 'AlterSystemStmt', 'ALTER SYSTEM'],
      [11, 'CreateFunctionStmt', ''],
      [12, 'TransactionStmt', 'commit'],
    ],
  );
  t.is(r.statements[2]!.text.trim(), 'CREATE INDEX CONCURRENTLY i_a ON app.é (a)', 'offsets are in characters, not UTF-8 bytes');
  t.deepEqual(r.statements[2]!.concurrentIndex, { name: 'i_a', schema: 'app' });
  t.true(r.statements[11]!.text.includes('$$ SELECT 1; $$'), 'a ; inside a function body does not split');
});

test('ALTER TYPE … ADD VALUE cannot run in a transaction before PostgreSQL 12', async (t) => {
  const r = await splitSql("ALTER TYPE mood ADD VALUE 'ok';", 11);
  t.true(r.ok && r.statements[0]!.nonTransactional === 'ALTER TYPE … ADD VALUE (server < 12)');
});

test('a syntax error gives its line and column', async (t) => {
  const r = await splitSql('CREATE TABLE a (id int);\nSELECT * FORM a;\n', 15);
  t.false(r.ok);
  if (!r.ok) {
    t.is(r.line, 2);
    t.is(r.column, 10);
    t.regex(r.message, /syntax error at or near "FORM"|syntax error at or near "a"/);
  }
});

test('statementsToCut: a file with nothing that ends a transaction is sent whole (no parse); others are split', async (t) => {
  t.is(await statementsToCut('CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n', 15), undefined);
  // Words that only look like the cases (a plpgsql BEGIN … END) are parsed, then sent whole.
  t.is(await statementsToCut('CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;\n', 15), undefined);
  const cut = await statementsToCut('CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_idx ON a (id);\n', 15);
  t.true(cut?.ok);
  t.deepEqual(cut?.ok ? cut.statements.map((s) => s.nonTransactional ?? null) : [], [null, 'CREATE INDEX CONCURRENTLY']);
  const bad = await statementsToCut('BEGIN;\nCREATE TABLE (;\n', 15);
  t.false(bad?.ok);
});
