/**
 * SQL literals for statements sent as text, the way libpq's PQescapeLiteral (and
 * node-postgres' escapeLiteral) writes them: quotes doubled, and a string with a backslash
 * written E'…' with the backslashes doubled, so that it reads the same whatever
 * standard_conforming_strings is.
 */
export type SqlValue = string | number | boolean | Date | null | undefined;

export function sqlLiteral(value: SqlValue): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = value instanceof Date ? value.toISOString() : value;
  const quoted = `'${text.replace(/'/g, "''")}'`;
  return text.includes('\\') ? ` E${quoted.replace(/\\/g, '\\\\')}` : quoted;
}
