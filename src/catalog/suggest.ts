// Nearest-id suggestions for unknown ids: prefix and substring matches first, then edit distance.
import { byText } from '../format.js';

/** Damerau–Levenshtein (optimal string alignment) distance. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Up to `max` known ids closest to `wanted`: the close ones (a typo, a prefix, a part) when there are any, otherwise
 * the nearest there are, so an unknown id is never answered with nothing to try.
 * @example suggest('qwen35-27b', ids) // ['qwen3.5-27b', ...]
 */
export function suggest(wanted: string, known: Iterable<string>, max = 3): string[] {
  const w = wanted.toLowerCase();
  const bare = (s: string) => s.replace(/[^a-z0-9]/g, '');
  // Each id once: a generation and a model may share one (glm-5).
  const scored = [...new Set(known)].map((id) => {
    const contains = id.startsWith(w) || bare(id).includes(bare(w));
    // A typo in a prefix counts too: "llama-4-scot" is close to "llama-4-scout-17b-16e".
    const prefix = editDistance(w, id.slice(0, w.length)) + 0.5;
    const distance = Math.min(editDistance(w, id), editDistance(bare(w), bare(id)), w.length >= 4 ? prefix : Infinity);
    return { id, score: contains ? distance / 10 : distance };
  });
  const limit = Math.max(2, Math.ceil(w.length / 3));
  const ranked = scored.sort((a, b) => a.score - b.score || byText(a.id, b.id));
  const close = ranked.filter((s) => s.score <= limit);
  return (close.length > 0 ? close : ranked).slice(0, max).map((s) => s.id);
}
