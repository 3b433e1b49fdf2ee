/**
 * JSON calls to the lab's control endpoints (origin `/__cdnbench/*`, emulator purge and fault APIs).
 * The bearer token goes only into the Authorization header, never into a URL or a message. Every call
 * carries the control header, so a bodyless POST passes the emulator's cross-site guard (control-guard.ts).
 */
import { request } from 'undici';
import { CONTROL_HEADER } from './emulator/control-guard.js';

/** The answer of a control call. */
export interface ControlAnswer {
  status: number;
  body: unknown;
  /** Wall time of the call, ms. */
  ms: number;
}

/** Sends one control request and parses the JSON answer (null for an empty or non-JSON body). */
export async function controlCall(
  url: string,
  init: { method?: 'GET' | 'POST' | 'PURGE'; token?: string; json?: unknown; headers?: Record<string, string> } = {},
): Promise<ControlAnswer> {
  const headers: Record<string, string> = { [CONTROL_HEADER]: '1', ...init.headers };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const t0 = performance.now();
  const res = await request(url, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const text = await res.body.text();
  const ms = performance.now() - t0;
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: res.statusCode, body, ms };
}
