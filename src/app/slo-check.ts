/**
 * One SLO check around a run: prepared before any load (thresholds parsed and checked against what the
 * run measures, baseline read, Pushgateway target checked), then, after the run, the verdict and every
 * output the command line asked for. Output failures exit 1; failed checks exit 99.
 */
import { resolve } from 'node:path';
import { CdnbenchError, InvalidConfigError, describeError } from '../errors.js';
import type { LiveAbortCheck } from '../engine/run-scenario.js';
import type { RunResult } from '../result/result-model.js';
import { readResultFile } from '../result/result-schema.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { checkRegressionRef, compareToBaseline } from '../slo/baseline.js';
import { renderOpenMetrics } from '../slo/exposition.js';
import { liveAbortCheck } from './live-check.js';
import { appendStepSummary, sloMarkdown } from '../slo/markdown-summary.js';
import { markdownReport } from '../report/markdown-report.js';
import type { MetricRef } from '../slo/parse-threshold.js';
import { checkThresholdsMeasurable, metricRefProblems, type PreflightContext } from './preflight.js';
import { pushMetrics, groupUrl, type PushTarget } from '../slo/pushgateway.js';
import { buildSloReport, type SloReport } from '../slo/slo-report.js';
import { sloMetricFamilies } from '../slo/slo-metrics.js';
import { sloTable } from '../slo/slo-table.js';
import type { ThresholdRule } from '../slo/threshold-config.js';

/** A baseline to compare with. */
export interface BaselineSetup {
  file: string;
  refs: readonly MetricRef[];
  /** Largest allowed change toward worse, as a fraction (0.1 = 10 %). */
  bound: number;
}

/** What the command line and scenario asked for. */
export interface SloCheckSetup {
  rules: readonly ThresholdRule[];
  baseline: BaselineSetup | null;
  junit: string | null;
  openmetrics: string | null;
  push: PushTarget | null;
  context: PreflightContext;
}

/** The verdict and what was written, for the command to print and exit on. */
export interface SloVerdict {
  report: SloReport;
  /** Text printed after the provider table (tables, closing line, files written). */
  text: string;
  /** The error to exit with: IO_FAILED when an output failed, THRESHOLDS_FAILED when a check failed; null when all is well. */
  error: CdnbenchError | null;
}

/** A prepared check; `finish` runs after the load. */
export class SloCheck {
  private constructor(private readonly setup: SloCheckSetup, private readonly baseline: RunResult | null) {}

  /** Validates everything before any load (exit 104 or 2 on a problem). */
  static async prepare(setup: SloCheckSetup): Promise<SloCheck> {
    checkThresholdsMeasurable(setup.rules, setup.context);
    let baseline: RunResult | null = null;
    if (setup.baseline !== null) {
      const problems = setup.baseline.refs.flatMap((ref) => {
        checkRegressionRef(ref);
        return metricRefProblems(ref, setup.context).map((p) => `--regression-metric ${ref.source}: ${p}`);
      });
      if (problems.length > 0) throw new InvalidConfigError(problems[0] ?? '', problems.slice(1), 'INVALID_THRESHOLD');
      baseline = await readResultFile(setup.baseline.file);
      const ids = new Set(baseline.providers.map((p) => p.id));
      if (!setup.context.providers.some((p) => ids.has(p.id))) {
        throw new InvalidConfigError(
          `the baseline ${setup.baseline.file} has none of this run's providers (baseline: ${[...ids].join(', ') || 'none'}; run: ${setup.context.providers.map((p) => p.id).join(', ')})`,
          [], 'INVALID_RESULT',
        );
      }
    }
    return new SloCheck(setup, baseline);
  }

  /** True when there is something to check (thresholds or a baseline), not just outputs to write. */
  get hasChecks(): boolean {
    return this.setup.rules.length > 0 || this.setup.baseline !== null;
  }

  /** The engine hook for abortOnFail thresholds; undefined when there are none. */
  abortCheck(): LiveAbortCheck | undefined {
    return liveAbortCheck(this.setup.rules);
  }

  /** Evaluates the run, writes every requested output and says how to exit. */
  async finish(result: RunResult, aborted: string | null, planned: readonly string[]): Promise<SloVerdict> {
    const { setup } = this;
    const regressions = setup.baseline === null || this.baseline === null
      ? []
      : compareToBaseline(result.providers, this.baseline.providers, setup.baseline.refs, setup.baseline.bound);
    const report = buildSloReport({ result, thresholds: setup.rules.map((r) => r.threshold), regressions, aborted, planned });
    const lines: string[] = this.hasChecks ? [sloTable(report)] : [];
    const failures: CdnbenchError[] = [];
    const attempt = async (what: () => Promise<string | null>): Promise<void> => {
      try {
        const line = await what();
        if (line !== null) lines.push(line);
      } catch (err) {
        failures.push(err instanceof CdnbenchError ? err : new CdnbenchError('IO_FAILED', describeError(err), { cause: err }));
      }
    };
    if (setup.junit !== null) {
      const path = resolve(setup.junit);
      await attempt(async () => {
        // Loaded on use: its XML builder costs every other run's start-up.
        const { junitXml } = await import('../slo/junit.js');
        await writeFileAtomic(path, junitXml(report));
        return `junit: ${path}`;
      });
    }
    const families = setup.openmetrics !== null || setup.push !== null ? sloMetricFamilies(result, report) : [];
    if (setup.openmetrics !== null) {
      const path = resolve(setup.openmetrics);
      await attempt(async () => {
        await writeFileAtomic(path, renderOpenMetrics(families));
        return `openmetrics: ${path}`;
      });
    }
    const push = setup.push;
    if (push !== null) {
      await attempt(async () => {
        await pushMetrics(push, families);
        return `pushed: ${groupUrl(push)}`;
      });
    }
    // Only a check has a verdict worth a job summary; a plain run in CI appends nothing.
    if (this.hasChecks) {
      // The verdict first, then the comparison report's verdict table and key figures.
      const md = `${sloMarkdown(report)}\n${markdownReport([result])}`;
      await attempt(async () => ((await appendStepSummary(md)) === null ? null : 'summary: appended to $GITHUB_STEP_SUMMARY'));
    }
    const first = failures[0];
    const error = first !== undefined
      ? new CdnbenchError('IO_FAILED', first.message, { details: failures.slice(1).map((f) => f.message) })
      : report.pass ? null : new CdnbenchError('THRESHOLDS_FAILED', sloFailureLine(report));
    return { report, text: lines.join('\n'), error };
  }
}

function sloFailureLine(r: SloReport): string {
  if (r.aborted !== null) return `SLO check failed: stopped by abortOnFail: ${r.aborted}`;
  if (r.notRun.length > 0 && r.failed === 0) return `SLO check failed: not run: ${r.notRun.join(', ')}`;
  return `SLO check failed: ${r.failed} of ${r.total} checks failed`;
}
