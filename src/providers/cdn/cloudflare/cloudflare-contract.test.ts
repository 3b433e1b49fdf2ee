/**
 * Contract of the Cloudflare adapter against a local stand-in for api.cloudflare.com that checks each
 * request as the API reference documents it (POST /client/v4/zones/{zone_id}/purge_cache, Authorization:
 * Bearer, JSON body of one purge type) and answers success, 401, 429 with Retry-After, and 500.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeApi, type FakeApi } from '../../../../test/helpers/fake-api.js';
import { cloudflareProfileSchema } from './cloudflare-profile.js';
import { CloudflareProvider } from './cloudflare-provider.js';

const TOKEN = 'cf-test-token-0123456789abcdefghijABCDEFGHIJ';
const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
let api: FakeApi;

function provider(extra: Record<string, unknown> = {}): CloudflareProvider {
  const profile = cloudflareProfileSchema.parse({
    kind: 'cloudflare', zoneId: ZONE, plan: 'pro', apiBase: `${api.url}/client/v4`,
    edges: [{ id: 'staging', url: 'https://staging.example.com' }],
    retry: { maxAttempts: 4, baseDelay: '100ms', maxDelay: '1s', maxRetryAfter: '5s' },
    ...extra,
  });
  return new CloudflareProvider('cf', profile);
}

const success = { status: 200, body: { success: true, errors: [], messages: [], result: { id: 'purge-1' } } };

beforeEach(async () => {
  vi.stubEnv('CLOUDFLARE_API_TOKEN', TOKEN);
  api = await startFakeApi(() => success);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await api.close();
});

describe('cloudflare purge_cache contract', () => {
  it('sends files as absolute URLs with the bearer token, and reads the purge id', async () => {
    const p = provider();
    const r = await p.purge({ urls: ['/maps/1.json', '/maps/2.json'] });
    await p.stop();
    expect(r).toMatchObject({ ok: true, id: 'purge-1', calls: 1, attempts: 1 });
    const [req] = api.requests;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe(`/client/v4/zones/${ZONE}/purge_cache`);
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual({ files: ['https://staging.example.com/maps/1.json', 'https://staging.example.com/maps/2.json'] });
  });

  it('batches at 100 operations per request and sends one purge type per request', async () => {
    const p = provider();
    const urls = Array.from({ length: 250 }, (_, i) => `/t/${i}.json`);
    const r = await p.purge({ urls: [...urls, '/maps/9780000000002/*'], tags: ['isbn-1', 'edition-x'], all: true });
    await p.stop();
    expect(r).toMatchObject({ ok: true, calls: 6, attempts: 6 });
    const bodies = api.requests.map((q) => JSON.parse(q.body) as Record<string, unknown[]>);
    expect(bodies.filter((b) => b.files).map((b) => b.files?.length)).toEqual([100, 100, 50]);
    expect(bodies.find((b) => b.prefixes)).toEqual({ prefixes: ['staging.example.com/maps/9780000000002/'] });
    expect(bodies.find((b) => b.tags)).toEqual({ tags: ['isbn-1', 'edition-x'] });
    // purge "everything" defaults to the staging hostnames, never the whole (shared) zone.
    expect(bodies.find((b) => b.hosts)).toEqual({ hosts: ['staging.example.com'] });
    for (const b of bodies) expect(Object.keys(b)).toHaveLength(1);
  });

  it('sends purge_everything only when the profile says purgeAll: zone', async () => {
    const p = provider({ purgeAll: 'zone' });
    await p.purge({ all: true });
    await p.stop();
    expect(JSON.parse(api.requests[0]?.body ?? '')).toEqual({ purge_everything: true });
  });

  it('401: one attempt, a failure receipt with Cloudflare\'s message and no token in it', async () => {
    api.handle(() => ({ status: 401, body: { success: false, errors: [{ code: 10000, message: `Authentication error for ${TOKEN}` }] } }));
    const p = provider();
    const r = await p.purge({ urls: ['/a'] });
    await p.stop();
    expect(r.ok).toBe(false);
    expect(r.attempts).toBe(1);
    expect(api.requests).toHaveLength(1);
    expect(r.error).toContain('HTTP 401: Authentication error for [redacted] (code 10000)');
    expect(r.error).not.toContain(TOKEN);
  });

  it('403: not retried either', async () => {
    api.handle(() => ({ status: 403, body: { success: false, errors: [{ code: 10000, message: 'Authentication error' }] } }));
    const p = provider();
    const r = await p.purge({ tags: ['t'] });
    await p.stop();
    expect(r).toMatchObject({ ok: false, attempts: 1 });
    expect(api.requests).toHaveLength(1);
  });

  it('429 with Retry-After in seconds: waits that long, then succeeds on the second attempt', async () => {
    api.handle((_r, n) => (n === 0 ? { status: 429, headers: { 'retry-after': '1' }, body: { success: false, errors: [{ code: 1134, message: 'rate limited' }] } } : success));
    const p = provider();
    const r = await p.purge({ urls: ['/a'] });
    await p.stop();
    expect(r).toMatchObject({ ok: true, attempts: 2 });
    const [a, b] = api.requests;
    expect((b?.at ?? 0) - (a?.at ?? 0)).toBeGreaterThanOrEqual(990);
  });

  it('429 with Retry-After as an HTTP-date: waits until then', async () => {
    const at = new Date(Date.now() + 2500).toUTCString(); // whole seconds: 1.5–2.5 s from now
    api.handle((_r, n) => (n === 0 ? { status: 429, headers: { 'retry-after': at } } : success));
    const p = provider();
    const r = await p.purge({ urls: ['/a'] });
    await p.stop();
    expect(r).toMatchObject({ ok: true, attempts: 2 });
    const [a, b] = api.requests;
    expect((b?.at ?? 0) - (a?.at ?? 0)).toBeGreaterThanOrEqual(1400);
  });

  it('429 asking for longer than the profile allows: fails at once, naming the figure', async () => {
    api.handle(() => ({ status: 429, headers: { 'retry-after': '3600' } }));
    const p = provider();
    const r = await p.purge({ urls: ['/a'] });
    await p.stop();
    expect(r).toMatchObject({ ok: false, attempts: 1 });
    expect(r.error).toContain('Retry-After 3600 s exceeds the 5 s');
  });

  it('500 forever: exactly maxAttempts tries with growing backoff, then a failure receipt', async () => {
    api.handle(() => ({ status: 500, body: 'upstream exploded' }));
    const p = provider();
    const r = await p.purge({ urls: ['/a'] });
    await p.stop();
    expect(r).toMatchObject({ ok: false, attempts: 4, calls: 1 });
    expect(r.error).toBe('purge_cache: HTTP 500: upstream exploded (after 4 attempts)');
    expect(api.requests).toHaveLength(4);
    // Equal jitter: the k-th retry waits between half and all of 100 ms × 2^(k-1).
    const gaps = api.requests.slice(1).map((q, i) => q.at - (api.requests[i]?.at ?? 0));
    gaps.forEach((g, i) => expect(g).toBeGreaterThanOrEqual(50 * 2 ** i - 5));
  });

  it('a network error is retried too, then reported', async () => {
    const url = api.url;
    await api.close();
    const profile = cloudflareProfileSchema.parse({ kind: 'cloudflare', zoneId: ZONE, apiBase: url, edges: [{ id: 's', url: 'https://s.example.com' }], retry: { maxAttempts: 2, baseDelay: '10ms' } });
    const p = new CloudflareProvider('cf', profile);
    const r = await p.purge({ urls: ['/a'] });
    await p.stop();
    api = await startFakeApi();
    expect(r).toMatchObject({ ok: false, attempts: 2 });
    expect(r.error).toMatch(/purge_cache: no answer from 127\.0\.0\.1:\d+: .*ECONNREFUSED.* \(after 2 attempts\)/);
  });
});

describe('cloudflare credentials', () => {
  it('verifies the token at GET /user/tokens/verify', async () => {
    api.handle(() => ({ status: 200, body: { success: true, result: { id: 'tok', status: 'active' } } }));
    const p = provider();
    const c = await p.checkCredentials({ verify: true });
    await p.stop();
    expect(c.problems).toEqual([]);
    expect(c.lines.join('\n')).toContain('environment variable CLOUDFLARE_API_TOKEN');
    expect(c.lines.join('\n')).not.toContain(TOKEN);
    expect(api.requests[0]).toMatchObject({ method: 'GET', path: '/client/v4/user/tokens/verify' });
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('reports a rejected token, a missing one and a Global API Key', async () => {
    api.handle(() => ({ status: 401, body: { success: false, errors: [{ code: 1000, message: 'Invalid API Token' }] } }));
    expect((await provider().checkCredentials({ verify: true })).problems).toEqual(['GET /user/tokens/verify: HTTP 401: Invalid API Token (code 1000)']);
    vi.stubEnv('CLOUDFLARE_API_TOKEN', '');
    expect((await provider().checkCredentials({ verify: false })).problems[0]).toContain('CLOUDFLARE_API_TOKEN is not set');
    vi.stubEnv('CLOUDFLARE_API_TOKEN', 'a'.repeat(37));
    expect((await provider().checkCredentials({ verify: false })).problems[0]).toContain('Global API Key');
    expect(api.requests).toHaveLength(1);
  });
});
