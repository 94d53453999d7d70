/**
 * The body of the sticky PR/MR comment: one per stage, found again by a hidden marker
 * (`<!-- hop-ci:plan -->`) so that each run updates it instead of adding another.
 */

/** GitHub rejects comments over 65,536 characters; GitLab's limit is far higher. */
export const COMMENT_LIMIT = 65_000;

export function commentMarker(stage: string): string {
  return `<!-- hop-ci:${stage} -->`;
}

export function renderComment(marker: string, body: string, context: { runUrl?: string; sha?: string }): string {
  const footer = [
    context.runUrl ? `[run](${context.runUrl})` : undefined,
    context.sha ? `commit \`${context.sha.slice(0, 8)}\`` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  const tail = `\n\n<sub>hop-ci${footer ? ` · ${footer}` : ''}</sub>`;
  let text = body.trim();
  const room = COMMENT_LIMIT - marker.length - tail.length - 40;
  if (text.length > room) text = `${text.slice(0, room)}\n\n… (truncated: see the run)`;
  return `${marker}\n${text}${tail}`;
}

export function carriesMarker(body: string | undefined | null, marker: string): boolean {
  return typeof body === 'string' && body.includes(marker);
}

/** The `comment` input: on unless explicitly false (a typo must not silence the comment). */
export function commentWanted(value: string | undefined): boolean {
  return !/^(false|no|off|0)$/i.test(value?.trim() ?? '');
}

/** A short reason for a failed comment request, with the HTTP status when there is one. */
export function describeRequestError(e: unknown): string {
  const status = typeof e === 'object' && e !== null && 'status' in e ? (e as { status: unknown }).status : undefined;
  const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
  return status !== undefined ? `HTTP ${String(status)}: ${message}` : (message ?? 'unknown error');
}
