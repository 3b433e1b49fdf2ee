/**
 * Synthetic ISBN-13s for the catalog's books. They carry a valid check digit so that tools and humans
 * reading URLs see plausible identifiers, and they are unique per book index by construction.
 */
import { Rng } from '../util/rng.js';

const BODY_SPACE = 1_000_000_000;
// Coprime with 10^9 (odd, not a multiple of 5), so index ↦ index * A + B mod 10^9 is a bijection: unique
// ISBNs without a collision check, yet neighbouring books do not get neighbouring numbers. Small enough
// that index * A stays far below 2^53.
const SCRAMBLE = 1_234_567;

/** The ISBN-13 check digit of the first 12 digits (weights 1, 3, 1, 3, …). */
export function isbn13CheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) throw new RangeError(`expected 12 digits (got "${first12}")`);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** True for 13 digits (no separators) with a 978/979 prefix and a correct check digit. */
export function isValidIsbn13(value: string): boolean {
  if (!/^97[89]\d{10}$/.test(value)) return false;
  return isbn13CheckDigit(value.slice(0, 12)) === Number(value[12]);
}

/** The 978-prefixed ISBN-13 of book `index` in a catalog with `seed`; distinct indices give distinct ISBNs. */
export function isbnForIndex(index: number, seed: number): string {
  if (!Number.isSafeInteger(index) || index < 0 || index >= BODY_SPACE) {
    throw new RangeError(`book index must be an integer in [0, ${BODY_SPACE}) (got ${index})`);
  }
  const offset = new Rng(seed).fork('isbn').int(0, BODY_SPACE - 1);
  const body = ((index * SCRAMBLE + offset) % BODY_SPACE).toString().padStart(9, '0');
  const first12 = `978${body}`;
  return `${first12}${isbn13CheckDigit(first12)}`;
}
