/**
 * The remote's refs as a promotion sees them (fetched into hop-ci's namespace, by full
 * name) and the one atomic push that moves them.
 */
import { HopError } from '../../core/errors.js';
import type { RefUpdate } from '../../ports.js';

export const BRANCH_PREFIX = 'refs/heads/';
export const TAG_PREFIX = 'refs/tags/';

export function shortNames(refs: Map<string, string>, prefix: string): string[] {
  return [...refs.keys()].filter((r) => r.startsWith(prefix)).map((r) => r.slice(prefix.length));
}

/** ho-prod's tip on the remote, where every promotion starts reading. */
export function prodTipOf(refs: Map<string, string>, remote: string): string {
  const prodTip = refs.get(`${BRANCH_PREFIX}ho-prod`);
  if (!prodTip) {
    throw new HopError(`branch ho-prod does not exist on ${remote}`, {
      kind: 'refused',
      hint: `push ho-prod to ${remote}, or pass the right --remote`,
      code: 'no-ho-prod',
    });
  }
  return prodTip;
}

/** The atomic push: moved branches (leased on what was fetched), created branches and tag, deleted branches. */
export function refUpdates(
  refs: Map<string, string>,
  tips: Map<string, string>,
  acts: { tag: string; tagId: string; at: string; createBranches: readonly string[]; deleteBranches: readonly string[] },
): RefUpdate[] {
  const updates: RefUpdate[] = [];
  for (const [branch, id] of tips) {
    const before = refs.get(BRANCH_PREFIX + branch)!;
    if (id !== before) updates.push({ ref: BRANCH_PREFIX + branch, newId: id, expectedId: before });
  }
  for (const b of acts.createBranches) updates.push({ ref: BRANCH_PREFIX + b, newId: acts.at, expectedId: null });
  updates.push({ ref: TAG_PREFIX + acts.tag, newId: acts.tagId, expectedId: null });
  for (const b of acts.deleteBranches) updates.push({ ref: BRANCH_PREFIX + b, newId: null, expectedId: refs.get(BRANCH_PREFIX + b)! });
  return updates;
}

/** The refs of an atomic push, as a markdown table. */
export function pushedTable(updates: RefUpdate[], remote: string): string[] {
  const rows = updates.map((u) => `| \`${u.ref}\` | ${u.newId === null ? 'deleted' : u.expectedId === null ? 'created' : 'moved'} |`);
  return [`Pushed to ${remote} atomically:`, '', '| ref | |', '|---|---|', ...rows];
}
