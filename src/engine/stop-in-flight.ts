/**
 * What a hard stop (maxDuration, a signal, an abortOnFail threshold) does to work already in flight:
 * requests are cut at once rather than awaited, and timed events (a purge API call, a rollout's polling)
 * get a short grace, then are abandoned, so the partial result is written within seconds of the stop.
 */
import type { RequestClient } from '../providers/adapter.js';

/** How long events still running at a hard stop may take to notice it before the run stops waiting. */
export const EVENT_GRACE_MS = 1500;

/** Closes every client when `stop` aborts: their requests in flight end as `aborted` (not samples). */
export function closeClientsOnStop(stop: AbortSignal, clients: readonly RequestClient[]): void {
  const close = (): void => {
    for (const c of clients) void c.close().catch(() => undefined);
  };
  if (stop.aborted) close();
  else stop.addEventListener('abort', close, { once: true });
}

/**
 * Resolves false when `work` settles, or true when `stop` aborted (before or while waiting) and `work`
 * did not settle within `graceMs` after it.
 */
export function settleOrStop(work: Promise<unknown>, stop: AbortSignal, graceMs: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const onStop = (): void => {
      timer = setTimeout(() => resolve(true), graceMs);
    };
    void work.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      clearTimeout(timer);
      stop.removeEventListener('abort', onStop);
      resolve(false);
    });
    if (stop.aborted) onStop();
    else stop.addEventListener('abort', onStop, { once: true });
  });
}
