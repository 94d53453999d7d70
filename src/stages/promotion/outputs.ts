/** The action outputs of promote-rc, promote-prod and promote-hotfix (action.yml). */
import type { PromotionScript } from '../../core/promotion-plan.js';

export function outputsOf(script: PromotionScript, result: string): Record<string, string> {
  return {
    version: script.version,
    tag: script.tag,
    patches: JSON.stringify(script.patches),
    'release-file': script.releaseFile,
    'schema-file': script.schemaFile ?? '',
    result,
  };
}
