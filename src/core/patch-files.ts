/**
 * Which files of a patch folder run, in which order, and how (HOP-FORMAT.md): files in
 * order of their lower-cased names; README.md and folders skipped; `.sql` as one simple
 * query, `.psql` through psql, `.py` with the project's Python; anything else ignored.
 */
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

/** `names` are the plain files of the folder (sub-folders already left out). */
export function selectPatchFiles(names: string[]): PatchFileSelection {
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
