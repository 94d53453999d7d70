/**
 * The locks a release takes on existing tables (src/core/release-locks.ts), from SQL parsed
 * by the real PostgreSQL parser: each documented level, what it blocks, tables the release
 * creates left out, qualified and unqualified names.
 */
import test from 'ava';
import { splitSql } from '../src/adapters/sql-statements.js';
import { describeReleaseLocks, lockBlocks, releaseLocks, type LockedFile, type LockLevel } from '../src/core/release-locks.js';

async function locksOf(files: Record<string, string>) {
  const locked: LockedFile[] = [];
  for (const [label, text] of Object.entries(files)) {
    if (!label.endsWith('.sql')) {
      locked.push({ label, kind: label.endsWith('.py') ? 'py' : 'psql' });
      continue;
    }
    const split = await splitSql(text, 15);
    if (!split.ok) throw new Error(split.message);
    locked.push({ label, kind: 'sql', statements: split.statements });
  }
  return releaseLocks(locked);
}

/** The strongest level the release takes on each table. */
async function levels(sql: string): Promise<Record<string, LockLevel>> {
  const r = await locksOf({ '1-x/01.sql': sql });
  return Object.fromEntries(r.tables.map((t) => [t.table, t.level]));
}

const CASES: Array<[string, Record<string, LockLevel>]> = [
  ['ALTER TABLE users ADD COLUMN verified boolean', { 'public.users': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE users ALTER COLUMN email SET NOT NULL', { 'public.users': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE users VALIDATE CONSTRAINT users_email_check', { 'public.users': 'SHARE UPDATE EXCLUSIVE' }],
  ['ALTER TABLE users ALTER COLUMN email SET STATISTICS 500', { 'public.users': 'SHARE UPDATE EXCLUSIVE' }],
  ['ALTER TABLE users SET (fillfactor = 70, autovacuum_enabled = false)', { 'public.users': 'SHARE UPDATE EXCLUSIVE' }],
  ['ALTER TABLE users SET (user_catalog_table = true)', { 'public.users': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE users DISABLE TRIGGER audit', { 'public.users': 'SHARE ROW EXCLUSIVE' }],
  [
    'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES app.users (id) NOT VALID',
    { 'public.orders': 'SHARE ROW EXCLUSIVE', 'app.users': 'SHARE ROW EXCLUSIVE' },
  ],
  // The strongest subcommand wins; the column's REFERENCES locks the other table too.
  [
    'ALTER TABLE orders VALIDATE CONSTRAINT c, ADD COLUMN user_id int REFERENCES users (id)',
    { 'public.orders': 'ACCESS EXCLUSIVE', 'public.users': 'SHARE ROW EXCLUSIVE' },
  ],
  [
    'ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES IN (2026)',
    { 'public.events': 'SHARE UPDATE EXCLUSIVE', 'public.events_2026': 'ACCESS EXCLUSIVE' },
  ],
  [
    'ALTER TABLE events DETACH PARTITION events_2025 CONCURRENTLY',
    { 'public.events': 'SHARE UPDATE EXCLUSIVE', 'public.events_2025': 'SHARE UPDATE EXCLUSIVE' },
  ],
  ['ALTER TABLE events DETACH PARTITION events_2025', { 'public.events': 'ACCESS EXCLUSIVE', 'public.events_2025': 'ACCESS EXCLUSIVE' }],
  ['CREATE TABLE events_2027 PARTITION OF events FOR VALUES IN (2027)', { 'public.events': 'ACCESS EXCLUSIVE' }],
  ['CREATE TABLE admins () INHERITS (app.users)', { 'app.users': 'SHARE UPDATE EXCLUSIVE' }],
  ['CREATE INDEX users_email_idx ON users (email)', { 'public.users': 'SHARE' }],
  ['CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON app.users (email)', { 'app.users': 'SHARE UPDATE EXCLUSIVE' }],
  ['CREATE TRIGGER audit AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION audit()', { 'public.users': 'SHARE ROW EXCLUSIVE' }],
  ['DROP TABLE old_users, app.old_orders', { 'public.old_users': 'ACCESS EXCLUSIVE', 'app.old_orders': 'ACCESS EXCLUSIVE' }],
  ['DROP TRIGGER audit ON app.users', { 'app.users': 'ACCESS EXCLUSIVE' }],
  ['TRUNCATE users, app.orders', { 'public.users': 'ACCESS EXCLUSIVE', 'app.orders': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE users RENAME TO members', { 'public.users': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE users RENAME COLUMN email TO mail', { 'public.users': 'ACCESS EXCLUSIVE' }],
  ["INSERT INTO users (email) VALUES ('a@b')", { 'public.users': 'ROW EXCLUSIVE' }],
  ['UPDATE app.users SET email = lower(email)', { 'app.users': 'ROW EXCLUSIVE' }],
  ['DELETE FROM users WHERE id < 0', { 'public.users': 'ROW EXCLUSIVE' }],
  ['VACUUM users', { 'public.users': 'SHARE UPDATE EXCLUSIVE' }],
  ['ANALYZE users', { 'public.users': 'SHARE UPDATE EXCLUSIVE' }],
  ['VACUUM FULL users', { 'public.users': 'ACCESS EXCLUSIVE' }],
  ['CLUSTER users USING users_pkey', { 'public.users': 'ACCESS EXCLUSIVE' }],
  ['REINDEX TABLE users', { 'public.users': 'SHARE' }],
  ['REINDEX TABLE CONCURRENTLY users', { 'public.users': 'SHARE UPDATE EXCLUSIVE' }],
  ['REFRESH MATERIALIZED VIEW CONCURRENTLY stats', { 'public.stats': 'EXCLUSIVE' }],
  ['LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE', { 'public.users': 'SHARE ROW EXCLUSIVE' }],
  ['LOCK TABLE users', { 'public.users': 'ACCESS EXCLUSIVE' }],
  ['CREATE POLICY mine ON users USING (true)', { 'public.users': 'ACCESS EXCLUSIVE' }],
  // Plain reads, index and view statements lock no table the tree names.
  ['SELECT count(*) FROM users; ALTER INDEX users_email_idx RENAME TO users_mail_idx; CREATE VIEW v AS SELECT 1', {}],
];

for (const [sql, expected] of CASES) {
  test(`locks of: ${sql}`, async (t) => {
    t.deepEqual(await levels(sql), expected);
  });
}

test('a table created earlier in the same release is not listed, whatever it later takes; the table it references is', async (t) => {
  const r = await locksOf({
    '1-orders/01_orders.sql': 'CREATE TABLE public.orders (id int PRIMARY KEY, user_id int REFERENCES users (id));',
    // Unqualified here, qualified there: the same table.
    '1-orders/02_more.sql': [
      'ALTER TABLE orders ADD COLUMN total numeric;',
      'CREATE INDEX orders_user_idx ON public.orders (user_id);',
      'CREATE TABLE app.archive AS SELECT * FROM orders;',
      'ALTER TABLE app.archive ALTER COLUMN id SET NOT NULL;',
      'ALTER TABLE orders RENAME TO purchases;',
      'ALTER TABLE purchases ALTER COLUMN total SET NOT NULL;',
      'ALTER TABLE app.users SET (fillfactor = 90);',
    ].join('\n'),
  });
  t.deepEqual(
    r.tables.map((x) => [x.table, x.level, x.statements.map((s) => s.at)]),
    [
      ['public.users', 'SHARE ROW EXCLUSIVE', ['1-orders/01_orders.sql:1']],
      ['app.users', 'SHARE UPDATE EXCLUSIVE', ['1-orders/02_more.sql:7']],
    ],
    'orders, purchases (orders renamed) and app.archive are the release’s own; public.users and app.users are two tables',
  );
});

test('the same statement on a table of an earlier release is listed', async (t) => {
  const r = await locksOf({ '2-x/01.sql': 'ALTER TABLE orders ADD COLUMN total numeric;\nCREATE INDEX ON orders (total);' });
  t.deepEqual(
    r.tables.map((x) => [x.table, x.level, x.statements.map((s) => `${s.at} ${s.level}`)]),
    [['public.orders', 'ACCESS EXCLUSIVE', ['2-x/01.sql:1 ACCESS EXCLUSIVE', '2-x/01.sql:2 SHARE']]],
  );
});

test('one line per release: each table at its strongest level, what it blocks, the statements that take it; files not read ahead named', async (t) => {
  const r = await locksOf({
    '1-x/01_add.sql': 'INSERT INTO users VALUES (1);\n\nALTER TABLE public.users ADD COLUMN verified boolean;',
    '1-x/02_idx.sql': 'CREATE INDEX orders_idx ON orders (id);',
    '1-x/03_backfill.py': '',
    '1-x/04_default.psql': '',
  });
  t.is(
    describeReleaseLocks('0.2.0', r),
    '0.2.0 locks: public.users ACCESS EXCLUSIVE (blocks reads and writes: 1-x/01_add.sql:3 ALTER TABLE … ADD COLUMN); ' +
      'public.orders SHARE (blocks writes: 1-x/02_idx.sql:1 CREATE INDEX); ' +
      'not known ahead for 1-x/03_backfill.py, 1-x/04_default.psql (run as written)',
  );
  t.is(describeReleaseLocks('0.3.0', { tables: [], notAnalysed: [] }), '0.3.0 locks: none on tables that existed before it');
  const many = await locksOf({ '1-x/01.sql': 'TRUNCATE t; TRUNCATE t; TRUNCATE t; TRUNCATE t; TRUNCATE t;' });
  t.regex(describeReleaseLocks('0.4.0', many), /01\.sql:1 TRUNCATE, 1-x\/01\.sql:1 TRUNCATE, 1-x\/01\.sql:1 TRUNCATE, 2 more\)$/);
});

test('what each level blocks', (t) => {
  t.is(lockBlocks('ACCESS EXCLUSIVE'), 'blocks reads and writes');
  t.is(lockBlocks('SHARE'), 'blocks writes');
  t.is(lockBlocks('SHARE ROW EXCLUSIVE'), 'blocks writes');
  t.is(lockBlocks('EXCLUSIVE'), 'blocks writes');
  t.regex(lockBlocks('SHARE UPDATE EXCLUSIVE'), /not reads or writes/);
  t.regex(lockBlocks('ROW EXCLUSIVE'), /not reads or writes/);
});
