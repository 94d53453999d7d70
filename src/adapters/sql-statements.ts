/**
 * Splits a SQL file into statements with the real PostgreSQL parser (libpg-query) and
 * says which of them cannot run inside a transaction block. The upgrade applies a
 * release in one transaction; those statements are run alone after its commit.
 */
import { HopError } from '../core/errors.js';
import type { FileStatement } from '../core/release-parts.js';
import { lineOfOffset } from '../core/sql-position.js';
import { statementLocks, type StatementLocks } from '../core/release-locks.js';

type Parser = typeof import('libpg-query');

/**
 * libpg-query is bundled into dist/ and loaded on first use only (it compiles a
 * WebAssembly module, which a stage that never splits SQL should not pay for). The build
 * copies libpg-query.wasm beside the bundles and gives them `__dirname`, which its loader
 * reads (scripts/build.mjs).
 */
let parser: Promise<Parser> | undefined;

function loadParser(): Promise<Parser> {
  // libpg-query is CommonJS: in a bundle's chunk its exports arrive as the namespace's default.
  parser ??= import('libpg-query')
    .then((m) => ('parse' in m && typeof m.parse === 'function' ? m : (m as unknown as { default: Parser }).default))
    .catch((e: unknown) => {
      parser = undefined;
      throw new HopError(`the SQL parser (libpg-query) cannot be loaded: ${e instanceof Error ? e.message : String(e)}`, {
        kind: 'failed',
        hint: 'reinstall hop-ci: dist/libpg-query.wasm must sit beside dist/cli.js and dist/index.js',
        code: 'sql-parser-missing',
      });
    });
  return parser;
}

/** A statement and, in the fields of src/core/release-parts.ts, what it means for a transaction. */
export interface SqlStatement extends FileStatement {
  /** The parse-tree node name (`CreateStmt`, `IndexStmt`, …). */
  node: string;
  /** The table the statement works on, when it names one (ALTER TABLE, CREATE INDEX, CREATE TABLE, …): for the lint's context. */
  relation?: { name: string; schema?: string };
  /** The table-level locks it takes (src/core/release-locks.ts): for the upgrade plan. */
  locks: StatementLocks;
}

export type SplitResult = { ok: true; statements: SqlStatement[] } | { ok: false; message: string; line: number; column: number };

type Node = Record<string, unknown>;

function obj(v: unknown): Node | undefined {
  return v && typeof v === 'object' ? (v as Node) : undefined;
}

/** Options inside a parse-tree list of DefElem (`REINDEX (CONCURRENTLY)`, …). */
function hasDefElem(list: unknown, name: string): boolean {
  return Array.isArray(list) && list.some((d) => obj(obj(d)?.['DefElem'])?.['defname'] === name);
}

/**
 * The reason a statement cannot run inside a transaction block on a server of major
 * version `serverMajor`, or undefined when it can. The list follows PostgreSQL's
 * PreventInTransactionBlock callers.
 */
export function nonTransactionalReason(node: string, body: Node, serverMajor: number): string | undefined {
  switch (node) {
    case 'IndexStmt':
      return body['concurrent'] ? 'CREATE INDEX CONCURRENTLY' : undefined;
    case 'DropStmt':
      return body['concurrent'] ? 'DROP INDEX CONCURRENTLY' : undefined;
    case 'ReindexStmt': {
      if (hasDefElem(body['params'], 'concurrently')) return 'REINDEX CONCURRENTLY';
      const kind = String(body['kind'] ?? '');
      return kind === 'REINDEX_OBJECT_DATABASE' || kind === 'REINDEX_OBJECT_SYSTEM' ? 'REINDEX DATABASE/SYSTEM' : undefined;
    }
    case 'VacuumStmt':
      // ANALYZE alone is allowed in a transaction; VACUUM is not.
      return body['is_vacuumcmd'] ? 'VACUUM' : undefined;
    case 'CreatedbStmt':
      return 'CREATE DATABASE';
    case 'DropdbStmt':
      return 'DROP DATABASE';
    case 'AlterSystemStmt':
      return 'ALTER SYSTEM';
    case 'CreateTableSpaceStmt':
      return 'CREATE TABLESPACE';
    case 'DropTableSpaceStmt':
      return 'DROP TABLESPACE';
    case 'AlterEnumStmt':
      // Since PostgreSQL 12 ADD VALUE runs in a transaction (the value is usable after commit).
      return body['newVal'] !== undefined && body['oldVal'] === undefined && serverMajor < 12
        ? 'ALTER TYPE … ADD VALUE (server < 12)'
        : undefined;
    case 'ClusterStmt':
      return body['relation'] === undefined ? 'CLUSTER without a table' : undefined;
    case 'AlterTableStmt': {
      const cmds = Array.isArray(body['cmds']) ? body['cmds'] : [];
      const detach = cmds.some((c) => {
        const cmd = obj(obj(c)?.['AlterTableCmd']);
        return cmd?.['subtype'] === 'AT_DetachPartition' && obj(obj(cmd['def'])?.['PartitionCmd'])?.['concurrent'] === true;
      });
      return detach ? 'ALTER TABLE … DETACH PARTITION CONCURRENTLY' : undefined;
    }
    case 'CreateSubscriptionStmt':
      return 'CREATE SUBSCRIPTION';
    case 'DropSubscriptionStmt':
      return 'DROP SUBSCRIPTION';
    default:
      return undefined;
  }
}

function transactionControl(node: string, body: Node): SqlStatement['transactionControl'] {
  if (node !== 'TransactionStmt') return undefined;
  const kind = String(body['kind'] ?? '');
  if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') return 'begin';
  if (kind === 'TRANS_STMT_COMMIT') return 'commit';
  // SAVEPOINT / RELEASE / ROLLBACK TO work inside the release's transaction.
  if (kind === 'TRANS_STMT_SAVEPOINT' || kind === 'TRANS_STMT_RELEASE' || kind === 'TRANS_STMT_ROLLBACK_TO') return undefined;
  return 'other';
}

/** Byte offsets (libpg-query) → string offsets, for files with non-ASCII text. */
function byteToCharOffsets(text: string): (byte: number) => number {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length === text.length) return (b) => b;
  return (b) => bytes.subarray(0, b).toString('utf8').length;
}

export async function splitSql(text: string, serverMajor: number): Promise<SplitResult> {
  const toChar = byteToCharOffsets(text);
  const { parse } = await loadParser();
  let tree;
  try {
    tree = await parse(text);
  } catch (e) {
    const details = (e as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    const position = toChar(details?.cursorPosition ?? 0);
    const line = lineOfOffset(text, position);
    const column = position - text.lastIndexOf('\n', position - 1);
    return { ok: false, message: (e as Error).message, line, column };
  }
  const statements: SqlStatement[] = [];
  for (const raw of tree.stmts ?? []) {
    const wrapper = obj(raw.stmt) ?? {};
    const node = Object.keys(wrapper)[0] ?? 'Unknown';
    const body = obj(wrapper[node]) ?? {};
    const startByte = raw.stmt_location ?? 0;
    const start = toChar(startByte);
    const end = raw.stmt_len ? toChar(startByte + raw.stmt_len) : text.length;
    const stmtText = text.slice(start, end);
    if (stmtText.trim() === '') continue;
    const firstChar = start + (stmtText.length - stmtText.trimStart().length);
    const statement: SqlStatement = {
      text: stmtText,
      offset: start,
      line: lineOfOffset(text, firstChar),
      node,
      locks: statementLocks(node, body),
    };
    const reason = nonTransactionalReason(node, body, serverMajor);
    if (reason) statement.nonTransactional = reason;
    const control = transactionControl(node, body);
    if (control) statement.transactionControl = control;
    if (node === 'IndexStmt' && body['concurrent'] && typeof body['idxname'] === 'string') {
      const schema = obj(body['relation'])?.['schemaname'];
      statement.concurrentIndex = { name: body['idxname'], ...(typeof schema === 'string' ? { schema } : {}) };
    }
    const relation = obj(body['relation']);
    if (typeof relation?.['relname'] === 'string') {
      const schema = relation['schemaname'];
      statement.relation = { name: relation['relname'], ...(typeof schema === 'string' ? { schema } : {}) };
    }
    statements.push(statement);
  }
  return { ok: true, statements };
}

/**
 * Words without which a file holds no statement that ends a transaction nor any
 * BEGIN/COMMIT (the cases of `nonTransactionalReason` and `transactionControl`): such a
 * file is sent whole, without loading the parser.
 */
const MAY_END_TRANSACTION =
  /\b(concurrently|vacuum|database|system|tablespace|subscription|cluster|value|begin|start|commit|end|rollback|abort|prepare)\b/i;

/**
 * The statements of a `.sql` file when the executor must cut it (a statement that cannot
 * run in a transaction, a BEGIN/COMMIT), undefined when it runs whole as one query.
 */
export async function statementsToCut(text: string, serverMajor: number): Promise<SplitResult | undefined> {
  if (!MAY_END_TRANSACTION.test(text)) return undefined;
  const split = await splitSql(text, serverMajor);
  if (split.ok && !split.statements.some((s) => s.nonTransactional || s.transactionControl)) return undefined;
  return split;
}
