/**
 * Checks, before any load, that every threshold (and baseline metric) names something this run will
 * measure: a threshold on invalidation_t95 in a scenario with no invalidation, on cost for a provider
 * without prices, or on a class the scenario never requests is an error (exit 104), never a silent pass.
 */
import { isMeasuredPurge } from '../engine/purge-probe.js';
import { isRolloutEvent } from '../engine/rollout-probe.js';
import { InvalidConfigError } from '../errors.js';
import type { ObjectClass } from '../result/sample.js';
import { isPriced, type ProviderAdapter } from '../providers/adapter.js';
import type { Op, Plan } from '../scenario/compile-plan.js';
import { metricDef, METRIC_NAMES, type MetricDef } from '../slo/metric-catalog.js';
import type { MetricRef } from '../slo/parse-threshold.js';
import type { ThresholdRule } from '../slo/threshold-config.js';
import { selectedProviders } from '../slo/selected-providers.js';

/** What the run will do, as far as the thresholds care. */
export interface PreflightContext {
  plan: Plan;
  providers: readonly ProviderAdapter[];
  /** Sessions per month for the cost projection; null when none was declared. */
  monthlySessions: number | null;
}

function classesOf(ops: readonly Op[], into: Set<ObjectClass>): Set<ObjectClass> {
  for (const op of ops) {
    if (op.kind === 'get') {
      into.add(op.objectClass);
      for (const p of op.prefetch) into.add(p.objectClass);
    } else if (op.kind === 'repeat') classesOf(op.ops, into);
  }
  return into;
}

function requirementProblem(def: MetricDef, metric: string, providers: readonly ProviderAdapter[], ctx: PreflightContext): string | null {
  switch (def.requires) {
    case null:
      return null;
    case 'invalidation':
      return ctx.plan.events.some((e) => isRolloutEvent(e.event) || isMeasuredPurge(e.event))
        ? null
        : `${metric} needs an invalidation measurement, but the scenario has no publish event with a strategy and no purge event with probe:`;
    case 'coalescing':
      return ctx.plan.scenario.coalescing !== undefined ? null : `${metric} needs a coalescing measurement, but the scenario has no coalescing: section`;
    case 'cost':
    case 'monthly-cost': {
      const unpriced = providers.filter((p) => !isPriced(p)).map((p) => p.id);
      if (unpriced.length > 0) return `${metric} needs a price table, but provider ${unpriced.join(', ')} has none`;
      if (def.requires === 'monthly-cost' && ctx.monthlySessions === null) {
        return `${metric} needs sessions per month: --monthly-sessions or the scenario's cost.monthlySessions`;
      }
      return null;
    }
  }
}

/** Problems of one metric reference in this run (empty when it will be measured). */
export function metricRefProblems(ref: MetricRef, ctx: PreflightContext): string[] {
  const def = metricDef(ref.metric);
  if (def === undefined) return [`unknown metric "${ref.metric}" (metrics: ${METRIC_NAMES.join(', ')})`];
  const problems: string[] = [];
  const provider = ref.filters.provider;
  const providers = selectedProviders(ref.filters, ctx.providers);
  if (provider !== undefined && provider !== '*' && providers.length === 0) {
    problems.push(`provider "${provider}" is not in this run (providers: ${ctx.providers.map((p) => p.id).join(', ')})`);
  }
  const cls = ref.filters.class;
  if (cls !== undefined && cls !== '*') {
    const classes = new Set<ObjectClass>();
    for (const s of ctx.plan.sessions) classesOf(s.ops, classes);
    if (!classes.has(cls as ObjectClass)) problems.push(`the scenario requests no ${cls} objects (it requests ${[...classes].sort().join(', ')})`);
  }
  const req = requirementProblem(def, ref.metric, providers, ctx);
  if (req !== null) problems.push(req);
  return problems;
}

/** Throws InvalidConfigError (exit 104) listing every threshold this run could not measure. */
export function checkThresholdsMeasurable(rules: readonly ThresholdRule[], ctx: PreflightContext): void {
  const problems: string[] = [];
  for (const { threshold: t } of rules) {
    for (const p of metricRefProblems(t, ctx)) problems.push(`${t.source}: ${p}`);
    const def = metricDef(t.metric);
    if (t.abortOnFail && def !== undefined && !def.live) {
      problems.push(`${t.source}: abortOnFail needs a metric measured during the run (latency, hit_ratio, error_rate, requests, errors); ${t.metric} is known only at the end`);
    }
  }
  if (problems.length > 0) {
    throw new InvalidConfigError(
      `${problems.length} threshold${problems.length === 1 ? '' : 's'} cannot be measured by this run: ${problems[0] ?? ''}`,
      problems.slice(1),
      'INVALID_THRESHOLD',
    );
  }
}
