/**
 * How a release (or one patch) runs: its files in order — patches in order, each patch's
 * files in name order, never reordered — cut into parts. Consecutive transactional SQL is
 * one part run in one transaction; a `.py` file, a `.psql` file, or a SQL statement that
 * cannot run in a transaction block ends it and is a part of its own, at its place.
 * Validation, promotions, the upgrade and its rehearsal all run these same parts
 * (DESIGN.md, "One executor"), so what CI validated is what production runs.
 */
import { HopError } from './errors.js';
import type { PatchFileKind } from './patch-files.js';

/** A statement of a `.sql` file as the SQL parser splits it (src/adapters/sql-statements.ts). */
export interface FileStatement {
  /** The statement as written, without its final `;`. */
  text: string;
  /** Offset of `text` in the file. */
  offset: number;
  line: number;
  /** Why it cannot run in a transaction block (`CREATE INDEX CONCURRENTLY`), when it cannot. */
  nonTransactional?: string;
  /** BEGIN / COMMIT written in the file, or another transaction command. */
  transactionControl?: 'begin' | 'commit' | 'other';
  concurrentIndex?: { name: string; schema?: string };
}

export interface ReleaseFile {
  patch: string;
  name: string;
  kind: PatchFileKind;
  /** The file as messages show it (`Patches/1-x/01_add.sql`). */
  path: string;
  /** The text of a `.sql` file (others run from their folder). */
  text: string;
  /**
   * The statements of a `.sql` file when it has one that a transaction cannot hold or a
   * BEGIN/COMMIT; undefined when the whole file is transactional SQL (sent as it is).
   */
  statements?: FileStatement[];
}

/** A piece of a `.sql` file sent as one simple query: the whole file, or a run of its statements. */
export interface SqlChunk {
  file: ReleaseFile;
  /** Offset of `text` in the file's text (for error positions). */
  offset: number;
  text: string;
  /** The statements of the chunk, when the file was split. */
  statements?: FileStatement[];
}

export type ReleasePart =
  | { kind: 'transaction'; chunks: SqlChunk[] }
  | { kind: 'psql' | 'python'; file: ReleaseFile }
  | { kind: 'statement'; file: ReleaseFile; statement: FileStatement; what: string };

/** What a part is, for the ledger, plans and messages. */
export interface PartSummary {
  kind: ReleasePart['kind'];
  /** `SQL 1-x/01_add.sql`, `Python 1-x/02_backfill.py`, `CREATE INDEX CONCURRENTLY 1-x/05_index.sql:1`. */
  what: string;
}

export interface PartsPlan {
  parts: ReleasePart[];
  /** BEGIN / COMMIT written in files: skipped, the executor's own transaction holds them. */
  skipped: Array<{ file: ReleaseFile; statement: FileStatement }>;
}

function chunkOf(file: ReleaseFile, statements: FileStatement[]): SqlChunk {
  const first = statements[0]!;
  const last = statements[statements.length - 1]!;
  return { file, offset: first.offset, text: file.text.slice(first.offset, last.offset + last.text.length), statements };
}

export function planParts(files: ReleaseFile[]): PartsPlan {
  const parts: ReleasePart[] = [];
  const skipped: PartsPlan['skipped'] = [];
  let open: SqlChunk[] | undefined;
  const close = () => {
    if (open?.length) parts.push({ kind: 'transaction', chunks: open });
    open = undefined;
  };
  const add = (chunk: SqlChunk) => (open ??= []).push(chunk);
  for (const file of files) {
    if (file.kind !== 'sql') {
      close();
      parts.push({ kind: file.kind === 'py' ? 'python' : 'psql', file });
      continue;
    }
    if (!file.statements) {
      if (file.text.trim() !== '') add({ file, offset: 0, text: file.text });
      continue;
    }
    let run: FileStatement[] = [];
    const flush = () => {
      if (run.length) add(chunkOf(file, run));
      run = [];
    };
    for (const s of file.statements) {
      if (s.transactionControl === 'other') {
        throw new HopError(`${file.path}:${s.line}: ${firstLine(s.text)} cannot run in a patch`, {
          kind: 'failed',
          file: file.path,
          line: s.line,
          hint: 'remove ROLLBACK / PREPARE TRANSACTION from the patch: hop-ci runs its transactional SQL in one transaction',
          code: 'transaction-control',
        });
      }
      if (s.transactionControl) {
        flush();
        skipped.push({ file, statement: s });
      } else if (s.nonTransactional) {
        flush();
        close();
        parts.push({ kind: 'statement', file, statement: s, what: s.nonTransactional });
      } else run.push(s);
    }
    flush();
  }
  close();
  return { parts, skipped };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]!;
}

export function summarizePart(part: ReleasePart, showPatch: boolean): PartSummary {
  const name = (f: ReleaseFile) => (showPatch ? `${f.patch}/${f.name}` : f.name);
  switch (part.kind) {
    case 'transaction': {
      const files = [...new Set(part.chunks.map((c) => name(c.file)))];
      return { kind: part.kind, what: `SQL ${files.length > 2 ? `${files[0]} … ${files[files.length - 1]}` : files.join(', ')}` };
    }
    case 'python':
      return { kind: part.kind, what: `Python ${name(part.file)}` };
    case 'psql':
      return { kind: part.kind, what: `psql ${name(part.file)}` };
    case 'statement':
      return { kind: part.kind, what: `${part.what} ${name(part.file)}:${part.statement.line}` };
  }
}

export function summarizeParts(parts: ReleasePart[]): PartSummary[] {
  const patches = new Set(parts.flatMap((p) => (p.kind === 'transaction' ? p.chunks.map((c) => c.file.patch) : [p.file.patch])));
  return parts.map((p) => summarizePart(p, patches.size > 1));
}

/**
 * The honest atomicity of a release, in one sentence: all-or-nothing when it is one
 * transaction, else what a failure in the middle leaves behind.
 */
export function describeAtomicity(release: string, parts: PartSummary[]): string {
  if (parts.length === 0) return `${release} has nothing to run`;
  if (parts.length === 1 && parts[0]!.kind === 'transaction') return `${release} runs in one transaction (all or nothing)`;
  if (parts.length === 1) return `${release} runs in 1 part, outside a transaction: ${parts[0]!.what}`;
  const k = Math.min(3, parts.length);
  const left = k - 1 === 1 ? 'part 1' : `parts 1–${k - 1}`;
  return (
    `${release} runs in ${parts.length} parts: ${parts.map((p, i) => `${i + 1}. ${p.what}`).join('; ')}; ` +
    `a failure in part ${k} leaves ${left} applied and recorded`
  );
}
