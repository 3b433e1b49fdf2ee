/** Abortable waits on the performance.now() clock; the engine's only way to pass time. */

/**
 * Resolves true at `deadline` (performance.now() ms), or false as soon as `signal` aborts.
 * Deadlines already past resolve on the next microtask turn without a timer.
 */
export function sleepUntil(deadline: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  const delay = deadline - performance.now();
  if (delay <= 0) return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, delay);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
