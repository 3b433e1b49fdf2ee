/**
 * The k6 `options` of an exported script: the scenario's load model and phases as k6 executors
 * (open → constant-arrival-rate, or ramping-arrival-rate when it ramps or has several phases; closed →
 * one constant-vus per phase, started at the phase's offset), limits.maxRate as k6's `rps`, and the
 * thresholds. What k6 models differently is returned as notes for the script's header.
 */
import type { Plan } from '../../scenario/compile-plan.js';
import type { K6ThresholdEntry } from '../k6-thresholds.js';

/** A k6 options object (kept as plain JSON; @types/k6 checks it in the exported script). */
export interface K6Options {
  scenarios: Record<string, Record<string, unknown>>;
  rps: number;
  summaryTrendStats: string[];
  thresholds?: Record<string, K6ThresholdEntry[]>;
}

const ms = (n: number): string => `${Math.round(n)}ms`;

/**
 * k6 arrival rates are integers per timeUnit; the smallest power-of-ten unit (1s…1000s) that makes
 * every rate whole keeps fractional sessions per second exact.
 */
function rateScale(rates: readonly number[]): number {
  for (const scale of [1, 10, 100, 1000]) {
    if (rates.every((r) => Math.abs(r * scale - Math.round(r * scale)) < 1e-9)) return scale;
  }
  return 1000;
}

/** Options and the notes on what changed in translation. */
export function k6Options(plan: Plan, thresholds: Record<string, K6ThresholdEntry[]>): { options: K6Options; notes: string[] } {
  const s = plan.scenario;
  const notes: string[] = [];
  const scenarios: Record<string, Record<string, unknown>> = {};
  if (plan.model === 'open') {
    const rates = plan.phases.flatMap((p) => [p.rateFrom, p.rateTo]);
    const scale = rateScale(rates);
    const peak = Math.max(...rates);
    const maxVUs = s.load.maxConcurrentSessions;
    // Sessions in flight ≈ rate × session length; start with twice the peak rate and let k6 grow to the cap.
    const preAllocatedVUs = Math.min(maxVUs, Math.max(10, Math.ceil(peak * 2)));
    const timeUnit = `${scale}s`;
    const [only] = plan.phases;
    if (plan.phases.length === 1 && only !== undefined && only.rateFrom === only.rateTo) {
      scenarios[s.name] = { executor: 'constant-arrival-rate', rate: Math.round(only.rateFrom * scale), timeUnit, duration: ms(only.durationMs), preAllocatedVUs, maxVUs };
    } else {
      const stages: { target: number; duration: string }[] = [];
      let level = plan.phases[0]?.rateFrom ?? 0;
      for (const p of plan.phases) {
        if (p.rateFrom !== level) stages.push({ target: Math.round(p.rateFrom * scale), duration: '0s' });
        stages.push({ target: Math.round(p.rateTo * scale), duration: ms(p.durationMs) });
        level = p.rateTo;
      }
      scenarios[s.name] = { executor: 'ramping-arrival-rate', startRate: Math.round((plan.phases[0]?.rateFrom ?? 0) * scale), timeUnit, stages, preAllocatedVUs, maxVUs };
    }
    if (s.load.arrival === 'poisson') notes.push('arrival: poisson is replayed evenly spaced (k6 arrival-rate executors have no Poisson mode)');
    notes.push(`sessions beyond ${maxVUs} in flight are dropped by k6 (dropped_iterations), where cdnbench would start them late`);
  } else {
    plan.phases.forEach((p, i) => {
      const name = plan.phases.length === 1 ? s.name : `${s.name}-${p.name}`;
      scenarios[name] = { executor: 'constant-vus', vus: p.vus, duration: ms(p.durationMs), ...(i === 0 ? {} : { startTime: ms(p.startMs) }) };
    });
  }
  notes.push(`limits.maxRequests (${s.limits.maxRequests}) has no k6 equivalent; maxRate is k6's rps`);
  const options: K6Options = {
    scenarios,
    rps: s.limits.maxRate,
    summaryTrendStats: ['min', 'med', 'p(95)', 'p(99)', 'max', 'count'],
    ...(Object.keys(thresholds).length > 0 ? { thresholds } : {}),
  };
  return { options, notes };
}
