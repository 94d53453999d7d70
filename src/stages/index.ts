/**
 * Every stage by name. Each stage is one file in this folder; it takes a context of
 * ports and returns a StageResult. Entry points (src/cli, src/action) only dispatch here.
 */
import { HopError } from '../core/errors.js';
import type { StageContext, StageResult } from '../ports.js';
import { planStage } from './plan.js';

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

function notYet(name: StageName): StageFn {
  return async () => {
    throw new HopError(`stage '${name}' is not available in this version of hop-ci`, {
      kind: 'input',
      hint: 'upgrade hop-ci, or run `hop-ci plan` to see the state',
      code: 'stage-unavailable',
    });
  };
}

export const STAGES: Record<StageName, StageFn> = {
  plan: planStage,
  'validate-patch': notYet('validate-patch'),
  'validate-release': notYet('validate-release'),
  'promote-rc': notYet('promote-rc'),
  'promote-prod': notYet('promote-prod'),
  'promote-hotfix': notYet('promote-hotfix'),
  upgrade: notYet('upgrade'),
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
