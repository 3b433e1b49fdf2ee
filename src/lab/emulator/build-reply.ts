/**
 * Turns a node's Delivery into the status, headers and body written to the client: client conditionals
 * (304 when If-None-Match / If-Modified-Since match the entry), Range slices of the whole stored body
 * (byte-ranges.ts), HEAD without a body, and the node's own 502/504 when the upstream gave nothing.
 * Conditionals and ranges apply to 200 entries only; other statuses are sent as they are. Ranges answered
 * from slices (sliced-range.ts) get their own builder, buildSlicedReply.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { CacheEntry } from './cache-entry.js';
import type { Delivery } from './cache-node.js';
import { contentRange, ifRangeAllows, multipartBody, parseRange } from './byte-ranges.js';
import { listGet } from './header-list.js';
import type { HeaderWriter } from './response-headers.js';
import type { SlicedAnswer } from './sliced-range.js';

/** What is written to the client. */
export interface Reply {
  readonly status: number;
  readonly headers: string[];
  /** undefined for HEAD, 304 and bodiless answers. */
  readonly body: Buffer | undefined;
}

const ERROR_BODY: Readonly<Record<number, Buffer>> = {
  502: Buffer.from('cdnbench emulator: upstream unreachable\n'),
  504: Buffer.from('cdnbench emulator: upstream timed out\n'),
};

/** Weak comparison of an If-None-Match list against an ETag (RFC 9110 §13.1.2). */
function etagMatches(ifNoneMatch: string, etag: string | undefined): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  if (etag === undefined) return false;
  const opaque = etag.startsWith('W/') ? etag.slice(2) : etag;
  return ifNoneMatch.split(',').some((t) => {
    const v = t.trim();
    return (v.startsWith('W/') ? v.slice(2) : v) === opaque;
  });
}

/** True when the client's own validators say its copy is current (RFC 9110 §13.2.2 order). */
export function notModified(e: CacheEntry, h: IncomingHttpHeaders): boolean {
  const inm = h['if-none-match'];
  if (inm !== undefined) return etagMatches(inm, e.etag);
  const ims = h['if-modified-since'];
  if (ims === undefined || e.lastModified === undefined) return false;
  const since = Date.parse(ims);
  const modified = Date.parse(e.lastModified);
  return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since;
}

function single(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** The reply for a delivery, headers built at `now` (the moment of writing). */
export function buildReply(d: Delivery, method: string, h: IncomingHttpHeaders, writer: HeaderWriter, now: number, boundary: string): Reply {
  const e = d.entry;
  if (e === undefined) {
    const status = d.errorStatus === 504 ? 504 : 502;
    const body = ERROR_BODY[status] as Buffer;
    return { status, headers: writer.generated(d.outcome, body.length), body: method === 'HEAD' ? undefined : body };
  }
  const facts = { outcome: d.outcome, fwdStatus: d.fwdStatus, stored: d.stored, collapsed: d.collapsed, refreshTriggered: d.refreshTriggered };
  const size = e.body.length;
  const cacheable = method === 'GET' || method === 'HEAD';
  if (cacheable && e.status === 200 && notModified(e, h)) {
    return { status: 304, headers: writer.forEntry(e, facts, now, undefined, undefined), body: undefined };
  }
  if (method === 'GET' && e.status === 200 && ifRangeAllows(single(h['if-range']), e.etag, e.lastModified)) {
    const range = parseRange(h.range, size);
    if (range.kind === 'unsatisfiable') {
      return { status: 416, headers: writer.forEntry(e, facts, now, 0, ['content-range', `bytes */${size}`]), body: undefined };
    }
    if (range.kind === 'ranges') {
      const [first] = range.ranges;
      if (range.ranges.length === 1 && first !== undefined) {
        const body = e.body.subarray(first.start, first.end + 1);
        return { status: 206, headers: writer.forEntry(e, facts, now, body.length, ['content-range', contentRange(first, size)]), body };
      }
      const body = multipartBody(e.body, range.ranges, listGet(e.headers, 'content-type'), boundary);
      const type = `multipart/byteranges; boundary=${boundary}`;
      return { status: 206, headers: writer.forEntry(e, facts, now, body.length, ['content-type', type]), body };
    }
  }
  return { status: e.status, headers: writer.forEntry(e, facts, now, size, undefined), body: method === 'HEAD' ? undefined : e.body };
}

/**
 * The reply for a range assembled from slices: 304 when the client's validators match (RFC 9110 §13.2.2
 * evaluates them before Range), else 206 with the assembled bytes or 416, Content-Range computed here.
 */
export function buildSlicedReply(a: SlicedAnswer, h: IncomingHttpHeaders, writer: HeaderWriter, now: number): Reply {
  const d = a.delivery;
  const facts = { outcome: d.outcome, fwdStatus: d.fwdStatus, stored: d.stored, collapsed: d.collapsed, refreshTriggered: d.refreshTriggered };
  if (notModified(a.entry, h)) return { status: 304, headers: writer.forEntry(a.entry, facts, now, undefined, undefined), body: undefined };
  const extra = ['content-range', a.contentRange];
  if (a.body === undefined) return { status: 416, headers: writer.forEntry(a.entry, facts, now, 0, extra), body: undefined };
  return { status: 206, headers: writer.forEntry(a.entry, facts, now, a.body.length, extra), body: a.body };
}
