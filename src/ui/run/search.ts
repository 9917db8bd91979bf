/** Binary search over ascending series (candles, marks, line points). */

/** Index of the first of `items`, ascending by `timeOf`, at or after `time` (binary search). */
export function firstAtOrAfter<T>(
  items: ArrayLike<T>,
  time: number,
  timeOf: (item: T) => number,
): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timeOf(items[mid]!) < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
