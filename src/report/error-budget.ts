/** The `--error-budget` option: "1%", "0.5 %" or a fraction "0.01". */
import { UsageError } from '../errors.js';

/** Parses an error budget into a fraction 0..1; undefined when not given. Throws UsageError on anything else. */
export function parseErrorBudget(text: string | number | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const raw = String(text).trim();
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(raw);
  const v = pct?.[1] !== undefined ? Number(pct[1]) / 100 : /^\d+(?:\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(v >= 0 && v <= 1)) throw new UsageError(`--error-budget: expected a share of requests like 1% or 0.01, got "${raw}"`);
  return v;
}
