/**
 * The caller's side of the emulator's purge APIs: turns a provider-neutral PurgeRequest into the HTTP
 * calls the profile's API shape expects (purge-api.ts), and sends them. The lab's Purger uses this, so
 * purges reach the emulator exactly as they would reach the vendor (one call per Fastly URL, Cloudflare
 * requests split per kind and per 100 items).
 */
import { request } from 'undici';
import type { PurgeRequest } from '../adapter.js';
import { CONTROL_HEADER } from '../../lab/emulator/control-guard.js';
import type { PurgeApi } from '../../lab/emulator/emulator-profile.js';

/** One HTTP call against the control server. */
export interface PurgeCall {
  readonly method: 'POST';
  /** Path (and query) on the control server. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function json(path: string, body: unknown): PurgeCall {
  return { method: 'POST', path, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

/** The calls that carry out `req` against an API of shape `api`. */
export function purgeCalls(api: PurgeApi, req: PurgeRequest): PurgeCall[] {
  const urls = req.urls ?? [];
  const tags = req.tags ?? [];
  const calls: PurgeCall[] = [];
  if (api === 'generic') {
    calls.push(json('/purge', { urls, tags, all: req.all === true }));
    return calls;
  }
  if (api === 'cloudflare') {
    const path = '/client/v4/zones/lab/purge_cache';
    if (req.all === true) calls.push(json(path, { purge_everything: true }));
    for (const files of chunks(urls, 100)) calls.push(json(path, { files }));
    for (const part of chunks(tags, 100)) calls.push(json(path, { tags: part }));
    return calls;
  }
  if (req.all === true) calls.push({ method: 'POST', path: '/service/lab/purge_all', headers: {}, body: undefined });
  for (const url of urls) {
    const u = /^https?:\/\//i.test(url) ? new URL(url) : undefined;
    const path = u === undefined ? (url.startsWith('/') ? url : `/${url}`) : `${u.pathname}${u.search}`;
    calls.push({ method: 'POST', path: `/purge${path}`, headers: {}, body: undefined });
  }
  for (const keys of chunks(tags, 256)) calls.push({ method: 'POST', path: '/service/lab/purge', headers: { 'surrogate-key': keys.join(' ') }, body: undefined });
  return calls;
}

/** What sending a purge produced. */
export interface PurgeOutcome {
  readonly ok: boolean;
  /** Ids the API returned, one per call. */
  readonly ids: readonly string[];
  /** Wall time of all calls, ms. */
  readonly apiMs: number;
  /** First refusal's status and body, when any call failed. */
  readonly error?: string;
}

/**
 * Sends every call of `req` to the control server at `controlUrl` with the lab's bearer `token`, in order,
 * stopping at the first refusal. Bodyless calls (Fastly's shape) carry the control header the server
 * requires of a POST that is not JSON.
 */
export async function sendPurge(controlUrl: string, api: PurgeApi, req: PurgeRequest, token: string): Promise<PurgeOutcome> {
  const started = performance.now();
  const ids: string[] = [];
  for (const call of purgeCalls(api, req)) {
    const headers = { ...call.headers, authorization: `Bearer ${token}`, [CONTROL_HEADER]: '1' };
    const res = await request(new URL(call.path, controlUrl), { method: call.method, headers, body: call.body });
    const text = await res.body.text();
    if (res.statusCode !== 200) return { ok: false, ids, apiMs: performance.now() - started, error: `${res.statusCode} ${text}` };
    ids.push(extractId(text));
  }
  return { ok: true, ids, apiMs: performance.now() - started };
}

function extractId(text: string): string {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null) return '';
    const direct = (v as { id?: unknown }).id;
    if (typeof direct === 'string') return direct;
    const nested = (v as { result?: { id?: unknown } | null }).result?.id;
    return typeof nested === 'string' ? nested : '';
  } catch {
    return '';
  }
}
