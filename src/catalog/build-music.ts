/**
 * Generates the music tracks and albums of a catalog. Albums take consecutive tracks from the start of
 * the track list; the remaining tracks are singles. Each track and album draws from its own fork of the
 * seed, so an item does not change when the counts around it do.
 */
import { Rng } from '../util/rng.js';
import type { CatalogConfig } from './catalog-config.js';
import type { Album, Track } from './model.js';
import { albumTitle, trackTitle } from './titles.js';

const MIN_ALBUM_TRACKS = 8;
const MAX_ALBUM_TRACKS = 14;
const MIN_TRACK_SEC = 150;
const MAX_TRACK_SEC = 300;

/** Id of music track `index`: `t000123`. */
export function trackId(index: number): string {
  return `t${String(index).padStart(6, '0')}`;
}

/** Id of album `index`: `a0042`. */
export function albumId(index: number): string {
  return `a${String(index).padStart(4, '0')}`;
}

/**
 * Track count of each album: 8–14 each, or, when the catalog has too few tracks for that, the tracks
 * shared out evenly (earlier albums get the remainder; albums stay empty only if tracks < albums).
 */
function albumSizes(root: Rng, config: CatalogConfig): number[] {
  const wanted = Array.from({ length: config.albums }, (_, i) =>
    root.fork(`album-size:${i}`).int(MIN_ALBUM_TRACKS, MAX_ALBUM_TRACKS),
  );
  if (wanted.reduce((s, n) => s + n, 0) <= config.tracks) return wanted;
  const base = Math.floor(config.tracks / config.albums);
  const extra = config.tracks % config.albums;
  return wanted.map((_, i) => base + (i < extra ? 1 : 0));
}

/** All `config.tracks` music tracks and `config.albums` albums, index 0 (the most popular) first. */
export function buildMusic(config: CatalogConfig): { tracks: Track[]; albums: Album[] } {
  const root = new Rng(config.seed);
  const albums: Album[] = [];
  const albumOf: (string | null)[] = new Array<string | null>(config.tracks).fill(null);
  let next = 0;
  albumSizes(root, config).forEach((size, i) => {
    const id = albumId(i);
    const ids: string[] = [];
    for (let k = 0; k < size; k++, next++) {
      ids.push(trackId(next));
      albumOf[next] = id;
    }
    albums.push({ id, title: albumTitle(root.fork(`album:${i}`)), tracks: ids });
  });
  const tracks = Array.from({ length: config.tracks }, (_, i): Track => {
    const rng = root.fork(`track:${i}`);
    return {
      id: trackId(i),
      album: albumOf[i] ?? null,
      durationSec: rng.int(MIN_TRACK_SEC, MAX_TRACK_SEC),
      title: trackTitle(rng),
    };
  });
  return { tracks, albums };
}
