import { describe, expect, it } from 'vitest';
import { isCdnbenchError } from '../errors.js';
import { resolveProviders } from '../providers/resolve-providers.js';
import { compilePlan } from '../scenario/compile-plan.js';
import { validateScenario } from '../scenario/loader.js';
import { metricRefProblems, checkThresholdsMeasurable, type PreflightContext } from './preflight.js';
import { parseMetricRef, parseThreshold } from '../slo/parse-threshold.js';

function context(extra: Record<string, unknown> = {}, providers = resolveProviders(['edge-optimized'], []), monthlySessions: number | null = null): PreflightContext {
  const scenario = validateScenario({
    name: 'unit',
    sessions: { r: { steps: [{ get: '/meta/{isbn}.json' }, { repeat: 2, steps: [{ get: '/maps/{isbn}/{edition}/{lang}/{range}.json', prefetch: ['/audio/{chapter}/seek.json'] }] }] } },
    load: { model: 'open' },
    phases: [{ duration: '10s', rate: 1 }],
    ...extra,
  }, 'unit');
  return { plan: compilePlan(scenario), providers, monthlySessions };
}

/** The problems checkThresholdsMeasurable reports for these thresholds ([] when it accepts them). */
function problemsOf(texts: string[], ctx: PreflightContext, abortOnFail = false): string[] {
  try {
    checkThresholdsMeasurable(texts.map((t) => ({ threshold: parseThreshold(t, { abortOnFail }), delayAbortEvalMs: 0 })), ctx);
    return [];
  } catch (err) {
    if (!isCdnbenchError(err)) throw err;
    expect(err.exitCode).toBe(104);
    return [err.message, ...err.details];
  }
}

describe('checkThresholdsMeasurable', () => {
  it('accepts what every run measures', () => {
    expect(problemsOf(['small_object_p95{pop:*} < 50ms', 'hit_ratio >= 0.99', 'error_rate < 0.1%', 'small_object_p95{class:mapping-tile} < 50ms',
      'hit_ratio{class:seek-table} > 0', 'requests > 10', 'cost_per_million_sessions < 20usd', 'small_object_p95{provider:edge-optimized} < 50ms'], context())).toEqual([]);
  });

  it('rejects invalidation metrics when the scenario publishes nothing, accepts them when it does', () => {
    const [msg] = problemsOf(['invalidation_t95 < 5s'], context());
    expect(msg).toContain('invalidation_t95 < 5s: invalidation_t95 needs an invalidation measurement, but the scenario has no publish event with a strategy');
    // A publish without a strategy changes content but measures nothing.
    expect(problemsOf(['invalidation_converged == 1'], context({ events: [{ at: '2s', action: 'publish' }] }))).toHaveLength(1);
    expect(problemsOf(['invalidation_t95 < 5s', 'invalidation_converged == 1'], context({ events: [{ at: '2s', action: 'publish', strategy: 'purge-url' }] }))).toEqual([]);
  });

  it('rejects coalescing metrics without a coalescing: section', () => {
    expect(problemsOf(['coalescing_ratio <= 1.1'], context())[0]).toContain('needs a coalescing measurement, but the scenario has no coalescing: section');
    expect(problemsOf(['coalescing_ratio <= 1.1'], context({ coalescing: { album: 'a0000' } }))).toEqual([]);
  });

  it('rejects cost metrics for a provider without prices, and the monthly projection without a volume', () => {
    const mixed = resolveProviders(['edge-optimized'], ['http://127.0.0.1:9']);
    expect(problemsOf(['cost_total < 1usd'], context({}, mixed))[0]).toContain('needs a price table, but provider target');
    expect(problemsOf(['cost_total{provider:edge-optimized} < 1usd'], context({}, mixed))).toEqual([]);
    expect(problemsOf(['cost_monthly < 100usd'], context())[0]).toContain('needs sessions per month');
    expect(problemsOf(['cost_monthly < 100usd'], context({}, undefined, 1e6))).toEqual([]);
  });

  it('rejects a class the scenario never requests and a provider not in the run', () => {
    expect(problemsOf(['small_object_p95{class:sync-state} < 50ms'], context())[0]).toContain('the scenario requests no sync-state objects (it requests mapping-tile, metadata, seek-table)');
    expect(problemsOf(['hit_ratio{provider:regional} > 0.5'], context())[0]).toContain('provider "regional" is not in this run (providers: edge-optimized)');
  });

  it('rejects abortOnFail on a metric known only at the end', () => {
    expect(problemsOf(['sessions_late == 0'], context(), true)[0]).toContain('abortOnFail needs a metric measured during the run');
    expect(problemsOf(['small_object_p95 < 50ms'], context(), true)).toEqual([]);
  });

  it('lists every problem at once', () => {
    const all = problemsOf(['invalidation_t95 < 5s', 'coalescing_ratio <= 1.1', 'hit_ratio{class:other} > 0'], context());
    expect(all[0]).toMatch(/^3 thresholds cannot be measured by this run: invalidation_t95/);
    expect(all).toHaveLength(3);
  });
});

describe('metricRefProblems', () => {
  it('checks baseline metrics the same way', () => {
    expect(metricRefProblems(parseMetricRef('small_object_p95'), context())).toEqual([]);
    expect(metricRefProblems(parseMetricRef('invalidation_t95'), context())).toHaveLength(1);
  });
});
