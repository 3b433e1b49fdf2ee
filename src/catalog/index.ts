/** The deterministic catalog model: what sessions request and what the lab origin serves. */
export { Catalog, buildCatalog } from './catalog.js';
export { DEFAULT_CATALOG, assertCatalogConfig, type CatalogConfig } from './catalog-config.js';
export { editionHash } from './edition.js';
export { isValidIsbn13, isbn13CheckDigit, isbnForIndex } from './isbn.js';
export { KBPS_TIERS, audioBytes, isKbps, type Kbps } from './kbps.js';
export type { Album, Book, ByteSpan, Chapter, Edition, TileRange, Track } from './model.js';
export { SECONDS_PER_PAGE } from './narration.js';
export { formatRange, parseRange } from './tiles.js';
export { albumId, trackId } from './build-music.js';
export { ZipfSampler } from './zipf.js';
