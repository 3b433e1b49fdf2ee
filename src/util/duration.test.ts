import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseDurationRange } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['0.5s', 500],
  ])('%s → %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '30', 's', '10x', '-5s', '5s junk', '1..2s'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('parseDurationRange', () => {
  it('parses a fixed value and a range', () => {
    expect(parseDurationRange('30s')).toEqual({ min: 30_000, max: 30_000 });
    expect(parseDurationRange('20s..40s')).toEqual({ min: 20_000, max: 40_000 });
  });
  it('rejects inverted or malformed ranges', () => {
    expect(parseDurationRange('40s..20s')).toBeUndefined();
    expect(parseDurationRange('1s..2s..3s')).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it('formats', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(12_500)).toBe('12.5s');
    expect(formatDuration(200_000)).toBe('3m20s');
  });
});
