/** Abortable waits on the performance.now() clock; the engine's only way to pass time. */

/**
 * Resolves true once performance.now() has passed `deadline` (never before), or false as soon as
 * `signal` aborts. Deadlines already past resolve on the next microtask turn without a timer.
 *
 * Why not one setTimeout: libuv starts a timer from its cached, whole-millisecond loop clock, so a
 * timer can fire up to ~1.3 ms before its performance.now() deadline. An open-model send that
 * leaves early would be measured from an intended time it never waited for, and a latency could
 * come out below the request's own service time. So the wait re-arms while a millisecond or more is
 * left, and polls the last sub-millisecond with setImmediate (the loop keeps serving I/O meanwhile).
 */
export function sleepUntil(deadline: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (performance.now() >= deadline) return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let immediate: NodeJS.Immediate | undefined;
    const onAbort = (): void => {
      clearTimeout(timer);
      clearImmediate(immediate);
      resolve(false);
    };
    const check = (): void => {
      const left = deadline - performance.now();
      if (left <= 0) {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      } else if (left >= 1) timer = setTimeout(check, left);
      else immediate = setImmediate(check);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    check();
  });
}
