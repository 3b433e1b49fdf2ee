/**
 * Invalidation on real engines (DOMAIN.md §3), sent to every instance — the shield first, so a PoP that
 * refetches at once cannot get the old object back from it, then every PoP concurrently:
 *
 * - Varnish: `PURGE <path>`; tags: `PURGE /` with `xkey-purge: <tags>` (vmod xkey); all: `PURGE /` with
 *   `x-cdnbench-purge-all` (a ban);
 * - nginx: the stock binary cannot purge, so each object is refreshed: `GET <path>` with the run's secret
 *   `x-cdnbench-refresh` header bypasses the cache, fetches from upstream and stores the new response;
 * - Traffic Server: `PURGE <path>` (404 = was not cached, which is fine).
 */
import { controlCall } from '../../lab/control-client.js';
import { NGINX_REFRESH_HEADER } from '../../lab/engines/nginx-config.js';
import type { LabEngine } from '../../lab/engines/engine-spec.js';
import type { PurgeReceipt, PurgeRequest } from '../adapter.js';

/** Purge calls in flight per tier at most. */
const MAX_IN_FLIGHT = 16;

/** Which purge kinds each engine supports. */
export const ENGINE_PURGE_KINDS: Readonly<Record<LabEngine, readonly ('url' | 'tag' | 'all')[]>> = {
  varnish: ['url', 'tag', 'all'],
  nginx: ['url'],
  ats: ['url'],
};

/** Where and how to purge. */
export interface PurgeTargets {
  engine: LabEngine;
  /** Base URLs of the instances, in tiers: `[[shield], [pop, pop, …]]` (empty tiers are skipped). */
  tiers: readonly (readonly string[])[];
  /** nginx's refresh secret. */
  refreshToken: string;
}

interface Call {
  url: string;
  method: 'GET' | 'PURGE';
  headers: Record<string, string>;
}

/** `/path?q` of a purge URL given as a path or an absolute URL. */
export function purgePath(url: string): string {
  if (url.startsWith('/')) return url;
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

/** The requests one instance gets for a purge request; a string when the engine cannot do it. */
export function purgeCalls(engine: LabEngine, base: string, req: PurgeRequest, refreshToken: string): Call[] | string {
  const calls: Call[] = [];
  const kinds = ENGINE_PURGE_KINDS[engine];
  const urls = req.urls ?? [];
  const tags = req.tags ?? [];
  if (tags.length > 0 && !kinds.includes('tag')) return `${engine} cannot purge by tag`;
  if (req.all === true && !kinds.includes('all')) return `${engine} cannot purge everything`;
  for (const u of urls) {
    const path = purgePath(u);
    calls.push(engine === 'nginx' ? { url: base + path, method: 'GET', headers: { [NGINX_REFRESH_HEADER]: refreshToken } } : { url: base + path, method: 'PURGE', headers: {} });
  }
  if (tags.length > 0) calls.push({ url: `${base}/`, method: 'PURGE', headers: { 'xkey-purge': tags.join(' ') } });
  if (req.all === true) calls.push({ url: `${base}/`, method: 'PURGE', headers: { 'x-cdnbench-purge-all': '1' } });
  return calls;
}

async function runLimited(calls: readonly Call[], send: (c: Call) => Promise<string | null>): Promise<string | null> {
  let next = 0;
  let firstError: string | null = null;
  const worker = async (): Promise<void> => {
    while (next < calls.length) {
      const call = calls[next++] as Call;
      const error = await send(call);
      firstError ??= error;
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAX_IN_FLIGHT, calls.length) }, worker));
  return firstError;
}

async function sendOne(call: Call): Promise<string | null> {
  try {
    const a = await controlCall(call.url, { method: call.method, headers: call.headers });
    // 404 from PURGE: the object was not cached there, which is what a purge wants.
    if ((a.status >= 200 && a.status < 300) || (call.method === 'PURGE' && a.status === 404)) return null;
    return `${call.method} ${new URL(call.url).pathname} answered ${a.status}`;
  } catch (err) {
    return `${call.method} ${call.url}: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** Purges on every instance, tier by tier; the receipt is ok when every instance accepted every call. */
export async function purgeEngine(t: PurgeTargets, req: PurgeRequest): Promise<PurgeReceipt> {
  const t0 = performance.now();
  for (const tier of t.tiers) {
    const calls: Call[] = [];
    for (const base of tier) {
      const c = purgeCalls(t.engine, base, req, t.refreshToken);
      if (typeof c === 'string') return { ok: false, apiMs: performance.now() - t0, error: c };
      calls.push(...c);
    }
    const error = await runLimited(calls, sendOne);
    if (error !== null) return { ok: false, apiMs: performance.now() - t0, error };
  }
  return { ok: true, apiMs: performance.now() - t0 };
}
