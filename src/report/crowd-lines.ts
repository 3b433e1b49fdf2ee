/**
 * One line per provider on how its crowd was released, for the terminal notes after a run and the
 * Markdown summary: the figures that say whether the crowd's latencies and coalescing can be trusted.
 */
import type { ProviderResult } from '../result/result-model.js';

/** "<provider>: crowd of N within W ms (warm http1): …" for every provider that ran a crowd. */
export function crowdLines(providers: readonly ProviderResult[]): string[] {
  return providers.flatMap((p) => {
    const c = p.summary.crowd;
    if (c === undefined) return [];
    const l = c.latencyFromIntended;
    const late = c.listeners > 0 ? Math.round((1000 * c.lateSends) / c.listeners) / 10 : 0;
    const ms = (v: number | null): string => (v === null ? '—' : `${Math.round(v)}`);
    const perObject = p.summary.coalescing === null || p.summary.coalescing.idealFetches === 0 ? '' : `, ${(p.summary.coalescing.originFetches / p.summary.coalescing.idealFetches).toFixed(2)} origin fetches per object per PoP`;
    const failed = c.connectFailures > 0 ? `, ${c.connectFailures} connect failures` : '';
    return [
      `${p.id}: crowd of ${c.listeners.toLocaleString('en-US')} within ${c.withinMs} ms (${c.connect} ${c.protocol}, ${c.connections.toLocaleString('en-US')} connections${failed}): sends spread over ${ms(c.firstToLastSendMs)} ms, ${late} % late by > 50 ms, from the intended instant p50/p95/p99 ${ms(l.p50Ms)}/${ms(l.p95Ms)}/${ms(l.p99Ms)} ms${perObject}, peak RSS ${Math.round(c.peakRssBytes / 1048576)} MB; bottleneck: ${c.bottleneck}`,
    ];
  });
}
