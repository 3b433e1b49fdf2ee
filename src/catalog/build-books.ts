/**
 * Generates the audiobooks of a catalog. Every book draws from its own fork of the seed (`book:{index}`),
 * so book #17 is identical whether the catalog holds 100 books or 10,000.
 */
import { Rng } from '../util/rng.js';
import type { CatalogConfig } from './catalog-config.js';
import { editionHash } from './edition.js';
import { isbnForIndex } from './isbn.js';
import type { Book } from './model.js';
import { splitChapters } from './narration.js';
import { bookTitle } from './titles.js';

/** Page count bounds of generated books. */
const MIN_PAGES = 120;
const MAX_PAGES = 600;
const MAX_LANGUAGES = 3;

/** 1–3 languages: always the catalog's first, plus others kept in config order. */
function pickLanguages(rng: Rng, languages: readonly string[]): string[] {
  const [first, ...others] = languages;
  if (first === undefined) throw new RangeError('catalog.languages must name at least one language');
  const extra = rng.int(0, Math.min(MAX_LANGUAGES, languages.length) - 1);
  const chosen = new Set<string>();
  const pool = [...others];
  for (let i = 0; i < extra; i++) {
    const at = rng.int(0, pool.length - 1);
    const [lang] = pool.splice(at, 1);
    if (lang !== undefined) chosen.add(lang);
  }
  return [first, ...others.filter((l) => chosen.has(l))];
}

/** Book `index` (0-based) of the catalog described by `config`. */
export function buildBook(config: CatalogConfig, index: number): Book {
  const rng = new Rng(config.seed).fork(`book:${index}`);
  const isbn = isbnForIndex(index, config.seed);
  const title = bookTitle(rng);
  const pages = rng.int(MIN_PAGES, MAX_PAGES);
  const languages = pickLanguages(rng, config.languages);
  return {
    isbn,
    title,
    pages,
    languages,
    editions: [{ number: 1, hash: editionHash(isbn, 1) }],
    chapters: splitChapters(rng, index, pages),
  };
}

/** All `config.books` books, index 0 (the most popular) first. */
export function buildBooks(config: CatalogConfig): Book[] {
  return Array.from({ length: config.books }, (_, i) => buildBook(config, i));
}
