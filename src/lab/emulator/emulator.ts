/**
 * Starts the multi-PoP edge emulator of a profile: every PoP its own node:http server on a loopback
 * port, an optional shield tier between PoPs and origin, and the control server (purges, faults, stats).
 *
 * Randomness is seeded: PoP latency, purge propagation delays and cf-ray prefixes come from forks of one
 * Rng, labelled per PoP, so equal seeds replay the same delays whatever else happens in the run.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { Rng } from '../../util/rng.js';
import { CacheNode } from './cache-node.js';
import { createControlServer } from './control-server.js';
import { type EmulatorProfile, SHIELD_ID } from './emulator-profile.js';
import { dialectLabeler } from './hop-labels.js';
import { delaySource } from './latency.js';
import { PopServer } from './pop-server.js';
import { PurgeScheduler, type PurgeTarget } from './purge-scheduler.js';
import { HeaderWriter } from './response-headers.js';
import { Upstream } from './upstream.js';

/** Options of startEmulator. */
export interface StartEmulatorOptions {
  profile: EmulatorProfile;
  /** Base URL of the origin (`http://127.0.0.1:8080`). */
  originUrl: string;
  /** Address to bind every server to; default 127.0.0.1. */
  host?: string;
  /** Seed of latency, invalidation and id streams; default 1. */
  seed?: number;
  /**
   * Bearer token of the control server (the lab passes its origin's). Default: a random one, read back
   * from `controlToken`; the control server is never open.
   */
  controlToken?: string;
}

/** A running emulator. */
export interface RunningEmulator {
  /** The PoPs, in profile order, with their base URLs. */
  pops: { id: string; url: string }[];
  /** Base URL of the control server (purge API, /__cdnbench/stats, /purges, /fault). */
  controlUrl: string;
  /** Base URL of the shield tier, null without one. */
  shieldUrl: string | null;
  /** The bearer token every control call needs (`Authorization: Bearer <token>`). */
  controlToken: string;
  /** Stops every server, pending purge and upstream connection; idempotent. */
  close(): Promise<void>;
}

/**
 * Fields a client-facing PoP does not pass on: the surrogate headers only caches act on (Fastly and
 * Varnish strip them too). The other tag headers (Cache-Tag, CDN-Tag, Edge-Cache-Tag) are passed through.
 * The shield keeps them all, because the PoPs behind it need them for tag purges and lifetimes.
 */
const EDGE_CLIENT_DROP: ReadonlySet<string> = new Set(['surrogate-key', 'xkey', 'surrogate-control']);
const NONE: ReadonlySet<string> = new Set();

async function listenControl(server: Server, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('control server: no TCP address');
  return `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}`;
}

/** Starts the emulator; on failure everything already started is stopped again. */
export async function startEmulator(opts: StartEmulatorOptions): Promise<RunningEmulator> {
  const { profile, originUrl } = opts;
  const host = opts.host ?? '127.0.0.1';
  const root = new Rng(opts.seed ?? 1);
  const upstreams: Upstream[] = [];
  const servers: PopServer[] = [];
  let control: Server | undefined;
  let scheduler: PurgeScheduler | undefined;
  let closed: Promise<void> | undefined;

  const close = (): Promise<void> =>
    (closed ??= (async () => {
      scheduler?.close();
      const c = control;
      if (c !== undefined) await new Promise<void>((resolve) => { c.close(() => resolve()); c.closeAllConnections(); });
      await Promise.all(servers.map((s) => s.close()));
      await Promise.all(upstreams.map((u) => u.close()));
    })());

  const makeNode = (id: string, upstreamUrl: string, clientDrop: ReadonlySet<string>): PopServer => {
    const labeler = dialectLabeler(profile.dialect, id, root.fork(`ray:${id}`).nextUint32());
    const upstream = new Upstream(upstreamUrl, id);
    upstreams.push(upstream);
    const node = new CacheNode(id, upstream, { coalescing: profile.coalescing, cacheBytes: profile.cacheBytes, dropServer: labeler.ownsServer, sliceBytes: profile.sliceBytes });
    const pop = profile.pops.find((p) => p.id === id);
    // The shield is the inter-tier hop, not a client-facing PoP: it injects no latency of its own.
    const delay = delaySource(pop === undefined ? '0ms' : (pop.latency ?? profile.latency), root.fork(`latency:${id}`));
    const server = new PopServer(id, node, new HeaderWriter(id, labeler, clientDrop), delay);
    servers.push(server);
    return server;
  };

  try {
    let shield: PopServer | null = null;
    let shieldUrl: string | null = null;
    if (profile.shield) {
      shield = makeNode(SHIELD_ID, originUrl, NONE);
      shieldUrl = await shield.listen(host);
    }
    const pops: { id: string; url: string }[] = [];
    const targets: PurgeTarget[] = [];
    for (const p of profile.pops) {
      const server = makeNode(p.id, shieldUrl ?? originUrl, EDGE_CLIENT_DROP);
      pops.push({ id: p.id, url: await server.listen(host) });
      targets.push({ id: p.id, node: server.node, delay: delaySource(profile.invalidation, root.fork(`invalidation:${p.id}`)) });
    }
    scheduler = new PurgeScheduler(targets, shield?.node ?? null);
    const controlToken = opts.controlToken ?? randomBytes(16).toString('hex');
    control = createControlServer(profile, servers.filter((s) => s !== shield), shield, scheduler, controlToken);
    const controlUrl = await listenControl(control, host);
    return { pops, controlUrl, shieldUrl, controlToken, close };
  } catch (err) {
    await close();
    throw err;
  }
}
