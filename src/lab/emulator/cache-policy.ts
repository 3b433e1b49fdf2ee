/**
 * What a shared cache may do with a response (RFC 9111 §3, §4.2, §5.2; RFC 5861; RFC 9213): whether to
 * store it, how long it is fresh, and how long it may be served stale.
 *
 * Choices (documented because each is one of several defensible readings):
 * - Directive source: `CDN-Cache-Control` when present replaces `Cache-Control` entirely (RFC 9213 §2.1);
 *   else `Surrogate-Control` gives the lifetimes (Fastly's rule) while `private`/`no-store` in
 *   `Cache-Control` still forbid storing.
 * - Freshness: `s-maxage` > `max-age` > `Expires − Date` (invalid `Expires` = already expired). No
 *   heuristic freshness: a response with only a validator is stored with lifetime 0 (always revalidated).
 * - Status: 5xx, 206 and 304 are never stored; statuses ≥ 300 (e.g. 404) only with explicit freshness.
 * - `private` (qualified or not), `no-store`, `Vary: *` → not stored; a request with `Authorization` needs
 *   `public`, `s-maxage` or `must-revalidate` (§3.5).
 * - `no-cache` (qualified or not) → stored, lifetime 0, never served stale.
 * - `must-revalidate` / `proxy-revalidate` forbid stale serving; the revalidate semantics `s-maxage` implies
 *   are overridden by an explicit `stale-while-revalidate` / `stale-if-error`, as CDNs do (the common
 *   `s-maxage=60, stale-while-revalidate=30` idiom would otherwise mean nothing).
 */
import { type HeaderList, listGet } from './header-list.js';

/** The cache's reading of one response. */
export interface CachePolicy {
  /** May be stored by a shared cache. */
  readonly storable: boolean;
  /** Freshness lifetime, ms. */
  readonly freshMs: number;
  /** stale-while-revalidate window after expiry, ms (0 = none). */
  readonly swrMs: number;
  /** stale-if-error window after expiry, ms (0 = none). */
  readonly sieMs: number;
}

/** Parsed directives: name (lower-case) → argument ('' for bare directives). */
export function parseDirectives(value: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (value === undefined) return out;
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (name === '') continue;
    let arg = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (arg.startsWith('"') && arg.endsWith('"') && arg.length >= 2) arg = arg.slice(1, -1);
    // RFC 9111 §4.2.1: with duplicated directives the first one counts.
    if (!out.has(name)) out.set(name, arg);
  }
  return out;
}

/** A delta-seconds argument in ms; undefined when absent or not a non-negative integer. */
function seconds(d: Map<string, string>, name: string): number | undefined {
  const raw = d.get(name);
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  return Number(raw) * 1000;
}

/** Expires − Date in ms, 0 for an unparseable Expires (RFC 9111 §5.3: treat as already expired). */
function expiresLifetime(headers: HeaderList, receivedAt: number): number | undefined {
  const expires = listGet(headers, 'expires');
  if (expires === undefined) return undefined;
  const exp = Date.parse(expires);
  if (Number.isNaN(exp)) return 0;
  const dateRaw = listGet(headers, 'date');
  const date = dateRaw === undefined ? Number.NaN : Date.parse(dateRaw);
  return Math.max(0, exp - (Number.isNaN(date) ? receivedAt : date));
}

const NOT_STORABLE: CachePolicy = Object.freeze({ storable: false, freshMs: 0, swrMs: 0, sieMs: 0 });

/**
 * The policy for a response to a GET.
 * @param receivedAt epoch ms the response arrived (Expires without Date is measured from it)
 * @param authorized the request carried `Authorization`
 */
export function cachePolicy(status: number, headers: HeaderList, receivedAt: number, authorized = false): CachePolicy {
  if (status >= 500 || status === 206 || status === 304 || status < 200) return NOT_STORABLE;
  const cc = parseDirectives(listGet(headers, 'cache-control'));
  const cdn = listGet(headers, 'cdn-cache-control');
  const surrogate = listGet(headers, 'surrogate-control');
  const d = cdn !== undefined ? parseDirectives(cdn) : surrogate !== undefined ? parseDirectives(surrogate) : cc;
  const forbidding = cdn !== undefined ? d : cc;
  if (d.has('no-store') || forbidding.has('no-store') || forbidding.has('private')) return NOT_STORABLE;
  if (listGet(headers, 'vary')?.trim() === '*') return NOT_STORABLE;
  if (authorized && !d.has('public') && !d.has('s-maxage') && !d.has('must-revalidate')) return NOT_STORABLE;

  const explicit = seconds(d, 's-maxage') ?? seconds(d, 'max-age') ?? (d === cc ? expiresLifetime(headers, receivedAt) : undefined);
  const hasValidator = listGet(headers, 'etag') !== undefined || listGet(headers, 'last-modified') !== undefined;
  if (explicit === undefined && (status >= 300 || !hasValidator)) return NOT_STORABLE;

  const noCache = d.has('no-cache');
  const noStale = noCache || d.has('must-revalidate') || d.has('proxy-revalidate');
  return {
    storable: true,
    freshMs: noCache ? 0 : (explicit ?? 0),
    swrMs: noStale ? 0 : (seconds(d, 'stale-while-revalidate') ?? 0),
    sieMs: noStale ? 0 : (seconds(d, 'stale-if-error') ?? 0),
  };
}
