/**
 * Turning the SLO options `run` and `check` share into a prepared SloCheck before any load: thresholds from
 * the scenario and --slo files, the baseline comparison, and where the verdict goes.
 */
import { hostname } from 'node:os';
import { InvalidConfigError, UsageError } from '../errors.js';
import type { ProviderAdapter } from '../providers/adapter.js';
import type { Plan } from '../scenario/compile-plan.js';
import { parseRegressionBound } from '../slo/baseline.js';
import { parseMetricRef } from '../slo/parse-threshold.js';
import { pushTarget } from '../slo/pushgateway.js';
import { SloCheck } from './slo-check.js';
import { loadSloFile, thresholdRules } from '../slo/threshold-config.js';
import { ThresholdSyntaxError } from '../slo/threshold-syntax-error.js';

/** The parsed SLO options. */
export interface SloArgs {
  slo: string[];
  junit?: string;
  openmetrics?: string;
  pushgateway?: string;
  pushJob: string;
  pushInstance?: string;
  baseline?: string;
  maxRegression?: string;
  regressionMetric: string[];
  agent?: string;
}

/** Reads and checks every SLO input against the plan and providers; nothing has been loaded yet. */
export async function prepareSloCheck(args: SloArgs, plan: Plan, providers: readonly ProviderAdapter[], monthlySessions: number | null, requireChecks: boolean): Promise<SloCheck> {
  if (args.baseline === undefined && (args.maxRegression !== undefined || args.regressionMetric.length > 0)) {
    throw new UsageError('--max-regression and --regression-metric need --baseline FILE');
  }
  const rules = thresholdRules(plan.scenario.thresholds ?? []);
  for (const file of args.slo) rules.push(...(await loadSloFile(file)));
  if (requireChecks && rules.length === 0 && args.baseline === undefined) {
    throw new UsageError('nothing to check: add thresholds: to the scenario, or give --slo FILE or --baseline FILE', true);
  }
  const refs = (args.regressionMetric.length > 0 ? args.regressionMetric : ['small_object_p95']).map((m) => {
    try {
      return parseMetricRef(m);
    } catch (err) {
      if (!(err instanceof ThresholdSyntaxError)) throw err;
      throw new InvalidConfigError(`invalid --regression-metric "${m.trim()}" at ${err.reason}`, err.details, 'INVALID_THRESHOLD');
    }
  });
  return SloCheck.prepare({
    rules,
    baseline: args.baseline === undefined ? null : { file: args.baseline, refs, bound: parseRegressionBound(args.maxRegression ?? '10%') },
    junit: args.junit ?? null,
    openmetrics: args.openmetrics ?? null,
    push: args.pushgateway === undefined ? null : pushTarget(args.pushgateway, args.pushJob, args.pushInstance ?? args.agent ?? hostname()),
    context: { plan, providers, monthlySessions },
  });
}
