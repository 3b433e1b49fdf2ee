/**
 * The messages between the engine process and the lab process (origin + emulated PoPs), over the
 * child-process IPC channel. Requests carry an id; the lab answers each with the same id.
 */
import type { CatalogConfig } from '../catalog/catalog-config.js';
import type { DistributionSpec } from '../util/distribution.js';
import type { EmulatorProfile } from './emulator/emulator-profile.js';

/** How the lab process starts. */
export interface LabConfig {
  catalog: CatalogConfig;
  /** Bearer token of the origin's control API. */
  token: string;
  originLatency?: DistributionSpec;
  seed: number;
  /** Fixed origin port (lab up); 0 = any. */
  originPort?: number;
}

/** A running emulated provider, as the lab reports it. */
export interface EmulatorEndpoints {
  id: string;
  pops: { id: string; url: string }[];
  controlUrl: string;
  shieldUrl: string | null;
}

/** Requests to the lab. */
export type LabRequest =
  | { rid: number; type: 'start-emulator'; id: string; profile: EmulatorProfile }
  | { rid: number; type: 'stop-emulator'; id: string }
  | { rid: number; type: 'shutdown' };

/** Messages from the lab: one `ready` after start, then one reply per request. */
export type LabMessage =
  | { type: 'ready'; originUrl: string }
  | { type: 'failed'; message: string }
  | { rid: number; type: 'ok'; endpoints?: EmulatorEndpoints }
  | { rid: number; type: 'error'; message: string };

/** Narrows an IPC message from the lab. */
export function isLabMessage(value: unknown): value is LabMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
