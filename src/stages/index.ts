/**
 * Every stage by name. Each stage is one file in this folder; it takes a context of
 * ports and returns a StageResult. Entry points (src/cli, src/action) only dispatch here.
 */
import { HopError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import type { StageContext, StageResult } from '../ports.js';

export type StageFn = (ctx: StageContext) => Promise<StageResult>;

export const STAGE_NAMES = [
  'plan',
  'validate-patch',
  'validate-release',
  'promote-rc',
  'promote-prod',
  'promote-hotfix',
  'promote-finalise',
  'upgrade',
] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/**
 * Each stage is loaded when it runs: `plan` or `--version` need not evaluate pg, git and
 * the upgrade machinery at start-up (bench/startup.bench.ts measures the difference).
 */
export const STAGES: Record<StageName, StageFn> = {
  plan: async (ctx) => (await import('./plan.js')).planStage(ctx),
  'validate-patch': async (ctx) => (await import('./validate-patch.js')).validatePatchStage(ctx),
  'validate-release': async (ctx) => (await import('./validate-release.js')).validateReleaseStage(ctx),
  'promote-rc': async (ctx) => (await import('./promote-rc.js')).promoteRcStage(ctx),
  'promote-prod': async (ctx) => (await import('./promote-prod.js')).promoteProdStage(ctx),
  'promote-hotfix': async (ctx) => (await import('./promote-hotfix.js')).promoteHotfixStage(ctx),
  'promote-finalise': async (ctx) => (await import('./promote-finalise.js')).promoteFinaliseStage(ctx),
  upgrade: async (ctx) => (await import('./upgrade.js')).upgradeStage(ctx),
};

export function stageByName(name: string | undefined): StageFn {
  if (!name || !(STAGE_NAMES as readonly string[]).includes(name)) {
    const guess = name ? didYouMean(name, STAGE_NAMES, (s) => `hop-ci run ${s}`) : '';
    throw new HopError(name ? `unknown stage '${name}'${guess ? `: ${guess}` : ''}` : 'which stage? `hop-ci run` needs one', {
      hint: `choose one of: ${STAGE_NAMES.join(', ')} (\`hop-ci run <stage> --help\` for its options)`,
      code: 'unknown-stage',
    });
  }
  return STAGES[name as StageName];
}
