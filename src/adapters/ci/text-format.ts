/** Plain-text rendering shared by the local and GitLab providers: colours and locations. */
import type { SourceLocation } from '../../ports.js';

export type Paint = (code: string, text: string) => string;

/** ANSI colours, or none (`NO_COLOR` set, or `enabled` false). `FORCE_COLOR` turns them on. */
export function painter(env: Readonly<Record<string, string | undefined>>, enabled: boolean): Paint {
  const on = !env['NO_COLOR'] && (enabled || Boolean(env['FORCE_COLOR'] && env['FORCE_COLOR'] !== '0'));
  return on ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
}

/**
 * `file:line:col: message`, as compilers print it (editors and terminals link it); the
 * message alone when it already names its file, as core errors often do.
 */
export function located(message: string, at?: SourceLocation): string {
  if (!at?.file || message.includes(at.file)) return message;
  return `${at.file}${at.line ? `:${at.line}` : ''}${at.line && at.column ? `:${at.column}` : ''}: ${message}`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
