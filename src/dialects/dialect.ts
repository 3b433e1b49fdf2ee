/**
 * The contract every provider header dialect implements: turn a response's headers into a normalized
 * cache status and PoP (DOMAIN.md §4). Runs once per response on the engine's hot path.
 */
import type { CacheStatus } from '../result/sample.js';

/** Ids of the built-in dialects; the registry is checked against this list so the two cannot drift. */
export const DIALECT_IDS = [
  'rfc9211',
  'cloudflare',
  'fastly',
  'cloudfront',
  'akamai',
  'bunny',
  'varnish',
  'nginx',
  'ats',
  'generic',
] as const;

/**
 * A built-in dialect id. Declared here rather than derived from the registry so that the dialect files can
 * name their own id without importing the registry that imports them.
 */
export type DialectId = (typeof DIALECT_IDS)[number];

/** Reads one response header by lowercase name; multiple values are joined with ", ". */
export type HeaderGetter = (lowercaseName: string) => string | undefined;

/** What a dialect extracts from a response. */
export interface Classification {
  /** Normalized cache state; UNKNOWN when the headers say nothing usable. */
  cache: CacheStatus;
  /** The PoP / cache node that answered, when the headers name one. */
  pop?: string;
  /** True when the cache says the request was collapsed into another's origin fetch (RFC 9211 `collapsed`). */
  collapsed?: boolean;
}

/** A provider's header dialect. */
export interface HeaderDialect {
  /** Registry key of this dialect. */
  readonly id: DialectId;
  /** One line for `--help` and reports. */
  readonly description: string;
  /** Lowercase names of every header classify() reads: the engine extracts only these on its hot path. */
  readonly headers: readonly string[];
  /** Never throws: malformed or missing headers give `cache: 'UNKNOWN'`. */
  classify(get: HeaderGetter): Classification;
}

/**
 * Adapts a Node/undici-style header record (lowercase keys, string or string[] values) to a HeaderGetter.
 * Keys are not lowercased here: both Node and undici already deliver them lowercase.
 */
export function headerGetter(headers: Readonly<Record<string, string | readonly string[] | undefined>>): HeaderGetter {
  return (name) => {
    const value = headers[name];
    if (value === undefined || typeof value === 'string') return value;
    return value.length === 0 ? undefined : value.join(', ');
  };
}
