/**
 * Per-series accumulators for ingested k6 points. Unlike the engine's recorder, which gets whole
 * exchanges, k6 writes each measurement of a request as its own point, so each point adds to one field
 * of the series its tags name. Memory grows with the number of distinct series, not with points.
 */
import { recordClamped } from '../result/histogram.js';
import type { SeriesRecord, SizeBucket } from '../result/result-model.js';
import { CACHE_STATUSES, ERROR_KINDS, OBJECT_CLASSES, type CacheStatus, type ErrorKind, type ObjectClass } from '../result/sample.js';
import { createSeriesEntry, snapshotSeries, type SeriesEntry } from '../result/series-entry.js';

/** The key of an ingested series before the provider is known (it may come late in the file). */
export interface IngestKey {
  pop: string;
  objectClass: ObjectClass;
  cache: CacheStatus;
  size: SizeBucket;
  region: string;
}

const asClass = (v: string | undefined): ObjectClass => ((OBJECT_CLASSES as readonly string[]).includes(v ?? '') ? (v as ObjectClass) : 'other');
const asCache = (v: string | undefined): CacheStatus => ((CACHE_STATUSES as readonly string[]).includes(v ?? '') ? (v as CacheStatus) : 'UNKNOWN');

/** Normalizes tag values into a key; unknown classes and statuses fall into "other" and UNKNOWN. */
export function ingestKey(pop: string, objectClass: string | undefined, cache: string | undefined, size: SizeBucket, region: string): IngestKey {
  return { pop, objectClass: asClass(objectClass), cache: asCache(cache), size, region };
}

/** A set of series keyed by IngestKey. */
export class IngestSeries {
  private readonly map = new Map<string, SeriesEntry>();

  /** Number of series so far. */
  get size(): number {
    return this.map.size;
  }

  private entry(k: IngestKey): SeriesEntry {
    const id = `${k.pop}\u001f${k.objectClass}\u001f${k.cache}\u001f${k.size}\u001f${k.region}`;
    let e = this.map.get(id);
    if (e === undefined) {
      e = createSeriesEntry({ provider: '', ...k });
      this.map.set(id, e);
    }
    return e;
  }

  /** One response: its total duration (ms) and HTTP status. */
  response(k: IngestKey, status: number, durationMs: number): void {
    const e = this.entry(k);
    e.requests++;
    const cls = Math.floor(status / 100);
    if (cls >= 0 && cls <= 9) e.statusCounts[cls] = (e.statusCounts[cls] ?? 0) + 1;
    recordClamped(e.latency, durationMs * 1000);
    recordClamped(e.service, durationMs * 1000);
  }

  /** Time to first byte of one response, ms. */
  ttfb(k: IngestKey, ms: number): void {
    recordClamped(this.entry(k).ttfb, ms * 1000);
  }

  /** `n` requests that got no response. */
  networkErrors(k: IngestKey, kind: ErrorKind, n: number): void {
    const e = this.entry(k);
    e.requests += n;
    const i = ERROR_KINDS.indexOf(kind);
    e.errorCounts[i] = (e.errorCounts[i] ?? 0) + n;
  }

  /** Bytes on the wire and body bytes. */
  bytes(k: IngestKey, wire: number, body: number): void {
    const e = this.entry(k);
    e.bytes += wire;
    e.bodyBytes += body;
  }

  /** Snapshots of every series for `provider`, in a stable order. */
  records(provider: string): SeriesRecord[] {
    return [...this.map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => {
      const r = snapshotSeries(e);
      r.key.provider = provider;
      return r;
    });
  }
}
