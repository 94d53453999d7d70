/**
 * What a validation run did, as data (for --json and outputs) and as markdown (job
 * summary, PR/MR comment) and text (local runs).
 */
import type { CatalogChange } from '../../core/catalog.js';
import type { PatchStep } from '../../core/validation-plan.js';
import { escapeMarkdown, fenced, inlineCode } from '../../core/markdown.js';
import type { PatchTiming } from './apply-patch.js';
import { fmtMs, type ApplyFailure, type Phases } from './session.js';
import type { TestResult } from './test-runner.js';

/** One database: the patches applied on it and the tests run on it. */
export interface ValidationRun {
  label: string;
  patches: PatchStep[];
  timings: PatchTiming[];
  /** Patch id → its schema change, for the patches whose change was asked for. */
  schemaChanges?: Record<string, CatalogChange[]>;
  failure?: ApplyFailure;
  tests?: TestResult;
  /** Why the run did not happen (staged patches already broken). */
  notRun?: string;
  ok: boolean;
}

export function runOk(r: Pick<ValidationRun, 'failure' | 'tests' | 'notRun'>): boolean {
  return !r.failure && !r.notRun && (!r.tests || r.tests.status !== 'failed');
}

/** Text made safe for one markdown table cell. */
export function cell(text: string): string {
  return escapeMarkdown(text);
}

export function describeTests(t: TestResult | undefined): string {
  if (!t) return 'not run';
  if (t.status === 'skipped') return 'skipped (--test-command none)';
  if (t.status === 'no-tests') return `no tests collected (exit 5): pass, ${fmtMs(t.ms)}`;
  return `${t.status} (exit ${t.exitCode ?? 'signal'}), ${fmtMs(t.ms)}`;
}

export function howItBroke(r: ValidationRun): string {
  if (r.notRun) return r.notRun;
  if (r.failure) return r.failure.message.split('\n')[0]!;
  if (r.tests?.status === 'failed') {
    const summary = [...r.tests.tail].reverse().find((l) => /\bfailed\b|\berror\b/i.test(l));
    return `tests failed (exit ${r.tests.exitCode ?? 'signal'})${summary ? `: ${summary.trim()}` : ''}`;
  }
  return '';
}

export function patchTable(run: ValidationRun, highlight?: string): string {
  const rows = run.patches.map((p, i) => {
    const timing = run.timings.find((t) => t.id === p.id);
    const failed = run.failure?.patch === p.id;
    const status = failed ? '❌ failed' : timing ? '✅' : '—';
    const what = `${p.status}${p.id === highlight ? ' (this patch)' : ''}`;
    return `| ${i + 1} | ${p.id} | ${what} | ${status} | ${timing ? timing.files.length : ''} | ${timing ? fmtMs(timing.ms) : ''} |`;
  });
  return ['| # | patch | kind | result | files | time |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

export function failureBlock(f: ApplyFailure): string {
  const where = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}${f.line && f.column ? `:${f.column}` : ''}` : '';
  return [fenced([f.message, ...(f.hint ? [`hint: ${f.hint}`] : [])].join('\n')), ...(where ? [`at ${inlineCode(where)}`] : [])].join('\n');
}

export function testsBlock(t: TestResult): string {
  return ['<details><summary>test output (last lines)</summary>', '', fenced(t.tail.slice(-25).join('\n')), '</details>'].join('\n');
}

export function phasesLine(phases: Phases): string {
  return Object.entries(phases)
    .map(([k, v]) => `${k} ${fmtMs(v)}`)
    .join(' · ');
}

/** The error line of a failure with what to do, as the CLI and the annotations show it. */
export function failureMessage(f: ApplyFailure): string {
  return f.hint ? `${f.message}\nhint: ${f.hint}` : f.message;
}
