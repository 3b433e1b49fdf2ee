/** The ranking as a plain-text table for the terminal (`cdnbench compare`). */
import { formatGap, formatMetric, formatScore } from './format-values.js';
import type { MetricStanding, Ranking } from './ranking.js';
import { VERDICT_METRICS, VERDICT_METRIC_IDS, type VerdictMetricId } from './verdict-metrics.js';

/** Wraps a paragraph at `width` columns. */
export function wrapText(text: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** Aligns columns: text columns (`left`) padded right, figures padded left. */
function align(header: readonly string[], rows: readonly (readonly string[])[], left: ReadonlySet<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (left.has(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** A metric cell: "> " for a lower bound, then the value and its standing (★ clearly best, tie, or the gap). */
export function standingCell(m: VerdictMetricId, s: MetricStanding): string {
  const value = `${s.censored === true ? '> ' : ''}${formatMetric(m, s.value)}`;
  if (s.clearlyBest) return `${value} ★`;
  if (s.tiedBest) return `${value}, tie`;
  return Number.isFinite(s.gap) ? `${value}, ${formatGap(m, s.gap, s.gapRelative)}` : value;
}

/**
 * Rank, provider, eligibility, score, every weighted metric as "value (gap to best)", and strengths; then the
 * recommendation. ★ marks a value better than every other beyond noise; "tie" one within noise of the best.
 */
export function rankingTable(ranking: Ranking): string {
  const metrics = VERDICT_METRIC_IDS.filter((m) => ranking.weights[m] !== undefined);
  const header = ['#', 'provider', 'eligible', 'score', ...metrics.map((m) => `${VERDICT_METRICS[m].noun} (${Math.round((ranking.weights[m] ?? 0) * 100)}%)`), 'strengths'];
  const rows = ranking.providers.map((p) => [
    String(p.rank),
    p.id,
    p.eligible ? 'yes' : 'NO',
    formatScore(p.score),
    ...metrics.map((m) => {
      const s = p.metrics[m];
      return s === undefined ? '—' : standingCell(m, s);
    }),
    p.strengths.map((m) => VERDICT_METRICS[m].noun).join(', ') || '—',
  ]);
  const budget = `Error budget ${(ranking.errorBudget * 100).toFixed(2)} %: a provider above it is not eligible. ★ better than every other beyond noise; tie: within noise of the best.`;
  return `${align(header, rows, new Set([1, 2, header.length - 1]))}\n\n${wrapText(ranking.recommendation.text)}\n\n${wrapText(budget)}`;
}
