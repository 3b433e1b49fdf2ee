/**
 * Script source (TypeScript for k6): cdnbench's generic header dialect (src/dialects/
 * generic.ts and the vendor parsers it calls), ported so the script tags each response with the same
 * normalized cache status and PoP cdnbench would record. k6 cannot add tags to its built-in metrics
 * after a response, so these become tags of the script's own metrics. classify-parity.test.ts runs this
 * source against the TypeScript dialect on the dialects' test headers.
 */

/** Source text placed into every exported script. */
export const RUNTIME_CLASSIFY = String.raw`
// ---- Cache status and PoP from response headers (cdnbench's generic dialect) ---------------------

type Getter = (lowercaseName: string) => string | undefined;
interface Classification { cache: string; pop?: string }

const STATUS_WORDS = ['HIT', 'MISS', 'STALE', 'EXPIRED', 'REVALIDATED', 'UPDATING', 'BYPASS', 'UNKNOWN'];
const wordTable = (extra: Record<string, string>): Record<string, string> => {
  const t: Record<string, string> = {};
  for (const w of STATUS_WORDS) t[w] = w;
  return Object.assign(t, extra);
};
const GENERIC_WORDS = wordTable({ DYNAMIC: 'BYPASS', PASS: 'BYPASS' });
const FASTLY_WORDS = wordTable({ PASS: 'BYPASS', HITPASS: 'BYPASS', 'HIT-STALE': 'STALE', 'HIT-SYNTH': 'HIT' });
const CLOUDFRONT_WORDS: Record<string, string> = { HIT: 'HIT', MISS: 'MISS', REFRESHHIT: 'REVALIDATED', ERROR: 'UNKNOWN', LIMITEXCEEDED: 'UNKNOWN', CAPACITYEXCEEDED: 'UNKNOWN', REDIRECT: 'UNKNOWN' };
const AKAMAI_CODES: Record<string, string> = {
  TCP_HIT: 'HIT', TCP_MEM_HIT: 'HIT', TCP_IMS_HIT: 'HIT', TCP_NEGATIVE_HIT: 'HIT', TCP_MISS: 'MISS', TCP_IMS_MISS: 'MISS',
  TCP_REFRESH_HIT: 'REVALIDATED', TCP_REFRESH_MISS: 'MISS', TCP_REFRESH_FAIL_HIT: 'STALE', TCP_DENIED: 'BYPASS', TCP_COOKIE_DENY: 'BYPASS',
};
const RFC_FWD: Record<string, string> = { bypass: 'BYPASS', method: 'BYPASS', request: 'BYPASS', miss: 'MISS', 'uri-miss': 'MISS', 'vary-miss': 'MISS', partial: 'MISS' };

const lastMember = (v: string): string => v.slice(v.lastIndexOf(',') + 1).trim();
const startsWithUpper = (v: string, prefix: string): boolean => v.slice(0, prefix.length).toUpperCase() === prefix;
const nonEmpty = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v.trim());
function afterLast(v: string, sep: string): string | undefined {
  const at = v.lastIndexOf(sep);
  return at < 0 ? undefined : nonEmpty(v.slice(at + sep.length));
}
function lookupWord(v: string | undefined, table: Record<string, string>): string | undefined {
  if (v === undefined) return undefined;
  const word = lastMember(v);
  return word === '' ? undefined : (table[word.toUpperCase()] ?? 'UNKNOWN');
}
const known = (s: string | undefined): string | undefined => (s === 'UNKNOWN' ? undefined : s);
const firstWord = (entry: string): string => entry.split(' ')[0]!.toUpperCase();

// RFC 9211 Cache-Status: the last member (the cache nearest the client), read leniently.
function stringEnd(v: string, open: number): number {
  for (let i = open + 1; i < v.length; i++) {
    if (v[i] === '\\') i++;
    else if (v[i] === '"') return i;
  }
  return v.length;
}
function parseCacheStatus(v: string): Classification & { collapsed?: boolean } {
  let start = 0;
  for (let j = 0; j < v.length; j++) {
    if (v[j] === '"') j = stringEnd(v, j);
    else if (v[j] === ',') start = j + 1;
  }
  const ows = (k: number): number => { while (k < v.length && (v[k] === ' ' || v[k] === '\t')) k++; return k; };
  const bareEnd = (k: number, stopAtEquals: boolean): number => {
    while (k < v.length && !(';, \t'.includes(v[k] as string) || (stopAtEquals && v[k] === '='))) k++;
    return k;
  };
  const unquote = (open: number, close: number): string => v.slice(open + 1, close).replace(/\\(.)/g, '$1');
  let i = ows(start);
  let pop: string;
  if (v[i] === '"') { const close = stringEnd(v, i); pop = unquote(i, close); i = close + 1; }
  else { const end = bareEnd(i, false); pop = v.slice(i, end); i = end; }
  if (pop === '') return { cache: 'UNKNOWN' };
  let hit = false;
  let fwd: string | undefined;
  let fwdStatus = NaN;
  let ttl = NaN;
  while (i < v.length) {
    i = ows(i);
    if (v[i] !== ';') break;
    i = ows(i + 1);
    const keyEnd = bareEnd(i, true);
    const key = v.slice(i, keyEnd).toLowerCase();
    if (key === '') break;
    i = keyEnd;
    let val: string | undefined;
    if (v[i] === '=') {
      i++;
      if (v[i] === '"') { const close = stringEnd(v, i); val = unquote(i, close); i = close + 1; }
      else { const end = bareEnd(i, false); val = v.slice(i, end); i = end; }
    }
    const flag = val === undefined || val === '?1';
    if (key === 'hit') hit = flag;
    else if (key === 'fwd' && val) fwd = val.toLowerCase();
    else if (key === 'fwd-status' && val) fwdStatus = Number(val);
    else if (key === 'ttl' && val) ttl = Number(val);
  }
  let cache: string;
  if (hit) cache = ttl < 0 ? 'STALE' : 'HIT';
  else if (fwd === 'stale') cache = fwdStatus === 304 ? 'REVALIDATED' : 'EXPIRED';
  else if (fwd !== undefined) cache = RFC_FWD[fwd] ?? 'MISS';
  else cache = 'UNKNOWN';
  return { cache, pop };
}

function akamaiStatus(entry: string): string {
  const code = firstWord(entry);
  const hit = AKAMAI_CODES[code];
  if (hit !== undefined) return hit;
  if (code.startsWith('TCP_') && code.endsWith('_HIT')) return 'HIT';
  if (code.startsWith('TCP_') && code.endsWith('_MISS')) return 'MISS';
  return 'UNKNOWN';
}
function fastlyStatus(entry: string): string {
  const word = entry.toUpperCase();
  const exact = FASTLY_WORDS[word];
  if (exact !== undefined) return exact;
  const dash = word.indexOf('-');
  return dash > 0 ? (FASTLY_WORDS[word.slice(0, dash)] ?? 'UNKNOWN') : 'UNKNOWN';
}
function anyXCache(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const entry = lastMember(v);
  if (entry === '') return undefined;
  if (startsWithUpper(entry, 'TCP_')) return akamaiStatus(entry);
  const upper = entry.toUpperCase();
  if (upper.endsWith(' FROM CLOUDFRONT')) return CLOUDFRONT_WORDS[firstWord(entry)] ?? 'UNKNOWN';
  const word = fastlyStatus(entry);
  if (word !== 'UNKNOWN') return word;
  if (upper.includes('MISS')) return 'MISS';
  if (upper.includes('HIT')) return 'HIT';
  return 'UNKNOWN';
}
function xVarnish(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const ids = lastMember(v);
  if (ids === '') return undefined;
  if (!/^[0-9 \t]+$/.test(ids)) return 'UNKNOWN';
  const count = ids.split(/[ \t]+/).filter((x) => x !== '').length;
  return count === 1 ? 'MISS' : count === 2 ? 'HIT' : 'UNKNOWN';
}
function bunnyPop(server: string | undefined): string | undefined {
  if (server === undefined) return undefined;
  const v = server.trim();
  if (!startsWithUpper(v, 'BUNNYCDN-')) return undefined;
  const end = v.indexOf('-', 9);
  const pop = v.slice(9, end < 0 ? v.length : end);
  return pop === '' ? undefined : pop.toUpperCase();
}
function akamaiHost(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const entry = lastMember(v);
  if (!startsWithUpper(entry, 'TCP_')) return undefined;
  const at = entry.toLowerCase().indexOf(' from ');
  if (at < 0) return undefined;
  const end = entry.indexOf(' ', at + 6);
  const host = entry.slice(at + 6, end < 0 ? entry.length : end);
  return host === '' ? undefined : host;
}

function classify(get: Getter): Classification {
  let result: Classification = { cache: 'UNKNOWN' };
  const rfc = get('cache-status');
  const parsed = rfc === undefined ? undefined : parseCacheStatus(rfc);
  if (parsed !== undefined && parsed.cache !== 'UNKNOWN') result = { cache: parsed.cache, pop: parsed.pop };
  else {
    result.cache =
      known(lookupWord(get('cf-cache-status'), GENERIC_WORDS)) ??
      known(lookupWord(get('x-cache-status'), GENERIC_WORDS)) ??
      known(lookupWord(get('cdn-cache'), GENERIC_WORDS)) ??
      known(anyXCache(get('x-cache'))) ??
      known(xVarnish(get('x-varnish'))) ??
      'UNKNOWN';
  }
  const servedBy = get('x-served-by');
  const cfPop = get('x-amz-cf-pop');
  const ray = get('cf-ray');
  const ours = get('x-cdnbench-pop');
  const pop =
    (ours === undefined ? undefined : nonEmpty(lastMember(ours))) ??
    (servedBy === undefined ? undefined : afterLast(lastMember(servedBy), '-')?.toUpperCase()) ??
    (cfPop === undefined ? undefined : nonEmpty(lastMember(cfPop))) ??
    (ray === undefined ? undefined : afterLast(ray, '-')?.toUpperCase()) ??
    bunnyPop(get('server')) ??
    akamaiHost(get('x-cache'));
  if (pop !== undefined) result.pop = pop;
  return result;
}
`;
