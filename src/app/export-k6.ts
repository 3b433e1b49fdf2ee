/**
 * The export use case: a scenario as a k6 TypeScript script, or as k6-operator manifests that run it on
 * a cluster. Whatever k6 cannot replay comes back as warnings (and is listed in the script's header).
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { Catalog } from '../catalog/catalog.js';
import { datasetUses } from '../engine/dataset-support.js';
import { InvalidConfigError } from '../errors.js';
import { exportK6Script } from '../k6/export-k6.js';
import { operatorManifests, type ManifestFiles, type OperatorInput } from '../k6/operator-manifests.js';
import { parseTargetUrl } from '../providers/target/target-provider.js';
import { compilePlan } from '../scenario/compile-plan.js';
import { loadScenario } from '../scenario/loader.js';
import { loadSloFile, thresholdRules } from '../slo/threshold-config.js';
import { PACKAGE_ROOT, VERSION } from '../util/package-root.js';
import { resolveScenarioPath } from './run-inputs.js';

/** What to export: the scenario, its targets and PoP names, extra SLO files. */
export interface ExportRequest {
  scenario: string;
  target: string[];
  pop: string[];
  slo: string[];
  /** Named in the refusal of a scenario k6 cannot replay. */
  format: string;
}

/** A k6 script and what it could not carry over. */
export interface ExportedScript {
  script: string;
  warnings: string[];
  targets: string[];
  scenarioName: string;
}

/** Builds the k6 script of a scenario; refuses what only the built-in engine can run (dataset draws, replays). */
export async function exportScript(request: ExportRequest): Promise<ExportedScript> {
  const targets = request.target.map((t) => parseTargetUrl(t).origin);
  const path = resolveScenarioPath(request.scenario);
  const loaded = await loadScenario(path);
  const plan = compilePlan(loaded.scenario, request.scenario, dirname(resolve(path)));
  const uses = datasetUses(plan);
  if (uses.length > 0) throw new InvalidConfigError(`export ${request.format}: dataset draws and log replays run on the built-in engine only (cdnbench run)`, uses);
  // The scenario's thresholds and any --slo file's, parsed exactly as `check` parses them.
  const rules = [...thresholdRules(loaded.scenario.thresholds ?? []), ...(await Promise.all(request.slo.map(loadSloFile))).flat()];
  const inPackage = !relative(PACKAGE_ROOT, path).startsWith('..') && !isAbsolute(relative(PACKAGE_ROOT, path));
  const { script, warnings } = exportK6Script({
    plan, catalog: Catalog.create(loaded.scenario.catalog), targets, pops: request.pop, cdnbenchVersion: VERSION,
    thresholds: rules.map((r) => r.threshold),
    source: { file: inPackage ? relative(PACKAGE_ROOT, path) : request.scenario, sha256: loaded.sha256 },
  });
  return { script, warnings, targets, scenarioName: plan.scenario.name };
}

/** The k6-operator manifests (file path → text) that run an exported script on `parallelism` runners. */
export function exportOperator(exported: ExportedScript, options: Omit<OperatorInput, 'script' | 'targets'>): ManifestFiles {
  return operatorManifests({ ...options, script: exported.script, targets: exported.targets });
}
