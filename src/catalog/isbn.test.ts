import { describe, expect, it } from 'vitest';
import { isbn13CheckDigit, isbnForIndex, isValidIsbn13 } from './isbn.js';

describe('ISBN-13', () => {
  it('computes check digits of real ISBNs', () => {
    expect(isbn13CheckDigit('978030640615')).toBe(7);
    expect(isValidIsbn13('9780306406157')).toBe(true);
    expect(isValidIsbn13('9781861972712')).toBe(true);
  });

  it('rejects wrong check digits, lengths, prefixes and separators', () => {
    expect(isValidIsbn13('9780306406158')).toBe(false);
    expect(isValidIsbn13('978030640615')).toBe(false);
    expect(isValidIsbn13('9770306406157')).toBe(false);
    expect(isValidIsbn13('978-0-306-40615-7')).toBe(false);
    expect(() => isbn13CheckDigit('12345')).toThrow(RangeError);
  });

  it('generates valid, unique, seed-dependent 978 ISBNs', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const isbn = isbnForIndex(i, 42);
      expect(isbn.startsWith('978')).toBe(true);
      expect(isValidIsbn13(isbn)).toBe(true);
      seen.add(isbn);
    }
    expect(seen.size).toBe(5000);
    expect(isbnForIndex(7, 42)).toBe(isbnForIndex(7, 42));
    expect(isbnForIndex(7, 42)).not.toBe(isbnForIndex(7, 43));
    expect(() => isbnForIndex(-1, 42)).toThrow(RangeError);
  });
});
