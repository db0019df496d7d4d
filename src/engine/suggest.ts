/** Edit distance for "did you mean" suggestions: typed names are short, so the plain algorithm is enough. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The closest candidate within a few edits (or one that contains the word), or null. */
export function didYouMean(word: string, candidates: Iterable<string>): string | null {
  let best: { c: string; d: number } | null = null;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    const limit = Math.max(1, Math.min(3, Math.floor(c.length / 3)));
    const close = d <= limit || (w.length >= 3 && c.toLowerCase().includes(w));
    if (close && (!best || d < best.d)) best = { c, d };
  }
  return best?.c ?? null;
}
