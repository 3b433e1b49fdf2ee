/**
 * How a run's deterministic schedule and budgets are split over `--workers N` threads. Session k (its
 * arrival index in the open model, its virtual user in the closed model) belongs to worker k mod N and
 * draws from the same `rng.fork(k)` whatever N is, so a 1-worker and an N-worker run plan the same
 * sessions; budgets (connections, request cap, rate) are split so their sum is the run's.
 */

/** Which worker this is, of how many. */
export interface WorkerShare {
  /** 0-based index of this worker. */
  index: number;
  /** Number of workers of the run (1: no split). */
  workers: number;
}

/** The share of a one-thread run: everything. */
export const SOLO: WorkerShare = { index: 0, workers: 1 };

/** True when session (or virtual user) `k` belongs to this worker. */
export function owns(share: WorkerShare, k: number): boolean {
  return k % share.workers === share.index;
}

/**
 * This worker's part of an integer budget: an even split whose parts sum to `total`, the first workers
 * taking the remainder, and never below `min` (a worker always gets at least one connection).
 */
export function countShare(total: number, share: WorkerShare, min = 0): number {
  if (!Number.isFinite(total)) return total;
  const base = Math.floor(total / share.workers);
  const part = base + (share.index < total % share.workers ? 1 : 0);
  return Math.max(min, part);
}

/** This worker's part of a rate (requests per second): an equal share; an unlimited rate stays unlimited. */
export function rateShare(rate: number, share: WorkerShare): number {
  return Number.isFinite(rate) ? rate / share.workers : rate;
}

/** How many indices in [from, to) this worker owns (the unreached arrivals it counts as dropped). */
export function ownedIn(from: number, to: number, share: WorkerShare): number {
  if (to <= from) return 0;
  // Indices < n owned by worker i: ceil((n - i) / N) when n > i.
  const below = (n: number): number => (n <= share.index ? 0 : Math.ceil((n - share.index) / share.workers));
  return below(to) - below(from);
}

/**
 * The default worker count: the machine's cores, minus one when a lab process (emulator or caching
 * engine) serves the load on this machine, so generator and target do not fight over every core.
 */
export function defaultWorkers(cores: number, labOnThisMachine: boolean): number {
  return Math.max(1, cores - (labOnThisMachine ? 1 : 0));
}
