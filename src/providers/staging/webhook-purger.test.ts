import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { webhookPurge, type WebhookConfig } from './webhook-purger.js';

interface Received { method: string; path: string; headers: IncomingMessage['headers']; body: string }

let server: Server | null = null;
afterEach(async () => {
  const s = server;
  server = null;
  if (s !== null) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

async function hookServer(status: number, answer: string, delayMs = 0): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const s = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end(answer), delayMs);
    });
  });
  server = s;
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/purge`, received };
}

const SECRET = 's3cr3t-token-value-9f2';
const cfg = (url: string, more: Partial<WebhookConfig> = {}): WebhookConfig => ({ url, authHeader: 'authorization', authEnv: 'HOOK_TOKEN', authPrefix: 'Bearer ', timeout: 2000, ...more });

describe('webhookPurge', () => {
  it('POSTs {urls, tags, all} as JSON with the secret from the environment in the auth header', async () => {
    const hook = await hookServer(202, '{"id":"inv-42"}');
    const r = await webhookPurge(cfg(hook.url), { urls: ['https://cdn.example.com/a'], tags: ['t1'], all: false }, { HOOK_TOKEN: SECRET });
    expect(r).toMatchObject({ ok: true, id: 'inv-42' });
    expect(r.apiMs).toBeGreaterThan(0);
    expect(hook.received).toHaveLength(1);
    const got = hook.received[0];
    expect(got?.method).toBe('POST');
    expect(got?.path).toBe('/purge');
    expect(got?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(got?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(got?.body ?? '')).toEqual({ urls: ['https://cdn.example.com/a'], tags: ['t1'], all: false });
  });

  it('uses a custom header; a non-2xx answer is a failed receipt that does not carry the secret', async () => {
    const hook = await hookServer(403, '{"error":"nope"}');
    const r = await webhookPurge(cfg(hook.url, { authHeader: 'X-Api-Key', authPrefix: '' }), { urls: [], tags: [], all: true }, { HOOK_TOKEN: SECRET });
    expect(hook.received[0]?.headers['x-api-key']).toBe(SECRET);
    expect(r.ok).toBe(false);
    expect(r.error).toBe('webhook answered 403');
    expect(JSON.stringify(r)).not.toContain(SECRET);
  });

  it('gives up after its timeout, and fails without sending when the secret is missing', async () => {
    const hook = await hookServer(200, '{}', 1500);
    const r = await webhookPurge(cfg(hook.url, { timeout: 200 }), { urls: ['u'], tags: [], all: false }, { HOOK_TOKEN: SECRET });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/^webhook failed: /);
    expect(JSON.stringify(r)).not.toContain(SECRET);
    const missing = await webhookPurge(cfg(hook.url), { urls: ['u'], tags: [], all: false }, {});
    expect(missing).toMatchObject({ ok: false, error: 'environment variable HOOK_TOKEN is not set' });
    expect(hook.received).toHaveLength(1);
  });
});
