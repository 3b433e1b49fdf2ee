/**
 * The slice of the deterministic catalog an exported script needs, as compact JSON: books (ISBN,
 * pages, languages, current edition hash, chapter boundaries) when a session uses a book variable, and
 * track durations and album ranges when one uses a music variable. Everything else the script derives
 * with the same arithmetic as src/catalog/.
 */
import type { Catalog } from '../../catalog/catalog.js';
import type { Plan } from '../../scenario/compile-plan.js';
import type { TemplateVariable } from '../../scenario/template.js';
import { tsLiteral } from './ts-literal.js';

const BOOK_VARIABLES: readonly TemplateVariable[] = ['isbn', 'edition', 'lang', 'page', 'range', 'chapter', 'audioStart', 'audioEnd'];
const MUSIC_VARIABLES: readonly TemplateVariable[] = ['track', 'album'];

/** The CatalogData literal of the script runtime (runtime-catalog.ts). */
export interface K6CatalogData {
  seed: number;
  zipfExponent: number;
  pagesPerTile: number;
  books: [string, number, string[], string, number[]][];
  trackSeconds: number[];
  albums: [number, number][];
}

/** Builds the data the plan's sessions draw from. */
export function catalogData(plan: Plan, catalog: Catalog): K6CatalogData {
  const uses = (vars: readonly TemplateVariable[]): boolean => plan.sessions.some((s) => vars.some((v) => s.variables.has(v)));
  const books = uses(BOOK_VARIABLES)
    ? catalog.books.map((b): [string, number, string[], string, number[]] => [b.isbn, b.pages, [...b.languages], catalog.currentEdition(b).hash, b.chapters.map((c) => c.toPage)])
    : [];
  const music = uses(MUSIC_VARIABLES);
  const trackIndex = new Map(catalog.tracks.map((t, i) => [t.id, i]));
  return {
    seed: catalog.config.seed,
    zipfExponent: catalog.config.zipfExponent,
    pagesPerTile: catalog.config.pagesPerTile,
    books,
    trackSeconds: music ? catalog.tracks.map((t) => t.durationSec) : [],
    albums: music ? catalog.albums.map((a): [number, number] => [a.tracks.length === 0 ? 0 : (trackIndex.get(a.tracks[0] ?? '') ?? 0), a.tracks.length]) : [],
  };
}

/** The data as script source: one book, track row or album per line, so the file stays readable and diffable. */
export function catalogSource(data: K6CatalogData): string {
  const rows = (xs: readonly unknown[], perLine: number): string => {
    if (xs.length === 0) return '[]';
    const lines: string[] = [];
    for (let i = 0; i < xs.length; i += perLine) lines.push(`    ${xs.slice(i, i + perLine).map((x) => tsLiteral(x, 0, Number.POSITIVE_INFINITY)).join(', ')},`);
    return `[\n${lines.join('\n')}\n  ]`;
  };
  return [
    'const CATALOG: CatalogData = {',
    `  seed: ${data.seed},`,
    `  zipfExponent: ${data.zipfExponent},`,
    `  pagesPerTile: ${data.pagesPerTile},`,
    `  books: ${rows(data.books, 1)},`,
    `  trackSeconds: ${rows(data.trackSeconds, 20)},`,
    `  albums: ${rows(data.albums, 10)},`,
    '};',
  ].join('\n');
}
