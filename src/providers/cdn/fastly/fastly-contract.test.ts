/**
 * Contract of the Fastly adapter against a local stand-in for api.fastly.com, checked against the purge
 * API reference: POST /purge/{host}/{path} for URLs, POST /service/{id}/purge with
 * {"surrogate_keys":[…]} (≤ 256 keys) for tags, POST /service/{id}/purge_all; Fastly-Key on every call and
 * Fastly-Soft-Purge: 1 on soft purges.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeApi, type FakeApi } from '../../../../test/helpers/fake-api.js';
import { purgeFaultContract } from '../../../../test/helpers/purge-fault-contract.js';
import { fastlyProfileSchema } from './fastly-profile.js';
import { FastlyProvider } from './fastly-provider.js';

const TOKEN = 'fastly-test-token-abcdefghijklmnop';
const SID = 'SU1Z0isxPaozGVKXdv0eY';

function make(apiBase: string, extra: Record<string, unknown> = {}): FastlyProvider {
  return new FastlyProvider('fastly', fastlyProfileSchema.parse({
    kind: 'fastly', serviceId: SID, apiBase, edges: [{ id: 'staging', url: 'https://staging.example.com' }],
    retry: { maxAttempts: 4, baseDelay: '100ms', maxDelay: '1s', maxRetryAfter: '5s' }, ...extra,
  }));
}

let api: FakeApi;
beforeEach(async () => {
  vi.stubEnv('FASTLY_API_TOKEN', TOKEN);
  api = await startFakeApi((req) => ({ status: 200, body: req.path.endsWith('/purge') ? { 'isbn-1': '108-1391560174-974124', 'isbn-2': '108-1391560174-974125' } : { status: 'ok', id: '108-1391560174-974124' } }));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await api.close();
});

describe('fastly purge contract', () => {
  it('purges each URL at POST /purge/{host}/{path} with Fastly-Key', async () => {
    const p = make(api.url);
    const r = await p.purge({ urls: ['/maps/1.json', '/maps/2.json?x=1'] });
    await p.stop();
    expect(r).toMatchObject({ ok: true, calls: 2, attempts: 2 });
    expect(api.requests.map((q) => `${q.method} ${q.path}`).sort()).toEqual(['POST /purge/staging.example.com/maps/1.json', 'POST /purge/staging.example.com/maps/2.json?x=1']);
    for (const q of api.requests) {
      expect(q.headers['fastly-key']).toBe(TOKEN);
      expect(q.headers['fastly-soft-purge']).toBeUndefined();
    }
    expect(r.id).toBe('108-1391560174-974124 (+1 more)');
  });

  it('purges surrogate keys in batches of 256 with a JSON body, soft when asked', async () => {
    const p = make(api.url, { softPurge: true });
    const keys = Array.from({ length: 300 }, (_, i) => `k${i}`);
    const r = await p.purge({ tags: keys });
    await p.stop();
    expect(r).toMatchObject({ ok: true, calls: 2 });
    expect(api.requests.map((q) => `${q.method} ${q.path}`)).toEqual([`POST /service/${SID}/purge`, `POST /service/${SID}/purge`]);
    expect(api.requests.map((q) => (JSON.parse(q.body) as { surrogate_keys: string[] }).surrogate_keys.length)).toEqual([256, 44]);
    for (const q of api.requests) {
      expect(q.headers['fastly-soft-purge']).toBe('1');
      expect(q.headers['content-type']).toBe('application/json');
    }
  });

  it('purges everything with purge_all (never soft), and refuses wildcards', async () => {
    const p = make(api.url, { softPurge: true });
    expect(await p.purge({ all: true })).toMatchObject({ ok: true, calls: 1 });
    expect(api.requests[0]).toMatchObject({ method: 'POST', path: `/service/${SID}/purge_all` });
    expect(api.requests[0]?.headers['fastly-soft-purge']).toBeUndefined();
    const w = await p.purge({ urls: ['/maps/*'] });
    await p.stop();
    expect(w.ok).toBe(false);
    expect(w.error).toContain('no wildcard purge');
    expect(api.requests).toHaveLength(1);
  });

  it('checks the token at GET /tokens/self, scope included', async () => {
    api.handle(() => ({ status: 200, body: { id: 't', scope: 'global:read', services: [] } }));
    const p = make(api.url);
    const c = await p.checkCredentials({ verify: true });
    expect(c.problems[0]).toContain('allows no purging');
    api.handle(() => ({ status: 200, body: { id: 't', scope: 'purge_select purge_all', services: [SID] } }));
    expect((await p.checkCredentials({ verify: true })).problems).toEqual([]);
    api.handle(() => ({ status: 401, body: { msg: 'Provided credentials are missing or invalid' } }));
    expect((await p.checkCredentials({ verify: true })).problems).toEqual(['GET /tokens/self: HTTP 401: Provided credentials are missing or invalid']);
    await p.stop();
    expect(api.requests.every((q) => q.method === 'GET' && q.path === '/tokens/self' && q.headers['fastly-key'] === TOKEN)).toBe(true);
  });

  it('takes FASTLY_API_KEY when FASTLY_API_TOKEN is unset, and names both when neither is', async () => {
    vi.stubEnv('FASTLY_API_TOKEN', '');
    vi.stubEnv('FASTLY_API_KEY', TOKEN);
    expect((await make(api.url).checkCredentials({ verify: false })).lines[0]).toContain('FASTLY_API_KEY');
    vi.stubEnv('FASTLY_API_KEY', '');
    expect((await make(api.url).checkCredentials({ verify: false })).problems[0]).toContain('FASTLY_API_TOKEN is not set (nor FASTLY_API_KEY');
  });
});

purgeFaultContract({
  vendor: 'fastly',
  make: async (url) => {
    vi.stubEnv('FASTLY_API_TOKEN', TOKEN);
    return make(url);
  },
  request: { tags: ['isbn-1'] },
  ok: { status: 200, body: { 'isbn-1': '108-1' } },
  error: (status) => ({ status, body: { msg: status === 401 ? `bad key ${TOKEN}` : `status ${status}`, detail: '' } }),
  secrets: [TOKEN],
});
