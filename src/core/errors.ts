/**
 * Typed errors. A HopError is a failure the user can act on: it carries where it
 * happened (file, line, patch, ref) and a hint saying what to do. Anything else that
 * escapes a stage is a bug in hop-ci and is reported as such (InternalError).
 */

/** How a failure maps to the CLI exit code: `input` → 2, `refused`/`failed` → 1. */
export type HopErrorKind = 'input' | 'refused' | 'failed';

export interface HopErrorDetails {
  /** What kind of failure this is; decides the exit code. */
  kind?: HopErrorKind;
  /** What to do about it, one sentence. */
  hint?: string;
  /** The file it concerns, relative to the project root when possible. */
  file?: string;
  line?: number;
  column?: number;
  /** A stable machine-readable code, e.g. `toml-syntax`. */
  code?: string;
}

export class HopError extends Error {
  readonly kind: HopErrorKind;
  readonly hint?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly code?: string;

  constructor(message: string, details: HopErrorDetails = {}) {
    super(message);
    this.name = 'HopError';
    this.kind = details.kind ?? 'input';
    this.hint = details.hint;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.code = details.code;
  }

  get exitCode(): 1 | 2 {
    return this.kind === 'input' ? 2 : 1;
  }

  /** `file:line:col: message` — the one line a user reads first. */
  get location(): string | undefined {
    if (!this.file) return undefined;
    let where = this.file;
    if (this.line !== undefined) where += `:${this.line}`;
    if (this.line !== undefined && this.column !== undefined) where += `:${this.column}`;
    return where;
  }
}

/** A broken invariant inside hop-ci: never the user's fault. */
export class InternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InternalError';
  }
}

export const BUG_REPORT_URL = 'https://github.com/hop-ci/hop-ci/issues';
