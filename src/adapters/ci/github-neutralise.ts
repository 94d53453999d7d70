/**
 * The one place where text hop-ci did not write itself (SQL errors and notices, Python
 * and test output, git messages, file names) is made unable to act as a GitHub workflow
 * command. The runner reads any line whose first non-blank characters are `::` as a
 * command, and it splits lines on `\r` as well as `\n`: a SQL error `boom\r::warning::x`
 * would otherwise print a working annotation.
 *
 * - A single line keeps its meaning: `\r` and `\n` become visible (␍ ␊), and a leading
 *   `::` is broken (`: :`), so the runner sees one line that is no command.
 * - Raw multi-line output is printed as it is, between the runner's own
 *   `::stop-commands::<token>` and `::<token>::`: nothing in between is a command, and
 *   the token is random, so the text cannot end the pause itself.
 */
import { randomUUID } from 'node:crypto';

/** What the runner trims before looking for `::` (.NET's white space, which counts U+0085 and U+180E). */
const COMMAND_START = /^[\s\u0085\u180e]*::/;

/** One line that the runner cannot read as a command. */
export function neutraliseLine(text: string): string {
  const oneLine = text.replace(/\r/g, '␍').replace(/\n/g, '␊');
  return COMMAND_START.test(oneLine) ? oneLine.replace(/::/, ': :') : oneLine;
}

/** A token the text cannot contain by chance, for `::stop-commands::`. */
export function pauseToken(): string {
  return `hop-ci-${randomUUID()}`;
}

/** The lines to print for `text`: one neutralised line, or the raw lines inside a command pause. */
export function linesForLog(text: string, token: () => string = pauseToken): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length === 1) return [neutraliseLine(text)];
  // A multi-line text with no line the runner would read as a command is printed as it is.
  if (!lines.some((l) => COMMAND_START.test(l))) return lines;
  const t = token();
  return [`::stop-commands::${t}`, ...lines, `::${t}::`];
}
