import { describe, expect, it } from 'vitest';
import { allTiles, formatRange, isTileOf, parseRange, tileAtIndex, tileIndexOfPage } from './tiles.js';

describe('tiles', () => {
  it('covers every page exactly once, with a short last tile', () => {
    const tiles = allTiles(123, 10);
    expect(tiles).toHaveLength(13);
    expect(tiles[0]).toEqual({ from: 1, to: 10 });
    expect(tiles[12]).toEqual({ from: 121, to: 123 });
    const pages = tiles.flatMap((t) => Array.from({ length: t.to - t.from + 1 }, (_, i) => t.from + i));
    expect(pages).toEqual(Array.from({ length: 123 }, (_, i) => i + 1));
  });

  it('maps pages to tiles and clamps tile indices', () => {
    expect(tileIndexOfPage(123, 10, 1)).toBe(0);
    expect(tileIndexOfPage(123, 10, 10)).toBe(0);
    expect(tileIndexOfPage(123, 10, 11)).toBe(1);
    expect(() => tileIndexOfPage(123, 10, 0)).toThrow(RangeError);
    expect(() => tileIndexOfPage(123, 10, 124)).toThrow(RangeError);
    expect(tileAtIndex(123, 10, -5)).toEqual({ from: 1, to: 10 });
    expect(tileAtIndex(123, 10, 99)).toEqual({ from: 121, to: 123 });
  });

  it('formats and parses one canonical spelling', () => {
    expect(formatRange({ from: 1, to: 10 })).toBe('1-10');
    expect(parseRange('11-20')).toEqual({ from: 11, to: 20 });
    for (const bad of ['011-20', '0-10', '20-11', '-1-10', '1-10.json', '1 - 10', '', '1-']) {
      expect(parseRange(bad)).toBeUndefined();
    }
  });

  it('recognizes exactly the book tiles', () => {
    expect(isTileOf(123, 10, { from: 11, to: 20 })).toBe(true);
    expect(isTileOf(123, 10, { from: 121, to: 123 })).toBe(true);
    expect(isTileOf(123, 10, { from: 121, to: 130 })).toBe(false);
    expect(isTileOf(123, 10, { from: 12, to: 21 })).toBe(false);
    expect(isTileOf(123, 10, { from: 131, to: 140 })).toBe(false);
  });
});
