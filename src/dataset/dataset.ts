/**
 * A URL list loaded once and kept compact: one string table of paths, a cumulative-weight array for
 * weighted picks, another for Zipf picks by rank, and optional per-entry classes. Draws are pure
 * functions of the session's Rng (plus a cursor for sequential picks), so every provider sees the same
 * paths for the same seed.
 */
import type { ObjectClass } from '../result/sample.js';
import type { Rng } from '../util/rng.js';

/** How a step chooses the next entry of a dataset. */
export const DATASET_PICKS = ['weighted', 'zipf', 'sequential', 'random'] as const;

/** One of DATASET_PICKS. */
export type DatasetPick = (typeof DATASET_PICKS)[number];

/** One entry as parsed from a dataset file, before compaction. */
export interface DatasetEntry {
  path: string;
  weight: number;
  bytes: number | null;
  objectClass: ObjectClass | null;
}

/** Zipf exponent of `pick: zipf` (rank = line order), the catalog's default popularity skew. */
export const DATASET_ZIPF_EXPONENT = 1.0;

/** A loaded, compacted dataset. */
export class Dataset {
  readonly paths: readonly string[];
  /** Per-entry class, or null when the file gave none (then it is inferred from the path). */
  readonly classes: readonly (ObjectClass | null)[];
  private readonly cumWeight: Float64Array;
  private readonly cumZipf: Float64Array;

  constructor(
    /** Where it was read from, for messages. */
    readonly source: string,
    entries: readonly DatasetEntry[],
  ) {
    if (entries.length === 0) throw new RangeError(`${source}: the dataset has no entries`);
    // Copies, so the table does not keep the whole file text alive through sliced strings.
    this.paths = entries.map((e) => Buffer.from(e.path, 'utf8').toString('utf8'));
    this.classes = entries.map((e) => e.objectClass);
    this.cumWeight = cumulative(entries.map((e) => e.weight));
    this.cumZipf = cumulative(entries.map((_, i) => 1 / Math.pow(i + 1, DATASET_ZIPF_EXPONENT)));
  }

  /** Number of entries. */
  get size(): number {
    return this.paths.length;
  }

  /**
   * The index of the next entry. `cursor` holds the sequential position (shared by every session of
   * a step in one provider run); the other picks draw exactly one number from `rng`.
   */
  drawIndex(pick: DatasetPick, rng: Rng, cursor: { next: number }): number {
    switch (pick) {
      case 'sequential': {
        const i = cursor.next % this.size;
        cursor.next++;
        return i;
      }
      case 'random':
        return rng.int(0, this.size - 1);
      case 'zipf':
        return search(this.cumZipf, rng.next());
      case 'weighted':
        return search(this.cumWeight, rng.next());
    }
  }
}

/** Normalized cumulative sums (last = 1), so a uniform draw in [0, 1) maps to an index by binary search. */
function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / sum;
  return out;
}

/** The first index whose cumulative value exceeds u. */
function search(cum: Float64Array, u: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cum[mid] ?? 1) > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
