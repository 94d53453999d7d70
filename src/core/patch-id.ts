/**
 * Patch ids. They become folder and branch names, so they are checked before any path
 * or ref is built from them: `^\d+$` or `^\d+-[a-z0-9]+(-[a-z0-9]+)*$`.
 */
import { HopError, type HopErrorDetails } from './errors.js';

const PATCH_ID_RE = /^\d+(?:-[a-z0-9]+)*$/;

export function isValidPatchId(id: string): boolean {
  return PATCH_ID_RE.test(id);
}

/** Throws a HopError naming where the bad id was found. */
export function checkPatchId(id: string, where: HopErrorDetails & { what?: string } = {}): string {
  if (!isValidPatchId(id)) {
    const { what = 'patch id', ...details } = where;
    const prefix = details.file ? `${details.file}${details.line ? `:${details.line}` : ''}: ` : '';
    throw new HopError(`${prefix}invalid ${what} '${id}'`, {
      hint: 'a patch id is a number, optionally followed by lower-case words joined by dashes (e.g. 42 or 42-add-users)',
      code: 'invalid-patch-id',
      ...details,
    });
  }
  return id;
}

/** The id with leading zeros of its number dropped: `007-x` and `7-x` are one patch. */
export function canonicalPatchId(id: string): string {
  return id.replace(/^0+(?=\d)/, '');
}
