/** Reads the project around `ctx.cwd` into the typed state. */
import { buildProjectState, type ProjectState } from '../core/state.js';
import type { StageContext } from '../ports.js';

export async function loadState(ctx: Pick<StageContext, 'cwd' | 'workspace'>): Promise<ProjectState> {
  const root = await ctx.workspace.findRoot(ctx.cwd);
  return buildProjectState(await ctx.workspace.readProject(root));
}
