/**
 * Id → track resolution over music AND narration tracks, and the "next track" rule prefetching follows
 * (DOMAIN.md §1 track prefetch: fetch the start of the next 2–3 tracks).
 */
import { itemAt, wrapIndex } from './list-index.js';
import type { Album, Book, Track } from './model.js';

/** Where a track id lives, which decides what "next" means for it. */
type TrackEntry =
  | { kind: 'music'; track: Track; index: number }
  | { kind: 'narration'; track: Track; book: Book };

/** Lookup table of every track id of a catalog. */
export class TrackIndex {
  private readonly byId = new Map<string, TrackEntry>();
  private readonly albumsById: ReadonlyMap<string, Album>;
  private readonly tracks: readonly Track[];

  constructor(books: readonly Book[], tracks: readonly Track[], albumsById: ReadonlyMap<string, Album>) {
    this.tracks = tracks;
    this.albumsById = albumsById;
    tracks.forEach((track, index) => this.byId.set(track.id, { kind: 'music', track, index }));
    for (const book of books) {
      book.chapters.forEach((chapter, c) => {
        const track: Track = {
          id: chapter.track,
          album: null,
          durationSec: chapter.durationSec,
          title: `${book.title}, chapter ${c + 1}`,
        };
        this.byId.set(track.id, { kind: 'narration', track, book });
      });
    }
  }

  /** The track with this id, or undefined. */
  find(id: string): Track | undefined {
    return this.byId.get(id)?.track;
  }

  /** The track with this id; a RangeError for unknown ids. */
  get(id: string): Track {
    return this.entry(id).track;
  }

  /**
   * Id of the n-th next track (n may be 0 or negative), wrapping: within the album for album tracks,
   * within the book for narration, in catalog order over all music tracks for singles.
   */
  next(id: string, n: number): string {
    if (!Number.isSafeInteger(n)) throw new RangeError(`n must be an integer (got ${n})`);
    const entry = this.entry(id);
    if (entry.kind === 'narration') {
      const ids = entry.book.chapters.map((c) => c.track);
      return itemAt(ids, wrapIndex(ids.indexOf(id) + n, ids.length), 'chapter');
    }
    const album = entry.track.album === null ? undefined : this.albumsById.get(entry.track.album);
    if (album !== undefined) {
      return itemAt(album.tracks, wrapIndex(album.tracks.indexOf(id) + n, album.tracks.length), 'album track');
    }
    return itemAt(this.tracks, wrapIndex(entry.index + n, this.tracks.length), 'track').id;
  }

  private entry(id: string): TrackEntry {
    const entry = this.byId.get(id);
    if (entry === undefined) throw new RangeError(`unknown track id "${id}"`);
    return entry;
  }
}
