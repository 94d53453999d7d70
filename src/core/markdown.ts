/**
 * Text that hop-ci did not write (SQL errors, test output, file names, git messages) put
 * into markdown (job summary, PR/MR comment) so that it is shown, never interpreted:
 * no link, image, HTML, heading or table cell it could inject, and no fence it could close.
 */

/** A fenced block that `text` cannot end: its fence is longer than any backtick run in it. */
export function fenced(text: string, info = ''): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text}\n${fence}`;
}

/** Inline text: markdown and HTML punctuation escaped, line breaks as `<br>` (one paragraph, one table cell). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|~&]/g, '\\$&').replace(/\r\n|\r|\n/g, '<br>');
}

/** An inline code span that `text` cannot end (paths, commands). */
export function inlineCode(text: string): string {
  const oneLine = text.replace(/\r\n|\r|\n/g, ' ');
  const longest = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${oneLine}${pad}${ticks}`;
}
