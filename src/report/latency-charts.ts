/** Chart specs of latency and caching: the HDR percentile distribution, p95 per PoP, hit ratio by class. */
import { popLabels } from './pop-label.js';
import type { ChartSpec } from './chart-spec.js';
import type { ProviderReport } from './report-model.js';

/** Small-object latency by percentile, x = 1/(1−p) on a log axis; null when no provider has latency. */
export function latencyPercentileChart(providers: readonly ProviderReport[]): ChartSpec | null {
  const withLatency = providers.filter((p) => p.latency !== null && p.latency.curve.length > 0);
  if (withLatency.length === 0) return null;
  const maxX = Math.max(...withLatency.flatMap((p) => p.latency?.curve.map((c) => c.x) ?? [1]));
  const scenario = withLatency[0]?.latency?.scenario ?? '';
  return {
    id: 'latency-percentiles',
    title: `Small-object latency by percentile (${scenario})`,
    caption:
      'Each line is one provider\'s small-object latency distribution over every PoP, from its HDR histogram ' +
      '(coordinated-omission corrected). The x axis is 1/(1−p) on a log scale, as HdrHistogram plots are read: ' +
      'p50, p90, p99 and p99.9 sit at equal steps, so the tail gets as much room as the median; latency is on a ' +
      'log scale too. Lower is better; a line that turns up early has a heavy tail. Each line ends at its maximum.',
    type: 'line',
    wide: true,
    datasets: withLatency.map((p) => ({ label: p.id, color: p.color, points: false, data: (p.latency?.curve ?? []).map((c) => ({ x: c.x, y: c.ms })) })),
    x: { title: 'percentile', format: 'percentile', log: true, min: 1, max: Math.max(10, maxX) },
    // Log latency too: one provider's multi-second tail would otherwise flatten everyone else's curve.
    y: { title: 'latency (log scale)', format: 'ms', log: true },
  };
}

/** Small-object p95 of every (provider, PoP), one horizontal bar each; null without latency. */
export function popP95Chart(providers: readonly ProviderReport[]): ChartSpec | null {
  const bars = providers.flatMap((p) => {
    const perPop = p.latency?.perPop ?? [];
    const labels = popLabels(perPop.map((x) => x.pop));
    return perPop.map((pop, i) => ({ provider: p.id, label: `${p.id} · ${labels[i] ?? pop.pop}`, p95: pop.p95Ms }));
  });
  if (bars.length === 0) return null;
  const labels = bars.map((b) => b.label);
  return {
    id: 'pop-p95',
    title: 'Small-object p95 per PoP',
    caption:
      'The 95th percentile of small-object latency at each PoP a provider served from (the PoP the response ' +
      'named, else the endpoint). A PoP far above its provider\'s others points at a region the provider serves ' +
      'badly from there. Shorter is better.',
    type: 'bar',
    horizontal: true,
    labels,
    // One dataset per provider keeps the legend and colours per provider; skipNull centres each bar.
    datasets: providers
      .filter((p) => bars.some((b) => b.provider === p.id))
      .map((p) => ({ label: p.id, color: p.color, data: bars.map((b) => (b.provider === p.id ? b.p95 : null)) })),
    x: { title: 'p95', format: 'ms', min: 0 },
    y: { title: 'provider · PoP', format: 'category' },
    heightFactor: Math.max(1, bars.length / 12),
    wide: bars.length > 8,
  };
}

/** Hit ratio per object class, grouped by class; null when no provider has classes. */
export function hitByClassChart(providers: readonly ProviderReport[]): ChartSpec | null {
  const classes = [...new Set(providers.flatMap((p) => p.hitByClass.map((c) => c.objectClass)))];
  if (classes.length === 0) return null;
  return {
    id: 'hit-ratio-by-class',
    title: 'Hit ratio by object class',
    caption:
      'Responses served from the PoP\'s cache (HIT, STALE, UPDATING) over responses with a known cache status, ' +
      'per object class. A short run starts on empty caches, so the first request for each object at each PoP ' +
      'is a miss; compare providers with each other, not with a month-long production figure.',
    type: 'bar',
    labels: classes,
    datasets: providers.map((p) => ({
      label: p.id,
      color: p.color,
      data: classes.map((c) => p.hitByClass.find((x) => x.objectClass === c)?.hitRatio ?? null),
    })),
    x: { title: 'object class', format: 'category' },
    y: { title: 'hit ratio', format: 'percent', min: 0, max: 1 },
  };
}
