/**
 * `X.Y.Z-patches.toml`: a release in preparation. Two shapes exist (hop 0.17.1–0.17.3
 * and 0.17.4+), both read here; the order of patches is the order in the document.
 */
import { parse, TomlError } from 'smol-toml';
import { HopError } from './errors.js';
import { checkPatchId } from './patch-id.js';
import { scanKeyOrder } from './toml-key-order.js';

export type PatchStatus = 'candidate' | 'staged';
const STATUSES: readonly string[] = ['candidate', 'staged'];

export interface ReleasePatch {
  id: string;
  status: PatchStatus;
  /** 8-char merge commit, when hop recorded one. */
  mergeCommit?: string;
  /** Line of the patch's key in the file (for messages). */
  line?: number;
}

export interface PatchesToml {
  patches: ReleasePatch[];
  /** The `[metadata]` table when present (free-form). */
  metadata?: Record<string, unknown>;
  /** Which shape the file uses, so that a writer keeps it. */
  shape: 'tables' | 'inline';
}

function tomlError(file: string, e: TomlError): HopError {
  const first = e.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
  return new HopError(`${file}:${e.line}:${e.column}: malformed TOML: ${first}`, {
    file,
    line: e.line,
    column: e.column,
    hint: 'fix the syntax (see https://toml.io); half-orm-dev writes [patches.<id>] tables with status = "staged" | "candidate"',
    code: 'toml-syntax',
  });
}

export function parsePatchesToml(text: string, file: string): PatchesToml {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof TomlError) throw tomlError(file, e);
    throw e;
  }
  const table = doc['patches'];
  if (table === undefined) {
    // An empty file is an empty release; anything else without [patches] is suspect.
    if (Object.keys(doc).length === 0 || (Object.keys(doc).length === 1 && 'metadata' in doc)) {
      return { patches: [], shape: 'tables', metadata: doc['metadata'] as Record<string, unknown> | undefined };
    }
    throw new HopError(`${file}: no [patches] table`, {
      file,
      hint: 'a release file lists its patches under [patches]; an empty release is the single line [patches]',
      code: 'toml-no-patches',
    });
  }
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    throw new HopError(`${file}: 'patches' must be a table`, { file, code: 'toml-shape' });
  }
  const entries = table as Record<string, unknown>;

  // Document order (and lines) of the keys directly under `patches`.
  const order: string[] = [];
  const lines = new Map<string, number>();
  for (const occ of scanKeyOrder(text)) {
    if (occ.path.length >= 2 && occ.path[0] === 'patches' && !lines.has(occ.path[1]!)) {
      lines.set(occ.path[1]!, occ.line);
      order.push(occ.path[1]!);
    }
  }
  // Keys the scanner could not see (e.g. `patches = { ... }` inline) keep object order.
  for (const key of Object.keys(entries)) if (!lines.has(key)) order.push(key);

  let sawTable = false;
  let sawInline = false;
  const patches = order
    .filter((id) => id in entries)
    .map((id): ReleasePatch => {
      const line = lines.get(id);
      checkPatchId(id, { file, line, what: `patch id in [patches]` });
      const value = entries[id];
      let status: unknown;
      let mergeCommit: unknown;
      if (typeof value === 'string') {
        sawInline = true;
        status = value;
      } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        sawTable = true;
        status = (value as Record<string, unknown>)['status'];
        mergeCommit = (value as Record<string, unknown>)['merge_commit'];
      }
      if (typeof status !== 'string' || !STATUSES.includes(status)) {
        throw new HopError(`${file}${line ? `:${line}` : ''}: patch '${id}' has unknown status ${JSON.stringify(status ?? null)}`, {
          file,
          line,
          hint: 'a patch status is "candidate" or "staged"',
          code: 'unknown-status',
        });
      }
      return {
        id,
        status: status as PatchStatus,
        ...(typeof mergeCommit === 'string' ? { mergeCommit } : {}),
        ...(line ? { line } : {}),
      };
    });
  const metadata = doc['metadata'];
  return {
    patches,
    shape: sawInline && !sawTable ? 'inline' : 'tables',
    ...(metadata && typeof metadata === 'object' ? { metadata: metadata as Record<string, unknown> } : {}),
  };
}

function tomlKey(id: string): string {
  return /^[A-Za-z0-9_-]+$/.test(id) ? id : JSON.stringify(id);
}

/** Writes the file in the shape the repository already uses. */
export function renderPatchesToml(doc: PatchesToml): string {
  if (doc.patches.length === 0 && !doc.metadata) return '[patches]\n';
  const parts: string[] = [];
  if (doc.shape === 'inline') {
    parts.push(['[patches]', ...doc.patches.map((p) => `${JSON.stringify(p.id)} = ${JSON.stringify(p.status)}`)].join('\n'));
  } else {
    if (doc.patches.length === 0) parts.push('[patches]');
    for (const p of doc.patches) {
      const lines = [`[patches.${tomlKey(p.id)}]`, `status = ${JSON.stringify(p.status)}`];
      if (p.mergeCommit) lines.push(`merge_commit = ${JSON.stringify(p.mergeCommit)}`);
      parts.push(lines.join('\n'));
    }
  }
  if (doc.metadata) {
    const meta = Object.entries(doc.metadata).map(([k, v]) => `${tomlKey(k)} = ${JSON.stringify(v)}`);
    parts.push(['[metadata]', ...meta].join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}
