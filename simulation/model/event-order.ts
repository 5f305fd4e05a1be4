/** Sorted runs this long are built by insertion before the merges. */
const SORT_RUN = 16;

/**
 * Sorts the event indices order[0..n) by start, ties by index: a total order,
 * so the result is the one any sort gives, here without a comparator call per
 * comparison (a bottom-up merge sort of insertion-sorted runs; `scratch`, at
 * least n long, takes every other pass). Returns whichever of the two holds it.
 */
export function sortByStart(order: Int32Array, scratch: Int32Array, n: number, starts: number[]): Int32Array {
  for (let lo = 0; lo < n; lo += SORT_RUN) {
    const hi = Math.min(n, lo + SORT_RUN);
    for (let i = lo + 1; i < hi; i++) {
      const v = order[i];
      const sv = starts[v];
      let j = i - 1;
      while (j >= lo && (starts[order[j]] > sv || (starts[order[j]] === sv && order[j] > v))) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = v;
    }
  }
  let src = order;
  let dst = scratch;
  for (let width = SORT_RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      let w = lo;
      while (i < mid && j < hi) {
        const a = src[i];
        const b = src[j];
        if (starts[b] < starts[a] || (starts[b] === starts[a] && b < a)) {
          dst[w++] = b;
          j++;
        } else {
          dst[w++] = a;
          i++;
        }
      }
      while (i < mid) dst[w++] = src[i++];
      while (j < hi) dst[w++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}
