/**
 * Checked list indexing. `noUncheckedIndexedAccess` makes every `list[i]` possibly undefined; these turn
 * an out-of-range index into a RangeError that names what was looked up, instead of a later crash.
 */

/** `items[index]`, or a RangeError naming `what` when the index is not an integer inside the list. */
export function itemAt<T>(items: readonly T[], index: number, what: string): T {
  const item = Number.isInteger(index) ? items[index] : undefined;
  if (item === undefined) throw new RangeError(`${what} index ${index} is outside [0, ${items.length})`);
  return item;
}

/** `i` wrapped into [0, length), also for negative `i` (JavaScript's % keeps the dividend's sign). */
export function wrapIndex(i: number, length: number): number {
  return ((i % length) + length) % length;
}
