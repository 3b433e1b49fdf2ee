/**
 * `cdnbench run <scenario>`: parses the options, prepares and executes the run use case (src/app/),
 * prints the table and verdict, and maps the outcome to an exit code. Signals and progress are the
 * CLI's: Ctrl-C stops the load and the partial result is still written.
 */
import type { Argv, CommandModule } from 'yargs';
import { executeRun } from '../app/execute-run.js';
import { isCredentialsOnly, prepareRun, type RunRequest } from '../app/prepare-run.js';
import { assertCredentials } from '../app/check-credentials.js';
import { ENGINE_IDS } from '../engine/engines.js';
import { CdnbenchError, describeError } from '../errors.js';
import { REPORT_FORMATS } from '../report/reporters.js';
import { Output, type OutputOptions } from './output.js';
import { checkOutPath } from './out-option.js';
import { withQuickOptions } from './quick-overrides.js';
import { ProgressLine } from './progress.js';
import { runInterrupt, SIGNAL_ERRORS } from './run-interrupt.js';
import { providerTable } from './summary-table.js';
import { withSloOptions } from './slo-options.js';
import { purgeNotes } from './purge-notes.js';
import { crowdLines } from '../report/crowd-lines.js';

/** Arguments of run (and check, which adds nothing but requires something to check). */
export interface RunArgs extends OutputOptions, RunRequest {}

/** The run command module. */
export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <scenario>',
  describe: 'Run a scenario against providers and write result.json',
  builder: (y: Argv) =>
    withQuickOptions(withSloOptions(y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario file (.yaml, .json, .ts) or built-in name' })
      .option('provider', { type: 'string', array: true, default: [], describe: 'Provider profile: built-in name or file (repeatable) [run default: the five lab archetypes; check needs --provider, --target or --lab]' })
      .option('target', { type: 'string', array: true, default: [], describe: 'Any HTTP endpoint; each URL is one PoP (repeatable)' })
      .option('out', { alias: ['o', 'output'], type: 'string', describe: 'Output folder for result.json and reports [default: reports/<run-id>]' })
      .option('force', { alias: 'overwrite', type: 'boolean', default: false, describe: 'Replace a result.json already in the output folder (refused otherwise, exit 104)' })
      .option('summary-export', { type: 'string', describe: 'Also write the summary (the --json answer) as JSON to FILE (k6 --summary-export)' })
      .option('lab', { type: 'boolean', describe: 'Run against the five lab archetypes (check requires this, --provider or --target)' })
      .option('agent', { type: 'string', describe: 'Name of this load agent, kept in the result for merging' })
      .option('region', { type: 'string', describe: 'Region of this agent; merge keeps per-region series' })
      .option('engine', { type: 'string', default: 'builtin', describe: `Load engine: ${ENGINE_IDS.join(', ')} (docs/distributed.md "Engines")` })
      .option('monthly-sessions', { type: 'number', describe: 'Sessions per month for the cost projection [default: the scenario\'s cost.monthlySessions]' })
      .option('check-credentials', { type: 'boolean', describe: 'Check the providers\' credentials (and call each API\'s cheapest authenticated endpoint), then exit 0 or 104 without load' })
      .option('error-budget', { type: 'string', describe: 'Highest error rate a provider may have and be recommended, e.g. 1% or 0.005 [default: the scenario\'s verdict.errorBudget, else 1%]' })
      .option('report', { type: 'string', default: 'all', describe: `Report formats written beside result.json: ${REPORT_FORMATS.join(', ')}, all or none` })
      .option('env', { alias: 'e', type: 'string', array: true, default: [], describe: 'KEY=VALUE for ${env.KEY} in headers (repeatable); values are redacted from every output' })
      .option('workers', { type: 'number', describe: 'Load worker threads per provider (1: one thread) [default: $CDNBENCH_WORKERS, else the machine\'s cores, minus one when a lab process runs here]' })
      .option('preflight', { type: 'boolean', default: true, describe: 'Probe the first paths on every PoP before the load and stop (exit 104) when most fail; --no-preflight skips it' }))) as unknown as Argv<RunArgs>,
  handler: (args) => runAndCheck(args, false),
};

/**
 * The run (and check) command: everything, thresholds included, is checked before any load; after the
 * run the result is written, then the SLO verdict and its outputs. Exit: 130/143/129 SIGINT/SIGTERM/SIGHUP, 1 run or an
 * output failed, 99 a check failed, else 0. `requireChecks` (check) refuses a run with nothing to check.
 */
export async function runAndCheck(args: RunArgs, requireChecks: boolean): Promise<void> {
  const out = new Output(args);
  checkOutPath(args.out);
  checkOutPath(args.summaryExport);
  const prepared = await prepareRun(args, requireChecks);
  if (isCredentialsOnly(prepared)) {
    const { credentials } = prepared;
    out.answer(credentials.lines.join('\n'), { ok: credentials.problems.length === 0, lines: credentials.lines, problems: credentials.problems });
    assertCredentials(credentials);
    return;
  }
  const { plan, providers, resultPath } = prepared;
  const progress = new ProgressLine(out.quiet ? 'off' : out.live && !out.json ? 'tty' : 'log', plan.phases);
  // Installed after the output folder is claimed: the handler decides what a first Ctrl-C does.
  const { interrupt, snapshot, finished } = runInterrupt(resultPath, out);
  let run;
  try {
    out.note(`cdnbench ${plan.model}-model run ${prepared.runId}${prepared.engine === 'builtin' ? '' : ` (${prepared.engine} engine)`}: ${plan.scenario.name} → ${providers.map((p) => p.id).join(', ')}`);
    run = await executeRun(prepared, {
      signal: interrupt.signal,
      log: (line) => out.note(line),
      onProviderStart: (p, recorder) => progress.follow(p.id, recorder),
      snapshot,
      finished,
      loadEnded: () => progress.stop(),
      // Kept until the result is on disk: a second signal meanwhile still writes it before exiting.
      resultWritten: () => interrupt.dispose(),
    });
  } finally {
    progress.stop();
    interrupt.dispose();
  }
  const { outcome, ranking, verdict, summary, reports, reportError } = run;
  const { result } = outcome;
  if (outcome.preflight !== null) throw outcome.preflight;
  for (const w of result.meta.generator?.warnings ?? []) out.note(`warning: ${w}`);
  const notes = [
    ...purgeNotes(result.providers),
    ...crowdLines(result.providers),
    // Cut requests are neither errors nor samples; say how many so a short run's figures are read right.
    ...result.providers.filter((p) => p.sessions.abortedRequests > 0).map((p) => `${p.id}: ${p.sessions.abortedRequests} request${p.sessions.abortedRequests === 1 ? '' : 's'} in flight cut by the stop (sessions.abortedRequests; not errors, not samples)`),
  ];
  const headline = ranking === undefined ? '' : `verdict: ${ranking.recommendation.headline}\n\n`;
  out.answer(`${providerTable(result.providers, ranking)}\n${notes.map((n) => `\n${n}`).join('')}\n${verdict === null || verdict.text === '' ? '' : `${verdict.text}\n\n`}${headline}result: ${resultPath}${reports.map((r) => `\nreport: ${r}`).join('')}`, summary);
  const sig = interrupt.received;
  if (sig !== null) throw new CdnbenchError(SIGNAL_ERRORS[sig], `interrupted by ${sig}; partial result written to ${resultPath}`);
  if (outcome.failure !== null) throw new CdnbenchError('RUN_FAILED', `run failed: ${outcome.failure} (result: ${resultPath})`);
  if (reportError !== null) throw new CdnbenchError('IO_FAILED', `report failed: ${describeError(reportError)} (result: ${resultPath})`, { cause: reportError });
  if (verdict?.error) throw verdict.error;
}
