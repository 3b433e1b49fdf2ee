/**
 * Durations as scenario authors write them ("500ms", "30s", "2m", "1h", "1m30s") and ranges of them
 * ("20s..40s"). Parsed to milliseconds; a bare number is rejected so "30" is never silently 30 ms.
 */

const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses "1m30s" → 90000; returns undefined for anything that is not a duration. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let m = PART.exec(s); m !== null; m = PART.exec(s)) {
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? Number.NaN);
    consumed = PART.lastIndex;
  }
  return consumed === s.length && Number.isFinite(total) ? total : undefined;
}

/** An inclusive range of numbers (durations in ms or counts); min === max for a fixed value. */
export interface NumberRange {
  min: number;
  max: number;
}

/** Parses "20s..40s" or "30s" into a range of milliseconds. */
export function parseDurationRange(text: string): NumberRange | undefined {
  const [a, b, extra] = text.split('..');
  if (a === undefined || extra !== undefined) return undefined;
  const min = parseDuration(a);
  const max = b === undefined ? min : parseDuration(b);
  if (min === undefined || max === undefined || max < min) return undefined;
  return { min, max };
}

/** Formats milliseconds for humans: 850ms, 12.5s, 3m20s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))}s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return s === 0 ? `${m}m` : `${m}m${s}s`;
}
