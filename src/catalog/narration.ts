/**
 * Page ↔ narration audio arithmetic: which chapter file narrates a page and which bytes of that file
 * cover it, so read-along sessions can issue the same Range requests a real player would.
 */
import { audioBytes } from './kbps.js';
import type { ByteSpan, Chapter } from './model.js';
import type { Rng } from '../util/rng.js';

/** Narration length per print page; constant so a page's byte span is pure arithmetic. */
export const SECONDS_PER_PAGE = 60;

/** Chapter length bounds in pages. */
const MIN_CHAPTER_PAGES = 20;
const MAX_CHAPTER_PAGES = 40;

/**
 * Splits pages 1…pages into chapters of 20–40 pages. Each cut leaves at least 20 pages behind it, so the
 * last chapter is never short. Books under 20 pages become a single chapter.
 */
export function splitChapters(rng: Rng, bookIndex: number, pages: number): Chapter[] {
  const chapters: Chapter[] = [];
  let from = 1;
  while (from <= pages) {
    const remaining = pages - from + 1;
    const size = remaining <= MAX_CHAPTER_PAGES
      ? remaining
      : rng.int(MIN_CHAPTER_PAGES, Math.min(MAX_CHAPTER_PAGES, remaining - MIN_CHAPTER_PAGES));
    const toPage = from + size - 1;
    chapters.push({
      track: `b${bookIndex}c${chapters.length}`,
      fromPage: from,
      toPage,
      durationSec: size * SECONDS_PER_PAGE,
    });
    from = toPage + 1;
  }
  return chapters;
}

/** Index of the chapter holding `page` (binary search; chapters are in page order and cover every page). */
export function chapterIndexOf(chapters: readonly Chapter[], page: number): number {
  let lo = 0;
  let hi = chapters.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((chapters[mid]?.toPage ?? 0) < page) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Bytes of `chapter`'s audio file at `kbps` that narrate `page`. The file is split proportionally by page,
 * so consecutive pages get contiguous spans and the last page ends at the file's last byte.
 */
export function pageByteSpan(chapter: Chapter, page: number, kbps: number): ByteSpan {
  const total = audioBytes(chapter.durationSec, kbps);
  const pageCount = chapter.toPage - chapter.fromPage + 1;
  const i = page - chapter.fromPage;
  return {
    start: Math.floor((total * i) / pageCount),
    end: Math.floor((total * (i + 1)) / pageCount) - 1,
  };
}
