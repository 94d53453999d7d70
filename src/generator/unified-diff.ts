/**
 * A unified diff of two texts, line by line (what `generate --check` prints). Longest
 * common subsequence after trimming the common head and tail: the files are a few hundred
 * lines, so the quadratic table stays small.
 */

const CONTEXT = 3;

type Op = { kind: ' ' | '-' | '+'; line: string };

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function lineOps(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const n = x.length;
  const m = y.length;
  // lcs[i * (m + 1) + j]: length of the LCS of x[i..] and y[j..].
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] =
        x[i] === y[j] ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    }
  }
  const ops: Op[] = a.slice(0, head).map((line) => ({ kind: ' ', line }));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      ops.push({ kind: ' ', line: x[i++]! });
      j++;
    } else if (j < m && (i === n || lcs[i * (m + 1) + j + 1]! >= lcs[(i + 1) * (m + 1) + j]!)) {
      ops.push({ kind: '+', line: y[j++]! });
    } else {
      ops.push({ kind: '-', line: x[i++]! });
    }
  }
  ops.push(...a.slice(a.length - tail).map((line) => ({ kind: ' ' as const, line })));
  return ops;
}

/** `--- a/<name>` / `+++ b/<name>` hunks, or '' when the texts are equal. */
export function unifiedDiff(oldText: string, newText: string, name: string): string {
  if (oldText === newText) return '';
  const ops = lineOps(splitLines(oldText), splitLines(newText));
  const out = [`--- ${oldText === '' ? '/dev/null' : `a/${name}`}`, `+++ b/${name}`];
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k]!.kind === ' ') k++;
    if (k >= ops.length) break;
    // A hunk: from CONTEXT lines before this change to CONTEXT lines after the last change
    // that is at most 2 * CONTEXT unchanged lines further.
    const start = Math.max(0, k - CONTEXT);
    let end = k;
    for (let last = k; end < ops.length; end++) {
      if (ops[end]!.kind !== ' ') last = end;
      else if (end - last > 2 * CONTEXT) break;
    }
    let lastChange = end - 1;
    while (ops[lastChange]!.kind === ' ') lastChange--;
    const stop = Math.min(ops.length, lastChange + 1 + CONTEXT);
    let oldStart = 1;
    let newStart = 1;
    for (let p = 0; p < start; p++) {
      if (ops[p]!.kind !== '+') oldStart++;
      if (ops[p]!.kind !== '-') newStart++;
    }
    const hunk = ops.slice(start, stop);
    const oldLen = hunk.filter((o) => o.kind !== '+').length;
    const newLen = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${oldLen ? oldStart : oldStart - 1},${oldLen} +${newLen ? newStart : newStart - 1},${newLen} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.line}`);
    k = stop;
  }
  return `${out.join('\n')}\n`;
}
