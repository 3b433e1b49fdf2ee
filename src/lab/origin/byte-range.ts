/**
 * The Range header (RFC 9110 §14.1–14.2) for the `bytes` unit: `a-b`, `a-`, `-n` and lists of them.
 * A header that does not parse is ignored (full 200), as §14.2 requires; one that parses but names no byte
 * of the representation is unsatisfiable (416).
 */
import type { ByteSpan } from '../../catalog/index.js';

/** What a Range header asks for, resolved against a representation of known size. */
export type RangeRequest =
  | { kind: 'full' }
  | { kind: 'unsatisfiable' }
  | { kind: 'ranges'; ranges: ByteSpan[] };

/**
 * More ranges than this and the header is ignored: RFC 9110 §14.2 lets a server ignore range sets it
 * considers abusive, and nobody seeks to 64 places at once.
 */
export const MAX_RANGES = 64;

const SPEC = /^(?:(\d+)-(\d*)|-(\d+))$/;
const FULL: RangeRequest = { kind: 'full' };

/** Parses `header` for a representation of `size` bytes. */
export function parseRangeHeader(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return FULL;
  const eq = header.indexOf('=');
  if (eq < 0 || header.slice(0, eq).trim().toLowerCase() !== 'bytes') return FULL;
  // RFC 9110 §5.6.1: recipients accept empty list elements, so ", ,0-1" is one range.
  const specs = header.slice(eq + 1).split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (specs.length === 0 || specs.length > MAX_RANGES) return FULL;
  const ranges: ByteSpan[] = [];
  for (const spec of specs) {
    const m = SPEC.exec(spec);
    if (m === null) return FULL;
    if (m[3] !== undefined) {
      const suffix = Number(m[3]);
      if (suffix > 0 && size > 0) ranges.push({ start: Math.max(0, size - suffix), end: size - 1 });
      continue;
    }
    const first = Number(m[1]);
    const last = m[2] === '' || m[2] === undefined ? Number.POSITIVE_INFINITY : Number(m[2]);
    // last < first makes the whole header invalid (§14.1.1), not just this range unsatisfiable.
    if (last < first) return FULL;
    if (first < size) ranges.push({ start: first, end: Math.min(last, size - 1) });
  }
  return ranges.length === 0 ? { kind: 'unsatisfiable' } : { kind: 'ranges', ranges };
}

/** `bytes a-b/size`, the Content-Range of one part. */
export function contentRange(span: ByteSpan, size: number): string {
  return `bytes ${span.start}-${span.end}/${size}`;
}
