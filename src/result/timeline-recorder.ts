/**
 * Per-second figures of one provider's load (issue 15's over-time charts): requests, errors, hit ratio terms,
 * bytes, and an HDR interval histogram of successful small-object latency per second. Only the current
 * second's histogram is live; a finished second is encoded and the histogram reset, so memory stays flat
 * however long the run. Samples are bucketed by completion time, which arrives in order; one finishing
 * a tick after its second was closed lands in the current second.
 */
import { createLatencyHistogram, encodeHistogram, recordClamped, type Histogram } from './histogram.js';
import type { ProviderTimeline, TimelineEvent, TimelinePoint } from './result-model.js';
import type { Sample } from './sample.js';

const WARM = new Set(['HIT', 'STALE', 'UPDATING']);
const COLD = new Set(['MISS', 'EXPIRED', 'REVALIDATED', 'BYPASS']);

function emptyPoint(t: number): Omit<TimelinePoint, 'small'> {
  return { t, requests: 0, errors: 0, hits: 0, known: 0, bytes: 0, coldBodyBytes: 0 };
}

/** Accumulates one provider's timeline. */
export class TimelineRecorder {
  private startedAt: number | null;
  private readonly done: TimelinePoint[] = [];
  private cur: Omit<TimelinePoint, 'small'> | null = null;
  private readonly small: Histogram = createLatencyHistogram();

  /** `origin`: the wall-clock ms second 0 starts at; null: the first sample's start. */
  constructor(private readonly smallMax: number, origin: number | null = null) {
    this.startedAt = origin;
  }

  /** Adds one exchange. */
  add(s: Sample): void {
    const doneAt = s.startedAt + s.totalUs / 1000;
    this.startedAt ??= s.startedAt;
    const t = Math.max(0, Math.floor((doneAt - this.startedAt) / 1000));
    if (this.cur === null) this.cur = emptyPoint(t);
    else if (t > this.cur.t) {
      this.close();
      this.cur = emptyPoint(t);
    }
    const p = this.cur;
    p.requests++;
    p.bytes += s.bytes;
    const network = s.error !== undefined || s.status === 0;
    if (network) {
      if (s.error !== 'aborted') p.errors++;
      return;
    }
    if (s.status >= 400) p.errors++;
    if (WARM.has(s.cache)) {
      p.hits++;
      p.known++;
    } else if (COLD.has(s.cache)) {
      p.known++;
      p.coldBodyBytes += s.bodyBytes;
    }
    if (s.status < 400 && s.bodyBytes <= this.smallMax) recordClamped(this.small, s.totalUs);
  }

  private close(): void {
    if (this.cur === null) return;
    this.done.push({ ...this.cur, small: encodeHistogram(this.small) });
    this.small.reset();
    this.cur = null;
  }

  /** The timeline so far with `events` (ms after second 0) marked; null before any sample. */
  snapshot(events: readonly TimelineEvent[] = []): ProviderTimeline | null {
    if (this.startedAt === null || (this.cur === null && this.done.length === 0)) return null;
    const open = this.cur === null ? [] : [{ ...this.cur, small: encodeHistogram(this.small) }];
    return { startedAt: this.startedAt, points: [...this.done, ...open], events: [...events].sort((a, b) => a.atMs - b.atMs) };
  }
}
