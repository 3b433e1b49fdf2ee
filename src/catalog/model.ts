/**
 * The catalog's data types: plain JSON-compatible objects, so the lab origin can serve them and a
 * catalog can be fingerprinted or snapshotted as-is.
 */

/** One print layout of a book; mapping-tile URLs carry the hash, so a new edition means new URLs. */
export interface Edition {
  /** 1 for the first edition, then 2, 3, … */
  number: number;
  /** 12 lowercase hex characters, derived from the ISBN and the edition number. */
  hash: string;
}

/** A run of pages narrated by one audio file. */
export interface Chapter {
  /** Id of the chapter's audio track (`b{bookIndex}c{chapterIndex}`, both 0-based). */
  track: string;
  /** First page (1-based, inclusive). */
  fromPage: number;
  /** Last page (inclusive). */
  toPage: number;
  /** Narration length: SECONDS_PER_PAGE per page. */
  durationSec: number;
}

/** A read-along audiobook. */
export interface Book {
  /** ISBN-13 without separators; the book's id in URLs. */
  isbn: string;
  /** Display title. */
  title: string;
  /** Number of print pages, numbered 1…pages. */
  pages: number;
  /** Language codes the mapping is published in; the catalog's first language always comes first. */
  languages: string[];
  /** Editions in publication order: [0] is the first, the last one is current. Never empty. */
  editions: Edition[];
  /** Chapters in page order, covering every page exactly once. */
  chapters: Chapter[];
}

/** An audio file: a music track or a book chapter's narration. */
export interface Track {
  /** `t000123` for music (0-based, zero-padded to 6), `b{book}c{chapter}` for narration. */
  id: string;
  /** Album id, or null for singles and narration. */
  album: string | null;
  /** Length in whole seconds. */
  durationSec: number;
  /** Display title. */
  title: string;
}

/** An ordered group of music tracks (what an album drop releases at once). */
export interface Album {
  /** `a0042` (0-based, zero-padded to 4). */
  id: string;
  /** Display title. */
  title: string;
  /** Track ids in play order. */
  tracks: string[];
}

/** A page range of one mapping tile: 1-based, inclusive; a book's last tile may be shorter. */
export interface TileRange {
  /** First page. */
  from: number;
  /** Last page. */
  to: number;
}

/** A byte span inside an audio file, inclusive at both ends like an HTTP Range header. */
export interface ByteSpan {
  /** First byte offset. */
  start: number;
  /** Last byte offset (inclusive). */
  end: number;
}
