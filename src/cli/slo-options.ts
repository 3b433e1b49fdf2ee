/**
 * The SLO options `run` and `check` share (--slo, --junit, --openmetrics, --pushgateway, --baseline …),
 * and turning them into a prepared SloCheck before any load.
 */
import { hostname } from 'node:os';
import type { Argv } from 'yargs';
import { InvalidConfigError, UsageError } from '../errors.js';
import type { ProviderAdapter } from '../providers/adapter.js';
import type { Plan } from '../scenario/compile-plan.js';
import { parseRegressionBound } from '../slo/baseline.js';
import { parseMetricRef } from '../slo/parse-threshold.js';
import { pushTarget } from '../slo/pushgateway.js';
import { SloCheck } from '../app/slo-check.js';
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

/** Adds the SLO options to a command. */
export function withSloOptions<T>(y: Argv<T>): Argv<T & SloArgs> {
  return y
    .option('slo', { type: 'string', array: true, default: [], describe: 'SLO file with thresholds: [...] (YAML or JSON), added to the scenario\'s own (repeatable)' })
    .option('junit', { type: 'string', describe: 'Write the verdict as JUnit XML to FILE' })
    .option('openmetrics', { type: 'string', describe: 'Write the figures and verdicts as OpenMetrics text to FILE' })
    .option('pushgateway', { type: 'string', describe: 'Push the figures to this Prometheus Pushgateway URL (auth: CDNBENCH_PUSHGATEWAY_USER/_PASSWORD)' })
    .option('push-job', { type: 'string', default: 'cdnbench', describe: 'Pushgateway job label' })
    .option('push-instance', { type: 'string', describe: 'Pushgateway instance label [default: --agent, else the host name]' })
    .option('baseline', { type: 'string', describe: 'Earlier result.json to compare with; a regression beyond --max-regression fails the check' })
    .option('max-regression', { type: 'string', describe: 'Largest allowed change toward worse against --baseline, e.g. 10% [default: 10%]' })
    .option('regression-metric', { type: 'string', array: true, default: [], describe: 'Metric compared with --baseline, with optional filters (repeatable) [default: small_object_p95]' }) as unknown as Argv<T & SloArgs>;
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
