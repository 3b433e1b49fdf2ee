/**
 * Injected origin faults (issue 3: "origin 5xx, origin slow"): for a while, every object request fails
 * with a status or waits an extra delay. One fault at a time; a new one replaces the old.
 */
import type { FaultRequest } from './control-schemas.js';

/** An active (or scheduled-to-end) fault. */
export interface ActiveFault {
  kind: 'error' | 'slow';
  /** Status of `error` faults. */
  status: number;
  /** Extra latency of `slow` faults, ms. */
  delayMs: number;
  /** Epoch ms when it was set. */
  startedAt: number;
  /** Epoch ms when it ends; null = until cleared. */
  endsAt: number | null;
}

/** The fault slot of one origin. */
export class FaultSwitch {
  private current: ActiveFault | null = null;

  /** Applies a fault request; returns the fault now in force (null after `clear`). */
  set(req: FaultRequest, nowMs: number): ActiveFault | null {
    if (req.kind === 'clear') {
      this.current = null;
      return null;
    }
    this.current = {
      kind: req.kind,
      status: req.status,
      delayMs: req.kind === 'slow' ? req.delayMs : 0,
      startedAt: nowMs,
      endsAt: req.durationMs === undefined ? null : nowMs + req.durationMs,
    };
    return this.current;
  }

  /** The fault in force at `nowMs`, if any; an expired one is dropped. */
  active(nowMs: number): ActiveFault | null {
    const f = this.current;
    if (f !== null && f.endsAt !== null && nowMs >= f.endsAt) this.current = null;
    return this.current;
  }

  /** Removes any fault. */
  clear(): void {
    this.current = null;
  }
}
