/**
 * What `plan --from V` says of each release on the upgrade path that does not run as one
 * transaction: the parts read from its tag, as `upgrade` will run them (issue 11, honest
 * atomicity). Reading tags may fail on a checkout without them: the plan then says so.
 */
import { parseRelease } from '../../core/version.js';
import type { ProjectState } from '../../core/state.js';
import { planUpgrade } from '../../core/upgrade-plan.js';
import { atomicityNotes } from '../../core/upgrade-render.js';
import type { StageContext } from '../../ports.js';
import { GitReader } from '../../adapters/git-read.js';
import { HopError } from '../../core/errors.js';
import { loadReleases } from './load-releases.js';

/** The server major the SQL is parsed for when no database is at hand. */
const ASSUMED_SERVER_MAJOR = 15;

export async function previewParts(
  ctx: Pick<StageContext, 'env'>,
  state: ProjectState,
  from: string,
  options: { to?: string; includeRc: boolean },
): Promise<string[]> {
  const position = { release: from, id: parseRelease(from, 'from'), source: 'half_orm_meta' as const, appliedAtBase: [] };
  const planned = planUpgrade(state, position, options);
  if (planned.length === 0) return [];
  try {
    const releases = await loadReleases(new GitReader(state.root, ctx.env), planned, {
      serverMajor: ASSUMED_SERVER_MAJOR,
      refusePython: false,
      notice: () => undefined,
    });
    return atomicityNotes(releases.map((r) => r.plan));
  } catch (e) {
    if (!(e instanceof HopError)) throw e;
    return [`(how each release runs is not known here: ${e.message.split('\n')[0]})`];
  }
}
