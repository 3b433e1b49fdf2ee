/**
 * HTTP Range requests (RFC 9110 §14) answered from a whole stored body. One satisfiable range → 206 with
 * `Content-Range`; several → 206 `multipart/byteranges` with every part, in request order (no coalescing
 * of overlaps); none satisfiable → 416 with `Content-Range: bytes *\/size`. A syntactically invalid Range,
 * a unit other than `bytes`, or more than MAX_RANGES ranges is ignored (full 200), as §14.2 allows.
 */

/** An inclusive byte range within the body. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/** What a Range header asks of a body of a given size. */
export type RangeRequest =
  | { readonly kind: 'none' }
  | { readonly kind: 'unsatisfiable' }
  | { readonly kind: 'ranges'; readonly ranges: readonly ByteRange[] };

/** More ranges than this in one request are ignored (a cheap amplification guard). */
export const MAX_RANGES = 16;

const NONE: RangeRequest = Object.freeze({ kind: 'none' });
const UNSATISFIABLE: RangeRequest = Object.freeze({ kind: 'unsatisfiable' });
const SPEC = /^(\d*)-(\d*)$/;

/** Parses a Range header against a body of `size` bytes. */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return NONE;
  const eq = header.indexOf('=');
  if (eq < 0 || header.slice(0, eq).trim().toLowerCase() !== 'bytes') return NONE;
  const specs = header.slice(eq + 1).split(',');
  if (specs.length > MAX_RANGES) return NONE;
  const ranges: ByteRange[] = [];
  for (const raw of specs) {
    const m = SPEC.exec(raw.trim());
    if (m === null) return NONE;
    const [, a = '', b = ''] = m;
    if (a === '' && b === '') return NONE;
    if (a === '') {
      // Suffix range: the last N bytes.
      const n = Number(b);
      if (n > 0 && size > 0) ranges.push({ start: Math.max(0, size - n), end: size - 1 });
      continue;
    }
    const start = Number(a);
    const end = b === '' ? size - 1 : Number(b);
    if (b !== '' && end < start) return NONE;
    if (start < size) ranges.push({ start, end: Math.min(end, size - 1) });
  }
  return ranges.length === 0 ? UNSATISFIABLE : { kind: 'ranges', ranges };
}

/** `bytes start-end/size`. */
export function contentRange(r: ByteRange, size: number): string {
  return `bytes ${r.start}-${r.end}/${size}`;
}

/** The multipart/byteranges body of several ranges. */
export function multipartBody(body: Buffer, ranges: readonly ByteRange[], contentType: string | undefined, boundary: string): Buffer {
  const parts: Buffer[] = [];
  for (const r of ranges) {
    const type = contentType === undefined ? '' : `Content-Type: ${contentType}\r\n`;
    parts.push(Buffer.from(`--${boundary}\r\n${type}Content-Range: ${contentRange(r, body.length)}\r\n\r\n`), body.subarray(r.start, r.end + 1), CRLF);
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

const CRLF = Buffer.from('\r\n');

/**
 * True when an `If-Range` condition lets the Range apply: absent, or equal to the entry's strong ETag or
 * its Last-Modified date (RFC 9110 §13.1.5); otherwise the whole object is sent.
 */
export function ifRangeAllows(ifRange: string | undefined, etag: string | undefined, lastModified: string | undefined): boolean {
  if (ifRange === undefined) return true;
  const v = ifRange.trim();
  if (v.startsWith('"')) return etag !== undefined && !etag.startsWith('W/') && etag === v;
  return lastModified !== undefined && v === lastModified;
}
