/**
 * The ReleaseValidator promotions use: baseline + the release's staged patches, tests on
 * a clone; when that passes, `use` works on the patched database (promotions dump its
 * schema and half_orm_meta) before everything is removed.
 */
import { HopError } from '../../core/errors.js';
import { buildProjectState } from '../../core/state.js';
import { planValidateRelease, requireFolder } from '../../core/validation-plan.js';
import type { ReleaseValidator, StageContext, ValidatedDatabase, ValidationOutcome } from '../../ports.js';
import { dumpHalfOrmMeta, dumpSchema } from '../../adapters/postgres/psql.js';
import { failureBlock, howItBroke, patchTable, describeTests, runOk } from './report.js';
import { applyOnClone, testOnClone } from './run.js';
import { ValidationSession } from './session.js';
import { DEFAULT_TEST_COMMAND } from './test-runner.js';

export function createReleaseValidator(ctx: StageContext): ReleaseValidator {
  return {
    async validateRelease<T>(
      request: { root: string; version: string; testCommand?: string },
      use?: (db: ValidatedDatabase) => Promise<T>,
    ): Promise<ValidationOutcome & { value?: T }> {
      const state = buildProjectState(await ctx.workspace.readProject(request.root));
      const rel = state.inPreparation.find((r) => r.version === request.version);
      if (!rel) {
        throw new HopError(`release ${request.version} is not in preparation in ${request.root}`, {
          kind: 'failed',
          hint: `expected .hop/releases/${request.version}-patches.toml`,
          code: 'release-not-in-preparation',
        });
      }
      const plan = planValidateRelease(state, rel);
      for (const s of plan.staged) requireFolder(s, state.branch);
      const testCommand = request.testCommand ?? ctx.ci.input('test-command') ?? DEFAULT_TEST_COMMAND;
      const session = await ValidationSession.forStage(ctx, state);
      try {
        const { name, run } = await applyOnClone(session, ctx.ci, 'release', plan.staged);
        if (!run.failure) run.tests = await testOnClone(session, ctx.ci, 'release', name, testCommand);
        run.ok = runOk(run);
        const summary = [
          `### hop-ci: release ${plan.release} on baseline ${session.baselineRelease}: ${run.ok ? '✅ passed' : '❌ failed'}`,
          '',
          patchTable(run),
          '',
          `**Tests** \`${testCommand}\`: ${describeTests(run.tests)}`,
          ...(run.failure ? ['', failureBlock(run.failure)] : []),
        ].join('\n');
        if (!run.ok) {
          const f = run.failure;
          return {
            ok: false,
            failures: [
              f
                ? { patch: f.patch, ...(f.file ? { file: f.file } : {}), ...(f.line ? { line: f.line } : {}), message: f.message }
                : { message: howItBroke(run) },
            ],
            summary,
          };
        }
        const outcome: ValidationOutcome & { value?: T } = { ok: true, failures: [], summary };
        if (use) {
          const server = session.server;
          outcome.value = await use({
            server,
            name,
            dumpSchema: () => dumpSchema(server, name),
            dumpMetadata: (variant) => dumpHalfOrmMeta(server, name, variant),
          });
        }
        return outcome;
      } finally {
        await session.close();
      }
    },
  };
}
