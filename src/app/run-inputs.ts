/** Which scenario file and which providers a run means, from what the user typed. */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defaultWorkers } from '../engine/workers/worker-share.js';
import { InvalidConfigError, UsageError } from '../errors.js';
import { isStartable, type ProviderAdapter } from '../providers/adapter.js';
import { defaultLabProviderIds } from '../providers/resolve-providers.js';
import { PACKAGE_ROOT } from '../util/package-root.js';

/** A scenario argument: a file path, or the name of a built-in scenario (scenarios/<name>.yaml). */
export function resolveScenarioPath(ref: string): string {
  if (existsSync(ref)) return ref;
  for (const ext of ['.yaml', '.yml', '.json', '.ts']) {
    const builtin = join(PACKAGE_ROOT, 'scenarios', ref + ext);
    if (!/[/\\]/.test(ref) && existsSync(builtin)) return builtin;
  }
  throw new InvalidConfigError(`scenario not found: ${ref} (a file path, or a built-in name from ${join(PACKAGE_ROOT, 'scenarios')})`);
}

/** The provider choice of a run: the lab archetypes, named profiles and bare target URLs. */
export interface ProviderChoice {
  lab?: boolean;
  provider: string[];
  target: string[];
}

/**
 * The providers to load: --lab (the five lab archetypes), --provider and --target together. With none,
 * run uses the lab; check refuses, since a scheduled check that silently measured the lab (an unset
 * target variable) would pass while measuring nothing real.
 */
export function chooseProviders(args: ProviderChoice, requireChecks: boolean): string[] {
  const explicit = [...(args.lab === true ? defaultLabProviderIds() : []), ...args.provider];
  if (explicit.length > 0 || args.target.length > 0) return explicit;
  if (!requireChecks) return defaultLabProviderIds();
  throw new InvalidConfigError('check needs an explicit target: --target URL, --provider NAME|FILE, or --lab for the built-in lab archetypes', [
    'hint: in CI, an unset target variable must fail the job rather than check the lab (docs/ci.md)',
  ], 'NO_TARGET');
}

/** How many load threads: --workers as given (checked), else the cores, minus one for a lab process on this machine. */
export interface WorkerChoice {
  count: number;
  /** Given by the user: a load that must stay on one thread says why in the log. */
  explicit: boolean;
}

/**
 * --workers as given (checked), else CDNBENCH_WORKERS, else the default for these providers on this machine:
 * the cores, minus one beside a lab process. The variable lets a CI job (or a test suite of many short runs,
 * where starting threads costs more than they give) set the default once.
 */
export function chooseWorkers(flag: number | undefined, providers: readonly ProviderAdapter[], env: NodeJS.ProcessEnv = process.env): WorkerChoice {
  const fromEnv = env.CDNBENCH_WORKERS;
  if (flag === undefined && (fromEnv === undefined || fromEnv.trim() === '')) {
    return { count: defaultWorkers(availableParallelism(), providers.some(isStartable)), explicit: false };
  }
  const value = flag ?? Number(fromEnv);
  const name = flag === undefined ? `CDNBENCH_WORKERS=${String(fromEnv)}` : `--workers ${String(flag)}`;
  if (!Number.isInteger(value) || value < 1 || value > 256) throw new UsageError(`${name}: the worker count is an integer from 1 to 256`);
  return { count: value, explicit: true };
}
