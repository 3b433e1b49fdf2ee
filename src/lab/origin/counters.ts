/**
 * Origin fetch counters per object path and requesting edge: the ground truth for origin offload and
 * request coalescing (DOMAIN.md §2), which cdnbench can only measure exactly against its own origin.
 */

/** Counts of one (path, edge) pair, or of any aggregate. */
export interface FetchCounts {
  /** Requests received (every status, including 304). */
  fetches: number;
  /** Body bytes sent (0 for HEAD and 304). */
  bytes: number;
  /** Conditional requests answered 304. */
  revalidations: number;
}

/** The `GET /__cdnbench/stats` document. */
export interface OriginStats extends FetchCounts {
  /** Totals per edge. */
  byEdge: Record<string, FetchCounts>;
  /** Path → edge → counts. */
  objects: Record<string, Record<string, FetchCounts>>;
}

const zero = (): FetchCounts => ({ fetches: 0, bytes: 0, revalidations: 0 });

function add(into: FetchCounts, c: FetchCounts): void {
  into.fetches += c.fetches;
  into.bytes += c.bytes;
  into.revalidations += c.revalidations;
}

/**
 * Most (path, edge) pairs kept. Paths and edge names come from clients, so without a bound a scan of
 * random URLs would grow the counters forever; pairs beyond it are counted under OVERFLOW_KEY.
 */
export const MAX_COUNTER_ENTRIES = 500_000;
/** Path and edge under which requests beyond MAX_COUNTER_ENTRIES are counted. */
export const OVERFLOW_KEY = '(overflow)';

/** The counters of one origin. */
export class OriginCounters {
  private readonly byPath = new Map<string, Map<string, FetchCounts>>();
  private entries = 0;

  constructor(private readonly maxEntries = MAX_COUNTER_ENTRIES) {}

  /** Records one request for `path` from `edge`. */
  record(path: string, edge: string, bytes: number, revalidation: boolean): void {
    if (this.entries >= this.maxEntries && this.byPath.get(path)?.get(edge) === undefined) {
      path = OVERFLOW_KEY;
      edge = OVERFLOW_KEY;
    }
    let edges = this.byPath.get(path);
    if (edges === undefined) {
      edges = new Map();
      this.byPath.set(path, edges);
    }
    let c = edges.get(edge);
    if (c === undefined) {
      c = zero();
      edges.set(edge, c);
      this.entries += 1;
    }
    c.fetches += 1;
    c.bytes += bytes;
    if (revalidation) c.revalidations += 1;
  }

  /** Snapshot of the counters of paths starting with `prefix` (all paths by default); totals cover the same set. */
  stats(prefix = ''): OriginStats {
    const total = zero();
    const byEdge: Record<string, FetchCounts> = {};
    const objects: Record<string, Record<string, FetchCounts>> = {};
    for (const [path, edges] of this.byPath) {
      if (!path.startsWith(prefix)) continue;
      const perEdge: Record<string, FetchCounts> = {};
      for (const [edge, c] of edges) {
        perEdge[edge] = { ...c };
        add(total, c);
        add((byEdge[edge] ??= zero()), c);
      }
      objects[path] = perEdge;
    }
    return { ...total, byEdge, objects };
  }

  /** Forgets every count. */
  reset(): void {
    this.byPath.clear();
    this.entries = 0;
  }
}
