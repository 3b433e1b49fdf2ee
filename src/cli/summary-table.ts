/** The final plain-text table a run prints: one row per provider with the headline figures. */
import type { LatencySummary, ProviderResult } from '../result/result-model.js';
import { errorBreakdown } from '../result/error-classes.js';
import type { Ranking } from '../report/ranking.js';
import { formatDuration } from '../util/duration.js';

function ms(v: number | null): string {
  if (v === null) return '—';
  return v >= 100 ? `${v.toFixed(0)}ms` : `${v.toFixed(1)}ms`;
}

function usd(v: number | null): string {
  return v === null ? '—' : `$${v.toFixed(2)}`;
}

function pct(v: number | null, digits = 1): string {
  return v === null ? '—' : `${(v * 100).toFixed(digits)}%`;
}

/** Renders rows as an aligned text table. */
export function alignTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function latencyCells(l: LatencySummary): string[] {
  return [ms(l.p50Ms), ms(l.p95Ms), ms(l.p99Ms), ms(l.maxMs)];
}

/** "5xx 29.8%, timeout 0.10%": the non-zero error classes of a provider, as shares of its requests. */
function errorClasses(p: ProviderResult): string {
  const e = errorBreakdown(p.series);
  const parts = Object.entries(e.classes).filter(([, n]) => n > 0).map(([c, n]) => `${c} ${pct(n / e.requests, n / e.requests >= 0.1 ? 1 : 2)}`);
  return parts.length === 0 ? '—' : parts.join(', ');
}

/**
 * The per-provider table printed at the end of a run. With a `ranking`, rows come in rank order with the rank
 * and eligibility (error budget) first. Latency columns are every response's, failed ones included (the
 * report's verdict uses successful responses only).
 */
export function providerTable(given: readonly ProviderResult[], ranking?: Ranking): string {
  const order = ranking?.providers ?? [];
  const rankOf = (id: string): number => order.find((r) => r.id === id)?.rank ?? Number.MAX_SAFE_INTEGER;
  const providers = ranking === undefined ? given : [...given].sort((a, b) => rankOf(a.id) - rankOf(b.id));
  const header = ['provider', 'small p50', 'p95', 'p99', 'max', 'hit ratio', 'requests', 'errors', 'error classes', 'sessions', 'late', 'dropped', '$/1M sessions'];
  // Invalidation and coalescing columns appear when a scenario measured them.
  const inv = providers.some((p) => p.summary.invalidation !== null);
  const coal = providers.some((p) => p.summary.coalescing !== null);
  if (inv) header.push('inval t95', 'converged');
  if (coal) header.push('origin/ideal');
  // Multi-CDN routing columns appear when a multi-CDN provider ran.
  const multi = providers.some((p) => p.summary.multiCdn != null);
  if (multi) header.push('hedged (won)', 'extra req', 'failovers');
  const rows = providers.map((p) => [
    p.id,
    ...latencyCells(p.summary.smallObject),
    pct(p.summary.hitRatio),
    String(p.summary.requests),
    pct(p.summary.errorRate, 2),
    errorClasses(p),
    String(p.sessions.started),
    String(p.sessions.late),
    String(p.sessions.dropped),
    usd(p.summary.cost?.perMillionSessionsUsd ?? null),
    ...(inv ? [p.summary.invalidation?.t95Ms == null ? '—' : formatDuration(p.summary.invalidation.t95Ms), pct(p.summary.invalidation?.converged ?? null, 0)] : []),
    ...(coal ? [p.summary.coalescing?.ratio == null ? '—' : `${p.summary.coalescing.ratio.toFixed(2)}${p.summary.coalescing.method === 'estimated' ? ' (est.)' : ''}`] : []),
    ...(multi ? multiCells(p) : []),
  ]);
  if (ranking === undefined) return alignTable(header, rows);
  const ranked = rows.map((r, i) => {
    const rp = order.find((x) => x.id === providers[i]?.id);
    // The id stays the first cell (scripts and tests read rows by it); the rank follows.
    return [r[0] ?? '', String(rp?.rank ?? '—'), rp === undefined ? '—' : rp.eligible ? 'yes' : 'NO', ...r.slice(1)];
  });
  return alignTable(['provider', 'rank', 'eligible', ...header.slice(1)], ranked);
}

function multiCells(p: ProviderResult): string[] {
  const m = p.summary.multiCdn;
  if (m == null) return ['—', '—', '—'];
  return [`${m.hedged} (${m.hedgeWins})`, `${m.extraRequests} (${pct(m.requests === 0 ? null : m.extraRequests / m.requests)})`, String(m.failovers)];
}
