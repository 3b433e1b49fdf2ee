/**
 * The events marked on a provider's over-time charts: phase starts, the scenario's timed events, and every
 * purge the run asked for (when it was asked, and whether the API accepted it).
 */
import type { PurgeRecord, TimelineEvent } from '../result/result-model.js';
import type { Plan } from '../scenario/compile-plan.js';

/** Timeline events of one provider's load, ms after its start. */
export function timelineEvents(plan: Plan, purges: readonly PurgeRecord[]): TimelineEvent[] {
  const phases: TimelineEvent[] = plan.phases.map((p) => ({
    atMs: p.startMs, kind: 'phase',
    label: `${p.name}: ${plan.model === 'open' ? `${p.rateFrom}${p.rateTo === p.rateFrom ? '' : `→${p.rateTo}`} sessions/s` : `${p.vus} VUs`}`,
  }));
  const events: TimelineEvent[] = plan.events.flatMap((e): TimelineEvent[] => {
    const ev = e.event;
    if (ev.action === 'publish') return [{ atMs: e.atMs, kind: 'publish' as const, label: `publish${ev.strategy === undefined ? '' : ` (${ev.strategy})`}` }];
    // Purges are marked from the purge log below, where their real time and outcome are known.
    if (ev.action === 'purge') return [];
    return [{ atMs: e.atMs, kind: 'event' as const, label: ev.name ?? ev.action }];
  });
  const purged: TimelineEvent[] = purges.map((p) => ({ atMs: p.atMs, kind: 'purge', label: `purge${p.ok ? '' : ' (failed)'}` }));
  return [...phases, ...events, ...purged].sort((a, b) => a.atMs - b.atMs);
}

/**
 * The warm-up to leave out of the steady-state cost: the scenario's `verdict.warmUp`, else a first phase whose
 * name starts with "warm" or "ramp" when more phases follow; null when neither.
 */
export function warmUpMs(plan: Plan, declared: number | null): number | null {
  if (declared !== null) return declared;
  const [first, second] = plan.phases;
  return first !== undefined && second !== undefined && /^(warm|ramp)/i.test(first.name) ? first.durationMs : null;
}
