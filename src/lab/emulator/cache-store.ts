/**
 * One cache node's storage: a byte-bounded LRU (a Map kept in recency order: a hit moves the entry to the
 * end, eviction takes from the front) with a secondary index URL → Vary'd field names, so a lookup knows
 * which request headers complete the key before it has the response. Slices of a large object
 * (`<key>#slice=<k>`) are ordinary entries of their URL, so URL, prefix and tag purges take them all.
 */
import { type CacheEntry, variantKey } from './cache-entry.js';
import type { HeaderRecord } from './header-list.js';

/** What a purge matches. */
export type PurgeMatcher =
  | { readonly kind: 'all' }
  | { readonly kind: 'url'; readonly urls: readonly string[]; readonly prefixes: readonly string[] }
  | { readonly kind: 'tag'; readonly tags: readonly string[] };

/** True when `m` would remove an entry for `url` carrying `tags`. */
export function purgeMatches(m: PurgeMatcher, url: string, tags: readonly string[]): boolean {
  if (m.kind === 'all') return true;
  if (m.kind === 'url') return m.urls.includes(url) || m.prefixes.some((p) => url.startsWith(p));
  return tags.some((t) => m.tags.includes(t));
}

/** Purges remembered for in-flight fetches (see wasPurgedSince); older ones cannot matter. */
const REMEMBERED_PURGES = 256;

/** A byte-bounded LRU of cache entries. */
export class CacheStore {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly varyByUrl = new Map<string, readonly string[]>();
  private readonly keysByUrl = new Map<string, Set<string>>();
  private readonly purges: { seq: number; at: number; matcher: PurgeMatcher }[] = [];
  private purgeSeq = 0;
  private bytes = 0;

  /** @param maxBytes LRU bound; an object larger than this is never stored. */
  constructor(readonly maxBytes: number) {}

  /** Bytes currently used. */
  get usedBytes(): number {
    return this.bytes;
  }

  /** Number of stored entries. */
  get size(): number {
    return this.entries.size;
  }

  /** The key a request for `url` maps to, given what is known about the URL's Vary. */
  keyFor(url: string, request: HeaderRecord): string {
    const names = this.varyByUrl.get(url);
    return names === undefined ? url : variantKey(url, names, request);
  }

  /** The stored entry for the request, marked most recently used. */
  lookup(url: string, request: HeaderRecord): CacheEntry | undefined {
    return this.lookupKey(this.keyFor(url, request));
  }

  /** The entry stored under a full key (a slice's, say), marked most recently used. */
  lookupKey(key: string): CacheEntry | undefined {
    const e = this.entries.get(key);
    if (e !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    return e;
  }

  /** Stores (or replaces) an entry and evicts from the LRU end; false when it is larger than the bound. */
  put(e: CacheEntry): boolean {
    if (e.size > this.maxBytes) return false;
    this.delete(e.key);
    this.entries.set(e.key, e);
    this.bytes += e.size;
    this.varyByUrl.set(e.url, e.varyNames.length === 0 ? EMPTY : e.varyNames);
    let keys = this.keysByUrl.get(e.url);
    if (keys === undefined) this.keysByUrl.set(e.url, (keys = new Set()));
    keys.add(e.key);
    for (const [key] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(key);
    }
    return true;
  }

  /** Removes one entry by key. */
  delete(key: string): void {
    const e = this.entries.get(key);
    if (e === undefined) return;
    this.entries.delete(key);
    this.bytes -= e.size;
    const keys = this.keysByUrl.get(e.url);
    keys?.delete(key);
    if (keys !== undefined && keys.size === 0) {
      this.keysByUrl.delete(e.url);
      this.varyByUrl.delete(e.url);
    }
  }

  /** Applies a purge now; returns how many entries it removed. */
  purge(matcher: PurgeMatcher, now: number): number {
    this.purges.push({ seq: ++this.purgeSeq, at: now, matcher });
    if (this.purges.length > REMEMBERED_PURGES) this.purges.shift();
    let removed = 0;
    if (matcher.kind === 'url' && matcher.prefixes.length === 0) {
      // Exact URL purges are the common case: use the index instead of scanning every entry.
      for (const url of matcher.urls) {
        for (const key of [...(this.keysByUrl.get(url) ?? [])]) {
          this.delete(key);
          removed++;
        }
      }
      return removed;
    }
    for (const e of [...this.entries.values()]) {
      if (purgeMatches(matcher, e.url, e.tags)) {
        this.delete(e.key);
        removed++;
      }
    }
    return removed;
  }

  /** A mark of the purges applied so far: a fetch takes one when it starts (see wasPurgedSince). */
  get purgeMark(): number {
    return this.purgeSeq;
  }

  /**
   * True when a purge applied after `mark` (purgeMark when a fetch started) matches the response: a fetch
   * that started before a purge may bring the old object back, and storing it would undo the purge. A
   * sequence, not a clock: a fetch started in the same millisecond as a purge but after it is kept.
   */
  wasPurgedSince(mark: number, url: string, tags: readonly string[]): boolean {
    const oldest = this.purges[0];
    // Purges beyond those remembered may have matched: not storing is the safe answer.
    if (oldest !== undefined && oldest.seq > mark + 1) return true;
    for (let i = this.purges.length - 1; i >= 0; i--) {
      const p = this.purges[i];
      if (p === undefined || p.seq <= mark) break;
      if (purgeMatches(p.matcher, url, tags)) return true;
    }
    return false;
  }
}

const EMPTY: readonly string[] = Object.freeze([]);
