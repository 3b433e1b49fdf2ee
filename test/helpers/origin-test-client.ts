/**
 * A tiny HTTP client for tests that talk to an origin (this folder's, and the emulator's tests): whole
 * bodies as Buffers, lower-case single-valued headers, and control-API calls with the origin's token.
 */
import { request } from 'undici';
import type { RunningOrigin } from '../../src/lab/origin/start-origin.js';

/** A response read to the end. */
export interface FetchedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Sends one request and reads the whole body. */
export async function fetchRaw(url: string, init: { method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE'; headers?: Record<string, string>; body?: string } = {}): Promise<FetchedResponse> {
  const res = await request(url, { method: init.method ?? 'GET', headers: init.headers, body: init.body });
  const body = Buffer.from(await res.body.arrayBuffer());
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return { status: res.statusCode, headers, body };
}

/** Calls the control API; `token` defaults to the origin's (pass '' to send none). */
export async function control(origin: RunningOrigin, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, token: string = origin.token): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== '') headers.authorization = `Bearer ${token}`;
  const res = await fetchRaw(`${origin.url}/__cdnbench/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: JSON.parse(res.body.toString('utf8')) as unknown };
}
