/** Binary search over ascending series (candles, marks, line points, log entries). */

/**
 * The first index of [0, length) at which `before` turns false, `before` being true for a prefix
 * and false after it (binary search).
 */
export function partitionPoint(length: number, before: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first of `items`, ascending by `timeOf`, at or after `time` (binary search). */
export function firstAtOrAfter<T>(
  items: ArrayLike<T>,
  time: number,
  timeOf: (item: T) => number,
): number {
  return partitionPoint(items.length, (index) => timeOf(items[index]!) < time);
}
