/**
 * The decisions of one cache node (a PoP or the shield): fresh → HIT; stale inside stale-while-revalidate
 * → serve stale while ONE background refresh runs; otherwise stale → conditional revalidation (304 →
 * REVALIDATED, 200 → replace); stale-if-error on upstream 5xx or network failure; absent → fetch.
 *
 * Coalescing (when on): concurrent misses or revalidations for one key share the leader's upstream fetch.
 * A waiter re-fetches on its own when the shared response turned out uncacheable (as Varnish and nginx
 * do: private answers are never handed to other clients) or varies on a header whose value differs in
 * its own request. Upstream errors and 5xx ARE shared with waiters, so a failing origin is not stampeded.
 *
 * Slices (slices.ts) go through the same decisions under their own keys (`resolveSlice`): each is fresh,
 * stale, revalidated, refreshed in the background and coalesced exactly like a whole object.
 */
import { type CacheEntry, createEntry, isFresh, refreshEntry, stalenessMs, variantKey } from './cache-entry.js';
import { CacheStore } from './cache-store.js';
import type { HeaderRecord } from './header-list.js';
import { parseSlice, sliceSpan, sliceSuffix } from './slices.js';
import { isTimeout, type Upstream } from './upstream.js';

/** How a response was produced. */
export type Outcome =
  | 'hit'
  | 'miss'
  | 'expired'
  | 'revalidated'
  | 'updating'
  | 'stale-error'
  | 'uncacheable'
  | 'pass'
  | 'error';

/** A node's answer to one request. */
export interface Delivery {
  readonly outcome: Outcome;
  /** The response to send; undefined only for `error` (no upstream response at all). */
  readonly entry: CacheEntry | undefined;
  /** Status of the upstream response, when the request went forward and got one. */
  readonly fwdStatus: number | undefined;
  /** The upstream response was stored. */
  readonly stored: boolean;
  /** This request waited for another request's upstream fetch. */
  readonly collapsed: boolean;
  /** This request started the stale-while-revalidate background refresh. */
  readonly refreshTriggered: boolean;
  /** 502 or 504 for `error`. */
  readonly errorStatus: number;
}

/** Per-node counters. */
export interface NodeCounters {
  upstreamFetches: number;
}

const BASE: Omit<Delivery, 'outcome' | 'entry'> = { fwdStatus: undefined, stored: false, collapsed: false, refreshTriggered: false, errorStatus: 0 };

function delivery(outcome: Outcome, entry: CacheEntry | undefined, extra?: Partial<Delivery>): Delivery {
  return { ...BASE, ...extra, outcome, entry };
}

/** Options of one node. */
export interface CacheNodeOptions {
  coalescing: boolean;
  cacheBytes: number;
  /** The node's dialect writes its own `Server` header, so the upstream's is not kept. */
  dropServer: boolean;
  /** Slice size for Range requests, bytes; 0 = Range misses fetch the whole object. */
  sliceBytes: number;
}

/** One cache node. */
export class CacheNode {
  readonly store: CacheStore;
  readonly counters: NodeCounters = { upstreamFetches: 0 };
  /** Slice size for Range requests (0 = slicing off). */
  readonly sliceBytes: number;
  private readonly inflight = new Map<string, Promise<Delivery>>();
  private readonly refreshing = new Set<string>();

  constructor(
    readonly id: string,
    private readonly upstream: Upstream,
    private readonly opts: CacheNodeOptions,
  ) {
    this.store = new CacheStore(opts.cacheBytes);
    this.sliceBytes = opts.sliceBytes;
  }

  /** Resolves a GET/HEAD that was not a fresh hit; `found` is what the store held for it (stale). */
  async resolve(url: string, request: HeaderRecord, found: CacheEntry | undefined): Promise<Delivery> {
    if (found !== undefined) return this.resolveStored(url, request, found);
    return this.coalesce(this.store.keyFor(url, request), url, request, () => this.fetch(url, request, undefined, undefined));
  }

  /**
   * Resolves slice `k` of a GET: from the store when held, else fetched with a Range request. The
   * delivery's entry is a slice entry (`entry.slice` set) unless the upstream answered otherwise: a 200
   * (no range support; stored as the whole object), a 416 or an error status, left to the caller.
   */
  async resolveSlice(url: string, request: HeaderRecord, k: number): Promise<Delivery> {
    const key = this.store.keyFor(url, request) + sliceSuffix(k);
    const found = this.store.lookupKey(key);
    if (found !== undefined) return this.resolveStored(url, request, found);
    return this.coalesce(key, url, request, () => this.fetch(url, request, undefined, k));
  }

  /** A stored entry (whole or a slice): fresh → hit; stale → served while refreshing, or refetched. */
  private resolveStored(url: string, request: HeaderRecord, found: CacheEntry): Promise<Delivery> | Delivery {
    const now = Date.now();
    if (isFresh(found, now)) return delivery('hit', found);
    if (stalenessMs(found, now) < found.policy.swrMs) {
      return delivery('updating', found, { refreshTriggered: this.refreshInBackground(url, request, found) });
    }
    return this.coalesce(found.key, url, request, () => this.fetch(url, request, found, found.slice?.index));
  }

  /** Any method other than GET/HEAD: forwarded, never stored (RFC 9211 `fwd=method`). */
  async pass(method: string, url: string, request: HeaderRecord, body: Buffer | undefined): Promise<Delivery> {
    this.counters.upstreamFetches++;
    try {
      const res = await this.upstream.pass(method, url, request, body);
      return delivery('pass', createEntry(url, request, res, this.opts.dropServer), { fwdStatus: res.status });
    } catch (err) {
      return delivery('error', undefined, { errorStatus: isTimeout(err) ? 504 : 502 });
    }
  }

  private refreshInBackground(url: string, request: HeaderRecord, stale: CacheEntry): boolean {
    if (this.refreshing.has(stale.key)) return false;
    this.refreshing.add(stale.key);
    void this.fetch(url, request, stale, stale.slice?.index).finally(() => this.refreshing.delete(stale.key));
    return true;
  }

  private async coalesce(key: string, url: string, request: HeaderRecord, run: () => Promise<Delivery>): Promise<Delivery> {
    if (!this.opts.coalescing) return run();
    const pending = this.inflight.get(key);
    if (pending !== undefined) {
      const shared = await pending;
      const e = shared.entry;
      if (shared.outcome === 'uncacheable' || (e !== undefined && keyOf(url, e, request) !== e.key)) return run();
      return { ...shared, collapsed: true, refreshTriggered: false };
    }
    const p = run();
    this.inflight.set(key, p);
    try {
      return await p;
    } finally {
      this.inflight.delete(key);
    }
  }

  /**
   * One upstream fetch, conditional when `stale` is given, of slice `k` when given (else the whole
   * object). Never rejects.
   */
  private async fetch(url: string, request: HeaderRecord, stale: CacheEntry | undefined, k: number | undefined): Promise<Delivery> {
    this.counters.upstreamFetches++;
    const purgeMark = this.store.purgeMark;
    const validators = stale === undefined ? undefined : { etag: stale.etag, lastModified: stale.etag === undefined ? stale.lastModified : undefined };
    let res;
    try {
      res = await this.upstream.get(url, request, validators, k === undefined ? undefined : sliceSpan(k, this.sliceBytes));
    } catch (err) {
      if (stale !== undefined && this.mayServeStaleOnError(stale)) return delivery('stale-error', stale);
      return delivery('error', undefined, { errorStatus: isTimeout(err) ? 504 : 502 });
    }
    if (res.status >= 500 && stale !== undefined && this.mayServeStaleOnError(stale)) {
      return delivery('stale-error', stale, { fwdStatus: res.status });
    }
    if (res.status === 304 && stale !== undefined) {
      const fresh = refreshEntry(stale, res, this.opts.dropServer);
      const stored = this.keep(fresh, purgeMark);
      if (!stored) this.store.delete(stale.key);
      return delivery('revalidated', fresh, { fwdStatus: 304, stored });
    }
    const slice = k !== undefined && res.status === 206 ? parseSlice(res.headers, res.body.length, k, this.sliceBytes) : undefined;
    const entry = createEntry(url, request, res, this.opts.dropServer, slice);
    // A 416 answers this one range, not the URL: storing it under the URL's key would break every GET.
    const stored = res.status !== 416 && this.keep(entry, purgeMark);
    if (stale !== undefined && (!stored || entry.key !== stale.key)) this.store.delete(stale.key);
    const outcome: Outcome = !entry.policy.storable && res.status < 500 ? 'uncacheable' : stale === undefined ? 'miss' : 'expired';
    return delivery(outcome, entry, { fwdStatus: res.status, stored });
  }

  private keep(e: CacheEntry, purgeMark: number): boolean {
    if (!e.policy.storable || this.store.wasPurgedSince(purgeMark, e.url, e.tags)) return false;
    return this.store.put(e);
  }

  private mayServeStaleOnError(stale: CacheEntry): boolean {
    return stalenessMs(stale, Date.now()) < stale.policy.sieMs;
  }
}

/** The key `request` would give entry `e` (its slice suffix included): a waiter may share `e` when equal. */
function keyOf(url: string, e: CacheEntry, request: HeaderRecord): string {
  const key = variantKey(url, e.varyNames, request);
  return e.slice === undefined ? key : key + sliceSuffix(e.slice.index);
}
