/**
 * TXT snapshots (`X.Y.Z-rcN.txt`, `X.Y.Z.txt`, hotfix files, legacy lists): one patch a
 * line, `id` or `id:commit`; blank lines and `#` comments ignored.
 */
import { checkPatchId } from './patch-id.js';

export interface SnapshotEntry {
  id: string;
  commit?: string;
  line: number;
}

export interface Snapshot {
  entries: SnapshotEntry[];
  /** A legacy candidates file may start with `# HOTFIX`. */
  hotfixMarker: boolean;
}

export function parseSnapshot(text: string, file: string): Snapshot {
  const entries: SnapshotEntry[] = [];
  let hotfixMarker = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('#')) {
      if (entries.length === 0 && /^#\s*HOTFIX\b/.test(line)) hotfixMarker = true;
      return;
    }
    const [id, commit] = line.split(':', 2).map((s) => s.trim());
    checkPatchId(id!, { file, line: i + 1 });
    entries.push({ id: id!, ...(commit ? { commit } : {}), line: i + 1 });
  });
  return { entries, hotfixMarker };
}

export function renderSnapshot(entries: Array<{ id: string; commit?: string }>): string {
  return entries.map((e) => (e.commit ? `${e.id}:${e.commit}` : e.id)).join('\n') + (entries.length ? '\n' : '');
}
