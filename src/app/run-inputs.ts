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

/** --workers as given (checked), else the default for these providers on this machine. */
export function chooseWorkers(flag: number | undefined, providers: readonly ProviderAdapter[]): WorkerChoice {
  if (flag === undefined) return { count: defaultWorkers(availableParallelism(), providers.some(isStartable)), explicit: false };
  if (!Number.isInteger(flag) || flag < 1 || flag > 256) throw new UsageError(`--workers takes an integer from 1 to 256, got ${String(flag)}`);
  return { count: flag, explicit: true };
}
