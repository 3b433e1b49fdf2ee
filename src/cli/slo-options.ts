/** The SLO options `run` and `check` share (--slo, --junit, --openmetrics, --pushgateway, --baseline …). */
import type { Argv } from 'yargs';
import type { SloArgs } from '../app/slo-setup.js';

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
