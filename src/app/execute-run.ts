/**
 * The second half of the run use case: the load against every provider, then result.json (atomically,
 * also for a failed run), the reports, the ranking and verdict, the SLO check and its outputs.
 */
import { resolve } from 'node:path';
import { runScenario, type ResultSnapshot, type RunOutcome } from '../engine/run-scenario.js';
import type { ProviderAdapter } from '../providers/adapter.js';
import { buildReport } from '../report/build-report.js';
import { jsonSafe } from '../report/json-report.js';
import type { Ranking } from '../report/ranking.js';
import { writeReports } from '../report/reporters.js';
import type { Recorder } from '../result/recorder.js';
import type { RunResult } from '../result/result-model.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { envSecrets } from '../util/env-secrets.js';
import type { PreparedRun } from './prepare-run.js';
import type { SloVerdict } from './slo-check.js';

/** What the caller (the CLI) lends the run: the stop signal, a log line, progress, and the emergency snapshot. */
export interface RunHooks {
  signal: AbortSignal;
  log(line: string): void;
  onProviderStart?(provider: ProviderAdapter, recorder: Recorder): void;
  snapshot?: ResultSnapshot;
  /** The final result, once built: an emergency write (a second Ctrl-C) writes this one from now on. */
  finished?(result: RunResult): void;
  /** Called after the load, before anything is written (the progress line stops). */
  loadEnded?(): void;
  /** Called once result.json is on disk (the CLI's signal handlers may go). */
  resultWritten?(): void;
}

/** A finished run as the CLI prints it. */
export interface RunReport {
  outcome: RunOutcome;
  resultPath: string;
  reports: string[];
  ranking: Ranking | undefined;
  /** null when the run was interrupted: partial figures are not a verdict. */
  verdict: SloVerdict | null;
  /** The run's summary (the --json answer and --summary-export). */
  summary: Record<string, unknown>;
  /** A report or summary-export failure; the result itself was written. */
  reportError: unknown;
}

/** The result with every env-filled value redacted (a no-op when none was used). */
function redactResult(result: RunResult): RunResult {
  const text = JSON.stringify(result);
  const clean = envSecrets.redact(text);
  return clean === text ? result : (JSON.parse(clean) as RunResult);
}

/** Runs a prepared run to its end (or its stop) and writes everything it produces. */
export async function executeRun(run: PreparedRun, hooks: RunHooks): Promise<RunReport> {
  const { request, plan, providers } = run;
  let outcome: RunOutcome;
  try {
    outcome = await runScenario({
      loaded: run.loaded, plan, providers, runId: run.runId, signal: hooks.signal, engine: run.engine,
      log: hooks.log,
      ...(hooks.onProviderStart === undefined ? {} : { onProviderStart: hooks.onProviderStart }),
      monthlySessions: run.monthlySessions,
      abortCheck: run.slo.abortCheck(),
      preflight: request.preflight,
      ...(hooks.snapshot === undefined ? {} : { snapshot: hooks.snapshot }),
      overrides: run.overrides,
      workers: run.workers,
      ...(request.agent || request.region ? { agent: { name: request.agent ?? 'agent', region: request.region ?? '' } } : {}),
    });
  } finally {
    hooks.loadEnded?.();
  }
  // Values filled from the environment (bearer tokens) never reach the result: redacted like credentials.
  outcome = { ...outcome, result: redactResult(outcome.result) };
  hooks.finished?.(outcome.result);
  await writeFileAtomic(run.resultPath, `${JSON.stringify(outcome.result, null, 2)}\n`);
  hooks.resultWritten?.();
  const { result } = outcome;
  const interrupted = hooks.signal.aborted;
  // The report is written beside the result, also for a failed run (it shows what was measured); an
  // interrupted run skips it, since whoever pressed Ctrl-C wants the prompt back.
  let reports: string[] = [];
  let reportError: unknown = null;
  let ranking: Ranking | undefined;
  if (outcome.preflight === null && !interrupted && result.providers.length > 0) {
    try {
      // The verdict is computed whether or not a report file is asked for.
      const model = buildReport([result], run.errorBudget === undefined ? {} : { errorBudget: run.errorBudget });
      ranking = model.ranking;
      if (run.formats.length > 0) reports = await writeReports(model, run.outDir, run.formats);
    } catch (err) {
      reportError = err;
    }
  }
  const verdict = outcome.preflight !== null || interrupted ? null : await run.slo.finish(result, outcome.aborted, providers.map((p) => p.id));
  const summary = {
    runId: run.runId, result: run.resultPath, reports, stopReason: result.meta.stopReason, failure: result.meta.failure,
    ...(result.meta.overrides === undefined ? {} : { overrides: result.meta.overrides }),
    ...(ranking === undefined ? {} : { verdict: jsonSafe({ headline: ranking.recommendation.headline, winner: ranking.recommendation.winner, withinNoise: ranking.recommendation.withinNoise, errorBudget: ranking.errorBudget, ranking: ranking.providers.map((p) => ({ rank: p.rank, id: p.id, score: p.score, eligible: p.eligible, ineligibleReason: p.ineligibleReason })) }) }),
    providers: result.providers.map((p) => ({ id: p.id, sessions: p.sessions, summary: p.summary })),
    ...(verdict !== null && run.slo.hasChecks ? { slo: verdict.report } : {}),
  };
  if (outcome.preflight === null && request.summaryExport !== undefined) {
    try {
      await writeFileAtomic(resolve(request.summaryExport), `${JSON.stringify(summary, null, 2)}\n`);
    } catch (err) {
      reportError ??= err;
    }
  }
  return { outcome, resultPath: run.resultPath, reports, ranking, verdict, summary, reportError };
}
