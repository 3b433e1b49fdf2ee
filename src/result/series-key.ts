/** Series keys as stable strings (for maps and merge matching) and the small/large size bucket. */
import { InvalidConfigError } from '../errors.js';
import type { SeriesKey, SizeBucket } from './result-model.js';
import { CACHE_STATUSES, OBJECT_CLASSES } from './sample.js';
import type { CacheStatus, ObjectClass } from './sample.js';

// Unit separator: cannot appear in provider ids, PoP ids or region names taken from config or headers.
const SEP = '\u001f';

/** A stable string for a series key: fields in a fixed order joined with U+001F. */
export function seriesKeyString(key: SeriesKey): string {
  return [key.provider, key.pop, key.objectClass, key.cache, key.size, key.region].join(SEP);
}

const isObjectClass = (v: string): v is ObjectClass => (OBJECT_CLASSES as readonly string[]).includes(v);
const isCacheStatus = (v: string): v is CacheStatus => (CACHE_STATUSES as readonly string[]).includes(v);
const isSizeBucket = (v: string): v is SizeBucket => v === 'small' || v === 'large';

/** Parses a string made by seriesKeyString back into its key; throws InvalidConfigError (INVALID_RESULT) otherwise. */
export function parseSeriesKey(s: string): SeriesKey {
  const parts = s.split(SEP);
  const [provider, pop, objectClass, cache, size, region] = parts;
  if (
    parts.length !== 6 || provider === undefined || pop === undefined || region === undefined ||
    objectClass === undefined || !isObjectClass(objectClass) ||
    cache === undefined || !isCacheStatus(cache) ||
    size === undefined || !isSizeBucket(size)
  ) {
    throw new InvalidConfigError(`not a series key: ${JSON.stringify(s)}`, [], 'INVALID_RESULT');
  }
  return { provider, pop, objectClass, cache, size, region };
}

/** 'small' when the body is at most smallObjectMaxBytes, else 'large'. */
export function sizeBucket(bodyBytes: number, smallObjectMaxBytes: number): SizeBucket {
  return bodyBytes <= smallObjectMaxBytes ? 'small' : 'large';
}
