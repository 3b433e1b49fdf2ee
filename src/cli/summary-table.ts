/** The final plain-text table a run prints: one row per provider with the headline figures. */
import type { LatencySummary, ProviderResult } from '../metrics/result-model.js';
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

/** The per-provider table printed at the end of a run. */
export function providerTable(providers: readonly ProviderResult[]): string {
  const header = ['provider', 'small p50', 'p95', 'p99', 'max', 'hit ratio', 'requests', 'errors', 'sessions', 'late', 'dropped', '$/1M sessions'];
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
    String(p.sessions.started),
    String(p.sessions.late),
    String(p.sessions.dropped),
    usd(p.summary.cost?.perMillionSessionsUsd ?? null),
    ...(inv ? [p.summary.invalidation?.t95Ms == null ? '—' : formatDuration(p.summary.invalidation.t95Ms), pct(p.summary.invalidation?.converged ?? null, 0)] : []),
    ...(coal ? [p.summary.coalescing?.ratio == null ? '—' : `${p.summary.coalescing.ratio.toFixed(2)}${p.summary.coalescing.method === 'estimated' ? ' (est.)' : ''}`] : []),
    ...(multi ? multiCells(p) : []),
  ]);
  return alignTable(header, rows);
}

function multiCells(p: ProviderResult): string[] {
  const m = p.summary.multiCdn;
  if (m == null) return ['—', '—', '—'];
  return [`${m.hedged} (${m.hedgeWins})`, `${m.extraRequests} (${pct(m.requests === 0 ? null : m.extraRequests / m.requests)})`, String(m.failovers)];
}
