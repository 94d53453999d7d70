/**
 * The pull/merge request a `pull-request` promotion opens into `ho-prod`: its title, and a
 * body a reviewer can act on — the patches, the validation result, the schema change, and
 * what merging will trigger. Pure: the stage passes what it validated and dumped.
 */
import { renderFinalisation, type FinalisationPlan } from './promotion-finalise.js';
import type { PromotionScript } from './promotion-plan.js';

export function promotionRequestTitle(script: PromotionScript): string {
  return script.kind === 'hotfix'
    ? `[hop] Hotfix ${script.version} to production`
    : `[hop] Promote release ${script.releaseVersion} to production`;
}

/** GitHub refuses bodies over 65,536 characters; the schema diff gives way first. */
const BODY_LIMIT = 60_000;

export interface PromotionRequestBody {
  script: PromotionScript;
  /** Markdown of the validation (validate-release's table). */
  validation: string;
  /** A unified diff of the schema dump against the production one; empty: no change. */
  schemaDiff: string;
  /** What the finalisation will do after the merge. */
  finalisation: FinalisationPlan;
  head: string;
  base: string;
  runUrl?: string;
}

export function renderPromotionRequestBody(input: PromotionRequestBody): string {
  const { script } = input;
  const head = [
    `## ${script.kind === 'hotfix' ? `Hotfix ${script.version}` : `Release ${script.releaseVersion}`} → production`,
    '',
    `This pull request was opened by hop-ci (promotion mode \`pull-request\`). It carries the promotion commit${script.steps.length > 1 ? 's' : ''} of \`${script.version}\`, built on \`${input.base}\` exactly as a push-mode promotion builds ${script.steps.length > 1 ? 'them' : 'it'}: ${script.steps.map((s) => `"${s.message}"`).join(', ')}.`,
    '',
    `**Patches** (in the order they are applied): ${script.patches.length ? script.patches.map((p) => `\`${p}\``).join(', ') : '(none)'}`,
    '',
    `**Files**: \`${script.releaseFile}\`${script.schemaFile ? `, \`${script.schemaFile}\`` : ''}; the release's \`-patches.toml\` is removed.`,
    '',
    '### Validation',
    '',
    input.validation.trim() || 'validated: every staged patch applied on the production baseline and the tests passed.',
    ...(input.runUrl ? ['', `[the validation run](${input.runUrl})`] : []),
  ];
  const merge = [
    '',
    '### What merging will do',
    '',
    'Merge this request with a merge commit, a squash or a rebase (fast-forward): the push to',
    `\`${input.base}\` runs hop-ci's finalisation, which finds the release by its file, then:`,
    '',
    '```',
    // Without its first line, which describes the state after the merge.
    ...renderFinalisation(input.finalisation).split('\n').slice(1),
    '```',
    '',
    `Do not push other changes to \`${input.head}\`: hop-ci rebuilds it on every run of promote-${script.kind}.`,
    'To abandon the promotion, close this request and delete the branch; nothing else has changed.',
  ];
  const room = BODY_LIMIT - [...head, ...merge].join('\n').length - 200;
  const diff = input.schemaDiff.trim();
  const schema = [
    '',
    '### Schema change',
    '',
    ...(diff === ''
      ? ['No change to the schema dump.']
      : diff.length <= room
        ? ['<details><summary>diff of the schema dump</summary>', '', '```diff', diff, '```', '', '</details>']
        : [
            `The diff of the schema dump is ${diff.length} characters long: see \`${script.schemaFile ?? 'the schema file'}\` in the changes.`,
          ]),
  ];
  return [...head, ...schema, ...merge].join('\n');
}
