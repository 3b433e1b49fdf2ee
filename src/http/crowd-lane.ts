/**
 * What a crowd gets from one PoP's client: a channel per listener. A channel is the listener's own way to
 * the PoP (its HTTP/1.1 connection, or its stream slot on a shared HTTP/2 connection), so a crowd is many
 * clients rather than a few pooled connections serving a queue.
 */
import type { EdgeEndpoint } from './edge-client.js';
import type { ExchangeCallback } from './exchange.js';

/** One listener's way to its PoP. */
export interface CrowdChannel {
  /** The PoP. */
  readonly edge: EdgeEndpoint;
  /** Opens the connection now (warm connect); resolves null when it is established, else the error. */
  warm(): Promise<Error | null>;
  /** Sends one GET (cold: connects first); `done` is called exactly once. */
  get(path: string, headers: Record<string, string> | undefined, done: ExchangeCallback): void;
  /** Closes the listener's connection (a shared HTTP/2 one is closed by the lane). */
  close(): Promise<void>;
}

/** How a crowd asks a PoP's client for channels. */
export interface CrowdLaneSpec {
  /** Listeners on this PoP. */
  listeners: number;
  protocol: 'http1' | 'http2';
  /** HTTP/2: listeners per connection. */
  streamsPerConnection: number;
  /** HTTP/1.1: the source address of listener k's connection (undefined: let the kernel choose). */
  sourceAddress(k: number): string | undefined;
}

/** The channels of one PoP. */
export interface CrowdLane {
  readonly channels: readonly CrowdChannel[];
  /** Connections the lane opens for its channels (one per listener over HTTP/1.1). */
  readonly connections: number;
  /** Closes every connection; requests in flight end as `aborted`. */
  close(): void;
}

/** A client that can open crowd channels (cdnbench's own PoP client; not a provider's routing client). */
export interface CrowdCapable {
  crowdLane(spec: CrowdLaneSpec): CrowdLane;
}

/** True when the client can open crowd channels. */
export function isCrowdCapable(client: object): client is CrowdCapable {
  return typeof (client as Partial<CrowdCapable>).crowdLane === 'function';
}
