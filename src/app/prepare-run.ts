/**
 * The first half of the run use case: everything a run needs is read and checked before any load —
 * scenario, plan, providers and their capabilities, credentials, thresholds, the output folder.
 */
import { dirname, join, resolve } from 'node:path';
import { checkScenarioAlbums } from '../engine/album-burst.js';
import { assertEngineCanRun, ENGINE_IDS, isEngineId, type EngineId } from '../engine/engines.js';
import { unsupportedEvents } from '../engine/event-support.js';
import { applyEnvToPlan } from '../engine/plan-env.js';
import { InvalidConfigError, UsageError } from '../errors.js';
import { hasHostRequirements, type ProviderAdapter } from '../providers/adapter.js';
import { resolveProviders } from '../providers/resolve-providers.js';
import { parseErrorBudget } from '../report/error-budget.js';
import { parseFormats, type ReportFormat } from '../report/reporters.js';
import { compilePlan, type Plan } from '../scenario/compile-plan.js';
import { loadScenario, type LoadedScenario } from '../scenario/loader.js';
import { applyEnvFlags } from '../util/env-secrets.js';
import { claimOutputFolder } from '../util/output-lock.js';
import { newRunId } from '../util/run-info.js';
import { assertCredentials, checkCredentials, releaseProviders, type CredentialSummary } from './check-credentials.js';
import { applyQuickOverrides, type AppliedOverrides, type QuickArgs } from './quick-overrides.js';
import { chooseProviders, chooseWorkers, resolveScenarioPath, type ProviderChoice, type WorkerChoice } from './run-inputs.js';
import type { SloCheck } from './slo-check.js';
import { prepareSloCheck, type SloArgs } from './slo-setup.js';

/** What a run is asked to do: the options of `cdnbench run` and `check`, already parsed. */
export interface RunRequest extends SloArgs, QuickArgs, ProviderChoice {
  scenario: string;
  out?: string;
  force?: boolean;
  summaryExport?: string;
  agent?: string;
  region?: string;
  monthlySessions?: number;
  engine: string;
  checkCredentials?: boolean;
  report: string;
  env: string[];
  preflight: boolean;
  errorBudget?: string;
  /** Load worker threads per provider [default: the cores, minus one beside a lab process]. */
  workers?: number;
}

/** A run ready to start: nothing has been sent yet, and the output folder is claimed. */
export interface PreparedRun {
  request: RunRequest;
  loaded: LoadedScenario;
  plan: Plan;
  providers: ProviderAdapter[];
  engine: EngineId;
  overrides: AppliedOverrides;
  monthlySessions: number | null;
  slo: SloCheck;
  formats: ReportFormat[];
  errorBudget: number | undefined;
  workers: WorkerChoice;
  runId: string;
  outDir: string;
  resultPath: string;
}

/** A run that was only asked to check credentials (`--check-credentials`): the providers are released. */
export interface CredentialsOnly {
  credentials: CredentialSummary;
}

/**
 * Reads and checks everything; throws the configuration error of the first problem. `requireChecks`
 * (check) refuses a run with nothing to check or no explicit target.
 */
export async function prepareRun(request: RunRequest, requireChecks: boolean): Promise<PreparedRun | CredentialsOnly> {
  if (request.monthlySessions !== undefined && !(request.monthlySessions > 0)) throw new UsageError('--monthly-sessions takes a positive number');
  const formats = request.report.trim().toLowerCase() === 'none' ? [] : parseFormats(request.report, '--report');
  const errorBudget = parseErrorBudget(request.errorBudget);
  applyEnvFlags(request.env);
  const scenarioPath = resolveScenarioPath(request.scenario);
  const file = await loadScenario(scenarioPath);
  const { scenario, overrides } = applyQuickOverrides(file.scenario, request);
  const loaded = { ...file, scenario };
  // Dataset and replay files are relative to the scenario file, like an include.
  const plan = compilePlan(loaded.scenario, request.scenario, dirname(resolve(scenarioPath)));
  applyEnvToPlan(plan);
  const engine = request.engine;
  if (!isEngineId(engine)) throw new UsageError(`unknown --engine ${engine} (known: ${ENGINE_IDS.join(', ')})`);
  const providers = resolveProviders(chooseProviders(request, requireChecks), request.target);
  const workers = chooseWorkers(request.workers, providers);
  checkRunnable(plan, providers, engine, request.scenario);
  // Real CDNs need credentials: checked (and, with --check-credentials, tried) before any load.
  const credentials = await checkCredentials(providers, request.checkCredentials === true);
  if (request.checkCredentials === true) {
    await releaseProviders(providers);
    return { credentials };
  }
  assertCredentials(credentials);
  const monthlySessions = request.monthlySessions ?? plan.scenario.cost?.monthlySessions ?? null;
  const slo = await prepareSloCheck(request, plan, providers, monthlySessions, requireChecks);
  const runId = newRunId(plan.scenario.name);
  const outDir = resolve(request.out ?? join('reports', runId));
  // The lock goes when this process exits, on every path (see output-lock.ts).
  claimOutputFolder(outDir, { holds: ['result.json'], force: request.force === true });
  return { request, loaded, plan, providers, engine, overrides, monthlySessions, slo, formats, errorBudget, workers, runId, outDir, resultPath: join(outDir, 'result.json') };
}

/** Tells a prepared run from a credentials-only answer. */
export function isCredentialsOnly(p: PreparedRun | CredentialsOnly): p is CredentialsOnly {
  return 'credentials' in p;
}

/** Refuses, before any load, a plan some provider or the engine cannot run (exit 104 with every problem). */
export function checkRunnable(plan: Plan, providers: readonly ProviderAdapter[], engine: EngineId, scenarioRef: string): void {
  assertEngineCanRun(engine, plan, scenarioRef, providers);
  const problems = providers.flatMap((p) => unsupportedEvents(p, plan.events));
  if (problems.length > 0) {
    throw new InvalidConfigError(`the scenario needs capabilities a provider lacks: ${problems[0] ?? ''}`, problems.slice(1), 'UNSUPPORTED_CAPABILITY');
  }
  checkScenarioAlbums(plan.scenario);
  const missing = [...new Set(providers.flatMap((p) => (hasHostRequirements(p) ? p.hostProblems() : [])))];
  if (missing.length > 0) throw new InvalidConfigError(missing[0] ?? '', missing.slice(1), 'ENGINE_MISSING');
}
