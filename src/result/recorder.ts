/**
 * The recorder: the engine's sample sink. Keeps counters and three histograms per series
 * (provider × PoP × object class × cache status × size bucket) so memory grows with the number of
 * distinct series, never with the number of requests.
 */
import { createLatencyHistogram, recordClamped } from './histogram.js';
import type { SeriesRecord } from './result-model.js';
import { CACHE_STATUSES, ERROR_KINDS, OBJECT_CLASSES } from './sample.js';
import type { Sample, SampleSink } from './sample.js';
import { createSeriesEntry, snapshotSeries } from './series-entry.js';
import type { SeriesEntry } from './series-entry.js';
import type { ProviderTimeline, TimelineEvent } from './result-model.js';
import { TimelineRecorder } from './timeline-recorder.js';

/** Options of a Recorder. */
export interface RecorderOptions {
  /** Body-size bound for small objects, bytes. */
  smallObjectMaxBytes: number;
  /** Agent region stamped on every series key; "" when omitted. */
  region?: string;
  /** Wall-clock ms every timeline second counts from; default the first sample's start. Workers of one load share it. */
  timelineOrigin?: number;
}

/** Cheap figures for a progress line. */
export interface LiveStats {
  /** Exchanges recorded. */
  requests: number;
  /** Network errors plus responses with status ≥ 400. */
  errors: number;
  /** Running p95 of small-object latency across all series, ms (HDR-bucket value); null before any. */
  smallP95Ms: number | null;
}

// Slot layout within one provider×PoP: class, then cache, then size. Indexes come from small Maps so
// the hot path does three cheap lookups plus an array index instead of building a string key.
const CACHE_COUNT = CACHE_STATUSES.length;
const CLASS_INDEX = new Map<string, number>(OBJECT_CLASSES.map((c, i) => [c, i]));
const CACHE_INDEX = new Map<string, number>(CACHE_STATUSES.map((c, i) => [c, i]));
const ERROR_INDEX = new Map<string, number>(ERROR_KINDS.map((k, i) => [k, i]));
const OTHER_CLASS = OBJECT_CLASSES.indexOf('other');
const UNKNOWN_CACHE = CACHE_STATUSES.indexOf('UNKNOWN');
const OTHER_ERROR = ERROR_KINDS.indexOf('other');
const SLOTS_PER_POP = OBJECT_CLASSES.length * CACHE_COUNT * 2;

/** Collects samples into per-series counters and HDR histograms. */
export class Recorder implements SampleSink {
  private readonly smallMax: number;
  private readonly region: string;
  private readonly timelineOrigin: number | null;
  /** provider → PoP → fixed slot array (class × cache × size). */
  private readonly byProvider = new Map<string, Map<string, (SeriesEntry | undefined)[]>>();
  /** Creation order, so snapshots are stable. */
  private readonly entries: SeriesEntry[] = [];
  private readonly smallLatency = createLatencyHistogram();
  private readonly timelines = new Map<string, TimelineRecorder>();
  private totalRequests = 0;
  private totalErrors = 0;

  constructor(opts: RecorderOptions) {
    this.smallMax = opts.smallObjectMaxBytes;
    this.region = opts.region ?? '';
    this.timelineOrigin = opts.timelineOrigin ?? null;
  }

  /**
   * Records one exchange. Hot path: no allocation once the sample's series exists. A sample with
   * `error` set or status 0 is a network error (kind "other" when unnamed): counted, not timed.
   */
  add(sample: Sample): void {
    let pops = this.byProvider.get(sample.provider);
    if (pops === undefined) {
      pops = new Map();
      this.byProvider.set(sample.provider, pops);
    }
    let slots = pops.get(sample.pop);
    if (slots === undefined) {
      slots = new Array<SeriesEntry | undefined>(SLOTS_PER_POP).fill(undefined);
      pops.set(sample.pop, slots);
    }
    let timeline = this.timelines.get(sample.provider);
    if (timeline === undefined) {
      timeline = new TimelineRecorder(this.smallMax, this.timelineOrigin);
      this.timelines.set(sample.provider, timeline);
    }
    timeline.add(sample);
    // Values outside the declared unions cannot come from typed code; bucket them rather than throw.
    const classIdx = CLASS_INDEX.get(sample.objectClass) ?? OTHER_CLASS;
    const cacheIdx = CACHE_INDEX.get(sample.cache) ?? UNKNOWN_CACHE;
    const small = sample.bodyBytes <= this.smallMax;
    const slot = (classIdx * CACHE_COUNT + cacheIdx) * 2 + (small ? 0 : 1);
    let e = slots[slot];
    if (e === undefined) {
      e = this.createEntry(sample.provider, sample.pop, classIdx, cacheIdx, small);
      slots[slot] = e;
    }

    e.requests++;
    this.totalRequests++;
    e.bytes += sample.bytes;
    e.bodyBytes += sample.bodyBytes;
    if (sample.error !== undefined || sample.status === 0) {
      // No response: a network error counts as an exchange but has no latency worth a percentile.
      const k = sample.error === undefined ? OTHER_ERROR : (ERROR_INDEX.get(sample.error) ?? OTHER_ERROR);
      e.errorCounts[k] = (e.errorCounts[k] ?? 0) + 1;
      this.totalErrors++;
      return;
    }
    const cls = Math.floor(sample.status / 100);
    if (cls >= 0 && cls <= 9) e.statusCounts[cls] = (e.statusCounts[cls] ?? 0) + 1;
    if (sample.status >= 400) {
      this.totalErrors++;
      // Created on the first failure only: most series never have one, and results stay compact.
      e.failed ??= createLatencyHistogram();
      recordClamped(e.failed, sample.totalUs);
    }
    recordClamped(e.latency, sample.totalUs);
    recordClamped(e.ttfb, sample.ttfbUs);
    recordClamped(e.service, sample.serviceUs);
    if (small) recordClamped(this.smallLatency, sample.totalUs);
  }

  private createEntry(provider: string, pop: string, classIdx: number, cacheIdx: number, small: boolean): SeriesEntry {
    const e = createSeriesEntry({
      provider,
      pop,
      objectClass: OBJECT_CLASSES[classIdx] ?? 'other',
      cache: CACHE_STATUSES[cacheIdx] ?? 'UNKNOWN',
      size: small ? 'small' : 'large',
      region: this.region,
    });
    this.entries.push(e);
    return e;
  }

  /** Number of distinct series recorded so far (memory is proportional to it). */
  get seriesCount(): number {
    return this.entries.length;
  }

  /** Snapshot of every series, histograms encoded; safe to keep while recording continues. */
  series(): SeriesRecord[] {
    return this.entries.map(snapshotSeries);
  }

  /** Snapshot of one provider's series. */
  seriesFor(provider: string): SeriesRecord[] {
    return this.entries.filter((e) => e.key.provider === provider).map(snapshotSeries);
  }

  /** The per-second timeline of one provider with `events` marked; null when it recorded nothing. */
  timelineFor(provider: string, events: readonly TimelineEvent[] = []): ProviderTimeline | null {
    return this.timelines.get(provider)?.snapshot(events) ?? null;
  }

  /** Restarts the live figures (liveStats), so progress shows the provider now under load, not the run so far. */
  resetLive(): void {
    this.smallLatency.reset();
    this.totalRequests = 0;
    this.totalErrors = 0;
  }

  /** Adds figures recorded elsewhere (load worker threads) to the live totals, for progress. */
  addLive(requests: number, errors: number): void {
    this.totalRequests += requests;
    this.totalErrors += errors;
  }

  /** Totals since resetLive and an approximate running small-object p95, cheap enough for a once-a-second progress line. */
  liveStats(): LiveStats {
    const h = this.smallLatency;
    return {
      requests: this.totalRequests,
      errors: this.totalErrors,
      smallP95Ms: h.totalCount === 0 ? null : h.getValueAtPercentile(95) / 1000,
    };
  }
}
