/** A provider's per-second timeline as chart-ready rows: requests, errors, hit ratio, small-object p50/p95 per second. */
import { decodeHistogram } from '../result/histogram.js';
import type { ProviderResult } from '../result/result-model.js';
import type { TimelineView } from './report-model.js';
import { valuesAtPercentiles } from './series-histograms.js';

/** The timeline view of `p`; null when the result has no timeline. */
export function timelineView(scenario: string, p: ProviderResult): TimelineView | null {
  const tl = p.timeline;
  if (tl === undefined) return null;
  const seconds = tl.points.map((x) => {
    const h = decodeHistogram(x.small);
    const [p50, p95] = h.totalCount === 0 ? [null, null] : valuesAtPercentiles(h, [50, 95]).map((us) => us / 1000);
    return { t: x.t, requests: x.requests, errors: x.errors, hitRatio: x.known === 0 ? null : x.hits / x.known, smallP50Ms: p50 ?? null, smallP95Ms: p95 ?? null };
  });
  return { scenario, seconds, events: tl.events.map((e) => ({ ...e })) };
}
