/**
 * The building blocks of a validation on a session: apply patches on a clone, run the
 * tests on a clone, keep a patched database as the template of later clones.
 */
import { describeSchemaChange } from '../../core/schema-change.js';
import { describeAtomicity } from '../../core/release-parts.js';
import { describeReleaseLocks, type ReleaseLocks } from '../../core/release-locks.js';
import type { PatchStep } from '../../core/validation-plan.js';
import type { CiProvider } from '../../ports.js';
import { runOk, type ValidationRun } from './report.js';
import { fmtMs, type ApplyFailure, type ValidationSession } from './session.js';
import type { TestResult } from './test-runner.js';

function add(session: ValidationSession, phase: string, ms: number): void {
  session.phases[phase] = (session.phases[phase] ?? 0) + ms;
}

/** Clones `template`, applies `steps` on it and leaves it in place (the caller drops it). */
export async function applyOnClone(
  session: ValidationSession,
  ci: Pick<CiProvider, 'info'>,
  label: string,
  steps: PatchStep[],
  template?: string,
  schemaOf?: ReadonlySet<string>,
): Promise<{ name: string; run: ValidationRun }> {
  const t0 = session.now();
  const name = await session.clone(label, template);
  const t1 = session.now();
  add(session, 'clone', t1 - t0);
  const { timings, failure, schemaChanges } = await session.applySteps(
    name,
    steps,
    (t, s, schemaChange) => {
      ci.info(`  ✓ ${s.id} (${s.status}, ${t.files.length} file${t.files.length === 1 ? '' : 's'}, ${fmtMs(t.ms)})`);
      for (const c of schemaChange ?? []) ci.info(`      ${describeSchemaChange(c)}`);
    },
    schemaOf,
  );
  add(session, 'patches', session.now() - t1);
  if (failure) ci.info(`  ✗ ${failure.patch}: ${failure.message.split('\n')[0]}`);
  const run: ValidationRun = { label, patches: steps, timings, schemaChanges, ...(failure ? { failure } : {}), ok: !failure };
  return { name, run };
}

/** Runs the tests on a fresh clone of `template` (the template itself stays untouched). */
export async function testOnClone(
  session: ValidationSession,
  ci: Pick<CiProvider, 'info'>,
  label: string,
  template: string,
  command: string,
): Promise<TestResult> {
  const t0 = session.now();
  const name = await session.clone(`${label}_t`, template);
  add(session, 'clone', session.now() - t0);
  try {
    ci.info(`  running the tests: ${command}`);
    const tests = await session.runTests(name, command);
    add(session, 'tests', tests.ms);
    ci.info(`  tests: ${tests.status} (${fmtMs(tests.ms)})`);
    return tests;
  } finally {
    await session.drop(name);
  }
}

/** Applies `steps` on a clone of the baseline, then the tests on that database. */
export async function validateSteps(
  session: ValidationSession,
  ci: Pick<CiProvider, 'info'>,
  label: string,
  steps: PatchStep[],
  command: string,
  template?: string,
  schemaOf?: ReadonlySet<string>,
): Promise<ValidationRun> {
  const { name, run } = await applyOnClone(session, ci, label, steps, template, schemaOf);
  try {
    if (run.failure) return run;
    ci.info(`  running the tests: ${command}`);
    const tests = await session.runTests(name, command);
    session.phases['tests'] = (session.phases['tests'] ?? 0) + tests.ms;
    ci.info(`  tests: ${tests.status} (${fmtMs(tests.ms)})`);
    const done = { ...run, tests };
    return { ...done, ok: runOk(done) };
  } finally {
    await session.drop(name);
  }
}

/** How production will run a release, as validate-release found it by rehearsing it. */
export interface UpgradeRehearsal {
  /** `0.2.0 runs in 4 parts: …; a failure in part 3 leaves parts 1–2 applied and recorded`. */
  plan: string;
  /** `0.2.0 locks: public.users ACCESS EXCLUSIVE (blocks reads and writes: …)`. */
  locksLine?: string;
  locks?: ReleaseLocks;
  failure?: ApplyFailure;
}

/**
 * Rehearses the production upgrade: the patches applied to a clone of the baseline as one
 * release, through the executor and the parts `upgrade` uses.
 */
export async function rehearseUpgrade(
  session: ValidationSession,
  ci: Pick<CiProvider, 'info'>,
  release: string,
  steps: PatchStep[],
): Promise<UpgradeRehearsal> {
  const t0 = session.now();
  const name = await session.clone(`${release}_upgrade`);
  try {
    const done = await session.applyAsRelease(name, steps);
    if (done.failure) {
      ci.info(`  ✗ ${done.failure.patch}: ${done.failure.message.split('\n')[0]}`);
      return { plan: `${release} fails when applied as upgrade runs it`, failure: done.failure };
    }
    const plan = describeAtomicity(release, done.parts);
    ci.info(`  ✓ ${plan} (${fmtMs(done.ms)})`);
    if (!done.locks) return { plan };
    const locksLine = describeReleaseLocks(release, done.locks);
    ci.info(`  ${locksLine}`);
    return { plan, locksLine, locks: done.locks };
  } finally {
    await session.drop(name);
    add(session, 'rehearsal', session.now() - t0);
  }
}
