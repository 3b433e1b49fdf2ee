/**
 * SIGINT handling for long commands: the first Ctrl-C aborts the run so it can stop cleanly and write
 * its partial result (exit 130); a second one exits at once.
 */

/** An abort signal tied to SIGINT, and a way to remove the handler. */
export interface Interrupt {
  signal: AbortSignal;
  dispose(): void;
}

/** Installs the handler; `onFirst` tells the user what is happening. */
export function interruptSignal(onFirst: () => void): Interrupt {
  const controller = new AbortController();
  const handler = (): void => {
    if (controller.signal.aborted) process.exit(130);
    onFirst();
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
