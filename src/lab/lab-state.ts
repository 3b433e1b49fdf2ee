/**
 * The state file of a background lab (`cdnbench lab up`): where it runs and with which token.
 * Readable only by its owner (mode 0600), because it holds the origin's control token.
 */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { EmulatorEndpoints } from './lab-protocol.js';

/** What `lab up` leaves behind for `lab status` / `lab down` and for users. */
export interface LabState {
  pid: number;
  startedAt: string;
  originUrl: string;
  token: string;
  providers: EmulatorEndpoints[];
}

/** Path of the state file: $CDNBENCH_LAB_STATE, else one per user in the temp folder. */
export function labStatePath(): string {
  return process.env.CDNBENCH_LAB_STATE ?? join(tmpdir(), `cdnbench-lab-${userInfo().uid}.json`);
}

/** The state of a background lab, or null when there is none. */
export function readLabState(path = labStatePath()): LabState | null {
  if (!existsSync(path)) return null;
  try {
    const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof raw !== 'object' || raw === null || typeof (raw as { pid?: unknown }).pid !== 'number') return null;
    return raw as LabState;
  } catch {
    return null;
  }
}

/** True when a process with this pid exists. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: unknown }).code === 'EPERM';
  }
}
