/**
 * Apache Traffic Server: the via-codes ATS puts in `Via` when `proxy.config.http.insert_response_via_str`
 * is set, e.g. `http/1.1 pop1 (ApacheTrafficServer/9.2.0 [uScHs f p eN:t cCHi p s ])` (long form) or
 * `[cHs f ]` (short form). Both forms start with marker/value letter pairs (u client, c cache lookup,
 * s server, f cache fill, p proxy, e error) up to `:`; only those pairs are read (see `traffic_via`).
 *
 * Cache-lookup letter: H (fresh) / R (fresh, RAM) / W (read-while-writer: served from the copy another
 * request is still writing, i.e. collapsed into its fetch) → HIT; M (not in cache) / A (not acceptable) → MISS;
 * S (stale) → REVALIDATED when the origin answered not-modified (server N or proxy R), else EXPIRED;
 * blank → BYPASS when the detail part shows tunnelling (the cache was skipped), else UNKNOWN.
 * PoP: `X-Cdnbench-Pop`, else the received-by host of the Via entry carrying the codes.
 */
import type { CacheStatus } from '../result/sample.js';
import { CDNBENCH_POP_HEADER, cdnbenchPop, defineDialect } from './define-dialect.js';

const SPACE = 0x20;

/** The via-codes of the last bracketed entry (closest to the client), without the brackets. */
function lastCodes(via: string): { open: number; codes: string } | undefined {
  const open = via.lastIndexOf('[');
  if (open < 0) return undefined;
  const close = via.indexOf(']', open);
  return { open, codes: via.slice(open + 1, close < 0 ? via.length : close) };
}

/** Decodes the cache result from a Traffic Server `Via` value; undefined when it carries no via-codes. */
export function atsViaStatus(via: string | undefined): CacheStatus | undefined {
  if (via === undefined) return undefined;
  const found = lastCodes(via);
  if (found === undefined) return undefined;
  const { codes } = found;
  let lookup = '';
  let server = '';
  let proxy = '';
  let i = 0;
  for (; i + 1 < codes.length && codes[i] !== ':'; i += 2) {
    const value = codes[i + 1] ?? ' ';
    switch (codes[i]) {
      case 'c': lookup = value; break;
      case 's': server = value; break;
      case 'p': proxy = value; break;
    }
  }
  switch (lookup.toUpperCase()) {
    case 'H':
    case 'R':
    case 'W':
      return 'HIT';
    case 'M':
    case 'A':
      return 'MISS';
    case 'S':
      return server.toUpperCase() === 'N' || proxy.toUpperCase() === 'R' ? 'REVALIDATED' : 'EXPIRED';
    case ' ': {
      // Detail part `:t<tunnel>...`: F/M/O/U mean the request was tunnelled past the cache.
      const colon = codes.indexOf(':');
      const tunnel = colon >= 0 && codes[colon + 1] === 't' ? (codes[colon + 2] ?? ' ') : ' ';
      return tunnel !== ' ' ? 'BYPASS' : 'UNKNOWN';
    }
    default:
      return 'UNKNOWN';
  }
}

/** The received-by host of the Via entry holding the last via-codes (`http/1.1 pop1 (ATS [..])` → `pop1`). */
export function atsViaHost(via: string | undefined): string | undefined {
  if (via === undefined) return undefined;
  const found = lastCodes(via);
  if (found === undefined) return undefined;
  let i = via.lastIndexOf(',', found.open) + 1;
  while (i < via.length && via.charCodeAt(i) === SPACE) i++;
  const protocolEnd = via.indexOf(' ', i);
  if (protocolEnd < 0 || protocolEnd > found.open) return undefined;
  i = protocolEnd;
  while (i < via.length && via.charCodeAt(i) === SPACE) i++;
  const hostEnd = via.indexOf(' ', i);
  const host = via.slice(i, hostEnd < 0 ? via.length : hostEnd);
  return host === '' || host.startsWith('(') || host.startsWith('[') ? undefined : host;
}

/** Apache Traffic Server's header dialect. */
export const atsDialect = defineDialect({
  id: 'ats',
  description: 'Apache Traffic Server Via codes (insert_response_via_str); PoP = X-Cdnbench-Pop or Via host',
  headers: ['via', CDNBENCH_POP_HEADER],
  status: (get) => atsViaStatus(get('via')),
  pop: (get) => cdnbenchPop(get(CDNBENCH_POP_HEADER)) ?? atsViaHost(get('via')),
});
