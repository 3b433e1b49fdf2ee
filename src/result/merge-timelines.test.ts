import { describe, expect, it } from 'vitest';
import { decodeHistogram } from './histogram.js';
import { mergeTimelines } from './merge-timelines.js';
import { TimelineRecorder } from './timeline-recorder.js';
import { sample } from '../../test/helpers/slo-result.js';

describe('timelines', () => {
  it('bucket by completion second; merging two agents equals one recorder fed every sample', () => {
    const at = (ms: number, us: number, status = 200): ReturnType<typeof sample> => sample({ startedAt: 1_000_000 + ms, totalUs: us, status });
    const a = [at(0, 10_000), at(100, 20_000), at(1500, 30_000, 503)];
    const b = [at(0, 40_000), at(1200, 50_000), at(2100, 60_000)];
    const whole = new TimelineRecorder(16_384);
    const ra = new TimelineRecorder(16_384);
    const rb = new TimelineRecorder(16_384);
    for (const s of [...a, ...b].sort((x, y) => x.startedAt + x.totalUs / 1000 - (y.startedAt + y.totalUs / 1000))) whole.add(s);
    for (const s of a) ra.add(s);
    for (const s of b) rb.add(s);
    const merged = mergeTimelines([ra.snapshot(), rb.snapshot()].flatMap((t) => (t === null ? [] : [t])));
    const w = whole.snapshot();
    expect(merged?.points.map((p) => [p.t, p.requests, p.errors])).toEqual([[0, 3, 0], [1, 2, 1], [2, 1, 0]]);
    expect(merged?.points.map((p) => [p.t, p.requests, p.errors, p.hits, p.bytes])).toEqual(w?.points.map((p) => [p.t, p.requests, p.errors, p.hits, p.bytes]));
    // The per-second histograms hold the successful small responses only, and add exactly.
    expect(merged?.points.map((p) => decodeHistogram(p.small).totalCount)).toEqual([3, 1, 1]);
    expect(merged?.points.map((p) => decodeHistogram(p.small).getValueAtPercentile(100))).toEqual(w?.points.map((p) => decodeHistogram(p.small).getValueAtPercentile(100)));
  });
});
