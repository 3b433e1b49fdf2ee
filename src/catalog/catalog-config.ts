/**
 * What a catalog is generated from. The lab origin and the load generators build their catalogs from the
 * same CatalogConfig, so every field here must fully determine the catalog (no clock, no Math.random).
 * The scenario schema validates user input; `assertCatalogConfig` only guards against impossible values.
 */

/** Inputs of the deterministic catalog (see DOMAIN.md §1 for the workload it models). */
export interface CatalogConfig {
  /** Seed of every random choice in the catalog. */
  seed: number;
  /** Number of audiobooks (read-along titles). */
  books: number;
  /** Number of music tracks (chapter narrations are extra and not counted here). */
  tracks: number;
  /** Number of albums; tracks are assigned to them in order, the rest are singles. */
  albums: number;
  /** Language codes; the first is every book's original language. */
  languages: string[];
  /** Zipf exponent s of title popularity: P(rank k) ∝ 1 / (k + 1)^s. */
  zipfExponent: number;
  /** Pages per mapping tile (the `{from}-{to}` range of a tile URL). */
  pagesPerTile: number;
}

/**
 * The default catalog. zipfExponent 1.5 is chosen because with 1,000 titles the top 1% (10 titles) then
 * draw ≈ 78% of plays, matching DOMAIN.md §1 "the top 1% of titles serve ~80% of plays".
 */
export const DEFAULT_CATALOG: CatalogConfig = {
  seed: 42,
  books: 1000,
  tracks: 2000,
  albums: 100,
  languages: ['en', 'de', 'fr'],
  zipfExponent: 1.5,
  pagesPerTile: 10,
};

/**
 * Largest catalog: it is built in memory, identically by the load generator and the lab origin (10⁵
 * books already take ~0.5 GB and many seconds; 10⁹ took 4.3 GB and never finished).
 */
export const MAX_CATALOG = { books: 10_000, tracks: 100_000, albums: 10_000 } as const;

function positiveInteger(config: CatalogConfig, key: 'books' | 'tracks' | 'albums' | 'pagesPerTile'): void {
  const value = config[key];
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`catalog.${key} must be a positive integer (got ${String(value)})`);
  }
  const max = key === 'pagesPerTile' ? undefined : MAX_CATALOG[key];
  if (max !== undefined && value > max) throw new RangeError(`catalog.${key} must be at most ${max} (got ${String(value)})`);
}

/** Throws a RangeError naming the field when the config cannot produce a catalog. */
export function assertCatalogConfig(config: CatalogConfig): void {
  if (!Number.isFinite(config.seed)) throw new RangeError(`catalog.seed must be a finite number (got ${String(config.seed)})`);
  positiveInteger(config, 'books');
  positiveInteger(config, 'tracks');
  positiveInteger(config, 'albums');
  positiveInteger(config, 'pagesPerTile');
  if (!Number.isFinite(config.zipfExponent) || config.zipfExponent < 0) {
    throw new RangeError(`catalog.zipfExponent must be a finite number >= 0 (got ${String(config.zipfExponent)})`);
  }
  if (config.languages.length === 0) throw new RangeError('catalog.languages must name at least one language');
  if (config.languages.some((l) => l.length === 0)) throw new RangeError('catalog.languages must not contain empty codes');
  if (new Set(config.languages).size !== config.languages.length) {
    throw new RangeError(`catalog.languages must not repeat a code (got ${config.languages.join(', ')})`);
  }
}
