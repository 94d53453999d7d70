/**
 * The table-level locks a release takes on tables that existed before it, read from the
 * parse trees of its statements (libpg-query's JSON, src/adapters/sql-statements.ts): what
 * production's traffic will wait on while `upgrade` runs it. A table an earlier statement
 * of the same release creates is nobody's yet and is not listed.
 *
 * Lock levels and what each one conflicts with follow PostgreSQL's documentation:
 * https://www.postgresql.org/docs/current/explicit-locking.html (table-level locks) and
 * https://www.postgresql.org/docs/current/sql-altertable.html (the lower levels of some
 * ALTER TABLE subcommands). When the documentation gives no lower level, ACCESS EXCLUSIVE
 * is assumed: the plan may overstate a lock, never understate it.
 */

/** Table-level lock modes, weakest first (their order is the order of `LOCK_LEVELS`). */
export const LOCK_LEVELS = [
  'ACCESS SHARE',
  'ROW SHARE',
  'ROW EXCLUSIVE',
  'SHARE UPDATE EXCLUSIVE',
  'SHARE',
  'SHARE ROW EXCLUSIVE',
  'EXCLUSIVE',
  'ACCESS EXCLUSIVE',
] as const;
export type LockLevel = (typeof LOCK_LEVELS)[number];

/** What application traffic a lock level stops while the release's transaction holds it. */
export function lockBlocks(level: LockLevel): string {
  switch (level) {
    case 'ACCESS EXCLUSIVE':
      return 'blocks reads and writes';
    case 'EXCLUSIVE':
    case 'SHARE ROW EXCLUSIVE':
    case 'SHARE':
      return 'blocks writes';
    case 'SHARE UPDATE EXCLUSIVE':
      return 'blocks schema changes, index builds and VACUUM, not reads or writes';
    case 'ROW EXCLUSIVE':
      return 'blocks index builds and schema changes, not reads or writes';
    case 'ROW SHARE':
      return 'blocks EXCLUSIVE and ACCESS EXCLUSIVE locks only';
    case 'ACCESS SHARE':
      return 'blocks ACCESS EXCLUSIVE locks only';
  }
}

function stronger(a: LockLevel, b: LockLevel): LockLevel {
  return LOCK_LEVELS.indexOf(a) >= LOCK_LEVELS.indexOf(b) ? a : b;
}

/** A table as `schema.name`; an unqualified name is taken as `public` (the default search_path). */
export type TableName = string;

export interface TableLock {
  table: TableName;
  level: LockLevel;
  /** `ALTER TABLE … ADD COLUMN`, `CREATE INDEX`, … */
  what: string;
}

/** What one statement does to tables: the locks it takes, and the table it creates. */
export interface StatementLocks {
  locks: TableLock[];
  creates?: TableName;
  /** A table renamed: `from` is known under `to` for the statements after it. */
  renames?: { from: TableName; to: TableName };
}

type Node = Record<string, unknown>;

function obj(v: unknown): Node | undefined {
  return v && typeof v === 'object' ? (v as Node) : undefined;
}

function list(v: unknown): Node[] {
  return Array.isArray(v) ? v.map((x) => obj(x) ?? {}) : [];
}

function tableOf(rangeVar: unknown): TableName | undefined {
  const r = obj(rangeVar);
  const name = r?.['relname'];
  if (typeof name !== 'string') return undefined;
  const schema = r?.['schemaname'];
  return `${typeof schema === 'string' ? schema : 'public'}.${name}`;
}

/** `DROP TABLE s.t` / `DROP TRIGGER x ON s.t` name objects as lists of strings. */
function qualifiedName(items: Node[]): TableName | undefined {
  const parts = items.map((i) => obj(i['String'])?.['sval']).filter((s): s is string => typeof s === 'string');
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? `public.${parts[0]}` : parts.slice(-2).join('.');
}

/** The table a foreign key in `constraints` references, for each one. */
function foreignKeyTargets(constraints: Node[]): TableName[] {
  return constraints
    .map((c) => obj(c['Constraint']))
    .filter((c) => c?.['contype'] === 'CONSTR_FOREIGN')
    .map((c) => tableOf(c!['pktable']))
    .filter((t): t is TableName => t !== undefined);
}

/** `AT_AddColumn` → `ADD COLUMN`. */
function subcommandWords(subtype: string): string {
  return subtype
    .replace(/^AT_/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toUpperCase();
}

/** Storage parameters whose change takes SHARE UPDATE EXCLUSIVE (ALTER TABLE … SET (…)). */
const LIGHT_RELOPTIONS = /^(fillfactor|parallel_workers|toast_tuple_target|autovacuum_\w+|toast\.autovacuum_\w+)$/;

/** ALTER TABLE subcommands with a documented level below ACCESS EXCLUSIVE on the altered table. */
const SHARE_UPDATE_EXCLUSIVE_SUBCOMMANDS = new Set([
  'AT_ValidateConstraint',
  'AT_SetStatistics',
  'AT_SetOptions',
  'AT_ResetOptions',
  'AT_ClusterOn',
  'AT_DropCluster',
  'AT_AttachPartition',
]);
const TRIGGER_SUBCOMMANDS = /^AT_(Enable|Disable)\w*Trig\w*$/;

function alterTableLocks(body: Node): TableLock[] {
  const objtype = body['objtype'];
  // ALTER INDEX / SEQUENCE / VIEW … are written as AlterTableStmt too: not a table's data.
  if (objtype !== 'OBJECT_TABLE' && objtype !== 'OBJECT_MATVIEW' && objtype !== 'OBJECT_FOREIGN_TABLE') return [];
  const table = tableOf(body['relation']);
  if (!table) return [];
  const locks: TableLock[] = [];
  for (const wrapped of list(body['cmds'])) {
    const cmd = obj(wrapped['AlterTableCmd']) ?? {};
    const subtype = String(cmd['subtype'] ?? '');
    const def = obj(cmd['def']) ?? {};
    const constraint = obj(def['Constraint']);
    let level: LockLevel = 'ACCESS EXCLUSIVE';
    let words = subcommandWords(subtype);
    if (SHARE_UPDATE_EXCLUSIVE_SUBCOMMANDS.has(subtype)) level = 'SHARE UPDATE EXCLUSIVE';
    else if (TRIGGER_SUBCOMMANDS.test(subtype)) level = 'SHARE ROW EXCLUSIVE';
    else if (subtype === 'AT_SetRelOptions' || subtype === 'AT_ResetRelOptions') {
      const names = list(obj(def['List'])?.['items']).map((d) => {
        const e = obj(d['DefElem']) ?? {};
        return e['defnamespace'] ? `${String(e['defnamespace'])}.${String(e['defname'])}` : String(e['defname']);
      });
      if (names.every((n) => LIGHT_RELOPTIONS.test(n))) level = 'SHARE UPDATE EXCLUSIVE';
    } else if (subtype === 'AT_DetachPartition' && obj(def['PartitionCmd'])?.['concurrent'] === true) {
      level = 'SHARE UPDATE EXCLUSIVE';
    } else if (subtype === 'AT_AddConstraint' && constraint?.['contype'] === 'CONSTR_FOREIGN') {
      level = 'SHARE ROW EXCLUSIVE';
      words = 'ADD FOREIGN KEY';
    }
    locks.push({ table, level, what: `ALTER TABLE … ${words}` });
    // The other end of a foreign key: SHARE ROW EXCLUSIVE on the referenced table too.
    const fkHolders = constraint ? [{ Constraint: constraint }] : list(obj(def['ColumnDef'])?.['constraints']);
    for (const target of foreignKeyTargets(fkHolders))
      locks.push({ table: target, level: 'SHARE ROW EXCLUSIVE', what: `ALTER TABLE ${table} … REFERENCES` });
    // ATTACH / DETACH PARTITION lock the partition too: ACCESS EXCLUSIVE, but for DETACH … CONCURRENTLY.
    const partition = tableOf(obj(def['PartitionCmd'])?.['name']);
    if (partition) {
      const partitionLevel = subtype === 'AT_DetachPartition' ? level : 'ACCESS EXCLUSIVE';
      locks.push({ table: partition, level: partitionLevel, what: `ALTER TABLE ${table} … ${words}` });
    }
  }
  return locks;
}

function createTableLocks(body: Node, table: TableName): TableLock[] {
  const elements = list(body['tableElts']);
  const constraints = [...elements.filter((e) => e['Constraint']), ...elements.flatMap((e) => list(obj(e['ColumnDef'])?.['constraints']))];
  const locks = foreignKeyTargets(constraints).map((target): TableLock => ({
    table: target,
    level: 'SHARE ROW EXCLUSIVE',
    what: `CREATE TABLE ${table} … REFERENCES`,
  }));
  // A new partition locks its parent ACCESS EXCLUSIVE; a plain child (INHERITS), SHARE UPDATE EXCLUSIVE.
  const partition = Boolean(body['partbound']);
  for (const r of list(body['inhRelations'])) {
    const parent = tableOf(r['RangeVar']);
    if (parent)
      locks.push(
        partition
          ? { table: parent, level: 'ACCESS EXCLUSIVE', what: `CREATE TABLE ${table} PARTITION OF` }
          : { table: parent, level: 'SHARE UPDATE EXCLUSIVE', what: `CREATE TABLE ${table} INHERITS` },
      );
  }
  return locks;
}

/** LockStmt's `mode` is PostgreSQL's LOCKMODE: 1 (ACCESS SHARE) … 8 (ACCESS EXCLUSIVE). */
function lockStatementLevel(mode: unknown): LockLevel {
  return typeof mode === 'number' && mode >= 1 && mode <= 8 ? LOCK_LEVELS[mode - 1]! : 'ACCESS EXCLUSIVE';
}

function each(relations: unknown, level: LockLevel, what: string, key = 'RangeVar'): TableLock[] {
  return list(relations)
    .map((r) => tableOf(obj(r[key])?.['relation'] ?? r[key]))
    .filter((t): t is TableName => t !== undefined)
    .map((table) => ({ table, level, what }));
}

function one(rangeVar: unknown, level: LockLevel, what: string): TableLock[] {
  const table = tableOf(rangeVar);
  return table ? [{ table, level, what }] : [];
}

const DROPPED_RELATIONS: Record<string, string> = {
  OBJECT_TABLE: 'DROP TABLE',
  OBJECT_MATVIEW: 'DROP MATERIALIZED VIEW',
  OBJECT_FOREIGN_TABLE: 'DROP FOREIGN TABLE',
};

/**
 * The table-level locks of one statement, from its parse-tree node (`AlterTableStmt`, …)
 * and body. Plain reads (ACCESS SHARE) are left out: they block nothing but ACCESS
 * EXCLUSIVE. So are statements on an index or a view, whose table the tree does not name.
 */
export function statementLocks(node: string, body: Node): StatementLocks {
  switch (node) {
    case 'AlterTableStmt':
      return { locks: alterTableLocks(body) };
    case 'CreateStmt': {
      const table = tableOf(body['relation']);
      return table ? { locks: createTableLocks(body, table), creates: table } : { locks: [] };
    }
    case 'CreateTableAsStmt': {
      const table = tableOf(obj(obj(body['into'])?.['rel']));
      return table ? { locks: [], creates: table } : { locks: [] };
    }
    case 'IndexStmt':
      return body['concurrent']
        ? { locks: one(body['relation'], 'SHARE UPDATE EXCLUSIVE', 'CREATE INDEX CONCURRENTLY') }
        : { locks: one(body['relation'], 'SHARE', 'CREATE INDEX') };
    case 'CreateTrigStmt':
      return { locks: one(body['relation'], 'SHARE ROW EXCLUSIVE', 'CREATE TRIGGER') };
    case 'RuleStmt':
      return { locks: one(body['relation'], 'ACCESS EXCLUSIVE', 'CREATE RULE') };
    case 'CreatePolicyStmt':
    case 'AlterPolicyStmt':
      return { locks: one(body['table'], 'ACCESS EXCLUSIVE', node === 'CreatePolicyStmt' ? 'CREATE POLICY' : 'ALTER POLICY') };
    case 'DropStmt': {
      const type = String(body['removeType'] ?? '');
      const objects = list(body['objects']).map((o) => list(obj(o['List'])?.['items']));
      if (DROPPED_RELATIONS[type]) {
        const what = DROPPED_RELATIONS[type]!;
        return { locks: objects.flatMap((o) => qualifiedName(o) ?? []).map((table) => ({ table, level: 'ACCESS EXCLUSIVE', what })) };
      }
      // DROP TRIGGER / RULE / POLICY x ON t: the last name is the object, the ones before it the table.
      if (type === 'OBJECT_TRIGGER' || type === 'OBJECT_RULE' || type === 'OBJECT_POLICY') {
        const what = `DROP ${type.slice('OBJECT_'.length)}`;
        return {
          locks: objects.flatMap((o) => qualifiedName(o.slice(0, -1)) ?? []).map((table) => ({ table, level: 'ACCESS EXCLUSIVE', what })),
        };
      }
      return { locks: [] };
    }
    case 'TruncateStmt':
      return { locks: each(body['relations'], 'ACCESS EXCLUSIVE', 'TRUNCATE') };
    case 'RenameStmt': {
      const type = String(body['renameType'] ?? '');
      // Renaming an index, a sequence or a view locks no table the tree names.
      const onTable = type === 'OBJECT_TABLE' || body['relationType'] === 'OBJECT_TABLE';
      const table = onTable ? tableOf(body['relation']) : undefined;
      if (!table) return { locks: [] };
      const what = `ALTER TABLE … RENAME${type === 'OBJECT_TABLE' ? '' : ` ${type.slice('OBJECT_'.length).replace('TABCONSTRAINT', 'CONSTRAINT')}`}`;
      const locks: TableLock[] = [{ table, level: 'ACCESS EXCLUSIVE', what }];
      return type === 'OBJECT_TABLE' && typeof body['newname'] === 'string'
        ? { locks, renames: { from: table, to: `${table.slice(0, table.lastIndexOf('.'))}.${body['newname']}` } }
        : { locks };
    }
    case 'InsertStmt':
    case 'UpdateStmt':
    case 'DeleteStmt':
    case 'MergeStmt':
      return { locks: one(body['relation'], 'ROW EXCLUSIVE', node.replace(/Stmt$/, '').toUpperCase()) };
    case 'CopyStmt':
      return body['is_from'] ? { locks: one(body['relation'], 'ROW EXCLUSIVE', 'COPY FROM') } : { locks: [] };
    case 'VacuumStmt': {
      const full = list(body['options']).some((o) => obj(o['DefElem'])?.['defname'] === 'full');
      const what = body['is_vacuumcmd'] ? (full ? 'VACUUM FULL' : 'VACUUM') : 'ANALYZE';
      return { locks: each(body['rels'], full ? 'ACCESS EXCLUSIVE' : 'SHARE UPDATE EXCLUSIVE', what, 'VacuumRelation') };
    }
    case 'ClusterStmt':
      return { locks: one(body['relation'], 'ACCESS EXCLUSIVE', 'CLUSTER') };
    case 'ReindexStmt': {
      if (body['kind'] !== 'REINDEX_OBJECT_TABLE') return { locks: [] };
      const concurrently = list(body['params']).some((o) => obj(o['DefElem'])?.['defname'] === 'concurrently');
      return concurrently
        ? { locks: one(body['relation'], 'SHARE UPDATE EXCLUSIVE', 'REINDEX TABLE CONCURRENTLY') }
        : { locks: one(body['relation'], 'SHARE', 'REINDEX TABLE') };
    }
    case 'RefreshMatViewStmt':
      return body['concurrent']
        ? { locks: one(body['relation'], 'EXCLUSIVE', 'REFRESH MATERIALIZED VIEW CONCURRENTLY') }
        : { locks: one(body['relation'], 'ACCESS EXCLUSIVE', 'REFRESH MATERIALIZED VIEW') };
    case 'LockStmt': {
      const level = lockStatementLevel(body['mode']);
      return { locks: each(body['relations'], level, `LOCK TABLE … IN ${level} MODE`) };
    }
    default:
      return { locks: [] };
  }
}

/** A file of the release as the lock analysis sees it. */
export interface LockedFile {
  /** `1-x/01_add.sql`. */
  label: string;
  kind: 'sql' | 'psql' | 'py';
  /** The statements of a `.sql` file in order; absent for `.psql` and `.py` files, which cannot be read ahead. */
  statements?: Array<{ line: number; locks: StatementLocks }>;
}

export interface TableLocks {
  table: TableName;
  /** The strongest level the release takes on it. */
  level: LockLevel;
  blocks: string;
  /** Every statement that locks it, in order. */
  statements: Array<{ at: string; level: LockLevel; what: string }>;
}

export interface ReleaseLocks {
  /** Tables that existed before the release, the most strongly locked first. */
  tables: TableLocks[];
  /** Files whose locks cannot be known ahead (`.psql`, `.py`). */
  notAnalysed: string[];
}

export function releaseLocks(files: LockedFile[]): ReleaseLocks {
  const created = new Set<TableName>();
  const byTable = new Map<TableName, TableLocks>();
  const notAnalysed: string[] = [];
  for (const file of files) {
    if (!file.statements) {
      notAnalysed.push(file.label);
      continue;
    }
    for (const { line, locks } of file.statements) {
      for (const lock of locks.locks) {
        if (created.has(lock.table)) continue;
        const entry = byTable.get(lock.table) ?? { table: lock.table, level: lock.level, blocks: '', statements: [] };
        entry.level = stronger(entry.level, lock.level);
        entry.statements.push({ at: `${file.label}:${line}`, level: lock.level, what: lock.what });
        byTable.set(lock.table, entry);
      }
      if (locks.creates) created.add(locks.creates);
      if (locks.renames && created.has(locks.renames.from)) created.add(locks.renames.to);
    }
  }
  const tables = [...byTable.values()]
    .map((t) => ({ ...t, blocks: lockBlocks(t.level) }))
    // Stable sort: equal levels keep the order of their first statement.
    .sort((a, b) => LOCK_LEVELS.indexOf(b.level) - LOCK_LEVELS.indexOf(a.level));
  return { tables, notAnalysed };
}

/** How many statements a table's entry names on the one line; the rest are counted. */
const SHOWN_STATEMENTS = 3;

/**
 * One line per release: `0.2.0 locks: public.users ACCESS EXCLUSIVE (blocks reads and
 * writes: 1-x/01_add.sql:3 ALTER TABLE … ADD COLUMN), …`. Each table names the
 * statements that take its strongest level.
 */
export function describeReleaseLocks(release: string, locks: ReleaseLocks): string {
  const tables = locks.tables.map((t) => {
    const strongest = t.statements.filter((s) => s.level === t.level);
    const shown = strongest.slice(0, SHOWN_STATEMENTS).map((s) => `${s.at} ${s.what}`);
    if (strongest.length > SHOWN_STATEMENTS) shown.push(`${strongest.length - SHOWN_STATEMENTS} more`);
    return `${t.table} ${t.level} (${t.blocks}: ${shown.join(', ')})`;
  });
  const head = `${release} locks: ${tables.length ? tables.join('; ') : 'none on tables that existed before it'}`;
  return locks.notAnalysed.length ? `${head}; not known ahead for ${locks.notAnalysed.join(', ')} (run as written)` : head;
}
