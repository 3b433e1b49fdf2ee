/**
 * Derives a provider's documented summary from its series. Percentiles come from histograms merged
 * bucket by bucket (never from averaged percentiles), so a summary after a merge is exact.
 */
import { addInto, createLatencyHistogram, decodeHistogram, summarizeHistogram } from './histogram.js';
import type { Histogram } from './histogram.js';
import type { ClassSummary, LatencySummary, ProviderSummary, SeriesRecord } from './result-model.js';
import { OBJECT_CLASSES } from './sample.js';
import { regionSummaries } from './region-summary.js';
import type { CacheStatus, ErrorKind, ObjectClass } from './sample.js';

/** Cache states that mean the edge answered from its cache (stale and updating included). */
const SERVED_FROM_CACHE: ReadonlySet<CacheStatus> = new Set<CacheStatus>(['HIT', 'STALE', 'UPDATING']);

/** Exchanges of a series that got a response (requests minus network errors). */
export function responsesOf(s: SeriesRecord): number {
  let errors = 0;
  for (const n of Object.values(s.networkErrors)) errors += n ?? 0;
  return s.requests - errors;
}

/** Responses with status ≥ 400 (status classes "4xx" and above). */
function errorResponsesOf(s: SeriesRecord): number {
  let n = 0;
  for (const [cls, count] of Object.entries(s.statusClasses)) {
    if (Number.parseInt(cls, 10) >= 4) n += count;
  }
  return n;
}

/** Accumulates hits over known-cache responses. */
class HitCounter {
  private hits = 0;
  private known = 0;
  add(s: SeriesRecord): void {
    if (s.key.cache === 'UNKNOWN') return;
    const responses = responsesOf(s);
    this.known += responses;
    if (SERVED_FROM_CACHE.has(s.key.cache)) this.hits += responses;
  }
  get ratio(): number | null {
    return this.known === 0 ? null : this.hits / this.known;
  }
}

/**
 * Hits / responses with a known cache state over a set of series (HIT, STALE and UPDATING count
 * as served from cache); null when no response had a known state.
 */
export function hitRatioOf(series: readonly SeriesRecord[]): number | null {
  const c = new HitCounter();
  for (const s of series) c.add(s);
  return c.ratio;
}

/** Served from the PoP's cache: the warm path. */
const WARM: ReadonlySet<string> = new Set(['HIT', 'STALE', 'UPDATING']);
/** Went to the origin (first fetch at a PoP, expired or bypassed): the cold path. UNKNOWN is neither. */
const COLD: ReadonlySet<string> = new Set(['MISS', 'EXPIRED', 'REVALIDATED', 'BYPASS']);

/**
 * The ProviderSummary of one provider's series (result-model.ts). The small/large split was fixed per
 * series when it was recorded (histograms cannot be re-bucketed by body size), so no bound is taken here.
 * Probe results (invalidation, coalescing, cost) are null: the run fills in what it measured.
 */
export function summarizeProvider(series: readonly SeriesRecord[]): ProviderSummary {
  const all = createLatencyHistogram();
  const small = createLatencyHistogram();
  const cold = createLatencyHistogram();
  const warm = createLatencyHistogram();
  const smallPerPop = new Map<string, Histogram>();
  const hits = new HitCounter();
  const classes = new Map<ObjectClass, { requests: number; bytes: number; hits: HitCounter }>();
  const networkErrors: Partial<Record<ErrorKind, number>> = {};
  let requests = 0;
  let errors = 0;
  let bytes = 0;

  for (const s of series) {
    requests += s.requests;
    bytes += s.bytes;
    errors += errorResponsesOf(s);
    for (const [kind, n] of Object.entries(s.networkErrors) as [ErrorKind, number | undefined][]) {
      errors += n ?? 0;
      networkErrors[kind] = (networkErrors[kind] ?? 0) + (n ?? 0);
    }
    hits.add(s);
    let c = classes.get(s.key.objectClass);
    if (c === undefined) {
      c = { requests: 0, bytes: 0, hits: new HitCounter() };
      classes.set(s.key.objectClass, c);
    }
    c.requests += s.requests;
    c.bytes += s.bytes;
    c.hits.add(s);

    const latency = decodeHistogram(s.latency);
    addInto(all, latency);
    if (s.key.size === 'small') {
      addInto(small, latency);
      if (WARM.has(s.key.cache)) addInto(warm, latency);
      else if (COLD.has(s.key.cache)) addInto(cold, latency);
      let pop = smallPerPop.get(s.key.pop);
      if (pop === undefined) {
        pop = createLatencyHistogram();
        smallPerPop.set(s.key.pop, pop);
      }
      addInto(pop, latency);
    }
  }

  const perPop: Record<string, LatencySummary> = {};
  for (const pop of [...smallPerPop.keys()].sort()) {
    const h = smallPerPop.get(pop);
    if (h !== undefined) perPop[pop] = summarizeHistogram(h);
  }
  const byClass: Partial<Record<ObjectClass, ClassSummary>> = {};
  // Declaration order, not arrival order, so the JSON is stable across agents and merges.
  for (const cls of OBJECT_CLASSES) {
    const c = classes.get(cls);
    if (c !== undefined) byClass[cls] = { requests: c.requests, bytes: c.bytes, hitRatio: c.hits.ratio };
  }

  const byRegion = regionSummaries(series);
  return {
    smallObject: { ...summarizeHistogram(small), perPop, cold: summarizeHistogram(cold), warm: summarizeHistogram(warm) },
    allObjects: summarizeHistogram(all),
    hitRatio: hits.ratio,
    requests,
    errors,
    errorRate: requests === 0 ? 0 : errors / requests,
    bytes,
    byClass,
    networkErrors,
    invalidation: null,
    coalescing: null,
    cost: null,
    ...(byRegion === undefined ? {} : { byRegion }),
    purges: [],
  };
}
