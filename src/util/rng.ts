/**
 * Seeded pseudo-random numbers for everything that must replay identically: the catalog, session plans,
 * arrival times. The lab origin and every load generator derive the same catalog and schedule from one
 * scenario seed, so nothing that feeds them may use Math.random or the clock.
 *
 * Generator: mulberry32 (Tommy Ettinger, public domain). 32-bit state, period 2^32, a few integer ops per
 * draw; statistically good enough for workload modelling, NOT cryptographic.
 */

/** FNV-1a offset basis and prime (32-bit). */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Golden-ratio increment used by mulberry32 (and splitmix) to walk the state. */
const GOLDEN = 0x6d2b79f5;

const TWO_POW_32 = 4294967296;

const utf8 = new TextEncoder();

/**
 * 32-bit FNV-1a hash of the string's UTF-8 bytes, as an unsigned integer.
 * Hashing UTF-8 (not UTF-16 code units) keeps values equal to other FNV-1a implementations, so a label's
 * hash can be reproduced outside Node.
 */
export function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (const byte of utf8.encode(s)) {
    h ^= byte;
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finalizer: a bijection with full avalanche, used because FNV-1a alone mixes poorly. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A seeded mulberry32 stream. Equal seeds give equal sequences on every platform (only 32-bit integer
 * arithmetic is involved); `fork` derives named sub-streams so that one consumer's draws never shift another's.
 */
export class Rng {
  /** The 32-bit seed this stream started from (the constructor argument reduced with ToUint32). */
  readonly seed: number;
  private state: number;

  /**
   * @param seed any finite number; its integer part modulo 2^32 is used (so -1 and 4294967295 are the same seed).
   */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`Rng seed must be a finite number (got ${String(seed)})`);
    this.seed = Math.trunc(seed) >>> 0;
    this.state = this.seed;
  }

  /** Next raw 32-bit unsigned integer of the stream. */
  nextUint32(): number {
    this.state = (this.state + GOLDEN) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform float in [0, 1), with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform integer in [minIncl, maxIncl]; the span may be at most 2^32 values (one draw's resolution). */
  int(minIncl: number, maxIncl: number): number {
    if (!Number.isSafeInteger(minIncl) || !Number.isSafeInteger(maxIncl) || minIncl > maxIncl) {
      throw new RangeError(`Rng.int needs integers min <= max (got ${minIncl}, ${maxIncl})`);
    }
    const span = maxIncl - minIncl + 1;
    if (span > TWO_POW_32) throw new RangeError(`Rng.int span ${span} exceeds 2^32`);
    return minIncl + Math.floor(this.next() * span);
  }

  /** Uniform float in [min, max). */
  float(min: number, max: number): number {
    if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
      throw new RangeError(`Rng.float needs finite min <= max (got ${min}, ${max})`);
    }
    return min + this.next() * (max - min);
  }

  /** One element chosen uniformly; throws on an empty list because there is nothing sensible to return. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.pick needs a non-empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** True with probability p (p <= 0 never, p >= 1 always). Always consumes one draw, to keep streams aligned. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /**
   * Exponentially distributed value with the given mean: the gap between Poisson arrivals when
   * `meanMs = 1000 / ratePerSecond`.
   */
  exponential(meanMs: number): number {
    if (!Number.isFinite(meanMs) || meanMs < 0) {
      throw new RangeError(`Rng.exponential needs a finite mean >= 0 (got ${meanMs})`);
    }
    // 1 - next() lies in (0, 1], so the logarithm is finite.
    return -meanMs * Math.log(1 - this.next());
  }

  /**
   * An independent stream derived from this stream's SEED and the label, never from its current state:
   * `rng.fork('session:17')` is the same whatever was drawn from `rng` (or its other forks) before.
   * Numbers are labels via their decimal string, so fork(17) equals fork('17').
   */
  fork(label: string | number): Rng {
    return new Rng(fmix32(fmix32(this.seed ^ 0x9e3779b9) ^ hashString(String(label))));
  }
}
