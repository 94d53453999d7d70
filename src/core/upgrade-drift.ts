/**
 * Drift: the live schema of the database against the dump recorded at its release. Both
 * sides go through the same normalisation; this module decides which recorded dump
 * stands for a version and what a difference means.
 */
import { normaliseSchemaDump } from './schema-dump.js';
import { baseVersion, formatRelease, type ReleaseId } from './version.js';

/** normaliseSchemaDump, plus the whitespace pg_dump versions disagree on. */
export function normaliseForDrift(dump: string): string {
  return (
    normaliseSchemaDump(dump.replace(/\r\n/g, '\n'))
      .split('\n')
      .map((l) => l.replace(/\s+$/, ''))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}

export interface RecordedDumpChoice {
  /** Paths to try in order, relative to the root (`.hop/model/schema-1.2.0.post1.sql`, then the base). */
  candidates: string[];
}

/**
 * The recorded dumps that may stand for `id`. A hotfix level has a dump only when hop-ci
 * promoted it (half-orm-dev does not dump at promote hotfix): then the base release's dump
 * is the best there is, and a difference cannot be told from the hotfix's own changes.
 */
export function recordedDumpCandidates(id: ReleaseId): RecordedDumpChoice {
  const own = `.hop/model/schema-${formatRelease(id)}.sql`;
  if (id.level === 'release') return { candidates: [own] };
  return { candidates: [own, `.hop/model/schema-${baseVersion(id)}.sql`] };
}

export type DriftStatus = 'none' | 'drift' | 'allowed' | 'unverified' | 'skipped';
