/**
 * The objects the sessions actually used: a count of successful requests per path, kept so that a purge
 * written with template variables (`/meta/{isbn}.json`) purges the objects readers fetched, most
 * requested first. Bounded: after `maxPaths` distinct paths new ones are no longer tracked (the most
 * popular objects are requested early, so they are in).
 */
import type { Sample, SampleSink } from '../result/sample.js';

/** A SampleSink counting 2xx answers per request path. */
export class UsedObjects implements SampleSink {
  private readonly counts = new Map<string, number>();

  constructor(private readonly maxPaths = 100_000) {}

  add(sample: Sample): void {
    if (sample.status < 200 || sample.status >= 300) return;
    const n = this.counts.get(sample.path);
    if (n !== undefined) this.counts.set(sample.path, n + 1);
    else if (this.counts.size < this.maxPaths) this.counts.set(sample.path, 1);
  }

  /** Paths matching `re`, most requested first (ties in first-seen order). */
  matching(re: RegExp): string[] {
    return [...this.counts].filter(([p]) => re.test(p)).sort((a, b) => b[1] - a[1]).map(([p]) => p);
  }
}
