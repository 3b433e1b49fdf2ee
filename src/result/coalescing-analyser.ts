/**
 * The coalescing analyser (DOMAIN.md §2, issue 4 item 3): turns the client counts of a burst on uncached
 * objects and the origin's fetch counters into a CoalescingResult.
 *
 * - ratio = originFetches / idealFetches (1.00 is perfect; a burst of n per PoP without coalescing gives n);
 * - effectiveness = 1 − (originFetches − ideal) / (clientRequests − ideal) (1 perfect, 0 none); null when
 *   clientRequests = ideal (one request per pair: there was nothing to collapse).
 *
 * Neither figure is clamped: a ratio below 1 (effectiveness above 1) means an object was not uncached at
 * the burst's start, one above the burst size (effectiveness below 0) means retries or refetches; both are
 * reported as measured rather than hidden.
 */
import { request } from 'undici';
import { z } from 'zod';
import { CdnbenchError } from '../errors.js';
import type { CoalescingResult } from './probe-results.js';
import type { CoalescingBurstTracker } from './coalescing-burst-tracker.js';

/** What `exactCoalescing` needs. */
export interface ExactCoalescingInput {
  /** PoP → path → client requests of the burst (CoalescingBurstTracker.clientRequestsByPop()). */
  clientRequestsByPop: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** path → edge → fetches counted by cdnbench's origin (fetchOriginCounts), read after the burst settled. */
  originFetches: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** True when the provider fetches through a shield tier (the profile's `shield`). */
  shield: boolean;
}

/** ratio and effectiveness per DOMAIN.md §2 from the three counts. */
export function coalescingFigures(clientRequests: number, originFetches: number, idealFetches: number): Pick<CoalescingResult, 'ratio' | 'effectiveness'> {
  return {
    ratio: idealFetches === 0 ? null : originFetches / idealFetches,
    effectiveness: clientRequests === idealFetches ? null : 1 - (originFetches - idealFetches) / (clientRequests - idealFetches),
  };
}

/**
 * Exact coalescing from the origin's own counters (method 'exact').
 *
 * idealFetches is one fetch per (object, PoP) pair that was requested. With a shield it is one fetch per
 * object: every PoP fetches from the shield, and the shield is the only one that fetches from the origin,
 * so a perfect shielded CDN fetches each object once whatever the number of PoPs. originFetches sums the
 * origin's counters of the requested paths over every edge (PoPs, shield, anything else that asked), so a
 * fetch the CDN made outside its tiers is counted, not excused. Paths in `originFetches` that were not
 * requested in the burst are ignored.
 */
export function exactCoalescing(input: ExactCoalescingInput): CoalescingResult {
  let clientRequests = 0;
  let pairs = 0;
  const objects = new Set<string>();
  for (const paths of input.clientRequestsByPop.values()) {
    for (const [path, n] of paths) {
      if (n <= 0) continue;
      clientRequests += n;
      pairs += 1;
      objects.add(path);
    }
  }
  let originFetches = 0;
  for (const path of objects) for (const n of input.originFetches.get(path)?.values() ?? []) originFetches += n;
  const idealFetches = input.shield ? objects.size : pairs;
  return { clientRequests, originFetches, idealFetches, ...coalescingFigures(clientRequests, originFetches, idealFetches), method: 'exact' };
}

/**
 * Estimated coalescing from cache-status headers (method 'estimated'), for origins cdnbench does not own.
 *
 * An origin fetch is a response the client-facing PoP marked MISS or EXPIRED without RFC 9211 `collapsed`
 * (see FETCHING_STATUSES). Headers only describe the PoP that answered, so the estimate counts fetches
 * leaving each PoP and its ideal is one per (object, PoP) pair, shield or not: behind a shield it measures
 * per-PoP collapsing, not what reached the origin. Responses without a usable cache status (the tracker's
 * `unclassified`) cannot be seen and count as no fetch.
 */
export function estimatedCoalescing(tracker: CoalescingBurstTracker): CoalescingResult {
  const t = tracker.totals();
  return { clientRequests: t.requests, originFetches: t.estimatedFetches, idealFetches: t.pairs, ...coalescingFigures(t.requests, t.estimatedFetches, t.pairs), method: 'estimated' };
}

const statsSchema = z.object({
  objects: z.record(z.string(), z.record(z.string(), z.object({ fetches: z.number().int().nonnegative() }))),
});

/** Longest common prefix of `paths`, so one stats call covers them all without listing the whole origin. */
function commonPrefix(paths: readonly string[]): string {
  let prefix = paths[0] ?? '';
  for (const p of paths) while (!p.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/**
 * Reads `GET /__cdnbench/stats` of cdnbench's origin and returns path → edge → fetches for `paths` (every
 * path present, an empty map when the origin never saw it). The token travels only in the Authorization
 * header, never in the URL or an error message. Rejects with a RUN_FAILED CdnbenchError when the origin
 * cannot be reached, refuses the token or answers something that is not a stats document.
 */
export async function fetchOriginCounts(originUrl: string, token: string, paths: Iterable<string>, timeoutMs = 10_000): Promise<Map<string, Map<string, number>>> {
  const wanted = [...new Set(paths)];
  const out = new Map<string, Map<string, number>>(wanted.map((p) => [p, new Map<string, number>()]));
  if (wanted.length === 0) return out;
  const url = `${originUrl.replace(/\/+$/, '')}/__cdnbench/stats?${new URLSearchParams({ prefix: commonPrefix(wanted) }).toString()}`;
  const where = `${originUrl.replace(/\/+$/, '')}/__cdnbench/stats`;
  let body: unknown;
  try {
    const res = await request(url, { method: 'GET', headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new CdnbenchError('RUN_FAILED', `origin stats ${where}: HTTP ${res.statusCode}${res.statusCode === 401 ? ' (wrong or missing origin token)' : ''}`);
    body = JSON.parse(text) as unknown;
  } catch (err) {
    if (err instanceof CdnbenchError) throw err;
    throw new CdnbenchError('RUN_FAILED', `origin stats ${where}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const parsed = statsSchema.safeParse(body);
  if (!parsed.success) throw new CdnbenchError('RUN_FAILED', `origin stats ${where}: not a stats document`);
  for (const [path, edges] of out) {
    for (const [edge, c] of Object.entries(Object.hasOwn(parsed.data.objects, path) ? (parsed.data.objects[path] ?? {}) : {})) edges.set(edge, c.fetches);
  }
  return out;
}
