/**
 * A digest of the sessions a load drew: for every started session its number, model and bindings
 * (book, language, page, track, album). Order-independent (a sum and an xor of per-session hashes), so
 * the digests of N workers combine into the one a single thread computes for the same sessions.
 */
import { hashString } from '../../util/rng.js';

/** What identifies one drawn session. */
export interface DrawnSession {
  sessionNo: number;
  model: string;
  book: string;
  lang: string;
  page: number;
  track: string;
  album: string;
}

/** Accumulates drawn sessions into a multiset digest. */
export class SessionDigest {
  sessions = 0;
  private sum = 0;
  private xor = 0;

  /** Adds one drawn session. */
  add(s: DrawnSession): void {
    const h = hashString(`${s.sessionNo}|${s.model}|${s.book}|${s.lang}|${s.page}|${s.track}|${s.album}`);
    this.sessions++;
    this.sum = (this.sum + h) >>> 0;
    // A second, differently mixed hash: two multisets with equal sums rarely have equal xors too.
    this.xor = (this.xor ^ Math.imul(h, 0x9e3779b1)) >>> 0;
  }

  /** Adds another digest's sessions (a worker's) into this one. */
  absorb(d: { sessions: number; sum: number; xor: number }): void {
    this.sessions += d.sessions;
    this.sum = (this.sum + d.sum) >>> 0;
    this.xor = (this.xor ^ d.xor) >>> 0;
  }

  /** The raw state, for posting from a worker thread. */
  state(): { sessions: number; sum: number; xor: number } {
    return { sessions: this.sessions, sum: this.sum, xor: this.xor };
  }

  /** The digest as printed in result meta: 16 hex digits. */
  get hex(): string {
    return this.sum.toString(16).padStart(8, '0') + this.xor.toString(16).padStart(8, '0');
  }
}
