/**
 * Over-time charts (issue 15): requests/s, small-object p50/p95 per second (HDR interval histograms), hit ratio
 * and errors per second, one line per provider on a shared axis of seconds since each provider's load started,
 * with the phases, publishes and purges marked. Providers run one after another, so their seconds align by
 * the scenario's clock, not the wall clock.
 */
import type { ChartSpec, DatasetSpec, XY } from './chart-spec.js';
import type { ProviderReport, TimelineSecond } from './report-model.js';

type Pick = (s: TimelineSecond) => number | null;

function series(p: ProviderReport, pick: Pick): XY[] {
  return (p.timeline?.seconds ?? []).flatMap((s) => {
    const y = pick(s);
    return y === null ? [] : [{ x: s.t, y }];
  });
}

/** Phase changes and publishes once (the same for every provider), purges per provider when they differ. */
function markers(providers: readonly ProviderReport[]): { x: number; label: string }[] {
  const seen = new Map<string, { x: number; label: string }>();
  for (const p of providers) {
    for (const e of p.timeline?.events ?? []) {
      // Purges of different providers land within a second or so of each other: one marker per second is enough.
      const x = e.kind === 'purge' ? Math.round(e.atMs / 1000) : Math.round(e.atMs / 100) / 10;
      const k = `${x}\u0000${e.label}`;
      if (!seen.has(k)) seen.set(k, { x, label: e.label });
    }
  }
  return [...seen.values()].sort((a, b) => a.x - b.x);
}

function chart(providers: readonly ProviderReport[], id: string, title: string, caption: string, y: ChartSpec['y'], datasets: DatasetSpec[]): ChartSpec {
  return {
    id, title, caption, type: 'line', datasets, wide: true, markers: markers(providers),
    x: { title: 'seconds since the provider\'s load started', format: 'count', min: 0 },
    y,
  };
}

/** The four over-time charts; empty when no provider has a timeline. */
export function timelineCharts(all: readonly ProviderReport[]): ChartSpec[] {
  const providers = all.filter((p) => p.timeline !== null && p.timeline.seconds.length > 0);
  if (providers.length === 0) return [];
  const line = (p: ProviderReport, pick: Pick, label = p.id, dashed = false): DatasetSpec => ({ label, color: p.color, data: series(p, pick), points: false, ...(dashed ? { dashed } : {}) });
  const scenario = providers[0]?.timeline?.scenario ?? '';
  return [
    chart(providers, 'timeline-requests', `Requests per second (${scenario})`,
      'Responses and errors completed in each second, per provider. Dashed lines mark phase changes, publishes and purges.',
      { title: 'requests/s', format: 'count', min: 0 }, providers.map((p) => line(p, (s) => s.requests))),
    chart(providers, 'timeline-latency', `Small-object latency per second (${scenario})`,
      'p95 (solid) and p50 (dashed) of the successful small-object responses completed in each second, from per-second HDR histograms (coordinated-omission corrected). Failed responses are left out; see the errors chart.',
      { title: 'latency', format: 'ms', min: 0 },
      providers.flatMap((p) => [line(p, (s) => s.smallP95Ms, `${p.id} p95`), line(p, (s) => s.smallP50Ms, `${p.id} p50`, true)])),
    chart(providers, 'timeline-hit-ratio', `Hit ratio per second (${scenario})`,
      'Responses served from cache among those with a known cache state, per second: caches start empty, so the first seconds show the warm-up.',
      { title: 'hit ratio', format: 'percent', min: 0, max: 1 }, providers.map((p) => line(p, (s) => s.hitRatio))),
    chart(providers, 'timeline-errors', `Errors per second (${scenario})`,
      'Responses with status ≥ 400, timeouts and network errors completed in each second (requests the run aborted itself are left out).',
      { title: 'errors/s', format: 'count', min: 0 }, providers.map((p) => line(p, (s) => s.errors))),
  ];
}

/** Error rate by class per provider, stacked, with the error budget marked; null when nothing was requested. */
export function errorClassChart(all: readonly ProviderReport[], budget: number): ChartSpec | null {
  const providers = all.filter((p) => p.errors !== null && p.errors.requests > 0);
  if (providers.length === 0) return null;
  const classes: { key: '4xx' | '5xx' | 'network' | 'timeout'; color: string }[] = [
    { key: '5xx', color: '#D55E00' }, { key: '4xx', color: '#E69F00' }, { key: 'timeout', color: '#6A3D9A' }, { key: 'network', color: '#999999' },
  ];
  return {
    id: 'error-rate',
    title: `Error rate by class (${providers[0]?.errors?.scenario ?? ''})`,
    caption: 'Share of requests that failed: responses 4xx and 5xx, timeouts, other network errors. A provider above the error budget is not eligible for the recommendation, whatever its other figures.',
    type: 'bar',
    horizontal: true,
    labels: providers.map((p) => p.id),
    datasets: classes.map((c) => ({ label: c.key, color: c.color, data: providers.map((p) => (p.errors === null || p.errors.requests === 0 ? null : p.errors.classes[c.key] / p.errors.requests)) })),
    // Scaled to the data and the budget, so a 0.5 % rate is visible and 0 % everywhere is not a blank 0–100 % axis.
    x: { title: 'share of requests', format: 'percent', min: 0, max: Math.min(1, Math.max(2 * budget, 1.2 * Math.max(...providers.map((p) => p.errors?.rate ?? 0)))), stacked: true },
    markers: [{ x: budget, label: `error budget ${(budget * 100).toFixed(budget * 100 >= 1 ? 0 : 1)} %` }],
    y: { title: 'provider', format: 'category', stacked: true },
    heightFactor: Math.max(1, providers.length / 6),
  };
}
