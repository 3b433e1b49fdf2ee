/**
 * Album drops (DOMAIN.md §1): an album's tracks and seek tables are 404 until the release instant, then
 * served. Albums never scheduled are always available, so ordinary music sessions are unaffected.
 */

/** The release instants of scheduled albums. */
export class DropSchedule {
  private readonly releaseAt = new Map<string, number>();

  /** Schedules (or reschedules) `albumId` for `atMs` (epoch ms). */
  schedule(albumId: string, atMs: number): void {
    this.releaseAt.set(albumId, atMs);
  }

  /** True when the album's tracks may be served at `nowMs`. */
  released(albumId: string | null, nowMs: number): boolean {
    if (albumId === null) return true;
    const at = this.releaseAt.get(albumId);
    return at === undefined || nowMs >= at;
  }

  /** Forgets every schedule. */
  clear(): void {
    this.releaseAt.clear();
  }
}
