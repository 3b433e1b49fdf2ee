/**
 * A response as a cache node keeps it: status, end-to-end headers, the whole body (or, for one slice of
 * a large object, that slice: slices.ts), its policy and age bookkeeping, and the labels upstream caches
 * put on it (so a PoP behind the shield can append its own RFC 9211 / Fastly hop entry after the
 * shield's, as chained caches do).
 *
 * Entries are immutable except for the HIT header cache (`hitList`), which the response writer rebuilds
 * at most once per second of age; a revalidation replaces the entry instead of mutating it, so a list
 * already handed to a pending response never changes under it.
 */
import { type CachePolicy, cachePolicy } from './cache-policy.js';
import { type HeaderList, type HeaderRecord, listBytes, listGet, listMerge, recordGet, toHeaderList } from './header-list.js';
import { type SliceInfo, sliceSuffix } from './slices.js';

/** A response received from the upstream (origin or shield). */
export interface UpstreamResponse {
  readonly status: number;
  readonly headers: HeaderRecord;
  readonly body: Buffer;
  /** Epoch ms the response headers arrived. */
  readonly receivedAt: number;
}

/** Hop labels of upstream caches, appended to rather than replaced. */
export interface UpstreamHops {
  readonly cacheStatus: string | undefined;
  readonly xCache: string | undefined;
  readonly xServedBy: string | undefined;
}

/** A stored (or, for uncacheable responses, transient) response. */
export interface CacheEntry {
  /** Full cache key: URL plus the values of the Vary'd request headers. */
  readonly key: string;
  /** Request target (path + query), the method-independent primary key. */
  readonly url: string;
  readonly status: number;
  /** End-to-end fields, without framing, Age and hop labels. */
  readonly headers: HeaderList;
  readonly body: Buffer;
  readonly etag: string | undefined;
  readonly lastModified: string | undefined;
  readonly policy: CachePolicy;
  /** Age the upstream reported when the response arrived, ms. */
  readonly initialAgeMs: number;
  /** Epoch ms the response (or its latest 304) arrived. */
  readonly storedAt: number;
  /** Purge tags from Surrogate-Key / Cache-Tag / xkey / CDN-Tag / Edge-Cache-Tag. */
  readonly tags: readonly string[];
  /** Lower-case names from Vary, sorted. */
  readonly varyNames: readonly string[];
  readonly hops: UpstreamHops;
  /** Bytes counted against the LRU bound. */
  readonly size: number;
  /** Set when this entry is one slice of a larger object (its key then ends in `#slice=<k>`). */
  readonly slice: SliceInfo | undefined;
  /** Whole seconds of age `hitList` was built for (-1 = not built). */
  hitAgeSec: number;
  /** Precomputed HIT response headers for `hitAgeSec`. */
  hitList: string[] | undefined;
}

/** Tag headers, in the order vendors introduced them; all are read, whatever the dialect. */
export const TAG_HEADERS = ['surrogate-key', 'cache-tag', 'xkey', 'cdn-tag', 'edge-cache-tag'] as const;

/** Labels a cache puts on its own responses: replaced (or appended to) per hop, never stored as-is. */
const HOP_LABELS = new Set(['cache-status', 'x-cache', 'x-served-by', 'x-cdnbench-pop', 'cf-cache-status', 'cf-ray', 'x-amz-cf-pop', 'cdn-cache']);

const TAG_SPLIT = /[\s,]+/;

function parseTags(headers: HeaderList): string[] {
  const tags = new Set<string>();
  for (const name of TAG_HEADERS) {
    const v = listGet(headers, name);
    if (v !== undefined) for (const t of v.split(TAG_SPLIT)) if (t !== '') tags.add(t);
  }
  return [...tags];
}

/** Sorted lower-case field names of a Vary value. */
export function parseVary(value: string | undefined): string[] {
  if (value === undefined) return [];
  return [...new Set(value.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== ''))].sort();
}

/** The full cache key for a URL and the request's values of the Vary'd fields. */
export function variantKey(url: string, varyNames: readonly string[], request: HeaderRecord): string {
  if (varyNames.length === 0) return url;
  let key = url;
  for (const name of varyNames) key += `\n${name}=${recordGet(request, name) ?? ''}`;
  return key;
}

function ageMsOf(headers: HeaderRecord): number {
  const raw = recordGet(headers, 'age');
  const n = raw === undefined ? Number.NaN : Number.parseInt(raw, 10);
  return Number.isFinite(n) && n > 0 ? n * 1000 : 0;
}

/**
 * Builds an entry from an upstream response; `server` is dropped when a dialect replaces it. With `slice`
 * the response is a 206 holding that slice: its key gets the slice suffix, its `Content-Range` is not kept
 * (every reply computes its own) and its policy is read as the whole object's would be, since a 206 is
 * otherwise never stored.
 */
export function createEntry(url: string, request: HeaderRecord, res: UpstreamResponse, dropServer: boolean, slice?: SliceInfo): CacheEntry {
  const headers = toHeaderList(res.headers, notKept(dropServer, slice !== undefined));
  const varyNames = parseVary(listGet(headers, 'vary'));
  return build({
    key: variantKey(url, varyNames, request) + (slice === undefined ? '' : sliceSuffix(slice.index)),
    url,
    status: res.status,
    headers,
    body: res.body,
    policy: cachePolicy(slice === undefined ? res.status : 200, headers, res.receivedAt, request['authorization'] !== undefined),
    initialAgeMs: ageMsOf(res.headers),
    storedAt: res.receivedAt,
    varyNames,
    hops: { cacheStatus: recordGet(res.headers, 'cache-status'), xCache: recordGet(res.headers, 'x-cache'), xServedBy: recordGet(res.headers, 'x-served-by') },
    slice,
  });
}

const HOP_LABELS_AND_SERVER = new Set([...HOP_LABELS, 'server']);
const SLICE_LABELS = new Set([...HOP_LABELS, 'content-range']);
const SLICE_LABELS_AND_SERVER = new Set([...HOP_LABELS_AND_SERVER, 'content-range']);

/** Upstream fields an entry does not keep (prebuilt sets: this runs for every stored response). */
function notKept(dropServer: boolean, slice: boolean): ReadonlySet<string> {
  if (slice) return dropServer ? SLICE_LABELS_AND_SERVER : SLICE_LABELS;
  return dropServer ? HOP_LABELS_AND_SERVER : HOP_LABELS;
}

/** The entry after a 304: its fields merged in (RFC 9111 §4.3.4), age restarted from the 304's Age. */
export function refreshEntry(old: CacheEntry, res: UpstreamResponse, dropServer: boolean): CacheEntry {
  const update = toHeaderList(res.headers, notKept(dropServer, old.slice !== undefined));
  const headers = listMerge(old.headers, update);
  return build({
    ...old,
    headers,
    policy: cachePolicy(old.slice === undefined ? old.status : 200, headers, res.receivedAt),
    initialAgeMs: ageMsOf(res.headers),
    storedAt: res.receivedAt,
    hops: { cacheStatus: recordGet(res.headers, 'cache-status') ?? old.hops.cacheStatus, xCache: recordGet(res.headers, 'x-cache') ?? old.hops.xCache, xServedBy: recordGet(res.headers, 'x-served-by') ?? old.hops.xServedBy },
  });
}

type EntryFields = Omit<CacheEntry, 'etag' | 'lastModified' | 'tags' | 'size' | 'hitAgeSec' | 'hitList'>;

function build(f: EntryFields): CacheEntry {
  return {
    key: f.key,
    url: f.url,
    status: f.status,
    headers: f.headers,
    body: f.body,
    etag: listGet(f.headers, 'etag'),
    lastModified: listGet(f.headers, 'last-modified'),
    policy: f.policy,
    initialAgeMs: f.initialAgeMs,
    storedAt: f.storedAt,
    tags: parseTags(f.headers),
    varyNames: f.varyNames,
    hops: f.hops,
    slice: f.slice,
    size: f.body.length + listBytes(f.headers) + f.key.length + 256,
    hitAgeSec: -1,
    hitList: undefined,
  };
}

/** Current age, ms (RFC 9111 §4.2.3, simplified: upstream Age + resident time). */
export function ageMs(e: CacheEntry, now: number): number {
  return e.initialAgeMs + Math.max(0, now - e.storedAt);
}

/** True while the entry is fresh. */
export function isFresh(e: CacheEntry, now: number): boolean {
  return ageMs(e, now) < e.policy.freshMs;
}

/** How long past its freshness the entry is, ms (≤ 0 while fresh). */
export function stalenessMs(e: CacheEntry, now: number): number {
  return ageMs(e, now) - e.policy.freshMs;
}
