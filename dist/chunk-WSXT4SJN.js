import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);

// src/core/suggest.ts
function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
function closest(word, candidates, max = 3) {
  const w = word.toLowerCase();
  const number = /^(\d+)(?:-|$)/.exec(w)?.[1];
  const scored = candidates.map((c) => {
    const lc = c.toLowerCase();
    let score = editDistance(w, lc);
    if (w.length >= 3 && lc.startsWith(w)) score = Math.min(score, 1);
    if (number !== void 0 && lc.startsWith(`${number}-`)) score = Math.min(score, 1);
    return { c, score };
  }).filter(({ score }) => score <= Math.max(1, Math.floor(w.length / 3))).sort((a, b) => a.score - b.score || a.c.localeCompare(b.c));
  return scored.filter(({ score }) => score === scored[0].score).slice(0, max).map(({ c }) => c);
}
function didYouMean(word, candidates, format = (c) => c) {
  const found = closest(word, candidates);
  return found.length ? `did you mean ${found.map(format).join(" or ")}?` : "";
}

export {
  didYouMean
};
