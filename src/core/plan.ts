/**
 * `hop-ci plan`: what each stage would do now. The JSON shape is a public contract
 * (other tools and the generated workflows read it): keep its keys stable.
 */
import { planBaseline } from './baseline.js';
import { HopError } from './errors.js';
import { checkKnownStart, isRefusal, planPromotion, upgradePath, type PromotionKind } from './rules.js';
import type { ProjectState } from './state.js';
import { baseVersion } from './version.js';

export interface PlanPatch {
  id: string;
  status: 'candidate' | 'staged';
  /** The patch folder on this checkout, or null when this branch does not have it. */
  folder: string | null;
  /** Where it can be found when `folder` is null. */
  branch?: string;
}

export interface PlanJson {
  production: string | null;
  /** The version the schema.sql link names (`0.0.0` before the first release). */
  schema: string | null;
  /**
   * The state a validation starts from: the release it stands for and the dump restored
   * first (`.hop/model/schema-0.1.0.post1.sql` after a hotfix hop-ci promoted; `exact`
   * false when hotfix patches are replayed over an older dump). Null without a schema.
   */
  baseline: { release: string; dump: string; exact: boolean } | null;
  hotfixNaming: 'hotfix' | 'post';
  inPreparation: Array<{ version: string; hotfix: boolean; file: string; patches: PlanPatch[] }>;
  rcs: Record<string, number[]>;
  promote: Record<PromotionKind, { version: string; tag: string } | { error: string; hint?: string }>;
  upgrade?: string[];
}

export interface MatrixEntry {
  patch: string;
  release: string;
}

export function buildPlan(state: ProjectState, options: { from?: string; to?: string; includeRc?: boolean } = {}): PlanJson {
  const rcs: Record<string, number[]> = {};
  for (const rc of state.rcs) (rcs[baseVersion(rc.id)] ??= []).push(rc.id.n);
  const promote = {} as PlanJson['promote'];
  for (const kind of ['rc', 'prod', 'hotfix'] as const) {
    const p = planPromotion(state, kind);
    promote[kind] = isRefusal(p) ? { error: p.error, ...(p.hint ? { hint: p.hint } : {}) } : { version: p.version, tag: p.tag };
  }
  const plan: PlanJson = {
    production: state.current?.release ?? null,
    schema: state.schema?.release ?? null,
    baseline: baselineOf(state),
    hotfixNaming: state.hotfixNaming,
    inPreparation: state.inPreparation.map((rel) => ({
      version: rel.version,
      hotfix: rel.hotfix,
      file: rel.file,
      patches: rel.patches.map((p) => {
        const folder = state.patchFolders.get(p.id) ?? null;
        return {
          id: p.id,
          status: p.status,
          folder,
          ...(folder ? {} : { branch: p.status === 'candidate' ? `ho-patch/${p.id}` : `ho-release/${rel.version}` }),
        };
      }),
    })),
    rcs,
    promote,
  };
  if (options.from !== undefined) {
    checkKnownStart(state, options.from);
    plan.upgrade = upgradePath(state, options.from, { to: options.to, includeRc: options.includeRc }).map((r) => r.release);
  }
  return plan;
}

function baselineOf(state: ProjectState): PlanJson['baseline'] {
  if (!state.schema) return null;
  try {
    const { release, dump, exact } = planBaseline(state);
    return { release, dump, exact };
  } catch (e) {
    if (e instanceof HopError) return null; // plan reports, it does not refuse: validation names the missing file
    throw e;
  }
}

export function buildMatrix(state: ProjectState): MatrixEntry[] {
  return state.inPreparation.flatMap((rel) => rel.patches.map((p) => ({ patch: p.id, release: rel.version })));
}

/** The plan for a person: short, aligned, says why a promotion is refused. */
export function renderPlan(plan: PlanJson): string {
  const out: string[] = [];
  const base = plan.baseline;
  const from =
    base && base.release !== plan.schema ? `; baseline ${base.release} from ${base.dump}${base.exact ? '' : ' + hotfix patches'}` : '';
  out.push(`production: ${plan.production ?? 'none yet'}${plan.schema ? ` (schema.sql → ${plan.schema}${from})` : ''}`);
  if (plan.inPreparation.length === 0) out.push('no release in preparation');
  for (const rel of plan.inPreparation) {
    const rcs = plan.rcs[rel.version];
    out.push('');
    out.push(`release ${rel.version}${rel.hotfix ? ' (hotfix)' : ''}${rcs?.length ? `, rc ${rcs.join(', ')}` : ''} — ${rel.file}`);
    if (rel.patches.length === 0) out.push('  (no patches)');
    const width = Math.max(0, ...rel.patches.map((p) => p.id.length));
    for (const p of rel.patches) {
      const where = p.folder ?? `not on this branch (on ${p.branch})`;
      out.push(`  ${p.id.padEnd(width)}  ${p.status.padEnd(9)}  ${where}`);
    }
  }
  out.push('');
  for (const kind of ['rc', 'prod', 'hotfix'] as const) {
    const p = plan.promote[kind];
    const label = `promote-${kind}`.padEnd(14);
    out.push('error' in p ? `${label} refused: ${p.error}${p.hint ? ` (${p.hint})` : ''}` : `${label} → ${p.version} (tag ${p.tag})`);
  }
  if (plan.upgrade) out.push('', `upgrade: ${plan.upgrade.length ? plan.upgrade.join(' → ') : 'nothing to apply'}`);
  return out.join('\n');
}
