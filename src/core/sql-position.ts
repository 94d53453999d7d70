/**
 * Maps PostgreSQL's error `position` (1-based, in characters of the query string) to a
 * line and column of the file, and extracts the statement around it for the message.
 */
export interface SqlLocation {
  line: number;
  column: number;
  /** The statement containing the position, trimmed (at most ~300 chars). */
  statement: string;
}

export function locateSqlPosition(sql: string, position: number): SqlLocation {
  // PostgreSQL counts characters, not UTF-16 units: walk code points.
  const chars = Array.from(sql);
  const index = Math.max(0, Math.min(chars.length, position - 1));
  let line = 1;
  let column = 1;
  for (let i = 0; i < index; i++) {
    if (chars[i] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  const before = chars.slice(0, index).join('');
  const after = chars.slice(index).join('');
  const start = before.lastIndexOf(';') + 1;
  const endRel = after.indexOf(';');
  const statement = (before.slice(start) + (endRel < 0 ? after : after.slice(0, endRel + 1))).trim();
  return { line, column, statement: statement.length > 300 ? `${statement.slice(0, 297)}...` : statement };
}

/** Line (1-based) at which a character offset (0-based, code units) falls. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
