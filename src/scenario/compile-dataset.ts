/**
 * The compile step of the scenario fields that read the user's own files: `get: { from, pick }` steps
 * (each dataset loaded once, relative to the scenario file) and `replay:`. Problems are added to the
 * compiler's list, so every one is reported at once (InvalidConfigError, exit 104).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isCdnbenchError } from '../errors.js';
import type { Dataset } from '../dataset/dataset.js';
import { loadDataset } from '../dataset/parse-dataset.js';
import type { ObjectClass } from '../result/sample.js';
import type { GetOp } from './compile-plan.js';
import { replaySpeed, type DatasetGetInput } from './dataset-step.js';
import type { Scenario } from './schema.js';
import { parseTemplate } from './template.js';

/** A logged timeline sent in time order (scenario `replay:`). */
export interface ReplayPlan {
  /** Absolute path of the timeline file. */
  file: string;
  speed: number;
  maxInFlight: number;
  headers: Record<string, string> | null;
}

/** Loads the datasets a plan's steps name, once per file. */
export class DatasetLoader {
  private readonly datasets = new Map<string, Dataset>();

  constructor(
    private readonly baseDir: string,
    private readonly problems: string[],
  ) {}

  /** A dataset file relative to the scenario file; null (with the problem recorded) when it cannot be used. */
  load(file: string, path: string): Dataset | null {
    const abs = resolve(this.baseDir, file);
    const known = this.datasets.get(abs);
    if (known !== undefined) return known;
    try {
      const d = loadDataset(abs, file);
      this.datasets.set(abs, d);
      return d;
    } catch (err) {
      if (!isCdnbenchError(err)) throw err;
      this.problems.push(`${path}: ${err.message}`, ...err.details.map((d) => `${path}: ${d}`));
      return null;
    }
  }

  /** The GET op of a dataset step (its `path` template is unused: each execution draws one). */
  get(step: { get: DatasetGetInput; headers?: Record<string, string>; class?: ObjectClass; name?: string }, path: string): GetOp | null {
    const data = this.load(step.get.from, `${path}.get.from`);
    const tpl = parseTemplate('/');
    if (data === null || 'problems' in tpl) return null;
    return {
      kind: 'get', name: step.name ?? step.get.from, path: tpl, range: null, headers: step.headers ?? null,
      objectClass: step.class ?? 'other', prefetch: [], dataset: { data, pick: step.get.pick ?? 'weighted' },
    };
  }
}

/** The scenario's replay with its file resolved against the scenario folder; null without one. */
export function compileReplay(scenario: Scenario, baseDir: string, problems: string[]): ReplayPlan | null {
  const r = scenario.replay;
  if (r === undefined) return null;
  const speed = replaySpeed(r.speed);
  if (!(speed > 0)) problems.push('replay.speed: expected a positive speed like 10x');
  const file = resolve(baseDir, r.from);
  if (!existsSync(file)) problems.push(`replay.from: ${r.from} not found (relative paths start at the scenario file's folder)`);
  return { file, speed, maxInFlight: r.maxInFlight, headers: r.headers ?? null };
}
