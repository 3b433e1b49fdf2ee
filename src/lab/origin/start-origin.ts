/**
 * `startOrigin`: the instrumented lab origin on `node:http` (no framework: the origin must never be the
 * bottleneck of a benchmark). Serves the deterministic catalog, counts fetches per edge, injects latency
 * and faults, and exposes the control API.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CatalogConfig } from '../../catalog/index.js';
import { distributionSchema, makeDistribution, type DistributionSpec } from '../../util/distribution.js';
import { Rng } from '../../util/rng.js';
import { AudioContent } from './audio-content.js';
import { cacheControlByClass, DEFAULT_TTL, type TtlOptions } from './cache-policy.js';
import { contentNamespace, type ObjectContext } from './object-context.js';
import { OriginState } from './origin-state.js';
import { createRequestHandler } from './request-handler.js';

/** How to start an origin. */
export interface OriginOptions {
  /** Interface to listen on; default 127.0.0.1 (the lab never listens on all interfaces unasked). */
  host?: string;
  /** Port; default 0 (any free port). */
  port?: number;
  /** The catalog to serve; must equal the load engine's so both agree on every URL. */
  catalog: CatalogConfig;
  /** Bearer token of the control API (non-empty, no whitespace). */
  token: string;
  /** Latency added to every object response before its headers; default none. */
  latency?: DistributionSpec;
  /** Cache lifetimes in seconds per TTL class. */
  ttl?: TtlOptions;
  /** Seed of latency draws, publish choices, re-layouts and audio bytes; default the catalog seed. */
  seed?: number;
}

/** A listening origin. */
export interface RunningOrigin {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  /** The port actually bound. */
  port: number;
  /** The control API token. */
  token: string;
  /** Counters, editions, drops and faults, for in-process callers. */
  state: OriginState;
  /** Stops listening, cuts open connections and cancels delayed responses; safe to call twice. */
  close(): Promise<void>;
}

/** Keep-alive longer than common CDN/proxy idle timeouts (60 s), so the edge, not the origin, closes. */
const KEEP_ALIVE_MS = 65_000;

function latencySampler(spec: DistributionSpec | undefined, seed: number): () => number {
  const parsed = distributionSchema.safeParse(spec ?? '0ms');
  if (!parsed.success) throw new RangeError(`invalid origin latency ${JSON.stringify(spec)}: expected 20ms, {min, max} or {p50, p95}`);
  const dist = makeDistribution(parsed.data);
  if (dist.p95 === 0) return () => 0;
  const rng = new Rng(seed).fork('latency');
  const uniform = (): number => rng.next();
  return () => dist.sample(uniform);
}

/** Starts an origin; rejects on a bad option or when the port cannot be bound. */
export async function startOrigin(opts: OriginOptions): Promise<RunningOrigin> {
  if (opts.token === '' || /\s/.test(opts.token)) throw new RangeError('origin token must be non-empty and contain no whitespace');
  const seed = opts.seed ?? opts.catalog.seed;
  const state = new OriginState(opts.catalog, seed);
  const ttl = { ...DEFAULT_TTL, ...opts.ttl };
  const ctx: ObjectContext = {
    state,
    cacheControl: cacheControlByClass(ttl),
    audio: new AudioContent(seed),
    syncPeriodS: Math.max(1, ttl.microS),
    namespace: contentNamespace(state),
  };
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer(createRequestHandler({ ctx, token: opts.token, latencyMs: latencySampler(opts.latency, seed), timers }));
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    token: opts.token,
    state,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
