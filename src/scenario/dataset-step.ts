/**
 * Scenario fields that draw requests from the user's own content instead of the synthetic catalog: a
 * GET step's `get: { from, pick }` (a URL list) and the top-level `replay:` (a logged request timeline
 * sent in time order, time-compressed). Kept apart from schema.ts so the catalog schema stays readable.
 */
import { z } from 'zod';
import { DATASET_PICKS } from '../dataset/dataset.js';

/** `get: { from: urls.csv, pick: weighted }`: each execution of the step requests one entry of the file. */
export const datasetGetSchema = z
  .strictObject({
    from: z.string().min(1).describe('Dataset file: plain list, CSV (path, weight, bytes, class) or JSON lines; relative to the scenario file'),
    pick: z
      .enum(DATASET_PICKS)
      .default('weighted')
      .describe('weighted: by the weight column (or logged requests); zipf: by line rank; sequential: in file order; random: uniform'),
  })
  .describe('Draw the path from a dataset file; deterministic from catalog.seed, the same draws for every provider');

/** The input shape of a dataset GET. */
export type DatasetGetInput = z.input<typeof datasetGetSchema>;

const speed = z
  .union([z.number().positive(), z.string().regex(/^\d+(\.\d+)?x$/, { message: 'expected a speed like 10x' })])
  .describe('Time compression: 10x sends an hour of log in six minutes');

/** `replay: { from: replay.tsv, speed: 10x }`: send every logged request at its scaled instant. */
export const replaySchema = z
  .strictObject({
    from: z.string().min(1).describe('Timeline written by `cdnbench dataset from-log --replay`; relative to the scenario file'),
    speed: speed.default(1),
    headers: z.record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, { message: 'invalid header name' }), z.string()).optional().describe('Sent with every replayed request; ${env.NAME} allowed'),
    maxInFlight: z.number().int().positive().default(10_000).describe('Requests in flight at most; later ones wait (their latency still counts from the logged instant)'),
  })
  .describe('Replay a logged request timeline in time order instead of running sessions (phases still bound the duration)');

/** The numeric speed factor of a replay. */
export function replaySpeed(s: number | string): number {
  return typeof s === 'number' ? s : Number(s.slice(0, -1));
}
