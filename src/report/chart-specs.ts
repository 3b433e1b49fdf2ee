/** Every chart of a report, in reading order; charts whose data no result has are left out. */
import type { ChartSpec } from './chart-spec.js';
import { hitByClassChart, latencyPercentileChart, popP95Chart } from './latency-charts.js';
import { costChart, invalidationCdfChart, monthlyCostChart, originFetchesChart } from './probe-charts.js';
import type { ReportModel } from './report-model.js';
import { errorClassChart, timelineCharts } from './timeline-charts.js';

/** The chart specs of a report model. */
export function chartSpecs(model: ReportModel): ChartSpec[] {
  const p = model.providers;
  return [
    latencyPercentileChart(p),
    errorClassChart(p, model.ranking.errorBudget),
    popP95Chart(p),
    invalidationCdfChart(p),
    originFetchesChart(p),
    costChart(p),
    monthlyCostChart(p),
    hitByClassChart(p),
    ...timelineCharts(p),
  ].filter((c): c is ChartSpec => c !== null);
}
