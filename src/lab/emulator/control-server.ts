/**
 * The emulator's control server (its own port): the purge API in the profile's shape (purge-api.ts) plus
 * lab-only endpoints under `/__cdnbench/`: `GET stats` (per node counters), `GET purges` (the purge log
 * with per-PoP delays: ground truth for tests, never part of a purge's answer) and `POST fault`
 * (`{kind:'pop-down', pop, durationMs}` or `{kind:'clear', pop?}`). Every call needs the lab's bearer token
 * and is refused when it could come from a web page (control-guard.ts).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import type { EmulatorProfile } from './emulator-profile.js';
import type { PopServer } from './pop-server.js';
import { refuseControlRequest } from './control-guard.js';
import { purgeAccepted, purgeRefused, routePurge } from './purge-api.js';
import type { PurgeScheduler } from './purge-scheduler.js';

const MAX_BODY = 1024 * 1024;

const faultBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pop-down'), pop: z.string().min(1), durationMs: z.number().int().positive().max(3_600_000) }),
  z.strictObject({ kind: z.literal('clear'), pop: z.string().min(1).optional() }),
]);

/** Per-node figures of GET /__cdnbench/stats. */
export interface NodeStats {
  requests: number;
  hits: number;
  misses: number;
  upstreamFetches: number;
  bytesOut: number;
  cacheBytes: number;
  cacheEntries: number;
  outcomes: Record<string, number>;
}

/** The stats of one node. */
export function nodeStats(p: PopServer): NodeStats {
  const c = p.counters;
  return {
    requests: c.requests,
    hits: c.hits,
    misses: c.misses,
    upstreamFetches: p.node.counters.upstreamFetches,
    bytesOut: c.bytesOut,
    cacheBytes: p.node.store.usedBytes,
    cacheEntries: p.node.store.size,
    outcomes: { ...c.outcomes },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('request body over 1 MiB');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Creates (not yet listening) the control server; `token` is the bearer token every call must carry. */
export function createControlServer(profile: EmulatorProfile, pops: readonly PopServer[], shield: PopServer | null, scheduler: PurgeScheduler, token: string): Server {
  const byId = new Map(pops.map((p) => [p.id, p] as const));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refusal = refuseControlRequest(req, token);
    if (refusal !== null) {
      // The body is never read, so a refused request cannot change anything; the socket is not reused.
      res.setHeader('connection', 'close');
      if (refusal.status === 401) res.setHeader('www-authenticate', 'Bearer realm="cdnbench-lab"');
      return send(res, refusal.status, { error: refusal.error });
    }
    const target = req.url ?? '/';
    const path = target.split('?', 1)[0] ?? '/';
    if (req.method === 'GET' && path === '/__cdnbench/stats') {
      const perPop = Object.fromEntries(pops.map((p) => [p.id, nodeStats(p)]));
      return send(res, 200, { pops: perPop, shield: shield === null ? null : nodeStats(shield) });
    }
    if (req.method === 'GET' && path === '/__cdnbench/purges') return send(res, 200, { purges: scheduler.log() });
    if (req.method !== 'POST') return send(res, 404, { error: `no route ${req.method ?? ''} ${path}` });
    const raw = await readBody(req);
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return send(res, 400, { error: 'body is not JSON' });
      }
    }
    if (path === '/__cdnbench/fault') return fault(res, body);
    const route = routePurge(profile.purgeApi, target, req.headers, body);
    if (route === undefined) return send(res, 404, { error: `no ${profile.purgeApi} purge route ${path}` });
    if (!route.ok) return send(res, 400, purgeRefused(profile.purgeApi, route.message));
    const refused = [...route.purge.kinds].filter((k) => !profile.purgeKinds.includes(k));
    if (refused.length > 0) return send(res, 400, purgeRefused(profile.purgeApi, `purge by ${refused.join(', ')} is not supported by this provider`));
    const id = randomBytes(16).toString('hex');
    scheduler.schedule(id, route.purge.matchers);
    send(res, 200, purgeAccepted(profile.purgeApi, id));
  }

  function fault(res: ServerResponse, body: unknown): void {
    const f = faultBody.safeParse(body);
    if (!f.success) return send(res, 400, { error: f.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ') });
    const targets = f.data.pop === undefined ? pops : [byId.get(f.data.pop)];
    if (targets.some((t) => t === undefined)) return send(res, 400, { error: `unknown PoP ${JSON.stringify(f.data.pop)}` });
    for (const t of targets) {
      if (f.data.kind === 'pop-down') t?.setDown(f.data.durationMs);
      else t?.clearFault();
    }
    send(res, 200, { ok: true });
  }

  return createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { error: err instanceof Error ? err.message : String(err) });
      else res.destroy();
    });
  });
}
