/**
 * One histogram field of a result's series, added into a single histogram and summarized: how end-to-end
 * tests recompute a summary from the stored histograms, independently of the summary cdnbench wrote.
 */
import { addInto, createLatencyHistogram, decodeHistogram, summarizeHistogram } from '../../src/result/histogram.js';
import type { LatencySummary, SeriesRecord } from '../../src/result/result-model.js';

/** The summary of one histogram fed `field` of every series in `series`. */
export function seriesSummary(series: readonly SeriesRecord[], field: 'latency' | 'ttfb' | 'service' = 'latency'): LatencySummary {
  const h = createLatencyHistogram();
  for (const s of series) addInto(h, decodeHistogram(s[field]));
  return summarizeHistogram(h);
}
