/**
 * Script source (TypeScript for k6): the seeded random streams and Zipf sampler of src/util/rng.ts and
 * src/catalog/zipf.ts, ported line for line so an exported session draws exactly what the engine's
 * would from the same seed (script-parity.test.ts checks it).
 */

/** Source text placed into every exported script. */
export const RUNTIME_RANDOM = String.raw`
// ---- Seeded random numbers: mulberry32 streams with named forks, as in cdnbench's engine ----------

function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (const b of utf8Bytes(s)) {
    h ^= b;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

class Rng {
  readonly seed: number;
  private state: number;
  constructor(seed: number) {
    this.seed = Math.trunc(seed) >>> 0;
    this.state = this.seed;
  }
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  next(): number {
    return this.nextUint32() / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  fork(label: string | number): Rng {
    return new Rng(fmix32(fmix32(this.seed ^ 0x9e3779b9) ^ hashString(String(label))));
  }
}

// Zipf popularity: rank k is drawn with probability proportional to 1 / (k + 1)^s.
class Zipf {
  private readonly cdf: Float64Array;
  constructor(readonly n: number, exponent: number) {
    this.cdf = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) {
      sum += Math.pow(k + 1, -exponent);
      this.cdf[k] = sum;
    }
    for (let k = 0; k < n; k++) this.cdf[k] = (this.cdf[k] ?? 0) / sum;
    this.cdf[n - 1] = 1;
  }
  sample(rng: Rng): number {
    const u = rng.next();
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cdf[mid] ?? 1) > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
`;
