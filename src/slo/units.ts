/**
 * The dimensions a metric can have and the units a threshold may write for each. Values are kept in
 * base units (ms, a 0..1 ratio, USD, plain numbers) so a threshold and a measurement compare directly.
 */

/** What a metric measures, which decides the units a threshold may use. */
export type Dimension = 'time' | 'ratio' | 'usd' | 'count';

/** One unit a threshold may write after its number. */
export interface UnitDef {
  dimension: Dimension;
  /** Base units = written × multiply / divide (one exact integer each, so 0.1% is exactly 0.001 and 0.1s 100 ms). */
  multiply: number;
  divide: number;
}

/** Units by how they are written (lower case; matching is case-insensitive). */
export const UNITS: Readonly<Record<string, UnitDef>> = {
  us: { dimension: 'time', multiply: 1, divide: 1000 },
  'µs': { dimension: 'time', multiply: 1, divide: 1000 },
  ms: { dimension: 'time', multiply: 1, divide: 1 },
  s: { dimension: 'time', multiply: 1000, divide: 1 },
  m: { dimension: 'time', multiply: 60_000, divide: 1 },
  h: { dimension: 'time', multiply: 3_600_000, divide: 1 },
  '%': { dimension: 'ratio', multiply: 1, divide: 100 },
  usd: { dimension: 'usd', multiply: 1, divide: 1 },
};

/** What a threshold on each dimension should write, for error messages. */
export const UNIT_HINTS: Readonly<Record<Dimension, string>> = {
  time: 'a time with a unit: us, ms, s, m or h (e.g. 50ms)',
  ratio: 'a ratio 0..1 or a percentage (e.g. 0.99 or 99%)',
  usd: 'an amount in USD (e.g. 20usd)',
  count: 'a plain number without a unit',
};

/** A value in base units, formatted for people: 41.2ms, 3.5s, 99.1%, $0.13, 1.07. */
export function formatValue(value: number | null, dimension: Dimension): string {
  if (value === null) return 'no data';
  if (!Number.isFinite(value)) return String(value);
  switch (dimension) {
    case 'time':
      if (Math.abs(value) >= 1000) return `${(value / 1000).toFixed(2)}s`;
      return `${value.toFixed(Math.abs(value) >= 100 ? 0 : 1)}ms`;
    case 'ratio':
      return `${(value * 100).toFixed(value !== 0 && Math.abs(value) < 0.01 ? 3 : 1)}%`;
    case 'usd':
      return `$${value.toFixed(Math.abs(value) >= 1 ? 2 : 4)}`;
    case 'count':
      return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
  }
}
