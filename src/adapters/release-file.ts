/**
 * A patch file made ready for the executor: a `.sql` file is cut into statements only
 * when it has one that ends a transaction (src/core/release-parts.ts), else sent whole.
 */
import type { PatchFileKind } from '../core/patch-files.js';
import type { ReleaseFile } from '../core/release-parts.js';
import { statementsToCut } from './sql-statements.js';

export interface SqlSyntaxError {
  message: string;
  line: number;
  column: number;
}

export async function toReleaseFile(
  file: { patch: string; name: string; kind: PatchFileKind; path: string; text: string },
  serverMajor: number,
): Promise<{ file: ReleaseFile; syntaxError?: SqlSyntaxError }> {
  if (file.kind !== 'sql') return { file };
  const split = await statementsToCut(file.text, serverMajor);
  if (!split) return { file };
  // A file the parser rejects is sent whole: PostgreSQL then reports the error at its place.
  if (!split.ok) return { file, syntaxError: { message: split.message, line: split.line, column: split.column } };
  return { file: { ...file, statements: split.statements } };
}
