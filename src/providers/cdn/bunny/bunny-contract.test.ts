/**
 * Contract of the Bunny adapter against a local stand-in for api.bunny.net, checked against the API
 * reference: POST /purge?url=<url>&async=false per URL, POST /pullzone/{id}/purgeCache with
 * {"CacheTag": …} per tag and without a body for the whole zone, AccessKey on every call.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeApi, type FakeApi } from '../../../../test/helpers/fake-api.js';
import { purgeFaultContract } from '../../../../test/helpers/purge-fault-contract.js';
import { isPrefixPurge } from './bunny-limits.js';
import { bunnyProfileSchema } from './bunny-profile.js';
import { BunnyProvider } from './bunny-provider.js';

const KEY = 'a1b2c3d4-e5f6-7890-abcd-ef0123456789a1b2c3d4-e5f6-7890-abcd-ef0123456789';

function make(apiBase: string): BunnyProvider {
  return new BunnyProvider('bunny', bunnyProfileSchema.parse({
    kind: 'bunny', pullZoneId: 1234, apiBase, edges: [{ id: 'zone', url: 'https://myzone.b-cdn.net' }],
    retry: { maxAttempts: 4, baseDelay: '100ms', maxDelay: '1s', maxRetryAfter: '5s' },
  }));
}

let api: FakeApi;
beforeEach(async () => {
  vi.stubEnv('BUNNY_ACCESS_KEY', KEY);
  api = await startFakeApi(() => ({ status: 200 }));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await api.close();
});

describe('bunny purge contract', () => {
  it('purges each URL with POST /purge?url=…&async=false and AccessKey', async () => {
    const p = make(api.url);
    const r = await p.purge({ urls: ['/maps/1.json', '/maps/2.json'] });
    await p.stop();
    expect(r).toMatchObject({ ok: true, calls: 2, attempts: 2 });
    expect(api.requests.map((q) => `${q.method} ${q.path}`).sort()).toEqual([
      `POST /purge?url=${encodeURIComponent('https://myzone.b-cdn.net/maps/1.json')}&async=false`,
      `POST /purge?url=${encodeURIComponent('https://myzone.b-cdn.net/maps/2.json')}&async=false`,
    ]);
    for (const q of api.requests) {
      expect(q.headers.accesskey).toBe(KEY);
      expect(q.body).toBe('');
    }
  });

  it('purges tags one per call with {"CacheTag"}, and the whole zone without a body', async () => {
    const p = make(api.url);
    const r = await p.purge({ tags: ['isbn-1', 'edition-x'], all: true });
    await p.stop();
    expect(r).toMatchObject({ ok: true, calls: 3 });
    expect(api.requests.every((q) => q.method === 'POST' && q.path === '/pullzone/1234/purgeCache')).toBe(true);
    expect(api.requests.map((q) => q.body).sort()).toEqual(['', '{"CacheTag":"edition-x"}', '{"CacheTag":"isbn-1"}']);
  });

  it('tells exact from prefix purges as Bunny does', () => {
    expect(isPrefixPurge('https://z.b-cdn.net/a.png')).toBe(false);
    expect(isPrefixPurge('https://z.b-cdn.net/images/*')).toBe(true);
    expect(isPrefixPurge('https://z.b-cdn.net/assets/')).toBe(true);
  });

  it('verifies the key with GET /pullzone/{id}', async () => {
    api.handle(() => ({ status: 200, body: { Id: 1234, Name: 'myzone' } }));
    const p = make(api.url);
    const ok = await p.checkCredentials({ verify: true });
    expect(ok.problems).toEqual([]);
    expect(ok.lines[1]).toContain('pull zone myzone');
    api.handle(() => ({ status: 401, body: { ErrorKey: 'unauthorized', Message: 'The request authorization failed' } }));
    expect((await p.checkCredentials({ verify: true })).problems).toEqual(['GET /pullzone/{id}: HTTP 401: The request authorization failed (unauthorized)']);
    await p.stop();
    expect(api.requests.map((q) => `${q.method} ${q.path} ${String(q.headers.accesskey)}`)).toEqual([`GET /pullzone/1234 ${KEY}`, `GET /pullzone/1234 ${KEY}`]);
    vi.stubEnv('BUNNY_ACCESS_KEY', 'short');
    expect((await make(api.url).checkCredentials({ verify: false })).problems[0]).toContain('does not look like a Bunny API key');
  });
});

purgeFaultContract({
  vendor: 'bunny',
  make: async (url) => {
    vi.stubEnv('BUNNY_ACCESS_KEY', KEY);
    return make(url);
  },
  request: { urls: ['/maps/1.json'] },
  ok: { status: 200 },
  error: (status) => ({ status, body: { ErrorKey: `e${status}`, Field: '', Message: `failed for ${KEY}` } }),
  secrets: [KEY],
});
