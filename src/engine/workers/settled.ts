/**
 * Waiting with bounds: for a promise, at most some time, and no longer than until a stop. The worker pool
 * waits this way for its threads to start and to end, so a silent thread cannot hang a run.
 */

/** Waits for `p`, at most `ms`, and (when given) no longer than until `stop` aborts. */
export async function settled(p: Promise<unknown>, ms: number, stop?: AbortSignal): Promise<'done' | 'timeout' | 'stopped'> {
  const cleanup: (() => void)[] = [];
  const racers: Promise<'done' | 'timeout' | 'stopped'>[] = [p.then(() => 'done' as const)];
  if (Number.isFinite(ms)) {
    racers.push(new Promise((r) => {
      const t = setTimeout(() => r('timeout'), ms);
      cleanup.push(() => clearTimeout(t));
    }));
  }
  if (stop !== undefined) {
    racers.push(new Promise((r) => {
      if (stop.aborted) r('stopped');
      const on = (): void => r('stopped');
      stop.addEventListener('abort', on, { once: true });
      cleanup.push(() => stop.removeEventListener('abort', on));
    }));
  }
  const got = await Promise.race(racers);
  for (const c of cleanup) c();
  return got;
}
