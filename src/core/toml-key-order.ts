/**
 * The order in which keys first appear in a TOML document, with their line numbers.
 *
 * TOML parsers hand back plain JavaScript objects, and a JavaScript object lists
 * integer-like keys (a patch id "456") before all others: parsing alone would silently
 * reorder patches. This scanner reads only the key structure (table headers and the
 * keys of key/value lines) of a document that a real parser has already accepted, so it
 * can stay small: it never has to report syntax errors itself.
 */

export interface KeyOccurrence {
  /** Full dotted path of the key, table header included. */
  path: string[];
  /** 1-based line. */
  line: number;
}

const BARE_KEY = /[A-Za-z0-9_-]/;

interface Cursor {
  text: string;
  pos: number;
}

function skipSpaces(c: Cursor): void {
  while (c.pos < c.text.length && (c.text[c.pos] === ' ' || c.text[c.pos] === '\t')) c.pos++;
}

function readBasicString(c: Cursor): string {
  // c.pos is on the opening quote
  c.pos++;
  let out = '';
  while (c.pos < c.text.length && c.text[c.pos] !== '"') {
    const ch = c.text[c.pos]!;
    if (ch === '\\') {
      const next = c.text[c.pos + 1];
      if (next === 'u' || next === 'U') {
        const len = next === 'u' ? 4 : 8;
        out += String.fromCodePoint(Number.parseInt(c.text.slice(c.pos + 2, c.pos + 2 + len), 16));
        c.pos += 2 + len;
        continue;
      }
      const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\' };
      out += escapes[next ?? ''] ?? next ?? '';
      c.pos += 2;
      continue;
    }
    out += ch;
    c.pos++;
  }
  c.pos++; // closing quote
  return out;
}

function readLiteralString(c: Cursor): string {
  const end = c.text.indexOf("'", c.pos + 1);
  const s = c.text.slice(c.pos + 1, end < 0 ? undefined : end);
  c.pos = end < 0 ? c.text.length : end + 1;
  return s;
}

/** Reads a dotted key at the cursor; returns [] when there is none. */
function readKeyPath(c: Cursor): string[] {
  const keys: string[] = [];
  for (;;) {
    skipSpaces(c);
    const ch = c.text[c.pos];
    if (ch === '"') keys.push(readBasicString(c));
    else if (ch === "'") keys.push(readLiteralString(c));
    else {
      const start = c.pos;
      while (c.pos < c.text.length && BARE_KEY.test(c.text[c.pos]!)) c.pos++;
      if (c.pos === start) return keys;
      keys.push(c.text.slice(start, c.pos));
    }
    skipSpaces(c);
    if (c.text[c.pos] !== '.') return keys;
    c.pos++;
  }
}

/**
 * Tracks what a value leaves open at the end of its line: a multi-line string, or
 * brackets of an array / inline table that continue on the next lines.
 */
interface OpenState {
  multiline?: '"""' | "'''";
  depth: number;
}

function scanValue(text: string, from: number, state: OpenState): void {
  let i = from;
  while (i < text.length) {
    if (state.multiline) {
      const end = text.indexOf(state.multiline, i);
      if (end < 0) return;
      i = end + 3;
      // TOML allows up to two extra quotes right before the closing delimiter.
      while (text[i] === state.multiline[0]) i++;
      state.multiline = undefined;
      continue;
    }
    const ch = text[i]!;
    if (ch === '#') return;
    if (text.startsWith('"""', i) || text.startsWith("'''", i)) {
      state.multiline = text.slice(i, i + 3) as '"""' | "'''";
      i += 3;
      continue;
    }
    if (ch === '"') {
      const c = { text, pos: i };
      readBasicString(c);
      i = c.pos;
      continue;
    }
    if (ch === "'") {
      const c = { text, pos: i };
      readLiteralString(c);
      i = c.pos;
      continue;
    }
    if (ch === '[' || ch === '{') state.depth++;
    else if (ch === ']' || ch === '}') state.depth--;
    i++;
  }
}

export function scanKeyOrder(toml: string): KeyOccurrence[] {
  const out: KeyOccurrence[] = [];
  let table: string[] = [];
  const state: OpenState = { depth: 0 };
  const lines = toml.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const text = lines[n]!.replace(/\r$/, '');
    if (state.multiline || state.depth > 0) {
      scanValue(text, 0, state);
      continue;
    }
    const c: Cursor = { text, pos: 0 };
    skipSpaces(c);
    const ch = text[c.pos];
    if (ch === undefined || ch === '#') continue;
    if (ch === '[') {
      const isArray = text[c.pos + 1] === '[';
      c.pos += isArray ? 2 : 1;
      table = readKeyPath(c);
      out.push({ path: table, line: n + 1 });
      continue;
    }
    const key = readKeyPath(c);
    if (key.length === 0) continue;
    out.push({ path: [...table, ...key], line: n + 1 });
    skipSpaces(c);
    if (text[c.pos] === '=') scanValue(text, c.pos + 1, state);
  }
  return out;
}
