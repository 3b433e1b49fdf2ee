/**
 * Exact merge of provider timelines from several agents or runs: points of the same second (counted from each
 * input's own start) are summed and their histograms added, so a merged second equals one recorder fed every
 * sample of that second. Events are kept once per distinct (time, kind, label).
 */
import { addInto, decodeHistogram, encodeHistogram } from './histogram.js';
import type { ProviderTimeline, TimelineEvent, TimelinePoint } from './result-model.js';

/** The merged timeline; null when there is none to merge. A single timeline comes back as it is. */
export function mergeTimelines(timelines: readonly ProviderTimeline[]): ProviderTimeline | null {
  const [first] = timelines;
  if (first === undefined) return null;
  if (timelines.length === 1) return first;
  const byT = new Map<number, { p: Omit<TimelinePoint, 'small'>; small: ReturnType<typeof decodeHistogram> }>();
  for (const tl of timelines) {
    for (const p of tl.points) {
      const have = byT.get(p.t);
      if (have === undefined) {
        byT.set(p.t, { p: { t: p.t, requests: p.requests, errors: p.errors, hits: p.hits, known: p.known, bytes: p.bytes, coldBodyBytes: p.coldBodyBytes }, small: decodeHistogram(p.small) });
        continue;
      }
      const q = have.p;
      q.requests += p.requests;
      q.errors += p.errors;
      q.hits += p.hits;
      q.known += p.known;
      q.bytes += p.bytes;
      q.coldBodyBytes += p.coldBodyBytes;
      addInto(have.small, decodeHistogram(p.small));
    }
  }
  const points = [...byT.values()].sort((a, b) => a.p.t - b.p.t).map(({ p, small }) => ({ ...p, small: encodeHistogram(small) }));
  const seen = new Set<string>();
  const events: TimelineEvent[] = [];
  for (const e of timelines.flatMap((tl) => tl.events)) {
    const k = `${e.atMs}\u0000${e.kind}\u0000${e.label}`;
    if (!seen.has(k)) events.push(e);
    seen.add(k);
  }
  events.sort((a, b) => a.atMs - b.atMs);
  return { startedAt: Math.min(...timelines.map((tl) => tl.startedAt)), points, events };
}
