/**
 * The messages between the main thread and a load worker (load-worker.ts), and their guards. Everything
 * crosses as structured-clone data: the worker rebuilds its provider from the edges and dialect id.
 */
import type { EdgeEndpoint } from '../../http/edge-client.js';
import type { GeneratorHealth, ProviderTimeline, SeriesRecord, SessionCounters, StopReason } from '../../result/result-model.js';
import type { Plan } from '../../scenario/compile-plan.js';
import type { WorkerShare } from './worker-share.js';

/** What a worker is started with (workerData). */
export interface WorkerInit {
  share: WorkerShare;
  /** The plan with this worker's budgets (worker-plan.ts); no events, prewarm or coalescing. */
  plan: Plan;
  provider: { id: string; kind: string; dialect: string; edges: EdgeEndpoint[]; requestHeaders: Record<string, string> | null };
  runId: string;
  seed: number;
  scheduleSeed: number;
  userAgent: string;
  smallObjectMaxBytes: number;
  region: string;
  /** Live figures are posted this often, ms. */
  progressMs: number;
}

/** Raw state of a SessionDigest. */
export interface DigestState {
  sessions: number;
  sum: number;
  xor: number;
}

/** What a worker's load ended with. */
export interface WorkerDone {
  type: 'done';
  counters: SessionCounters;
  stopReason: StopReason;
  requests: number;
  networkErrors: number;
  errorMessages: [string, number][];
  errorRateStop: string | null;
  generator: GeneratorHealth;
  series: SeriesRecord[];
  timeline: ProviderTimeline | null;
  digest: DigestState;
}

/** Worker → main. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; requests: number; errors: number; counters: SessionCounters }
  | WorkerDone
  | { type: 'log'; line: string }
  | { type: 'failed'; message: string };

/** Main → worker: start the load at a wall-clock instant shared by every worker, or stop it. */
export type MainMessage = { type: 'go'; atWall: number } | { type: 'stop' };

const isObject = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null;

/** True when `m` is a message a worker sends. */
export function isWorkerMessage(m: unknown): m is WorkerMessage {
  return isObject(m) && (m.type === 'ready' || m.type === 'progress' || m.type === 'done' || m.type === 'log' || m.type === 'failed');
}

/** True when `m` is a message the main thread sends. */
export function isMainMessage(m: unknown): m is MainMessage {
  return isObject(m) && ((m.type === 'go' && typeof m.atWall === 'number') || m.type === 'stop');
}
