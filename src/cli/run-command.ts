/**
 * `cdnbench run <scenario>`: loads and checks everything before any load, runs every provider,
 * writes result.json atomically (also when the run fails or is interrupted) and prints the table.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { runScenario } from '../engine/run-scenario.js';
import { checkScenarioAlbums } from '../engine/album-burst.js';
import { Catalog } from '../catalog/catalog.js';
import { unsupportedEvents } from '../engine/event-support.js';
import { CdnbenchError, InvalidConfigError, UsageError, describeError } from '../errors.js';
import { hasHostRequirements, isStartable, type ProviderAdapter } from '../providers/adapter.js';
import { availableParallelism } from 'node:os';
import { defaultWorkers } from '../engine/workers/worker-share.js';
import { buildReport } from '../report/build-report.js';
import { parseErrorBudget } from '../report/error-budget.js';
import { jsonSafe } from '../report/json-report.js';
import type { Ranking } from '../report/ranking.js';
import { REPORT_FORMATS, parseFormats, writeReports } from '../report/reporters.js';
import { defaultLabProviderIds, resolveProviders } from '../providers/resolve-providers.js';
import { compilePlan } from '../scenario/compile-plan.js';
import { loadScenario } from '../scenario/loader.js';
import { PACKAGE_ROOT } from '../util/package-root.js';
import { newRunId } from '../util/run-info.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { Output, type OutputOptions } from './output.js';
import { checkOutPath } from './out-option.js';
import { applyQuickOverrides, withQuickOptions, type QuickArgs } from './quick-overrides.js';
import { ProgressLine } from './progress.js';
import { runInterrupt, SIGNAL_ERRORS } from './run-interrupt.js';
import { providerTable } from './summary-table.js';
import { prepareSloCheck, withSloOptions, type SloArgs } from './slo-options.js';
import { assertCredentials, checkCredentials, releaseProviders } from './check-credentials.js';
import { purgeNotes } from './purge-notes.js';
import { assertEngineCanRun, ENGINE_IDS, isEngineId } from '../engine/engines.js';
import { applyEnvToPlan } from '../engine/plan-env.js';
import type { RunResult } from '../metrics/result-model.js';
import { applyEnvFlags, envSecrets } from '../util/env-secrets.js';

/** The result with every env-filled value redacted (a no-op when none was used). */
function redactResult(result: RunResult): RunResult {
  const text = JSON.stringify(result);
  const clean = envSecrets.redact(text);
  return clean === text ? result : (JSON.parse(clean) as RunResult);
}
import { claimOutputFolder } from '../util/output-lock.js';

/** Arguments of run (and check, which adds nothing but requires something to check). */
export interface RunArgs extends OutputOptions, SloArgs, QuickArgs {
  scenario: string;
  provider: string[];
  target: string[];
  out?: string;
  force?: boolean;
  summaryExport?: string;
  lab?: boolean;
  agent?: string;
  region?: string;
  monthlySessions?: number;
  engine: string;
  checkCredentials?: boolean;
  report: string;
  env: string[];
  preflight: boolean;
  errorBudget?: string;
  workers?: number;
}

/** A scenario argument: a file path, or the name of a built-in scenario (scenarios/<name>.yaml). */
export function resolveScenarioPath(ref: string): string {
  if (existsSync(ref)) return ref;
  for (const ext of ['.yaml', '.yml', '.json', '.ts']) {
    const builtin = join(PACKAGE_ROOT, 'scenarios', ref + ext);
    if (!/[/\\]/.test(ref) && existsSync(builtin)) return builtin;
  }
  throw new InvalidConfigError(`scenario not found: ${ref} (a file path, or a built-in name from ${join(PACKAGE_ROOT, 'scenarios')})`);
}

/**
 * The providers to load: --lab (the five lab archetypes), --provider and --target together. With none,
 * run uses the lab; check refuses, since a scheduled check that silently measured the lab (an unset
 * target variable) would pass while measuring nothing real.
 */
export function chooseProviders(args: Pick<RunArgs, 'lab' | 'provider' | 'target'>, requireChecks: boolean): string[] {
  const explicit = [...(args.lab === true ? defaultLabProviderIds() : []), ...args.provider];
  if (explicit.length > 0 || args.target.length > 0) return explicit;
  if (!requireChecks) return defaultLabProviderIds();
  throw new InvalidConfigError('check needs an explicit target: --target URL, --provider NAME|FILE, or --lab for the built-in lab archetypes', [
    'hint: in CI, an unset target variable must fail the job rather than check the lab (docs/ci.md)',
  ], 'NO_TARGET');
}

/** --workers as given (checked), else the default: the cores, minus one for a lab process on this machine. */
function chooseWorkers(flag: number | undefined, providers: readonly ProviderAdapter[]): { count: number; explicit: boolean } {
  if (flag === undefined) return { count: defaultWorkers(availableParallelism(), providers.some(isStartable)), explicit: false };
  if (!Number.isInteger(flag) || flag < 1 || flag > 256) throw new UsageError(`--workers takes an integer from 1 to 256, got ${String(flag)}`);
  return { count: flag, explicit: true };
}

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
      .option('workers', { type: 'number', describe: 'Load worker threads per provider (1: one thread) [default: the machine\'s cores, minus one when a lab process runs here]' })
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
  if (args.monthlySessions !== undefined && !(args.monthlySessions > 0)) throw new UsageError('--monthly-sessions takes a positive number');
  const formats = args.report.trim().toLowerCase() === 'none' ? [] : parseFormats(args.report, '--report');
  const errorBudget = parseErrorBudget(args.errorBudget);
  checkOutPath(args.out);
  checkOutPath(args.summaryExport);
  applyEnvFlags(args.env);
  const scenarioPath = resolveScenarioPath(args.scenario);
  const file = await loadScenario(scenarioPath);
  const { scenario, overrides } = applyQuickOverrides(file.scenario, args);
  const loaded = { ...file, scenario };
  // Dataset and replay files are relative to the scenario file, like an include.
  const plan = compilePlan(loaded.scenario, args.scenario, dirname(resolve(scenarioPath)));
  applyEnvToPlan(plan);
  const engine = args.engine;
  if (!isEngineId(engine)) throw new UsageError(`unknown --engine ${engine} (known: ${ENGINE_IDS.join(', ')})`);
  const refs = chooseProviders(args, requireChecks);
  const providers = resolveProviders(refs, args.target);
  const workers = chooseWorkers(args.workers, providers);
  assertEngineCanRun(engine, plan, args.scenario, providers);
  const problems = providers.flatMap((p) => unsupportedEvents(p, plan.events));
  if (problems.length > 0) {
    throw new InvalidConfigError(`the scenario needs capabilities a provider lacks: ${problems[0] ?? ''}`, problems.slice(1), 'UNSUPPORTED_CAPABILITY');
  }
  checkScenarioAlbums(plan.scenario, Catalog.create(plan.scenario.catalog));
  const missing = [...new Set(providers.flatMap((p) => (hasHostRequirements(p) ? p.hostProblems() : [])))];
  if (missing.length > 0) throw new InvalidConfigError(missing[0] ?? '', missing.slice(1), 'ENGINE_MISSING');
  // Real CDNs need credentials: checked (and, with --check-credentials, tried) before any load.
  const credentials = await checkCredentials(providers, args.checkCredentials === true);
  if (args.checkCredentials === true) {
    await releaseProviders(providers);
    out.answer(credentials.lines.join('\n'), { ok: credentials.problems.length === 0, lines: credentials.lines, problems: credentials.problems });
    assertCredentials(credentials);
    return;
  }
  assertCredentials(credentials);
  const monthlySessions = args.monthlySessions ?? plan.scenario.cost?.monthlySessions ?? null;
  const slo = await prepareSloCheck(args, plan, providers, monthlySessions, requireChecks);
  const runId = newRunId(plan.scenario.name);
  const outDir = resolve(args.out ?? join('reports', runId));
  const resultPath = join(outDir, 'result.json');
  // Claimed before the interrupt handler, which must stay the one deciding what a first Ctrl-C does; the
  // lock goes when this process exits, on every path (see output-lock.ts), so no try/finally is needed here.
  claimOutputFolder(outDir, { holds: ['result.json'], force: args.force === true });
  const progress = new ProgressLine(out.quiet ? 'off' : out.live && !out.json ? 'tty' : 'log', plan.phases);
  const { interrupt, snapshot, finished } = runInterrupt(resultPath, out);
  let outcome;
  try {
    try {
      out.note(`cdnbench ${plan.model}-model run ${runId}${engine === 'builtin' ? '' : ` (${engine} engine)`}: ${plan.scenario.name} → ${providers.map((p) => p.id).join(', ')}`);
      outcome = await runScenario({
        loaded, plan, providers, runId, signal: interrupt.signal, engine,
        log: (line) => out.note(line),
        onProviderStart: (p, recorder) => progress.follow(p.id, recorder),
        monthlySessions,
        abortCheck: slo.abortCheck(),
        preflight: args.preflight,
        snapshot,
        overrides,
        workers,
        ...(args.agent || args.region ? { agent: { name: args.agent ?? 'agent', region: args.region ?? '' } } : {}),
      });
    } finally {
      progress.stop();
    }
    // Values filled from the environment (bearer tokens) never reach the result: redacted like credentials.
    outcome = { ...outcome, result: redactResult(outcome.result) };
    finished(outcome.result);
    await writeFileAtomic(resultPath, `${JSON.stringify(outcome.result, null, 2)}\n`);
  } finally {
    // Kept until the result is on disk: a second signal meanwhile still writes it before exiting.
    interrupt.dispose();
  }
  const { result } = outcome;
  if (outcome.preflight !== null) throw outcome.preflight;
  for (const w of result.meta.generator?.warnings ?? []) out.note(`warning: ${w}`);
  // The report is written beside the result, also for a failed run (it shows what was measured); an
  // interrupted run skips it, since whoever pressed Ctrl-C wants the prompt back.
  let reports: string[] = [];
  let reportError: unknown = null;
  let ranking: Ranking | undefined;
  if (!interrupt.signal.aborted && result.providers.length > 0) {
    try {
      // The verdict is printed whether or not a report file is asked for.
      const model = buildReport([result], errorBudget === undefined ? {} : { errorBudget });
      ranking = model.ranking;
      if (formats.length > 0) reports = await writeReports(model, outDir, formats);
    } catch (err) {
      reportError = err;
    }
  }
  // An interrupted run's partial figures are not a verdict: nothing is checked, written or pushed.
  const verdict = interrupt.signal.aborted ? null : await slo.finish(result, outcome.aborted, providers.map((p) => p.id));
  const notes = [
    ...purgeNotes(result.providers),
    // Cut requests are neither errors nor samples; say how many so a short run's figures are read right.
    ...result.providers.filter((p) => p.sessions.abortedRequests > 0).map((p) => `${p.id}: ${p.sessions.abortedRequests} request${p.sessions.abortedRequests === 1 ? '' : 's'} in flight cut by the stop (sessions.abortedRequests; not errors, not samples)`),
  ];
  const summary = {
    runId, result: resultPath, reports, stopReason: result.meta.stopReason, failure: result.meta.failure,
    ...(result.meta.overrides === undefined ? {} : { overrides: result.meta.overrides }),
    ...(ranking === undefined ? {} : { verdict: jsonSafe({ headline: ranking.recommendation.headline, winner: ranking.recommendation.winner, withinNoise: ranking.recommendation.withinNoise, errorBudget: ranking.errorBudget, ranking: ranking.providers.map((p) => ({ rank: p.rank, id: p.id, score: p.score, eligible: p.eligible, ineligibleReason: p.ineligibleReason })) }) }),
    providers: result.providers.map((p) => ({ id: p.id, sessions: p.sessions, summary: p.summary })),
    ...(verdict !== null && slo.hasChecks ? { slo: verdict.report } : {}),
  };
  if (args.summaryExport !== undefined) {
    try {
      await writeFileAtomic(resolve(args.summaryExport), `${JSON.stringify(summary, null, 2)}\n`);
    } catch (err) {
      reportError ??= err;
    }
  }
  const headline = ranking === undefined ? '' : `verdict: ${ranking.recommendation.headline}\n\n`;
  out.answer(`${providerTable(result.providers, ranking)}\n${notes.map((n) => `\n${n}`).join('')}\n${verdict === null || verdict.text === '' ? '' : `${verdict.text}\n\n`}${headline}result: ${resultPath}${reports.map((r) => `\nreport: ${r}`).join('')}`, summary);
  const sig = interrupt.received;
  if (sig !== null) throw new CdnbenchError(SIGNAL_ERRORS[sig], `interrupted by ${sig}; partial result written to ${resultPath}`);
  if (outcome.failure !== null) throw new CdnbenchError('RUN_FAILED', `run failed: ${outcome.failure} (result: ${resultPath})`);
  if (reportError !== null) throw new CdnbenchError('IO_FAILED', `report failed: ${describeError(reportError)} (result: ${resultPath})`, { cause: reportError });
  if (verdict?.error) throw verdict.error;
}
