/**
 * A Range request that missed the whole-object cache, answered from slices (slices.ts): the first slice
 * the range touches is resolved first (it tells the object's size, so the exact range is known), then
 * the others in parallel; each is a hit or its own coalesced upstream fetch. The reply carries exactly
 * the requested bytes, copied once when they span several slices and not at all when one slice holds them.
 *
 * Falls back to the whole-object path (node.resolve + build-reply.ts) for what slices cannot answer:
 * several ranges, invalid syntax (ignored → 200), an `If-Range` the slices' validators do not satisfy
 * (the client then wants the whole object, RFC 9110 §13.1.5), and an upstream that answers a slice request
 * with anything but the asked-for 206 (a 200 from an origin without range support is the whole object
 * and is served as such; 404s and errors pass through). Slices that disagree on size or validators (the
 * object changed between fetches) are dropped and fetched again once; should they disagree again, the
 * whole object is fetched, as nginx's slice module refuses to splice versions together.
 *
 * Cache status of the answer: HIT when every slice came from the cache fresh; otherwise the outcome of
 * the "most forwarded" slice, in the order uncacheable, MISS, EXPIRED, REVALIDATED, STALE, UPDATING: so a
 * range that needed any slice from the upstream reports MISS (slice 0 fetched only to learn the size of a
 * suffix range counts too). `collapsed` is said only when every slice that was not a hit was served from
 * another request's fetch.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { contentRange, ifRangeAllows, parseRange } from './byte-ranges.js';
import type { CacheEntry } from './cache-entry.js';
import type { CacheNode, Delivery, Outcome } from './cache-node.js';
import { recordGet } from './header-list.js';
import { rangeStart, type SliceInfo } from './slices.js';

/** A Range request answered from slices. */
export interface SlicedAnswer {
  readonly kind: 'sliced';
  /** The combined outcome and labels of the slices used. */
  readonly delivery: Delivery;
  /** The first slice used: its headers, validators and age describe the reply. */
  readonly entry: CacheEntry;
  /** The requested bytes; undefined when the range is unsatisfiable (416). */
  readonly body: Buffer | undefined;
  /** `bytes a-b/total`, or `bytes *\/total` with a 416. */
  readonly contentRange: string;
}

/** A request left to the whole-object path: build-reply.ts answers it from `delivery`. */
export interface WholeAnswer {
  readonly kind: 'whole';
  readonly delivery: Delivery;
}

/** What the slice path produced. */
export type RangeAnswer = SlicedAnswer | WholeAnswer;

/** Worst first: the combined outcome is the lowest-ranked outcome among the slices. */
const RANK: readonly Outcome[] = ['error', 'pass', 'uncacheable', 'miss', 'expired', 'revalidated', 'stale-error', 'updating', 'hit'];

/** A resolved slice entry with its (known) position. */
interface Got {
  readonly e: CacheEntry;
  readonly s: SliceInfo;
}

const MISMATCH = Symbol('mismatch');

function whole(delivery: Delivery): WholeAnswer {
  return { kind: 'whole', delivery };
}

/** Answers a GET with a Range header at `node` (whose sliceBytes > 0) from slices where it can. */
export async function answerRange(node: CacheNode, url: string, h: IncomingHttpHeaders): Promise<RangeAnswer> {
  const header = h.range ?? '';
  const start = rangeStart(header);
  if (start.kind === 'unsliced') return wholePath(node, url, h);
  // Suffix ranges need the size before the slice is known: slice 0 tells it (and is often wanted anyway).
  const k = start.kind === 'offset' ? Math.floor(start.offset / node.sliceBytes) : 0;
  for (let attempt = 0; attempt < 2; attempt++) {
    const answer = await attemptSliced(node, url, h, header, k);
    if (answer !== MISMATCH) return answer;
  }
  return wholePath(node, url, h);
}

/** The whole-object path, from the store when a whole copy arrived meanwhile (a 200 to a slice request). */
async function wholePath(node: CacheNode, url: string, h: IncomingHttpHeaders): Promise<WholeAnswer> {
  return whole(await node.resolve(url, h, node.store.lookup(url, h)));
}

async function attemptSliced(node: CacheNode, url: string, h: IncomingHttpHeaders, header: string, k: number): Promise<RangeAnswer | typeof MISMATCH> {
  const first = await node.resolveSlice(url, h, k);
  const info = first.entry?.slice;
  if (first.entry === undefined || info === undefined) return notSliced(node, url, h, first);
  if (!ifRangeAllows(recordGet(h, 'if-range'), first.entry.etag, first.entry.lastModified)) return wholePath(node, url, h);
  const want = parseRange(header, info.total);
  if (want.kind === 'unsatisfiable') {
    return { kind: 'sliced', delivery: first, entry: first.entry, body: undefined, contentRange: `bytes */${info.total}` };
  }
  const r = want.kind === 'ranges' && want.ranges.length === 1 ? want.ranges[0] : undefined;
  if (r === undefined) return wholePath(node, url, h);
  const k0 = Math.floor(r.start / node.sliceBytes);
  const k1 = Math.floor(r.end / node.sliceBytes);
  const pending: (Delivery | Promise<Delivery>)[] = [];
  for (let i = k0; i <= k1; i++) pending.push(i === k ? first : node.resolveSlice(url, h, i));
  const ds = await Promise.all(pending);
  const got: Got[] = [];
  for (const d of ds) {
    const e = d.entry;
    const s = e?.slice;
    if (e !== undefined && s !== undefined) {
      got.push({ e, s });
      continue;
    }
    // A 416 after the first slice gave a size: the object shrank in between.
    if (e?.status !== 416) return notSliced(node, url, h, d);
    dropSlices(node, [first, ...ds]);
    return MISMATCH;
  }
  if (!consistent(got, first.entry)) {
    dropSlices(node, [first, ...ds]);
    return MISMATCH;
  }
  const head = (got[0] as Got).e;
  const used = k >= k0 && k <= k1 ? ds : [first, ...ds];
  return { kind: 'sliced', delivery: combine(used, head), entry: head, body: assemble(got, r.start, r.end), contentRange: contentRange(r, info.total) };
}

/** An answer to a slice request that is not a slice: passed on, or refetched whole when it is a stray 206. */
async function notSliced(node: CacheNode, url: string, h: IncomingHttpHeaders, d: Delivery): Promise<WholeAnswer> {
  return d.entry?.status === 206 ? wholePath(node, url, h) : whole(d);
}

/** Every slice has the first one's size and validators: they are pieces of one version. */
function consistent(got: readonly Got[], first: CacheEntry): boolean {
  const total = first.slice?.total;
  for (const g of got) {
    if (g.s.total !== total || g.e.etag !== first.etag || g.e.lastModified !== first.lastModified) return false;
  }
  return true;
}

function dropSlices(node: CacheNode, ds: readonly Delivery[]): void {
  for (const d of ds) if (d.entry?.slice !== undefined) node.store.delete(d.entry.key);
}

/** The bytes [start, end] from contiguous slices: a view of one slice, or one copy across several. */
function assemble(got: readonly Got[], start: number, end: number): Buffer {
  const [only] = got;
  if (only !== undefined && got.length === 1) return only.e.body.subarray(start - only.s.start, end - only.s.start + 1);
  const out = Buffer.allocUnsafe(end - start + 1);
  for (const { e, s } of got) {
    const from = Math.max(start, s.start);
    const to = Math.min(end, s.end);
    e.body.copy(out, from - start, from - s.start, to - s.start + 1);
  }
  return out;
}

/** One delivery describing every slice resolved for the answer (see the module comment for the rules). */
function combine(ds: readonly Delivery[], head: CacheEntry): Delivery {
  const [only] = ds;
  if (only !== undefined && ds.length === 1) return only;
  let worst: Delivery | undefined;
  let stored = false;
  let refreshTriggered = false;
  let forwarded = 0;
  let collapsed = 0;
  for (const d of ds) {
    if (worst === undefined || RANK.indexOf(d.outcome) < RANK.indexOf(worst.outcome)) worst = d;
    stored ||= d.stored;
    refreshTriggered ||= d.refreshTriggered;
    // Only slices that waited on an upstream fetch count: hits and stale-while-revalidate never waited.
    if (d.outcome === 'hit' || d.outcome === 'updating') continue;
    forwarded++;
    if (d.collapsed) collapsed++;
  }
  if (worst === undefined) throw new Error('combine: no slices');
  return { ...worst, entry: head, stored, refreshTriggered, collapsed: forwarded > 0 && collapsed === forwarded };
}
