/** Chart specs of the probes: invalidation CDF, origin fetches in the burst, cost per 1M sessions and per month. */
import type { CostTerms } from '../result/probe-results.js';
import type { ChartSpec, DatasetSpec } from './chart-spec.js';
import type { ProviderReport } from './report-model.js';

/** Invalidation propagation CDF per provider (x in ms on a log axis); null when not measured. */
export function invalidationCdfChart(providers: readonly ProviderReport[]): ChartSpec | null {
  const measured = providers.filter((p) => p.invalidation !== null);
  if (measured.length === 0) return null;
  const times = measured.flatMap((p) => p.invalidation?.cdf.map((c) => c.ms) ?? []);
  const first = measured[0]?.invalidation;
  const minX = Math.max(1, Math.min(...times, 100) / 2);
  const windows = measured.flatMap((p) => (p.invalidation?.windowMs == null ? [] : [p.invalidation.windowMs]));
  const maxX = Math.max(1000, ...times, ...windows) * 1.5;
  // Each line starts at 0 % at its first convergence and holds its last level to the right edge, so a
  // provider that stopped below 100 % (or converged nowhere: a line along 0 %) shows as a plateau.
  const line = (cdf: readonly { ms: number; fraction: number }[]): { x: number; y: number }[] => {
    const pts = cdf.map((c) => ({ x: Math.max(1, c.ms), y: c.fraction }));
    return [{ x: pts[0]?.x ?? minX, y: 0 }, ...pts, { x: maxX, y: pts.at(-1)?.y ?? 0 }];
  };
  return {
    id: 'invalidation-cdf',
    title: `Invalidation propagation (${first?.scenario ?? ''}, ${first?.strategy ?? ''})`,
    caption:
      'Share of (object, PoP) pairs serving the new version, by time since the invalidation call (CDN Planet\'s ' +
      'purge-speed method: every changed object polled at every PoP). A line that levels off below 100 % had pairs ' +
      'still stale when the probe timed out (the legend gives the share that converged); a line along 0 % ' +
      'converged nowhere. The dashed line marks the end of the probe window: beyond it nothing was observed, so an ' +
      'unconverged provider\'s t95 is only known to be later ("> window"). Further left and higher is better.',
    type: 'line',
    datasets: measured.map((p) => ({
      label: (p.invalidation?.converged ?? 0) < 1 ? `${p.id} (${Math.round((p.invalidation?.converged ?? 0) * 100)} % converged in the window)` : p.id,
      color: p.color,
      stepped: true,
      data: line(p.invalidation?.cdf ?? []),
    })),
    x: { title: 'time since invalidation', format: 'seconds', log: true, min: minX, max: maxX },
    y: { title: 'pairs serving the new version', format: 'percent', min: 0, max: 1 },
    markers: [...new Set(windows)].map((w) => ({ x: w, label: `probe window ${w >= 1000 ? `${w / 1000} s` : `${w} ms`}` })),
  };
}

/** Origin fetches against the ideal in the coalescing burst; null when not measured. */
export function originFetchesChart(providers: readonly ProviderReport[]): ChartSpec | null {
  const measured = providers.filter((p) => p.coalescing !== null);
  if (measured.length === 0) return null;
  const estimated = measured.some((p) => p.coalescing?.method === 'estimated');
  return {
    id: 'origin-fetches',
    title: `Origin fetches in the burst (${measured[0]?.coalescing?.scenario ?? ''})`,
    caption:
      'Requests that reached the origin while a crowd asked for the same uncached objects at once, against the ' +
      'ideal of one fetch per object per PoP (per object behind a shield). Equal bars mean perfect request ' +
      `coalescing; a taller origin bar means the crowd leaked through to the origin.${estimated ? ' Some counts are estimated from cache-status headers (the origin was not cdnbench\'s own).' : ' Counts are exact, from cdnbench\'s origin.'}`,
    type: 'bar',
    labels: measured.map((p) => p.id),
    datasets: [
      { label: 'origin fetches', color: '#D55E00', data: measured.map((p) => p.coalescing?.originFetches ?? null) },
      { label: 'ideal', color: '#999999', data: measured.map((p) => p.coalescing?.idealFetches ?? null) },
    ],
    x: { title: 'provider', format: 'category' },
    y: { title: 'fetches', format: 'count', min: 0 },
  };
}

// Cost terms get their own muted palette, so a term is not mistaken for the provider of the same colour.
const TERMS: { key: keyof CostTerms; label: string; color: string }[] = [
  { key: 'edgeUsd', label: 'edge egress', color: '#3B5B92' },
  { key: 'requestsUsd', label: 'requests', color: '#8FA9D6' },
  { key: 'originUsd', label: 'origin egress', color: '#C9822B' },
  { key: 'invalidationUsd', label: 'invalidation', color: '#A3476B' },
  { key: 'planUsd', label: 'plan fee', color: '#5E8C61' },
  { key: 'minimumTopUpUsd', label: 'minimum top-up', color: '#A6A6A6' },
];

/** Stacked datasets of the non-zero terms; a single "total" dataset for results without a breakdown. */
function stacked(providers: readonly ProviderReport[], terms: (p: ProviderReport) => CostTerms | null, total: (p: ProviderReport) => number | null): DatasetSpec[] {
  if (providers.some((p) => terms(p) === null)) return [{ label: 'total', color: '#0072B2', data: providers.map(total) }];
  return TERMS.filter((t) => providers.some((p) => (terms(p)?.[t.key] ?? 0) > 0)).map((t) => ({
    label: t.label,
    color: t.color,
    data: providers.map((p) => terms(p)?.[t.key] ?? null),
  }));
}

/** Cost per 1M sessions, stacked by term; null when no provider is priced. */
export function costChart(providers: readonly ProviderReport[]): ChartSpec | null {
  const priced = providers.filter((p) => p.cost?.perMillionSessionsUsd != null);
  if (priced.length === 0) return null;
  return {
    id: 'cost-per-1m',
    title: `Cost per 1M sessions (${priced[0]?.cost?.scenario ?? ''})`,
    caption:
      'The run\'s egress bill scaled to one million sessions, split into edge egress (per-GB tiers by region), ' +
      'request fees, origin egress (the misses) and invalidation fees, from each provider\'s price table. Plan ' +
      'fees are monthly and appear in the projection.',
    type: 'bar',
    labels: priced.map((p) => p.id),
    datasets: stacked(priced, (p) => p.cost?.perMillionTerms ?? null, (p) => p.cost?.perMillionSessionsUsd ?? null),
    x: { title: 'provider', format: 'category', stacked: true },
    y: { title: 'USD per 1M sessions', format: 'usd', min: 0, stacked: true },
  };
}

/** The monthly projection, stacked by term; null when no result declares a monthly volume. */
export function monthlyCostChart(providers: readonly ProviderReport[]): ChartSpec | null {
  const projected = providers.filter((p) => p.cost?.monthlyUsd != null);
  if (projected.length === 0) return null;
  const sessions = projected[0]?.cost?.monthlySessions ?? 0;
  // The steady-state projection when every provider has one: a month of traffic runs on warm caches.
  const steady = projected.every((p) => p.cost?.steady?.monthlyUsd != null);
  return {
    id: 'monthly-cost',
    title: `Monthly projection at ${sessions.toLocaleString('en-US')} sessions (${steady ? 'steady state' : 'cold start included'})`,
    caption:
      (steady
        ? `Volumes after the ${((projected[0]?.cost?.steady?.fromMs ?? 0) / 1000).toFixed(0)} s warm-up, per session, scaled to the declared sessions per month`
        : 'Every volume of the run, caches starting empty (so misses and their origin egress are over-counted), scaled to the declared sessions per month') +
      ' and priced on cumulative tiers, plus the plan fee, topped up to the provider\'s monthly minimum. List prices (see each profile\'s sources); ' +
      'contracts differ.',
    type: 'bar',
    labels: projected.map((p) => p.id),
    datasets: steady
      ? stacked(projected, (p) => p.cost?.steady?.monthlyTerms ?? null, (p) => p.cost?.steady?.monthlyUsd ?? null)
      : stacked(projected, (p) => p.cost?.monthlyTerms ?? null, (p) => p.cost?.monthlyUsd ?? null),
    x: { title: 'provider', format: 'category', stacked: true },
    y: { title: 'USD per month', format: 'usd', min: 0, stacked: true },
  };
}
