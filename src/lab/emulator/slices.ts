/**
 * Slice caching vocabulary (nginx `slice`, Cloudflare / Akamai large-file chunking): a large object is
 * cached as aligned pieces `[k·S, (k+1)·S − 1]`, each its own cache entry under `<cache key>#slice=<k>`,
 * fetched with `Range: bytes=k·S-(k+1)·S−1` and remembered with the object's total size from the
 * upstream's `Content-Range`. A Range request then costs the upstream only the slices it touches, and one
 * big object can no longer flush every small object out of a PoP's LRU.
 */
import { recordGet, type HeaderRecord } from './header-list.js';

/** Where a stored slice sits in its object. */
export interface SliceInfo {
  /** Slice number k. */
  readonly index: number;
  /** First byte of the object this slice holds (k·S). */
  readonly start: number;
  /** Last byte it holds (inclusive; below (k+1)·S − 1 only for the last slice). */
  readonly end: number;
  /** Size of the whole object, from `Content-Range: bytes a-b/total`. */
  readonly total: number;
}

/** An inclusive byte span to request from the upstream. */
export interface ByteSpan {
  readonly start: number;
  readonly end: number;
}

/** Suffix appended to the ordinary cache key to name slice `k`. */
export function sliceSuffix(k: number): string {
  return `#slice=${k}`;
}

/** The span slice `k` covers at slice size `sliceBytes` (the upstream clips the last one). */
export function sliceSpan(k: number, sliceBytes: number): ByteSpan {
  return { start: k * sliceBytes, end: (k + 1) * sliceBytes - 1 };
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+)$/;

/**
 * The slice a 206 answer to a slice request carries, or undefined when it is not exactly slice `k`:
 * another start, a total of `*`, a short body or more than was asked for. Such answers are not stored
 * as slices (the caller falls back to the whole object), because assembling ranges from pieces that do
 * not line up would serve wrong bytes.
 */
export function parseSlice(headers: HeaderRecord, bodyLength: number, k: number, sliceBytes: number): SliceInfo | undefined {
  const m = CONTENT_RANGE.exec(recordGet(headers, 'content-range')?.trim() ?? '');
  if (m === null) return undefined;
  const start = Number(m[1]);
  const end = Number(m[2]);
  const total = Number(m[3]);
  const want = sliceSpan(k, sliceBytes);
  const fullEnd = Math.min(want.end, total - 1);
  if (start !== want.start || end !== fullEnd || end - start + 1 !== bodyLength) return undefined;
  return { index: k, start, end, total };
}

/**
 * How a Range header's first byte can be found before the object's size is known: the offset of a
 * single `a-b` / `a-` range, `suffix` for `-n` (which needs the size first), or `unsliced` for anything
 * the slice path leaves to the whole-object path (several ranges, another unit, invalid syntax).
 */
export type RangeStart = { readonly kind: 'offset'; readonly offset: number } | { readonly kind: 'suffix' } | { readonly kind: 'unsliced' };

const SINGLE = /^bytes[ \t]*=[ \t]*(\d*)-(\d*)[ \t]*$/i;
const UNSLICED: RangeStart = Object.freeze({ kind: 'unsliced' });
const SUFFIX: RangeStart = Object.freeze({ kind: 'suffix' });

/**
 * Classifies a Range header for the slice path. The exact range is always resolved later with
 * byte-ranges.ts `parseRange` against the real size, so the answer matches the whole-object path; this
 * only has to pick the first slice to fetch.
 */
export function rangeStart(header: string): RangeStart {
  const m = SINGLE.exec(header);
  if (m === null) return UNSLICED;
  const [, a = '', b = ''] = m;
  if (a === '') return b === '' ? UNSLICED : SUFFIX;
  if (b !== '' && Number(b) < Number(a)) return UNSLICED;
  return { kind: 'offset', offset: Number(a) };
}
