/**
 * Cheap string helpers shared by the dialects. Everything here avoids split() and per-call regexes because
 * it runs for every response the engine receives.
 */
import { CACHE_STATUSES, type CacheStatus } from '../result/sample.js';

/** Maps an upper-case status word to a normalized status. */
export type WordTable = ReadonlyMap<string, CacheStatus>;

/** The normalized words themselves: nginx, Cloudflare, Bunny and cdnbench's own VCL emit exactly these. */
export const STANDARD_WORDS: WordTable = new Map(CACHE_STATUSES.map((s) => [s, s] as const));

/** The standard words plus provider-specific extras (keys upper-case). */
export function wordTable(extra: Readonly<Record<string, CacheStatus>>): WordTable {
  return new Map([...STANDARD_WORDS, ...Object.entries(extra)]);
}

/**
 * The last member of a comma-joined header value, trimmed. Multi-hop headers append per hop, so the last
 * member is the cache closest to the client, which is the one whose PoP the sample is attributed to.
 */
export function lastMember(value: string): string {
  const comma = value.lastIndexOf(',');
  return (comma < 0 ? value : value.slice(comma + 1)).trim();
}

/**
 * Looks up the last member of a header value case-insensitively. undefined means "header absent" (so a
 * fallback may apply); an unrecognized word is UNKNOWN.
 */
export function lookupWord(value: string | undefined, table: WordTable): CacheStatus | undefined {
  if (value === undefined) return undefined;
  const word = lastMember(value);
  if (word === '') return undefined;
  return table.get(word.toUpperCase()) ?? 'UNKNOWN';
}

/** The text after the last occurrence of `sep`, or undefined when `sep` is absent or nothing follows it. */
export function afterLast(value: string, sep: string): string | undefined {
  const at = value.lastIndexOf(sep);
  if (at < 0) return undefined;
  const rest = value.slice(at + sep.length).trim();
  return rest === '' ? undefined : rest;
}

/** A non-empty trimmed value, or undefined; keeps "header present but blank" from becoming a PoP named "". */
export function nonEmpty(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** True when `value` starts with `prefix`, ignoring ASCII case; `prefix` must be upper-case. */
export function startsWithUpper(value: string, prefix: string): boolean {
  if (value.length < prefix.length) return false;
  return value.slice(0, prefix.length).toUpperCase() === prefix;
}
