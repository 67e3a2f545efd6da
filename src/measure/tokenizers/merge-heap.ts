// The BPE merge loop for long words: lowest-ranked adjacent pair first (leftmost among equals), in n log n time.

/**
 * Merges symbols 0…n−1 as BPE does: repeatedly the adjacent pair with the lowest `rank(left, right)`
 * (the leftmost among equal ranks) until no pair has a finite rank; `merge(left, right)` folds the
 * right symbol into the left one (the left index survives). Returns the surviving indices in order.
 * A heap with lazily dropped stale pairs, as Hugging Face `tokenizers` does, so a word of 100,000
 * symbols takes milliseconds where rescanning every pair after each merge would take minutes.
 * @example mergeLowest(3, (l, r) => (l === 0 && r === 1 ? 5 : Infinity), () => {}) // [0, 2]
 */
export function mergeLowest(n: number, rank: (left: number, right: number) => number, merge: (left: number, right: number) => void): number[] {
  const next = Int32Array.from({ length: n }, (_, i) => (i + 1 < n ? i + 1 : -1));
  const prev = Int32Array.from({ length: n }, (_, i) => i - 1);
  const alive = new Uint8Array(n).fill(1);
  // Heap entries: [rank, left, right]; ordered by rank, then left index.
  const heap: [number, number, number][] = [];
  const less = (a: [number, number, number], b: [number, number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  const push = (left: number, right: number) => {
    const r = rank(left, right);
    if (r === Infinity) return;
    heap.push([r, left, right]);
    for (let i = heap.length - 1; i > 0;) {
      const up = (i - 1) >> 1;
      if (!less(heap[i]!, heap[up]!)) break;
      [heap[i], heap[up]] = [heap[up]!, heap[i]!];
      i = up;
    }
  };
  const pop = () => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let m = i;
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  };
  for (let i = 0; i + 1 < n; i++) push(i, i + 1);
  while (heap.length > 0) {
    const [r, left, right] = pop();
    // Stale: a side was merged away, the pair is no longer adjacent, or its symbols changed.
    if (!alive[left] || !alive[right] || next[left] !== right || rank(left, right) !== r) continue;
    merge(left, right);
    alive[right] = 0;
    next[left] = next[right]!;
    if (next[right]! >= 0) prev[next[right]!] = left;
    if (prev[left]! >= 0) push(prev[left]!, left);
    if (next[left]! >= 0) push(left, next[left]!);
  }
  const out: number[] = [];
  for (let i = 0; i >= 0 && i < n; i = next[i]!) out.push(i);
  return out;
}
