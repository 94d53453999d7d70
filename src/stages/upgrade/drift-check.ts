/**
 * The drift check of an upgrade: which recorded dump stands for the database's version
 * (read from git at that version's tag), the live dump, and what a difference means.
 */
import { recordedDumpCandidates, normaliseForDrift, type DriftStatus } from '../../core/upgrade-drift.js';
import type { DatabasePosition } from '../../core/upgrade-plan.js';
import { releaseTag } from '../../core/version.js';
import type { GitReader } from '../../adapters/git-read.js';
import type { Env } from '../../adapters/postgres/binaries.js';
import { dumpLiveSchema, unifiedDiff } from '../../adapters/postgres/upgrade/drift.js';
import type { TargetDatabase } from '../../adapters/postgres/upgrade/target.js';

export interface DriftReport {
  status: DriftStatus;
  /** The recorded dump compared with, `path@tag`. */
  against?: string;
  diff?: string;
  note?: string;
}

export async function checkDrift(
  git: GitReader,
  position: DatabasePosition,
  target: TargetDatabase,
  env: Env,
  serverMajor: number,
): Promise<DriftReport> {
  const tag = releaseTag(position.id);
  // 0.0.0 has no tag: its dump is on every branch since the initial commit.
  const ref =
    (await git.commitOf(`refs/tags/${tag}`)) ??
    (position.release === '0.0.0' ? await git.commitOf('HEAD') : await git.tagCommit(tag).catch(() => undefined));
  if (!ref) return { status: 'skipped', note: `no tag ${tag}: the drift check was skipped` };
  const { candidates } = recordedDumpCandidates(position.id);
  for (const [i, path] of candidates.entries()) {
    const text = await git.readText(ref, path);
    if (text === undefined) continue;
    const against = `${path}@${tag}`;
    const live = await dumpLiveSchema(target, env, serverMajor);
    const diff = await unifiedDiff(normaliseForDrift(text), live, [against, `live ${target.describe}`], env);
    if (!diff) return { status: 'none', against };
    if (i > 0) {
      return {
        status: 'unverified',
        against,
        diff,
        note: `no schema dump was recorded for ${position.release}; compared with ${against}, and a difference may be ${position.release}'s own change rather than drift`,
      };
    }
    return { status: 'drift', against, diff };
  }
  return {
    status: 'skipped',
    note: `no recorded schema dump for ${position.release} (${candidates.join(', ')} at ${tag}): the drift check was skipped`,
  };
}
