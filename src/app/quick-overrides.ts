/**
 * k6-style quick-run flags (`--duration`, `--vus`, `--rate`, `--max-requests`/`--iterations`) that replace
 * the scenario's phases and request bound for one run. Precedence: a flag beats the scenario file; a flag
 * left out keeps the scenario's value (its peak rate or VUs, its total phase time). What was replaced is
 * recorded in result.json `meta.overrides`, so a 5-second smoke run is never mistaken for the real one.
 */
import { UsageError } from '../errors.js';
import type { Scenario } from '../scenario/schema.js';
import { parseDuration } from '../util/duration.js';

/** The quick-run flags as parsed. */
export interface QuickArgs {
  duration?: string;
  vus?: number;
  rate?: number;
  maxRequests?: number;
}

/** The flags given, as recorded in result.json meta.overrides. */
export type AppliedOverrides = Partial<Record<'duration' | 'vus' | 'rate' | 'maxRequests', string | number>>;

function positive(value: number | undefined, flag: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new UsageError(`${flag} takes a positive ${integer ? 'integer' : 'number'}, got ${String(value)}`);
  }
  return value;
}

/** The scenario with the flags applied, and what they replaced (empty when no flag was given). */
export function applyQuickOverrides(scenario: Scenario, args: QuickArgs): { scenario: Scenario; overrides: AppliedOverrides } {
  const vus = positive(args.vus, '--vus', true);
  const rate = positive(args.rate, '--rate', false);
  const maxRequests = positive(args.maxRequests, '--max-requests', true);
  const durationMs = args.duration === undefined ? undefined : parseDuration(args.duration);
  if (args.duration !== undefined && (durationMs === undefined || durationMs <= 0)) {
    throw new UsageError(`--duration takes a duration like 5s, 30s or 2m, got "${args.duration}"`);
  }
  const open = scenario.load.model === 'open';
  if (open && vus !== undefined) throw new UsageError(`--vus is for closed-model scenarios; ${scenario.name} is open-model: use --rate (sessions per second)`);
  if (!open && rate !== undefined) throw new UsageError(`--rate is for open-model scenarios; ${scenario.name} is closed-model: use --vus`);
  const overrides: AppliedOverrides = {};
  let next = scenario;
  if (durationMs !== undefined || vus !== undefined || rate !== undefined) {
    const totalMs = scenario.phases.reduce((sum, p) => sum + (parseDuration(p.duration) ?? 0), 0);
    const phaseMs = durationMs ?? totalMs;
    const late = scenario.events.find((e) => (parseDuration(e.at) ?? 0) > phaseMs);
    if (late !== undefined) throw new UsageError(`--duration ${args.duration ?? ''} ends before the scenario's ${late.action} event at ${late.at}: give a longer --duration`);
    const peakRate = Math.max(...scenario.phases.map((p) => Math.max(p.rate ?? 0, p.to ?? 0)));
    const peakVus = Math.max(...scenario.phases.map((p) => p.vus ?? 0));
    const phase = open ? { name: 'cli', duration: `${phaseMs}ms`, rate: rate ?? peakRate } : { name: 'cli', duration: `${phaseMs}ms`, vus: vus ?? peakVus };
    // A longer run than the scenario planned must not be cut by its maxDuration: fall back to phases + drain.
    const { maxDuration: _dropped, ...limits } = scenario.limits;
    next = { ...next, phases: [phase], limits: durationMs === undefined ? scenario.limits : limits };
    if (args.duration !== undefined) overrides.duration = args.duration;
    if (vus !== undefined) overrides.vus = vus;
    if (rate !== undefined) overrides.rate = rate;
  }
  if (maxRequests !== undefined) {
    next = { ...next, limits: { ...next.limits, maxRequests } };
    overrides.maxRequests = maxRequests;
  }
  return { scenario: next, overrides };
}
