/**
 * Stop signals for long commands. The first SIGINT, SIGTERM or SIGHUP aborts the run so it stops cleanly
 * and writes its partial result; a second one (any of them) writes what there is at once, synchronously,
 * and exits. Exit codes follow the shell's 128 + signal number (SIGINT 130, SIGTERM 143, SIGHUP 129), which
 * is also what k6 users' scripts and orchestrators see from most tools stopped by a signal.
 */

/** The signals cdnbench stops on. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** One of the stop signals. */
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** Exit code of a run stopped by each signal (README "Exit codes"). */
export const SIGNAL_EXIT_CODES: Record<StopSignal, 129 | 130 | 143> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/** An abort signal tied to the stop signals (its reason is the signal's name), and a way to remove the handlers. */
export interface Interrupt {
  signal: AbortSignal;
  /** The first stop signal received, or null. */
  readonly received: StopSignal | null;
  dispose(): void;
}

/** What happens beyond aborting. */
export interface InterruptOptions {
  /**
   * Writes whatever result there is, synchronously (a second signal, then the process exits; or the
   * watchdog, then the clean stop goes on and may overwrite it with a fuller one). Must not throw.
   */
  emergencyWrite?(signal: StopSignal): void;
  /** After the first signal, call emergencyWrite this many ms later if the command is still running. */
  watchdogMs?: number;
}

/** Installs the handlers; `onFirst` tells the user what is happening. */
export function interruptSignal(onFirst: (signal: StopSignal) => void, options: InterruptOptions = {}): Interrupt {
  const controller = new AbortController();
  let received: StopSignal | null = null;
  let watchdog: NodeJS.Timeout | undefined;
  const handler = (name: StopSignal): void => {
    if (received !== null) {
      clearTimeout(watchdog);
      options.emergencyWrite?.(name);
      process.exit(SIGNAL_EXIT_CODES[received]);
    }
    received = name;
    onFirst(name);
    if (options.emergencyWrite !== undefined && options.watchdogMs !== undefined) {
      const write = options.emergencyWrite;
      watchdog = setTimeout(() => write(name), options.watchdogMs);
      watchdog.unref();
    }
    controller.abort(name);
  };
  for (const s of STOP_SIGNALS) process.on(s, handler);
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    dispose: () => {
      clearTimeout(watchdog);
      for (const s of STOP_SIGNALS) process.off(s, handler);
    },
  };
}
