/**
 * The messages between cdnbench and its engine-lab process (cdnbench's origin plus the engine instances
 * of one provider), over the child-process IPC channel. The config, with the origin token and the refresh
 * secret, travels here and never on a command line.
 */
import type { CatalogConfig } from '../../catalog/catalog-config.js';
import type { DistributionSpec } from '../../util/distribution.js';
import type { EngineTuning } from './engine-launch.js';
import type { LabEngine } from './engine-spec.js';

/** How an engine lab starts. */
export interface EngineLabConfig {
  engine: LabEngine;
  /** Absolute path of the engine's binary (resolved before any load). */
  binary: string;
  /** PoP ids, in profile order. */
  pops: string[];
  /** Start a shield instance between the PoPs and the origin. */
  shield: boolean;
  /** Cache bound of each instance, bytes. */
  cacheBytes: number;
  tuning: EngineTuning;
  catalog: CatalogConfig;
  /** Bearer token of the origin's control API. */
  token: string;
  seed: number;
  originLatency?: DistributionSpec;
}

/** Where a running engine lab answers. */
export interface EngineLabEndpoints {
  originUrl: string;
  /** The lab's temp directory; every instance has a subdirectory named after it. */
  root: string;
  pops: { id: string; url: string }[];
  shieldUrl: string | null;
}

/** Messages from the engine lab. */
export type EngineLabMessage =
  | { type: 'spawned'; pgid: number }
  | { type: 'ready'; endpoints: EngineLabEndpoints }
  | { type: 'failed'; message: string }
  | { type: 'engine-exited'; id: string; code: number | null };

/** Messages to the engine lab (after the config). */
export type EngineLabRequest = { type: 'shutdown' };

/** Narrows an IPC message from the engine lab. */
export function isEngineLabMessage(value: unknown): value is EngineLabMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
