/**
 * What `plan --from V` says of each release on the upgrade path that does not run as one
 * transaction: the parts read from its tag, as `upgrade` will run them (issue 11, honest
 * atomicity), and the locks it takes on existing tables (issue 16). Reading tags may fail on
 * a checkout without them: the plan then says so.
 */
import { parseRelease } from '../../core/version.js';
import type { ProjectState } from '../../core/state.js';
import { planUpgrade } from '../../core/upgrade-plan.js';
import { atomicityNotes, lockNotes } from '../../core/upgrade-render.js';
import type { ReleaseLocks } from '../../core/release-locks.js';
import { locksOfRelease } from '../../adapters/release-locks.js';
import type { StageContext } from '../../ports.js';
import { GitReader } from '../../adapters/git-read.js';
import { HopError } from '../../core/errors.js';
import { loadReleases } from './load-releases.js';

/** The server major the SQL is parsed for when no database is at hand. */
const ASSUMED_SERVER_MAJOR = 15;

export interface PartsPreview {
  /** For people: how each release runs when not in one transaction. */
  notes: string[];
  /** For people: one line per release, the locks it takes on existing tables. */
  lockLines: string[];
  /** For `--json`: each release's locks on existing tables. */
  locks: Array<{ release: string } & ReleaseLocks>;
}

export async function previewParts(
  ctx: Pick<StageContext, 'env'>,
  state: ProjectState,
  from: string,
  options: { to?: string; includeRc: boolean },
): Promise<PartsPreview> {
  const position = { release: from, id: parseRelease(from, 'from'), source: 'half_orm_meta' as const, appliedAtBase: [] };
  const planned = planUpgrade(state, position, options);
  if (planned.length === 0) return { notes: [], lockLines: [], locks: [] };
  const git = new GitReader(state.root, ctx.env);
  try {
    const releases = await loadReleases(git, planned, {
      serverMajor: ASSUMED_SERVER_MAJOR,
      refusePython: false,
      notice: () => undefined,
    });
    for (const r of releases) r.plan.locks = await locksOfRelease(r.files, ASSUMED_SERVER_MAJOR);
    const plans = releases.map((r) => r.plan);
    return { notes: atomicityNotes(plans), lockLines: lockNotes(plans), locks: plans.map((r) => ({ release: r.release, ...r.locks! })) };
  } catch (e) {
    if (!(e instanceof HopError)) throw e;
    return { notes: [`(how each release runs is not known here: ${e.message.split('\n')[0]})`], lockLines: [], locks: [] };
  } finally {
    git.close();
  }
}
