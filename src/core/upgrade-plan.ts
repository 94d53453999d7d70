/**
 * Where a database is and what an upgrade must apply to it: the recorded version
 * (half_orm_meta) refined by hop-ci's ledger, then every release above it up to the
 * target, each with only the patches the database does not have yet (an RC snapshot is
 * cumulative, so a staging database at rc1 gets only what rc2 added).
 */
import { HopError } from './errors.js';
import { upgradePath } from './rules.js';
import type { ProjectState, ReleaseSnapshot } from './state.js';
import type { LedgerRow } from './upgrade-ledger.js';
import { baseVersion, compareReleases, formatRelease, releaseTag, type ReleaseId } from './version.js';

export interface DatabasePosition {
  release: string;
  id: ReleaseId;
  /** Which record said it. */
  source: 'ledger' | 'half_orm_meta';
  /** A release some of whose parts are done, not all: the upgrade resumes it first. */
  resume?: LedgerRow;
  /** Patches of the current X.Y.Z already in the database (non-empty only at an rc). */
  appliedAtBase: string[];
}

export interface PlannedRelease {
  release: string;
  id: ReleaseId;
  kind: ReleaseSnapshot['kind'];
  tag: string;
  /** The snapshot file that lists the patches. */
  file: string;
  /** Patches to apply, in snapshot order. */
  patches: string[];
  /** Patches of the snapshot already applied through an earlier rc. */
  alreadyApplied: string[];
}

/**
 * The database's version: the higher of half_orm_meta's last release and the ledger's
 * last row (the ledger alone knows hotfix levels; half-orm-dev may have moved on since).
 */
export function resolvePosition(recorded: ReleaseId | undefined, ledger: LedgerRow[], state: ProjectState): DatabasePosition | undefined {
  const lastLedger = [...ledger].sort((a, b) => compareReleases(a.id, b.id)).pop();
  let id: ReleaseId;
  let source: DatabasePosition['source'];
  if (lastLedger && (!recorded || compareReleases(lastLedger.id, recorded) >= 0)) {
    id = lastLedger.id;
    source = 'ledger';
  } else if (recorded) {
    id = recorded;
    source = 'half_orm_meta';
  } else return undefined;
  if (id.level === 'hotfix' && !id.naming) id = { ...id, naming: state.hotfixNaming };
  const resume = ledger.find((r) => r.status === 'partial');
  let appliedAtBase: string[] = [];
  if (id.level === 'rc') {
    const sameBase = ledger.filter((r) => baseVersion(r.id) === baseVersion(id) && r.id.level === 'rc');
    if (source === 'ledger' && sameBase.length) appliedAtBase = [...new Set(sameBase.flatMap((r) => r.patches.map((p) => p.id)))];
    else appliedAtBase = state.rcs.find((r) => compareReleases(r.id, id) === 0)?.patches.map((p) => p.id) ?? [];
  }
  return { release: formatRelease(id), id, source, ...(resume ? { resume } : {}), appliedAtBase };
}

export function planUpgrade(
  state: ProjectState,
  position: DatabasePosition,
  options: { to?: string; includeRc?: boolean },
): PlannedRelease[] {
  const path = upgradePath(state, position.release, { ...(options.to ? { to: options.to } : {}), includeRc: Boolean(options.includeRc) });
  const appliedByBase = new Map<string, Set<string>>([[baseVersion(position.id), new Set(position.appliedAtBase)]]);
  return path.map((snap) => {
    const base = baseVersion(snap.id);
    const applied = appliedByBase.get(base) ?? new Set<string>();
    appliedByBase.set(base, applied);
    // A hotfix snapshot lists only its own patches; rc and release snapshots are cumulative.
    const patches = snap.patches.map((p) => p.id).filter((p) => snap.kind === 'hotfix' || !applied.has(p));
    const alreadyApplied = snap.kind === 'hotfix' ? [] : snap.patches.map((p) => p.id).filter((p) => applied.has(p));
    for (const p of patches) applied.add(p);
    return { release: snap.release, id: snap.id, kind: snap.kind, tag: releaseTag(snap.id), file: snap.file, patches, alreadyApplied };
  });
}

/** The refusal for a database that records no version at all. */
export function noVersionError(): HopError {
  return new HopError(
    'the database records no hop version: neither "half_orm_meta.view".hop_last_release nor hop-ci\'s ledger (hop_ci.applied_release) has a row',
    {
      kind: 'refused',
      hint: 'if its schema is that of a known release, record it once with `hop-ci run upgrade --baseline X.Y.Z` (nothing is applied), then upgrade',
      code: 'no-version',
    },
  );
}
