/**
 * The test's own origin and hooks for invalidation on a staging CDN (not cdnbench's origin):
 * - an origin serving any `/meta/…` path with a per-path version (ETag and body), counting fetches;
 * - a purge webhook that answers at once, then applies the purge to each PoP (Varnish `PURGE` over HTTP)
 *   after that PoP's own delay, measured on performance.now() from the moment the request arrived (never
 *   early: timers may fire a little early, so it waits until the clock has passed), recording when each
 *   PoP's PURGEs were sent and answered (Unix epoch ms) — the ground truth;
 * - a publish webhook that bumps the version of the paths it is given.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

/** What the purge webhook did for one call. */
export interface AppliedPurge {
  receivedAt: number;
  urls: string[];
  /** Per PoP address: when its PURGEs were sent and when all were answered, and their statuses. */
  pops: Record<string, { sentAt: number; doneAt: number; statuses: number[] }>;
}

/** The running origin and hooks. */
export interface PurgeHooks {
  originPort: number;
  hookUrl: string;
  /** Origin fetches per path (without query). */
  fetches: Map<string, number>;
  purges: AppliedPurge[];
  /** Bodies the publish hook received. */
  publishes: unknown[];
  /** Resolves when every purge the webhook accepted has been applied everywhere. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const c of req) text += String(c);
  return JSON.parse(text) as unknown;
}

async function listen(s: Server): Promise<number> {
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}

async function waitUntil(perfDeadline: number): Promise<void> {
  while (performance.now() < perfDeadline) await new Promise((r) => setTimeout(r, Math.max(1, perfDeadline - performance.now())));
}

/** Starts the origin and the hooks; `delays` maps each PoP address to its purge delay, ms. */
export async function startPurgeHooks(delays: Record<string, number>, popPort: () => number): Promise<PurgeHooks> {
  const versions = new Map<string, number>();
  const fetches = new Map<string, number>();
  const origin = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    fetches.set(path, (fetches.get(path) ?? 0) + 1);
    const v = versions.get(path) ?? 1;
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=3600', etag: `"v${v}"` });
    res.end(JSON.stringify({ path, version: v }));
  });
  const purges: AppliedPurge[] = [];
  const publishes: unknown[] = [];
  const pending: Promise<void>[] = [];
  const apply = async (entry: AppliedPurge, received: number): Promise<void> => {
    await Promise.all(Object.entries(delays).map(async ([ip, delay]) => {
      await waitUntil(received + delay);
      const sentAt = Date.now();
      const statuses = await Promise.all(entry.urls.map(async (u) => {
        const url = new URL(u);
        const r = await request(`http://${ip}:${popPort()}${url.pathname}${url.search}`, { method: 'PURGE', headers: { host: url.host } });
        await r.body.dump();
        return r.statusCode;
      }));
      entry.pops[ip] = { sentAt, doneAt: Date.now(), statuses };
    }));
  };
  const hook = createServer((req, res) => {
    const received = performance.now();
    const receivedAt = Date.now();
    void bodyOf(req).then((body) => {
      if (req.url === '/publish') {
        publishes.push(body);
        for (const p of (body as { paths: string[] }).paths) {
          const key = p.split('?')[0] ?? p;
          versions.set(key, (versions.get(key) ?? 1) + 1);
        }
        res.writeHead(200).end('{}');
        return;
      }
      const entry: AppliedPurge = { receivedAt, urls: (body as { urls: string[] }).urls, pops: {} };
      purges.push(entry);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `purge-${purges.length}` }));
      pending.push(apply(entry, received));
    });
  });
  const originPort = await listen(origin);
  const hookPort = await listen(hook);
  // undici compiles its HTTP parser on first use (100s of ms on a loaded machine): do it now, not in the
  // first PURGE, whose send time is ground truth.
  await (await request(`http://127.0.0.1:${originPort}/__warmup`)).body.dump();
  return {
    originPort,
    hookUrl: `http://127.0.0.1:${hookPort}`,
    fetches,
    purges,
    publishes,
    settled: async () => void (await Promise.all(pending)),
    close: async () => {
      await Promise.allSettled(pending);
      for (const s of [origin, hook]) await new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); });
    },
  };
}
