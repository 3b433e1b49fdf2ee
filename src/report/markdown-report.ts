/**
 * The Markdown summary: the verdict table, the recommendation and the key figures, for a pull-request
 * comment or `$GITHUB_STEP_SUMMARY`. `markdownReport(results)` is the entry other modules call (e.g. an
 * SLO check appending it to the step summary). Every string from a result is escaped, so a PoP name or a
 * provider id cannot add markup, links or table cells.
 */
import type { RunResult } from '../result/result-model.js';
import { buildReport, type ReportOptions } from './build-report.js';
import { formatMetric, formatMs, formatPercent, formatRange, formatScore } from './format-values.js';
import { errorClassNote } from './error-view.js';
import type { ProviderReport, ReportModel } from './report-model.js';
import { VERDICT_METRICS, VERDICT_METRIC_IDS, type VerdictMetricId } from './verdict-metrics.js';
import { generatorWarnings } from './generator-warnings.js';

/** Text safe in a Markdown paragraph or table cell: HTML and inline markup characters escaped, one line. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~!#]/g, (c) => `\\${c}`);
}

function verdictTable(model: ReportModel): string[] {
  const head = ['#', 'Provider', ...VERDICT_METRIC_IDS.map((m) => VERDICT_METRICS[m].label), 'Score'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 1 ? ':---' : '---:')).join('|')}|`];
  for (const r of model.ranking.providers) {
    const p = model.providers.find((x) => x.id === r.id);
    const cells = VERDICT_METRIC_IDS.map((m) => {
      const v = p?.verdict[m];
      if (v === undefined) return '—';
      const text = escapeMarkdown(`${v.censored === true ? '> ' : ''}${formatMetric(m, v.value)}`);
      const st = r.metrics[m];
      return st?.clearlyBest === true ? `**${text}** ★` : st?.tiedBest === true ? `${text} (tie)` : text;
    });
    const id = r.eligible ? escapeMarkdown(r.id) : `${escapeMarkdown(r.id)} — not eligible: ${escapeMarkdown(r.ineligibleReason ?? '')}`;
    lines.push(`| ${r.rank} | ${id} | ${cells.join(' | ')} | ${formatScore(r.score)} |`);
  }
  return lines;
}

function extremes(model: ReportModel, m: VerdictMetricId): { best: ProviderReport; worst: ProviderReport } | null {
  const have = model.providers.filter((p) => p.verdict[m] !== undefined);
  const value = (p: ProviderReport): number => p.verdict[m]?.value ?? 0;
  const sorted = [...have].sort((a, b) => (VERDICT_METRICS[m].better === 'lower' ? value(a) - value(b) : value(b) - value(a)) || (a.id < b.id ? -1 : 1));
  const best = sorted[0];
  const worst = sorted.at(-1);
  return best === undefined || worst === undefined ? null : { best, worst };
}

function keyFigure(model: ReportModel, m: VerdictMetricId): string | null {
  const e = extremes(model, m);
  if (e === null) return null;
  const v = (p: ProviderReport): string => escapeMarkdown(formatMetric(m, p.verdict[m]?.value ?? null));
  const notes = (p: ProviderReport, withCi: boolean): string => {
    const parts: string[] = [];
    const ci = p.verdict[m]?.interval;
    if (withCi && ci != null && ci.low !== ci.high) parts.push(formatRange(m, ci.low, ci.high));
    if (m === 'invalidation-t95' && p.invalidation !== null) parts.push(`${p.invalidation.strategy}, ${formatPercent(p.invalidation.converged, 0)} of ${p.invalidation.pairs} pairs converged`);
    if (m === 'coalescing-ratio' && p.coalescing !== null) parts.push(`${p.coalescing.originFetches} origin fetches for an ideal ${p.coalescing.idealFetches}`);
    return parts.length === 0 ? '' : ` (${escapeMarkdown(parts.join('; '))})`;
  };
  const from = escapeMarkdown(model.metricSources[m] ?? '');
  const worst = e.best === e.worst ? '' : `; worst ${escapeMarkdown(e.worst.id)} ${v(e.worst)}${notes(e.worst, false)}`;
  return `- **${VERDICT_METRICS[m].label}** (${from}): best ${escapeMarkdown(e.best.id)} ${v(e.best)}${notes(e.best, true)}${worst}.`;
}

/** One line on errors per provider: rate, classes and failed-request p95. */
function errorLines(model: ReportModel): string[] {
  const have = model.providers.filter((p) => p.errors !== null);
  if (have.length === 0) return [];
  const one = (p: ProviderReport): string => {
    const e = p.errors;
    if (e === null) return '';
    const classes = errorClassNote(e);
    return `${escapeMarkdown(p.id)} ${formatPercent(e.rate, 2)}${classes === '' ? '' : ` (${escapeMarkdown(classes)}; failed-request p95 ${escapeMarkdown(formatMs(e.failedLatency.p95Ms))})`}`;
  };
  return [`- **Errors** (budget ${formatPercent(model.ranking.errorBudget, 2)}): ${have.map(one).join(', ')}.`];
}

/** The Markdown text of a report model. */
export function renderMarkdown(model: ReportModel): string {
  const monthly = model.providers.filter((p) => p.cost?.monthlyUsd != null);
  const lines = [
    `## ${escapeMarkdown(model.title)}`,
    '',
    `> Measured on: ${escapeMarkdown(model.provenance.line)}`,
    '',
    ...verdictTable(model),
    '',
    `★ better than every other provider beyond noise; (tie) within noise of the best; > a lower bound (not converged in the probe window). Error budget ${escapeMarkdown(formatPercent(model.ranking.errorBudget, 2))}; small-object p95 over successful responses.`,
    '',
    `**Recommendation.** ${escapeMarkdown(model.ranking.recommendation.text)}`,
    '',
    ...generatorWarnings(model).flatMap((w) => [`**Warning (load generator).** ${escapeMarkdown(w)}`, '']),
    '**Key figures**',
    '',
    ...VERDICT_METRIC_IDS.flatMap((m) => keyFigure(model, m) ?? []),
    ...errorLines(model),
    ...(model.crowds ?? []).map((l) => `- **Crowd** ${escapeMarkdown(l)}`),
    ...(monthly.length > 0
      ? [`- **Monthly projection** at ${(monthly[0]?.cost?.monthlySessions ?? 0).toLocaleString('en-US')} sessions: ${monthly.map((p) => `${escapeMarkdown(p.id)} ${escapeMarkdown(formatMetric('cost-per-1m', p.cost?.steady?.monthlyUsd ?? p.cost?.monthlyUsd ?? null))}`).join(', ')} (${monthly.every((p) => p.cost?.steady?.monthlyUsd != null) ? 'steady state, after warm-up' : 'whole run, cold start included'}).`]
      : []),
    '',
    `<sub>${model.scenarios
      .map((s) => `${escapeMarkdown(s.name)}: ${s.results} result${s.results === 1 ? '' : 's'}, ${escapeMarkdown(s.startedAt.slice(0, 10))}, host ${escapeMarkdown(s.hosts.join(', '))}, commit ${escapeMarkdown(s.gitCommits.map((c) => c.slice(0, 7)).join(', ') || '—')}`)
      .join(' · ')} · ${escapeMarkdown(model.generator)}</sub>`,
    '',
  ];
  return lines.join('\n');
}

/** The Markdown summary of result files (merged and ranked as in the full report). */
export function markdownReport(results: readonly RunResult[], options: ReportOptions = {}): string {
  return renderMarkdown(buildReport(results, options));
}
