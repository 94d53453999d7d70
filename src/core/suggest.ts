/**
 * "Did you mean …": the candidates closest to a mistyped word (edit distance, plus a
 * match on the number that starts patch ids), for commands, stages, options and patch ids.
 */

/** Levenshtein distance: insertions, deletions and substitutions, one each. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The closest candidates to `word`, when close enough to be what was meant: within a
 * third of the word's length in edits, or one that starts with it (`validate` →
 * `validate-patch`), or a patch id with the same number (`42` → `42-add-users`).
 */
export function closest(word: string, candidates: readonly string[], max = 3): string[] {
  const w = word.toLowerCase();
  const number = /^(\d+)(?:-|$)/.exec(w)?.[1];
  const scored = candidates
    .map((c) => {
      const lc = c.toLowerCase();
      let score = editDistance(w, lc);
      if (w.length >= 3 && lc.startsWith(w)) score = Math.min(score, 1);
      if (number !== undefined && lc.startsWith(`${number}-`)) score = Math.min(score, 1);
      return { c, score };
    })
    .filter(({ score }) => score <= Math.max(1, Math.floor(w.length / 3)))
    .sort((a, b) => a.score - b.score || a.c.localeCompare(b.c));
  // Only the best: `promote-prd` is promote-prod, not also promote-rc.
  return scored
    .filter(({ score }) => score === scored[0]!.score)
    .slice(0, max)
    .map(({ c }) => c);
}

/** ` (did you mean a or b?)`, or '' when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[], format: (c: string) => string = (c) => c): string {
  const found = closest(word, candidates);
  return found.length ? `did you mean ${found.map(format).join(' or ')}?` : '';
}
