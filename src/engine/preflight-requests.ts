/**
 * The first distinct requests a run will send, computed without sending anything: the first sessions'
 * GET steps rendered from their own seeded streams (the same ones the executor forks), or the first
 * lines of a replay timeline. The load preflight probes these.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { CompiledSession, Op, Plan } from '../scenario/compile-plan.js';
import { renderTemplate } from '../scenario/template.js';
import type { Rng } from '../util/rng.js';
import { drawDatasetRequest } from './dataset-draw.js';
import { readReplayHead } from '../dataset/replay-file.js';
import { SessionState } from './session-state.js';

/** A request to probe. */
export interface ProbeRequest {
  path: string;
  headers: Record<string, string> | undefined;
  /** True when the path came from a dataset or a replay (not the synthetic catalog). */
  fromDataset: boolean;
}

const MAX_SESSIONS = 50;

/** Up to `max` distinct requests, in the order the run would first send them. */
export async function firstRequests(plan: Plan, catalog: Catalog, rng: Rng, pick: (rng: Rng) => CompiledSession, runId: string, max: number): Promise<ProbeRequest[]> {
  if (plan.replay !== null) {
    const headers = plan.replay.headers ?? undefined;
    return (await readReplayHead(plan.replay.file, max)).map((path) => ({ path, headers, fromDataset: true }));
  }
  const out = new Map<string, ProbeRequest>();
  // Sequential cursors of the preflight are its own: the run's start at line 1 again.
  const cursorKey = {};
  for (let no = 0; no < MAX_SESSIONS && out.size < max; no++) {
    const sessionRng = rng.fork(no);
    const model = pick(sessionRng);
    const state = new SessionState(catalog, model, no, runId, sessionRng);
    const walk = (ops: readonly Op[]): void => {
      for (const op of ops) {
        if (out.size >= max) return;
        if (op.kind === 'repeat') walk(op.ops);
        if (op.kind !== 'get') continue;
        for (const o of [op, ...op.prefetch]) {
          let req: ProbeRequest;
          if (o.dataset !== null) {
            const d = drawDatasetRequest(cursorKey, o, state.rng);
            req = { path: d.path, headers: d.headers, fromDataset: true };
          } else {
            const headers = o.range === null ? (o.headers ?? undefined) : { ...o.headers, range: renderTemplate(o.range, state.resolve) };
            req = { path: renderTemplate(o.path, state.resolve), headers, fromDataset: false };
          }
          if (!out.has(req.path) && out.size < max) out.set(req.path, req);
        }
      }
    };
    walk(model.ops);
  }
  return [...out.values()];
}
