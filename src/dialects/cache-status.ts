/**
 * A lenient, allocation-light reader of the RFC 9211 `Cache-Status` field (an RFC 8941 List of Items).
 *
 * Only the last list member is parsed: each cache appends its entry, so the last one is the cache closest
 * to the client, i.e. the PoP the sample is attributed to. A strict Structured Fields parser would reject
 * the whole field on any syntax error; a benchmark would rather keep what it can read, so errors only stop
 * parameter parsing, and a missing cache name gives UNKNOWN.
 *
 * Mapping (RFC 9211 §2.1–2.8):
 * - `hit` → HIT, or STALE when `ttl` is negative (served past freshness). `hit` wins over a stray `fwd`,
 *   because `hit` asserts the response came from cache.
 * - `fwd=stale` → REVALIDATED when `fwd-status=304` (the stored copy was validated), else EXPIRED
 *   (a stale copy existed but a new response was fetched).
 * - `fwd=bypass`, `fwd=method`, `fwd=request` → BYPASS: the cache was not allowed to answer, so the
 *   request says nothing about the cache's contents.
 * - `fwd=miss|uri-miss|vary-miss|partial` and unknown extension values → MISS (the request went forward).
 * - neither `hit` nor `fwd` → UNKNOWN.
 * - `collapsed` → `collapsed: true`.
 */
import type { CacheStatus } from '../result/sample.js';
import type { Classification } from './dialect.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const EQUALS = 0x3d;
const SPACE = 0x20;
const TAB = 0x09;

const ESCAPE = /\\(.)/g;

const FWD: ReadonlyMap<string, CacheStatus> = new Map<string, CacheStatus>([
  ['bypass', 'BYPASS'],
  ['method', 'BYPASS'],
  ['request', 'BYPASS'],
  ['miss', 'MISS'],
  ['uri-miss', 'MISS'],
  ['vary-miss', 'MISS'],
  ['partial', 'MISS'],
]);

function skipOws(v: string, i: number): number {
  while (i < v.length) {
    const c = v.charCodeAt(i);
    if (c !== SPACE && c !== TAB) break;
    i++;
  }
  return i;
}

/** Index of the closing quote of the sf-string opening at `open`, or v.length when unterminated. */
function stringEnd(v: string, open: number): number {
  for (let i = open + 1; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  return v.length;
}

/** Start of the last top-level list member; commas inside sf-strings (e.g. `detail="a,b"`) do not count. */
function lastMemberStart(v: string): number {
  let start = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === QUOTE) i = stringEnd(v, i);
    else if (c === COMMA) start = i + 1;
  }
  return start;
}

/** End of a bare (unquoted) item, parameter key (when `stopAtEquals`) or parameter value. */
function bareEnd(v: string, i: number, stopAtEquals = false): number {
  while (i < v.length) {
    const c = v.charCodeAt(i);
    if (c === SEMICOLON || c === SPACE || c === TAB || c === COMMA || (stopAtEquals && c === EQUALS)) break;
    i++;
  }
  return i;
}

function unquote(v: string, open: number, close: number): string {
  const s = v.slice(open + 1, close);
  return s.indexOf('\\') < 0 ? s : s.replace(ESCAPE, '$1');
}

/** Classifies a `Cache-Status` field value. Never throws; unparseable input gives UNKNOWN. */
export function classifyCacheStatus(value: string): Classification {
  const v = value;
  let i = skipOws(v, lastMemberStart(v));
  let pop: string;
  if (i < v.length && v.charCodeAt(i) === QUOTE) {
    const close = stringEnd(v, i);
    pop = unquote(v, i, close);
    i = close + 1;
  } else {
    const end = bareEnd(v, i);
    pop = v.slice(i, end);
    i = end;
  }
  if (pop === '') return { cache: 'UNKNOWN' };

  let hit = false;
  let collapsed = false;
  let fwd: string | undefined;
  let fwdStatus = NaN;
  let ttl = NaN;
  while (i < v.length) {
    i = skipOws(v, i);
    if (i >= v.length || v.charCodeAt(i) !== SEMICOLON) break;
    i = skipOws(v, i + 1);
    const keyEnd = bareEnd(v, i, true);
    const key = v.slice(i, keyEnd).toLowerCase();
    if (key === '') break;
    i = keyEnd;
    let val: string | undefined;
    if (i < v.length && v.charCodeAt(i) === EQUALS) {
      i++;
      if (i < v.length && v.charCodeAt(i) === QUOTE) {
        const close = stringEnd(v, i);
        val = unquote(v, i, close);
        i = close + 1;
      } else {
        const end = bareEnd(v, i);
        val = v.slice(i, end);
        i = end;
      }
    }
    // A bare key is Boolean true in Structured Fields; `?0` is an explicit false.
    const flag = val === undefined || val === '?1';
    if (key === 'hit') hit = flag;
    else if (key === 'collapsed') collapsed = flag;
    else if (key === 'fwd' && val) fwd = val.toLowerCase();
    else if (key === 'fwd-status' && val) fwdStatus = Number(val);
    else if (key === 'ttl' && val) ttl = Number(val);
  }

  let cache: CacheStatus;
  if (hit) cache = ttl < 0 ? 'STALE' : 'HIT';
  else if (fwd === 'stale') cache = fwdStatus === 304 ? 'REVALIDATED' : 'EXPIRED';
  else if (fwd !== undefined) cache = FWD.get(fwd) ?? 'MISS';
  else cache = 'UNKNOWN';
  return collapsed ? { cache, pop, collapsed } : { cache, pop };
}
