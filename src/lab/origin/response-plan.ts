/**
 * Turns a request and a representation into a response plan: status, headers and the byte slices of the
 * body, after conditional requests (RFC 9110 §13) and ranges (§14). Planning happens when the request
 * arrives, so the origin counts exactly what it will send before any injected latency elapses.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { bufferSource, type BodySource } from './body-source.js';
import { contentRange, parseRangeHeader } from './byte-range.js';
import { NO_STORE } from './cache-policy.js';
import type { ErrorReply, Representation } from './representation.js';
import { tagHeaders } from './tags.js';
import { httpDate, ifRangeHolds, noneMatchHits, notModifiedSince } from './validators.js';

/** A slice (inclusive) of a body source. */
export interface BodyPart {
  source: BodySource;
  start: number;
  end: number;
}

/** Everything needed to write one response. */
export interface ResponsePlan {
  status: number;
  headers: Record<string, string>;
  /** Body slices in order; empty for HEAD, 304, 416 and bodiless errors. */
  parts: BodyPart[];
  /** Sum of the parts' lengths: what the counters record. */
  bodyBytes: number;
  /** True for a 304: a conditional request the origin answered without a body. */
  revalidation: boolean;
}

/** The request fields planning reads. */
export interface PlanRequest {
  method: string;
  headers: IncomingHttpHeaders;
}

/** The header that marks every response as coming from a cdnbench origin. */
export const ORIGIN_HEADER = 'x-cdnbench-origin';
/** The header carrying an object's content version. */
export const VERSION_HEADER = 'x-cdnbench-object-version';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function plan(status: number, headers: Record<string, string>, parts: BodyPart[], head: boolean): ResponsePlan {
  const body = head ? [] : parts;
  const bodyBytes = body.reduce((n, p) => n + p.end - p.start + 1, 0);
  return { status, headers, parts: body, bodyBytes, revalidation: status === 304 };
}

function isNotModified(req: PlanRequest, rep: Representation): boolean {
  const inm = header(req.headers, 'if-none-match');
  // §13.2.2: If-Modified-Since is only evaluated when If-None-Match is absent.
  if (inm !== undefined) return noneMatchHits(inm, rep.etag);
  const ims = header(req.headers, 'if-modified-since');
  return ims !== undefined && notModifiedSince(ims, rep.lastModifiedSec);
}

function multipart(rep: Representation, ranges: readonly { start: number; end: number }[], size: number): { type: string; parts: BodyPart[] } {
  // Derived from the ETag: deterministic, and 64 bits of hex cannot collide with audio by accident in practice.
  const boundary = `cdnbench-${rep.etag.replaceAll('"', '')}`;
  const parts: BodyPart[] = [];
  const text = (s: string): void => {
    const buf = Buffer.from(s, 'latin1');
    parts.push({ source: bufferSource(buf), start: 0, end: buf.length - 1 });
  };
  ranges.forEach((r, i) => {
    text(`${i === 0 ? '' : '\r\n'}--${boundary}\r\ncontent-type: ${rep.contentType}\r\ncontent-range: ${contentRange(r, size)}\r\n\r\n`);
    parts.push({ source: rep.body, start: r.start, end: r.end });
  });
  text(`\r\n--${boundary}--\r\n`);
  return { type: `multipart/byteranges; boundary=${boundary}`, parts };
}

/** The response for a representation (GET or HEAD). */
export function planRepresentation(req: PlanRequest, rep: Representation): ResponsePlan {
  const head = req.method === 'HEAD';
  const size = rep.body.size;
  const headers: Record<string, string> = {
    etag: rep.etag,
    'last-modified': httpDate(rep.lastModifiedSec),
    'cache-control': rep.cacheControl,
    'accept-ranges': 'bytes',
    [ORIGIN_HEADER]: '1',
    [VERSION_HEADER]: String(rep.version),
    ...tagHeaders(rep.tags),
  };
  if (rep.vary !== undefined) headers.vary = rep.vary;
  if (isNotModified(req, rep)) return plan(304, headers, [], true);
  headers['content-type'] = rep.contentType;
  const full = (): ResponsePlan => {
    headers['content-length'] = String(size);
    return plan(200, headers, size === 0 ? [] : [{ source: rep.body, start: 0, end: size - 1 }], head);
  };
  // §14.2: range handling is defined for GET only; If-Range that fails means "send it all".
  const rangeHeader = header(req.headers, 'range');
  const ifRange = header(req.headers, 'if-range');
  if (req.method !== 'GET' || rangeHeader === undefined) return full();
  if (ifRange !== undefined && !ifRangeHolds(ifRange, rep.etag, rep.lastModifiedSec)) return full();
  const range = parseRangeHeader(rangeHeader, size);
  if (range.kind === 'full') return full();
  if (range.kind === 'unsatisfiable') {
    return plan(416, { ...headers, 'content-range': `bytes */${size}`, 'content-length': '0', 'cache-control': NO_STORE }, [], head);
  }
  const [only, ...more] = range.ranges;
  if (only !== undefined && more.length === 0) {
    headers['content-range'] = contentRange(only, size);
    headers['content-length'] = String(only.end - only.start + 1);
    return plan(206, headers, [{ source: rep.body, start: only.start, end: only.end }], head);
  }
  const mp = multipart(rep, range.ranges, size);
  headers['content-type'] = mp.type;
  headers['content-length'] = String(mp.parts.reduce((n, p) => n + p.end - p.start + 1, 0));
  return plan(206, headers, mp.parts, head);
}

/** The response for an error reply: a small JSON body naming the problem. */
export function planError(req: PlanRequest, reply: ErrorReply): ResponsePlan {
  const body = Buffer.from(JSON.stringify({ error: reply.error }));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(body.length),
    'cache-control': reply.cacheControl,
    [ORIGIN_HEADER]: '1',
    ...reply.headers,
  };
  return plan(reply.status, headers, [{ source: bufferSource(body), start: 0, end: body.length - 1 }], req.method === 'HEAD');
}
