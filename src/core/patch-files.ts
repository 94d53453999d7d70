/**
 * Which files of a patch folder run, in which order, and how (HOP-FORMAT.md): files in
 * order of their lower-cased names; README.md and folders skipped; `.sql` as one simple
 * query, `.psql` through psql, `.py` with the project's Python; anything else ignored.
 */
import { HopError } from './errors.js';

export type PatchFileKind = 'sql' | 'psql' | 'py';

export interface PatchFileEntry {
  name: string;
  kind: PatchFileKind;
}

export interface PatchFileSelection {
  run: PatchFileEntry[];
  /** Files that are neither run nor README.md: the caller prints a notice for each. */
  ignored: string[];
}

export function patchFileKind(name: string): PatchFileKind | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.sql')) return 'sql';
  if (lower.endsWith('.psql')) return 'psql';
  if (lower.endsWith('.py')) return 'py';
  return undefined;
}

/**
 * Control characters (C0, DEL, C1, line and paragraph separators): a name with one can
 * fake lines in every log, annotation and summary that shows it, and no tool needs them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * `names` are the plain files of the patch folder `folder` (sub-folders already left
 * out). A name with a control character is refused before anything runs.
 */
export function selectPatchFiles(names: string[], folder: string): PatchFileSelection {
  const unsafe = names.find((n) => CONTROL_CHARACTER.test(n));
  if (unsafe !== undefined)
    throw new HopError(`patch folder ${folder} has a file whose name contains a control character: ${JSON.stringify(unsafe)}`, {
      kind: 'input',
      file: folder,
      hint: 'rename the file (`git mv`) to a name without line breaks, tabs or other control characters, and push again',
      code: 'patch-file-name',
    });
  const sorted = [...names].sort((a, b) => {
    const la = a.toLowerCase();
    const lb = b.toLowerCase();
    return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  });
  const run: PatchFileEntry[] = [];
  const ignored: string[] = [];
  for (const name of sorted) {
    if (name.toLowerCase() === 'readme.md') continue;
    const kind = patchFileKind(name);
    if (kind) run.push({ name, kind });
    else ignored.push(name);
  }
  return { run, ignored };
}
