/**
 * The stop signals of `cdnbench run`, tied to its result file: the first signal stops the run cleanly; a
 * second one, or a clean stop still unfinished WATCHDOG_MS after the first, writes what there is at once
 * (synchronously, atomically), so result.json is never lost to a stuck provider or an impatient operator.
 */
import type { ResultSnapshot } from '../engine/run-scenario.js';
import type { ErrorCode } from '../errors.js';
import { describeError } from '../errors.js';
import type { RunResult } from '../result/result-model.js';
import { writeFileAtomicSync } from '../util/atomic-write.js';
import type { Output } from './output.js';
import { interruptSignal, type Interrupt, type StopSignal } from './sigint.js';

/** After a stop signal, the partial result is on disk by then even if stopping cleanly takes longer. */
export const WATCHDOG_MS = 4000;

/** The error code (hence exit code) of a run stopped by each signal. */
export const SIGNAL_ERRORS = { SIGINT: 'INTERRUPTED', SIGTERM: 'TERMINATED', SIGHUP: 'HUNG_UP' } as const satisfies Record<StopSignal, ErrorCode>;

/** The interrupt of a run, the snapshot runScenario fills, and where to hand the finished result. */
export interface RunInterrupt {
  interrupt: Interrupt;
  snapshot: ResultSnapshot;
  /** The run's final result: from now on an emergency write writes this one. */
  finished(result: RunResult): void;
}

/** Installs the signal handlers of a run writing `resultPath`. */
export function runInterrupt(resultPath: string, out: Output): RunInterrupt {
  const snapshot: ResultSnapshot = { build: null };
  let final: RunResult | null = null;
  const emergencyWrite = (): void => {
    try {
      const r = final ?? snapshot.build?.() ?? null;
      if (r === null) return;
      writeFileAtomicSync(resultPath, `${JSON.stringify(r, null, 2)}\n`);
      process.stderr.write(`partial result written to ${resultPath}\n`);
    } catch (err) {
      process.stderr.write(`cdnbench: ${describeError(err)}\n`);
    }
  };
  const interrupt = interruptSignal(
    (sig) => out.note(`\n${sig}: stopping and writing the partial result (${sig === 'SIGINT' ? 'Ctrl-C' : 'a signal'} again: write what there is and quit now)`),
    { emergencyWrite, watchdogMs: WATCHDOG_MS },
  );
  return { interrupt, snapshot, finished: (r) => (final = r) };
}
