/**
 * The lint of a validation: squawk on each `.sql`/`.psql` file of the patches, with the
 * context hop-ci has (core/lint.ts): which tables existed before the release (the
 * baseline template's catalog) and how many rows they have there. Then annotations at
 * file:line, and on GitLab a Code Quality report file.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import {
  codeQualityReport,
  findingMessage,
  MOOT_RULES,
  parseLintMode,
  selectFindings,
  type LintFinding,
  type LintMode,
  type RawFinding,
  type StatementContext,
} from '../../core/lint.js';
import { selectPatchFiles } from '../../core/patch-files.js';
import type { ProjectState } from '../../core/state.js';
import type { PatchStep } from '../../core/validation-plan.js';
import type { StageContext } from '../../ports.js';
import { connectDatabase, quoteIdent } from '../../adapters/postgres/managed-server.js';
import { findSquawk, runSquawk } from '../../adapters/squawk.js';
import { splitSql, type SqlStatement } from '../../adapters/sql-statements.js';
import type { ValidationSession } from './session.js';

/** Where GitLab finds the report (`artifacts: reports: codequality:` in the generated job). */
export const CODE_QUALITY_REPORT = 'gl-code-quality-report.json';

/** `lint` from the input/flag (`HOP_LINT` on GitLab), else `.hop/ci.toml`, else warn. */
export async function readLintMode(ctx: Pick<StageContext, 'ci' | 'workspace'>, state: ProjectState): Promise<LintMode> {
  const fromInput = parseLintMode(ctx.ci.input('lint'), "input 'lint'");
  if (fromInput) return fromInput;
  const file = path.join(state.root, '.hop', 'ci.toml');
  if (await ctx.workspace.exists(file)) {
    let doc: Record<string, unknown> = {};
    try {
      doc = parseToml(await ctx.workspace.readText(file)) as Record<string, unknown>;
    } catch {
      // A malformed ci.toml is `generate`'s to report, with its line.
    }
    const value = doc['lint'];
    if (value !== undefined) return parseLintMode(String(value), '.hop/ci.toml: lint') ?? 'warn';
  }
  return 'warn';
}

/** `schema.table` as quote_ident writes it (the catalog's names), the schema defaulting to public. */
function tableKey(schema: string | undefined, name: string): string {
  const q = (s: string) => (/^[a-z_][a-z0-9_$]*$/.test(s) ? s : quoteIdent(s));
  return `${q(schema ?? 'public')}.${q(name)}`;
}

/** psql meta-commands (`\set`, `\i`) are not SQL: blanked, so that lines stay where they are. */
function sqlOfPsql(text: string): string {
  return text.replace(/^[ \t]*\\.*$/gm, '');
}

/** The statement a finding's line falls in: the last one starting at or before it. */
function statementAt(statements: SqlStatement[], text: string, line: number): SqlStatement | undefined {
  let found: SqlStatement | undefined;
  for (const s of statements) {
    const startLine = text.slice(0, s.offset).split('\n').length;
    if (startLine <= line) found = s;
  }
  return found;
}

export async function lintPatches(session: ValidationSession, ctx: StageContext, steps: PatchStep[]): Promise<LintFinding[]> {
  const root = session.root;
  const squawk = findSquawk(root, ctx.env);
  const pgVersion = session.server.majorVersion;
  const perFile: Array<{ patch: string; raw: RawFinding[]; statements: SqlStatement[]; text: string }> = [];
  for (const step of steps) {
    const { folder, displayFolder } = session.patchInput(step);
    const { run } = selectPatchFiles(await readdir(folder), displayFolder);
    for (const entry of run) {
      if (entry.kind === 'py') continue;
      const original = await readFile(path.join(folder, entry.name), 'utf8');
      const text = entry.kind === 'psql' ? sqlOfPsql(original) : original;
      const file = `${displayFolder}/${entry.name}`;
      const raw = (await runSquawk(squawk, { text, file, pgVersion, projectRoot: root, env: ctx.env })).filter(
        (f) => !MOOT_RULES.has(f.rule),
      );
      const split = raw.length ? await splitSql(text, pgVersion) : undefined;
      perFile.push({ patch: step.id, raw, statements: split?.ok ? split.statements : [], text });
    }
  }
  if (perFile.every((f) => f.raw.length === 0)) return [];

  // What existed before the release, and its rows: the baseline template (only the tables the statements name).
  const named = [
    ...new Set(perFile.flatMap((f) => f.statements.flatMap((s) => (s.relation ? [tableKey(s.relation.schema, s.relation.name)] : [])))),
  ];
  const existing = new Set<string>();
  const rows = new Map<string, number>();
  if (named.length) {
    const client = await connectDatabase(session.server, session.templateName());
    try {
      const found = await client.query<{ t: string }>('SELECT t FROM unnest($1::text[]) t WHERE to_regclass(t) IS NOT NULL', [named]);
      for (const { t } of found.rows) {
        existing.add(t);
        const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`);
        rows.set(t, Number(r.rows[0]!.n));
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return perFile.flatMap((f) =>
    selectFindings(
      f.patch,
      f.raw,
      (finding): StatementContext => {
        const s = statementAt(f.statements, f.text, finding.line);
        return s?.relation ? { table: tableKey(s.relation.schema, s.relation.name) } : {};
      },
      { existing, rows },
    ),
  );
}

/** Annotations at file:line (errors under lint: fail), and the GitLab Code Quality report. */
export async function reportFindings(ctx: StageContext, root: string, findings: LintFinding[], mode: LintMode): Promise<void> {
  for (const f of findings) {
    // A candidate read from its own branch (`ho-patch/7-x:Patches/7-x/…`) is not on this checkout: no file to point at.
    const onCheckout = !f.file.includes(':');
    const at = { ...(onCheckout ? { file: f.file, line: f.line, column: f.column } : {}), title: `squawk: ${f.rule}` };
    if (mode === 'fail') ctx.ci.error(findingMessage(f), at);
    else ctx.ci.warning(findingMessage(f), at);
  }
  if (ctx.ci.name === 'gitlab') {
    const report = codeQualityReport(findings, (s) => createHash('sha256').update(s).digest('hex'));
    // Artifacts paths are relative to the checkout, which may be above the project.
    await ctx.workspace.writeText(
      path.join(ctx.env['CI_PROJECT_DIR'] ?? root, CODE_QUALITY_REPORT),
      `${JSON.stringify(report, null, 2)}\n`,
    );
  }
}
