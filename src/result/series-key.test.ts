import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../errors.js';
import type { SeriesKey } from './result-model.js';
import { parseSeriesKey, seriesKeyString, sizeBucket } from './series-key.js';

describe('series key', () => {
  it('round-trips and distinguishes every field', () => {
    const key: SeriesKey = { provider: 'p', pop: 'fra', objectClass: 'metadata', cache: 'HIT', size: 'small', region: '' };
    expect(parseSeriesKey(seriesKeyString(key))).toEqual(key);
    expect(seriesKeyString({ ...key, region: 'eu' })).not.toBe(seriesKeyString(key));
    expect(seriesKeyString({ ...key, size: 'large' })).not.toBe(seriesKeyString(key));
  });

  it('rejects malformed keys', () => {
    expect(() => parseSeriesKey('a\u001fb')).toThrow(InvalidConfigError);
    expect(() => parseSeriesKey(['p', 'pop', 'nope', 'HIT', 'small', ''].join('\u001f'))).toThrow(InvalidConfigError);
  });

  it('buckets by body size inclusively', () => {
    expect(sizeBucket(16384, 16384)).toBe('small');
    expect(sizeBucket(16385, 16384)).toBe('large');
    expect(sizeBucket(0, 16384)).toBe('small');
  });
});
