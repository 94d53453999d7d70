/**
 * One message for a transactional part: the executor sends the SQL chunks of a part as one
 * simple query instead of one per file. The transaction is the same (the part's BEGIN …
 * COMMIT); what changes is the number of round trips, which dominated a release of many
 * small files (issue 11's benchmark).
 *
 * Joining is safe only when every chunk ends outside a string, quoted identifier, comment
 * or dollar-quoted body: a file ending in `/*` would otherwise swallow the next file, and
 * one ending in `$$` could pair with a `$$` of the next. Such a part is sent file by file,
 * as before, and PostgreSQL reports the unterminated text in its own file.
 */

/** Between two chunks: a statement a file left without `;` must not run into the next file's first one. */
export const CHUNK_SEPARATOR = '\n;\n';

export interface SqlBatch {
  text: string;
  /** Where each chunk starts in `text`, in code points (PostgreSQL's error positions count characters). */
  starts: number[];
  /** Each chunk's length in code points. */
  lengths: number[];
  /** Where the suffix starts in `text`, in code points. */
  suffixStart: number;
}

/**
 * The chunks' texts as one query, between `prefix` and `suffix` (statements of the
 * caller's), or undefined when one of them does not end in plain SQL.
 */
export function batchChunks(texts: readonly string[], around: { prefix?: string; suffix?: string } = {}): SqlBatch | undefined {
  if (texts.length === 0 || !texts.every(endsInPlainSql)) return undefined;
  const prefix = around.prefix ?? '';
  const starts: number[] = [];
  const lengths: number[] = [];
  const separator = codePoints(CHUNK_SEPARATOR);
  let at = codePoints(prefix);
  for (const text of texts) {
    starts.push(at);
    const length = codePoints(text);
    lengths.push(length);
    at += length + separator;
  }
  return { text: `${prefix}${texts.join(CHUNK_SEPARATOR)}${CHUNK_SEPARATOR}${around.suffix ?? ''}`, starts, lengths, suffixStart: at };
}

/**
 * Which chunk an error position (1-based, in characters of the batch) falls in, and the
 * position within that chunk; undefined when it falls on a separator.
 */
export function chunkAtPosition(batch: SqlBatch, position: number): { index: number; position: number } | undefined {
  const at = position - 1;
  for (let i = 0; i < batch.starts.length; i++) {
    const start = batch.starts[i]!;
    if (at >= start && at < start + batch.lengths[i]!) return { index: i, position: at - start + 1 };
  }
  return undefined;
}

function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

const isIdentChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_$\u0080-\uffff]/u.test(c);
const DOLLAR_TAG = /\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

/**
 * Whether `sql` ends in plain SQL: outside every string ('…', E'…', U&'…', B'…', X'…'),
 * quoted identifier, `--` or (nested) block comment and dollar-quoted body, as
 * PostgreSQL's lexer reads it (a backslash in a plain string, whose meaning depends on
 * standard_conforming_strings, counts as unsure). When unsure it says
 * no: the cost of a wrong "no" is a round trip, of a wrong "yes" a file run as part of
 * another's literal.
 */
export function endsInPlainSql(sql: string): boolean {
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const eol = sql.indexOf('\n', i + 2);
      if (eol < 0) return true; // a line comment at the very end ends with the file; the separator starts on a new line
      i = eol + 1;
      continue;
    }
    if (c === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
      if (depth > 0) return false;
      continue;
    }
    if (c === "'" || c === '"') {
      // E'…' (and e'…') takes backslash escapes; the E must start its token.
      const escapes = c === "'" && (sql[i - 1] === 'E' || sql[i - 1] === 'e') && !isIdentChar(sql[i - 2]);
      i = afterQuoted(sql, i, escapes);
      if (i < 0) return false;
      continue;
    }
    if (c === '$' && !isIdentChar(sql[i - 1])) {
      DOLLAR_TAG.lastIndex = i;
      const tag = DOLLAR_TAG.exec(sql);
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        if (end < 0) return false;
        i = end + tag[0].length;
        continue;
      }
    }
    i++;
  }
  return true;
}

/**
 * The index after the string or quoted identifier that opens at `start` (its quote doubled
 * inside), or -1 when it does not close — or, in a plain string, holds a backslash.
 */
function afterQuoted(sql: string, start: number, escapes: boolean): number {
  const quote = sql[start]!;
  for (let i = start + 1; i < sql.length; i++) {
    const d = sql[i];
    if (d === '\\' && quote === "'") {
      // A backslash ends a plain string where standard_conforming_strings is off: unsure.
      if (!escapes) return -1;
      i++;
    } else if (d === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i++;
    }
  }
  return -1;
}
