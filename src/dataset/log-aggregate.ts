/**
 * Per-path aggregation of logged requests in a bounded map: requests, response bytes, status mix and
 * the byte ranges seen. Once `maxPaths` distinct paths are held, requests for paths not yet held are
 * not added (counted as `overflowRequests` over `overflowPaths`, an upper bound) — so a log of any size
 * aggregates in bounded memory and the dataset keeps the paths seen first, which for a popularity-skewed
 * log holds the popular ones.
 */
import type { ObjectClass } from '../result/sample.js';
import { inferObjectClass } from '../catalog/object-class.js';
import { hashString } from '../util/rng.js';
import type { LogRecord } from './log-formats.js';

/** Distinct byte ranges kept per path. */
const MAX_RANGES = 8;

/** One path's aggregate, kept small: a 200 000-path map must fit in well under 100 MB. */
interface PathAggregate {
  requests: number;
  /** Response bytes summed over every request. */
  bytes: number;
  /** Status codes and their counts, alternating ([200, 17, 304, 2]): most paths see one or two codes. */
  statuses: number[];
  /** Null until the first range is seen. */
  ranges: string[] | null;
}

/** One dataset line as `dataset from-log` writes it. */
export interface DatasetLine {
  path: string;
  requests: number;
  /** Mean response bytes (a 206's partial size counts as logged). */
  bytes: number;
  statuses: Record<string, number>;
  class: ObjectClass;
  /** By extension: image, script, style, html, json, audio, video, font, binary or other. */
  type: string;
  /** small (mean bytes <= smallObjectMaxBytes) or large. */
  size: 'small' | 'large';
  ranges: string[];
}

const TYPES: readonly [RegExp, string][] = [
  [/\.(png|jpe?g|gif|webp|avif|svg|ico)$/i, 'image'],
  [/\.(m?js)$/i, 'script'],
  [/\.css$/i, 'style'],
  [/(\.html?|\/)$/i, 'html'],
  [/\.json$/i, 'json'],
  [/\.(mp3|aac|m4a|ogg|opus|flac|wav)$/i, 'audio'],
  [/\.(mp4|m4s|ts|webm|m3u8|mpd)$/i, 'video'],
  [/\.(woff2?|ttf|otf)$/i, 'font'],
  [/\.(zip|gz|bin|pdf|tar|wasm)$/i, 'binary'],
];

/** The object type of a path by its extension (query ignored). */
export function typeOfPath(path: string): string {
  const p = path.split('?')[0] ?? path;
  for (const [re, t] of TYPES) if (re.test(p)) return t;
  return 'other';
}

/** The bounded per-path map. */
export class LogAggregator {
  private readonly byPath = new Map<string, PathAggregate>();
  records = 0;
  overflowRequests = 0;
  // Hashes, not strings: only the distinct count of the left-out paths is reported.
  private readonly overflowSeen = new Set<number>();
  overflowPaths = 0;

  constructor(private readonly maxPaths: number) {}

  add(r: LogRecord): void {
    this.records++;
    let a = this.byPath.get(r.path);
    if (a === undefined) {
      if (this.byPath.size >= this.maxPaths) {
        this.overflowRequests++;
        // The overflow's distinct count is itself bounded: past the bound it is a lower estimate.
        if (this.overflowSeen.size < this.maxPaths) this.overflowSeen.add(hashString(r.path));
        this.overflowPaths = this.overflowSeen.size;
        return;
      }
      // A copy, not a slice: a sliced string would keep the whole 64 KiB read chunk it came from alive.
      const path = Buffer.from(r.path, 'utf8').toString('utf8');
      a = { requests: 0, bytes: 0, statuses: [], ranges: null };
      this.byPath.set(path, a);
    }
    a.requests++;
    a.bytes += r.bytes;
    const st = a.statuses;
    let i = 0;
    while (i < st.length && st[i] !== r.status) i += 2;
    if (i < st.length) st[i + 1] = (st[i + 1] ?? 0) + 1;
    else st.push(r.status, 1);
    if (r.range !== null) {
      a.ranges ??= [];
      if (a.ranges.length < MAX_RANGES && !a.ranges.includes(r.range)) a.ranges.push(r.range);
    }
  }

  /** Distinct paths held. */
  get paths(): number {
    return this.byPath.size;
  }

  /** The dataset lines, most requested first (ties by path, so the output is stable). */
  lines(smallObjectMaxBytes: number): DatasetLine[] {
    return [...this.entries(smallObjectMaxBytes)];
  }

  /** The same lines one at a time, so a writer never holds them all. */
  *entries(smallObjectMaxBytes: number): Generator<DatasetLine> {
    const order = [...this.byPath].sort(([pa, a], [pb, b]) => b.requests - a.requests || (pa < pb ? -1 : 1));
    for (const [path, a] of order) {
      const bytes = Math.round(a.bytes / a.requests);
      const statuses: Record<string, number> = {};
      for (let i = 0; i < a.statuses.length; i += 2) statuses[String(a.statuses[i])] = a.statuses[i + 1] ?? 0;
      yield {
        path, requests: a.requests, bytes, statuses, class: inferObjectClass(path),
        type: typeOfPath(path), size: bytes <= smallObjectMaxBytes ? 'small' : 'large', ranges: a.ranges ?? [],
      };
    }
  }
}
