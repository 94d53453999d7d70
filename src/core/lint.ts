/**
 * The migration lint of a patch: squawk's findings, with what squawk cannot know and
 * hop-ci does. A statement on a table the release itself creates locks nobody (the table
 * is new): not reported. A finding on an existing table says how many rows the table has
 * in the validation database. Rules that hop-ci's own execution makes moot are dropped.
 */
import { HopError } from './errors.js';

export type LintMode = 'warn' | 'fail' | 'off';

export const LINT_MODES: readonly LintMode[] = ['warn', 'fail', 'off'];

/**
 * Off by default: hop-ci runs each release in a transaction it opens (nothing to re-run
 * by hand), and an upgrade sets its own lock and statement timeouts.
 */
export const MOOT_RULES: ReadonlySet<string> = new Set(['require-lock-timeout', 'require-statement-timeout', 'prefer-robust-stmts']);

/** What squawk said, its line made 1-based. */
export interface RawFinding {
  /** Relative to the project root. */
  file: string;
  line: number;
  column: number;
  rule: string;
  level: 'warning' | 'error';
  message: string;
  help?: string;
}

export interface LintFinding extends RawFinding {
  patch: string;
  /** The existing table the statement works on (`public.posts`), when it names one. */
  table?: string;
  /** Rows of `table` in the validation database before the release. */
  rows?: number;
}

/** What hop-ci knows about the statement a finding is on. */
export interface StatementContext {
  /** `schema.table`, the schema defaulting to `public`. */
  table?: string;
}

export interface LintContext {
  /** Tables (`schema.table`) that existed before the release. */
  existing: ReadonlySet<string>;
  rows: ReadonlyMap<string, number>;
}

export function parseLintMode(value: string | undefined, from: string): LintMode | undefined {
  if (value === undefined || value === '') return undefined;
  const v = value.trim().toLowerCase();
  if ((LINT_MODES as readonly string[]).includes(v)) return v as LintMode;
  throw new HopError(`${from} must be warn, fail or off, not '${value}'`, {
    hint: 'warn reports squawk findings, fail also fails the stage on them, off does not lint',
    code: 'bad-input',
  });
}

/** Keeps what matters: no moot rule, nothing on a table the release creates. */
export function selectFindings(
  patch: string,
  raw: readonly RawFinding[],
  statementOf: (f: RawFinding) => StatementContext,
  context: LintContext,
): LintFinding[] {
  const out: LintFinding[] = [];
  for (const f of raw) {
    if (MOOT_RULES.has(f.rule)) continue;
    const { table } = statementOf(f);
    if (table && !context.existing.has(table)) continue;
    const rows = table ? context.rows.get(table) : undefined;
    out.push({ ...f, patch, ...(table ? { table } : {}), ...(rows !== undefined ? { rows } : {}) });
  }
  return out;
}

/** The message of an annotation: squawk's, its help, and hop-ci's context. */
export function findingMessage(f: LintFinding): string {
  const context = f.table
    ? ` (${f.table} exists before this release${f.rows !== undefined ? `, ${f.rows} row${f.rows === 1 ? '' : 's'} in the validation database` : ''})`
    : '';
  return `${f.rule}: ${f.message}${context}${f.help ? `\n${f.help}` : ''}`;
}

/** GitLab Code Quality (a subset of Code Climate's format): one issue a finding. */
export function codeQualityReport(findings: readonly LintFinding[], fingerprint: (text: string) => string): unknown[] {
  return findings.map((f) => ({
    description: findingMessage(f).split('\n')[0],
    check_name: f.rule,
    fingerprint: fingerprint(`${f.file}:${f.line}:${f.rule}`),
    severity: f.level === 'error' ? 'major' : 'minor',
    location: { path: f.file, lines: { begin: f.line } },
  }));
}

/** A compact Markdown table for the summary and the PR/MR comment. */
export function renderLintTable(findings: readonly LintFinding[], mode: LintMode, max = 30): string {
  if (findings.length === 0) return '**Lint** (squawk): no finding';
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const rows = findings
    .slice(0, max)
    .map(
      (f) =>
        `| \`${cell(f.file)}:${f.line}\` | ${cell(f.rule)} | ${cell(f.message)}${f.table ? ` (${cell(f.table)}${f.rows !== undefined ? `, ${f.rows} rows` : ''})` : ''} |`,
    );
  return [
    `**Lint** (squawk): ${findings.length} finding${findings.length === 1 ? '' : 's'}${mode === 'fail' ? ' — lint: fail' : ''}`,
    '',
    '| where | rule | what |',
    '|---|---|---|',
    ...rows,
    ...(findings.length > max ? [`| … | | ${findings.length - max} more in \`--json\` |`] : []),
  ].join('\n');
}
