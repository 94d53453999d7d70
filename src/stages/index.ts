/**
 * Every stage by name. Each stage is one file in this folder; it takes a context of
 * ports and returns a StageResult. Entry points (src/cli, src/action) only dispatch here.
 */
import { HopError } from '../core/errors.js';
import type { StageContext, StageResult } from '../ports.js';
import { planStage } from './plan.js';
import { validatePatchStage } from './validate-patch.js';
import { validateReleaseStage } from './validate-release.js';
import { promoteRcStage } from './promote-rc.js';
import { promoteProdStage } from './promote-prod.js';
import { promoteHotfixStage } from './promote-hotfix.js';
import { upgradeStage } from './upgrade.js';

export type StageFn = (ctx: StageContext) => Promise<StageResult>;

export const STAGE_NAMES = [
  'plan',
  'validate-patch',
  'validate-release',
  'promote-rc',
  'promote-prod',
  'promote-hotfix',
  'upgrade',
] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export const STAGES: Record<StageName, StageFn> = {
  plan: planStage,
  'validate-patch': validatePatchStage,
  'validate-release': validateReleaseStage,
  'promote-rc': (ctx) => promoteRcStage(ctx),
  'promote-prod': (ctx) => promoteProdStage(ctx),
  'promote-hotfix': (ctx) => promoteHotfixStage(ctx),
  upgrade: upgradeStage,
};

export function stageByName(name: string | undefined): StageFn {
  if (!name || !(STAGE_NAMES as readonly string[]).includes(name)) {
    throw new HopError(`unknown stage '${name ?? ''}'`, {
      hint: `choose one of: ${STAGE_NAMES.join(', ')}`,
      code: 'unknown-stage',
    });
  }
  return STAGES[name as StageName];
}
