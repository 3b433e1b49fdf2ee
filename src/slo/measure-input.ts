/**
 * What a metric is measured over: one provider's series, plus the summary and session counters once
 * the run has ended (null while it runs, when only the series exist).
 */
import type { ProviderSummary, SeriesRecord, SessionCounters } from '../result/result-model.js';

/** One provider's figures, final or live. */
export interface MeasureInput {
  series: readonly SeriesRecord[];
  /** The finished summary (probe results included); null during the run. */
  summary: ProviderSummary | null;
  /** Session counters; null during the run. */
  sessions: SessionCounters | null;
}

/** Concrete tag values a measurement is restricted to, e.g. { pop: "FRA" } (never "*"). */
export type Scope = Readonly<Record<string, string>>;

/** The tags a metric can be filtered by, besides `provider` (which picks providers, see evaluate.ts). */
export type TagName = 'pop' | 'class' | 'cache';

/** Every tag a threshold may filter on. */
export const TAG_NAMES: readonly string[] = ['provider', 'pop', 'class', 'cache'];
