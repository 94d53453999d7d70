/**
 * The schema change of a patch: the catalog comparison (core/catalog.ts) of the database
 * just before the patch with the database just after it, as a reviewer reads it — added,
 * dropped (destructive: data goes with it), altered old → new.
 */
import { changeSubject, oneLine, type CatalogChange } from './catalog.js';

/** A change as `--json` gives it. */
export type SchemaChange = CatalogChange & { destructive: boolean };

export function asSchemaChanges(changes: readonly CatalogChange[]): SchemaChange[] {
  return changes.map((c) => ({ ...c, destructive: c.change === 'dropped' }));
}

/** One line for logs: `+ table public.tags`, `- table public.old (destructive)`, `~ … type: text → integer`. */
export function describeSchemaChange(c: CatalogChange): string {
  const subject = changeSubject(c);
  if (c.change === 'added') return `+ ${subject}`;
  if (c.change === 'dropped') return `- ${subject} (destructive)`;
  return `~ ${subject}: ${c.property}: ${c.before ? oneLine(c.before, 100) : '(none)'} → ${c.after ? oneLine(c.after, 100) : '(none)'}`;
}

const SYMBOL = { added: '➕ added', dropped: '⚠️ dropped (destructive)', altered: '✏️ altered' } as const;

/** A compact Markdown table for the job summary and the PR/MR comment; `max` rows, the rest counted. */
export function renderSchemaChangeTable(title: string, changes: readonly CatalogChange[], max = 40): string {
  if (changes.length === 0) return `**${title}**: no schema change`;
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/`/g, "'");
  const code = (s: string) => (s ? `\`${cell(oneLine(s, 60))}\`` : '(none)');
  const rows = changes.slice(0, max).map((c) => {
    const detail = c.change === 'altered' ? `${c.property}: ${code(c.before)} → ${code(c.after)}` : '';
    return `| ${SYMBOL[c.change]} | ${cell(changeSubject(c))} | ${detail} |`;
  });
  const dropped = changes.filter((c) => c.change === 'dropped').length;
  return [
    `**${title}**: ${changes.length} change${changes.length === 1 ? '' : 's'}${dropped ? `, ${dropped} destructive` : ''}`,
    '',
    '| change | object | detail |',
    '|---|---|---|',
    ...rows,
    ...(changes.length > max ? [`| … | ${changes.length - max} more in \`--json\` | |`] : []),
  ].join('\n');
}
