/** How the reports print figures: one place, so the HTML, Markdown and console agree to the digit. */
import type { VerdictMetricId } from './verdict-metrics.js';

/** Milliseconds as "0.85 ms", "91.6 ms", "220 ms", "4.10 s", "31.2 s"; "—" for null. */
export function formatMs(v: number | null): string {
  if (v === null) return '—';
  if (!Number.isFinite(v)) return '∞';
  if (v >= 10_000) return `${(v / 1000).toFixed(1)} s`;
  if (v >= 1000) return `${(v / 1000).toFixed(2)} s`;
  if (v >= 100) return `${v.toFixed(0)} ms`;
  if (v >= 1) return `${v.toFixed(1)} ms`;
  return `${v.toFixed(2)} ms`;
}

/** A 0..1 ratio as a percentage with `digits` decimals; "—" for null. */
export function formatPercent(v: number | null, digits = 1): string {
  return v === null ? '—' : `${(v * 100).toFixed(digits)} %`;
}

/** US dollars: "$151.95", "$2,790.27", "$12,345", "$0.0042"; "—" for null. */
export function formatUsd(v: number | null): string {
  if (v === null) return '—';
  if (v !== 0 && Math.abs(v) < 0.01) return `$${v.toPrecision(2)}`;
  const digits = Math.abs(v) >= 10_000 ? 0 : 2;
  return `$${v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/** A verdict metric's value as the tables print it (invalidation that never converged: "not converged"). */
export function formatMetric(id: VerdictMetricId, v: number | null): string {
  switch (id) {
    case 'small-p95':
      return formatMs(v);
    case 'invalidation-t95':
      return v !== null && !Number.isFinite(v) ? 't95 not reached' : formatMs(v);
    case 'hit-ratio':
      return formatPercent(v);
    case 'error-rate':
      return formatPercent(v, 2);
    case 'coalescing-ratio':
      return v === null ? '—' : `${v.toFixed(2)}×`;
    case 'cost-per-1m':
      return formatUsd(v);
  }
}

/** Two values of a metric that print apart: with more digits when the usual format would print them alike. */
export function formatPair(id: VerdictMetricId, a: number, b: number): [string, string] {
  const pair: [string, string] = [formatMetric(id, a), formatMetric(id, b)];
  if (pair[0] !== pair[1] || !Number.isFinite(a) || !Number.isFinite(b)) return pair;
  const precise = (v: number): string => {
    switch (id) {
      case 'small-p95':
      case 'invalidation-t95':
        return `${v.toFixed(2)} ms`;
      case 'hit-ratio':
      case 'error-rate':
        return `${(v * 100).toFixed(3)} %`;
      case 'coalescing-ratio':
        return `${v.toFixed(4)}×`;
      case 'cost-per-1m':
        return `$${v.toFixed(4)}`;
    }
  };
  return [precise(a), precise(b)];
}

/** A range of a metric's values, the unit written once: "86.6–95.9 ms", "1.48–2.67 s", "78.8–81.1 %". */
export function formatRange(id: VerdictMetricId, low: number, high: number): string {
  const a = formatMetric(id, low);
  const b = formatMetric(id, high);
  const unit = / (ms|s|%)$/.exec(a)?.[0];
  return unit !== undefined && b.endsWith(unit) ? `${a.slice(0, -unit.length)}–${b}` : `${a} – ${b}`;
}

/** How far `v` is from the best, as "+12.3 ms (+15 %)"; "best" when there is no gap. */
export function formatGap(id: VerdictMetricId, gap: number, relative: number | null): string {
  if (gap === 0) return 'best';
  if (!Number.isFinite(gap)) return 't95 not reached';
  if (id === 'error-rate') return `+${(gap * 100).toFixed(2)} pt`;
  const abs = id === 'hit-ratio' ? `${(gap * 100).toFixed(1)} pt` : formatMetric(id, gap);
  const sign = id === 'hit-ratio' ? '−' : '+';
  if (relative === null || !Number.isFinite(relative)) return `${sign}${abs}`;
  const pct = Math.abs(relative) < 0.01 ? (relative * 100).toFixed(1) : (relative * 100).toFixed(0);
  return `${sign}${abs} (${sign}${pct} %)`;
}

/** A score 0..1 with two decimals. */
export function formatScore(v: number): string {
  return v.toFixed(2);
}
