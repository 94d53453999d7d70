/**
 * The locks a release takes, read from its files (src/core/release-locks.ts): every `.sql`
 * file is parsed whole here, also those the executor sends without cutting.
 */
import { releaseLocks, type LockedFile, type ReleaseLocks } from '../core/release-locks.js';
import type { ReleaseFile } from '../core/release-parts.js';
import { splitSql } from './sql-statements.js';

export async function locksOfRelease(files: ReleaseFile[], serverMajor: number): Promise<ReleaseLocks> {
  const locked: LockedFile[] = [];
  for (const file of files) {
    const label = `${file.patch}/${file.name}`;
    if (file.kind !== 'sql') {
      locked.push({ label, kind: file.kind });
      continue;
    }
    const split = await splitSql(file.text, serverMajor);
    // SQL the parser rejects fails the release where it runs; its locks are not guessed.
    locked.push(split.ok ? { label, kind: 'sql', statements: split.statements } : { label, kind: 'sql' });
  }
  return releaseLocks(locked);
}
