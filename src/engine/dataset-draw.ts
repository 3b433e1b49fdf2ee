/**
 * Turns a dataset GET step into a request: one draw from the session's Rng (the same for every
 * provider with the same seed), or the next line for `pick: sequential` (a cursor per step, shared by
 * the sessions of one provider run and starting afresh for the next provider).
 */
import type { ObjectClass } from '../result/sample.js';
import type { GetOp } from '../scenario/compile-plan.js';
import { inferObjectClass } from '../catalog/object-class.js';
import type { Rng } from '../util/rng.js';
import type { Dataset, DatasetPick } from '../dataset/dataset.js';

/** What a dataset step sends. */
export interface DatasetRequest {
  name: string;
  path: string;
  headers: Record<string, string> | undefined;
  objectClass: ObjectClass;
}

// Keyed by the run's session environment, so each provider run starts its sequential cursors at 0.
const cursorsByRun = new WeakMap<object, Map<GetOp, { next: number }>>();

/** The entry a step draws: index, path and class (the file's class, else inferred from the path). */
export function drawDatasetEntry(data: Dataset, pick: DatasetPick, rng: Rng, cursor: { next: number }): { index: number; path: string; objectClass: ObjectClass } {
  const index = data.drawIndex(pick, rng, cursor);
  const path = data.paths[index] ?? '/';
  return { index, path, objectClass: data.classes[index] ?? inferObjectClass(path) };
}

/** The request of a dataset step for one session; `run` identifies the provider run (its cursors). */
export function drawDatasetRequest(run: object, op: GetOp, rng: Rng): DatasetRequest {
  const ds = op.dataset;
  if (ds === null) throw new Error('drawDatasetRequest needs a dataset step');
  let cursors = cursorsByRun.get(run);
  if (cursors === undefined) {
    cursors = new Map();
    cursorsByRun.set(run, cursors);
  }
  let cursor = cursors.get(op);
  if (cursor === undefined) {
    cursor = { next: 0 };
    cursors.set(op, cursor);
  }
  const e = drawDatasetEntry(ds.data, ds.pick, rng, cursor);
  return { name: op.name, path: e.path, headers: op.headers ?? undefined, objectClass: op.objectClass !== 'other' ? op.objectClass : e.objectClass };
}
