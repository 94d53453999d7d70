/**
 * A database schema as its catalog describes it, object by object, and the comparison of
 * two of them. Each property is PostgreSQL's own rendering (`pg_get_*def`, `format_type`),
 * so pg_dump versions and formatting never matter. Owners, privileges, comments and
 * statistics targets are not read at all: they are not part of a schema's meaning here.
 *
 * One home for every schema comparison: the upgrade's drift check (recorded vs live) and
 * the schema change of a patch (before vs after).
 */

/** What an object is, as a person names it ("table public.users", "column nickname"). */
export type CatalogKind =
  | 'schema'
  | 'extension'
  | 'table'
  | 'foreign table'
  | 'view'
  | 'materialized view'
  | 'sequence'
  | 'function'
  | 'procedure'
  | 'enum type'
  | 'domain'
  | 'range type'
  | 'composite type'
  // Members of a relation:
  | 'column'
  | 'constraint'
  | 'index'
  | 'trigger'
  | 'policy';

export interface CatalogEntry {
  kind: CatalogKind;
  /** Schema-qualified for top-level objects (`public.users`, `public.f(integer)`), bare for members (`nickname`). */
  name: string;
  /** `kind name` of the relation a member belongs to. */
  parent?: string;
  /** Compared one by one; a property left out is the same as absent. */
  props: Readonly<Record<string, string>>;
}

export interface CatalogSnapshot {
  entries: readonly CatalogEntry[];
}

/** `table public.users`, or `table public.users: column nickname` for a member. */
export function entryKey(e: Pick<CatalogEntry, 'kind' | 'name' | 'parent'>): string {
  return e.parent ? `${e.parent}: ${e.kind} ${e.name}` : `${e.kind} ${e.name}`;
}

interface ChangeLocation {
  /** `table public.users` */
  object: string;
  /** `column nickname`, when the change is to a member of `object`. */
  member?: string;
  kind: CatalogKind;
}

export type CatalogChange =
  | ({ change: 'added' } & ChangeLocation)
  | ({ change: 'dropped' } & ChangeLocation)
  | ({ change: 'altered'; property: string; before: string; after: string } & ChangeLocation);

function located(e: CatalogEntry): ChangeLocation {
  return e.parent ? { object: e.parent, member: `${e.kind} ${e.name}`, kind: e.kind } : { object: `${e.kind} ${e.name}`, kind: e.kind };
}

/**
 * What changed from `before` to `after`, in a stable order (object, then member). The
 * members of a relation that is itself added or dropped are not listed one by one.
 */
export function compareCatalogs(before: CatalogSnapshot, after: CatalogSnapshot): CatalogChange[] {
  const index = (s: CatalogSnapshot) => new Map(s.entries.map((e) => [entryKey(e), e]));
  const a = index(before);
  const b = index(after);
  const changes: CatalogChange[] = [];
  const wholeObject = new Set<string>();
  for (const [key, e] of a) if (!e.parent && !b.has(key)) wholeObject.add(key);
  for (const [key, e] of b) if (!e.parent && !a.has(key)) wholeObject.add(key);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  for (const key of keys) {
    const x = a.get(key);
    const y = b.get(key);
    const e = (y ?? x)!;
    if (e.parent && wholeObject.has(e.parent)) continue;
    if (!y) changes.push({ change: 'dropped', ...located(x!) });
    else if (!x) changes.push({ change: 'added', ...located(y) });
    else
      for (const property of [...new Set([...Object.keys(x.props), ...Object.keys(y.props)])].sort()) {
        const p = x.props[property] ?? '';
        const q = y.props[property] ?? '';
        if (p !== q) changes.push({ change: 'altered', ...located(y), property, before: p, after: q });
      }
  }
  return changes.sort((p, q) => compareText(p.object, q.object) || compareText(p.member ?? '', q.member ?? ''));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `table public.users: column nickname`, the subject of a change in one line. */
export function changeSubject(c: CatalogChange): string {
  return c.member ? `${c.object}: ${c.member}` : c.object;
}

/** A rendering on one line, cut to `max` characters, for logs and tables (the JSON keeps it whole). */
export function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
