/**
 * Contract of the Akamai adapter against a local stand-in for the Fast Purge v3 API that checks each
 * request as the reference documents it: POST /ccu/v3/{invalidate|delete}/{url|tag|cpcode}/{network},
 * JSON {"objects":[…]} of at most 50,000 bytes, and an EG1-HMAC-SHA256 Authorization header whose
 * signature the server recomputes (answering 401 when it does not match, as Akamai does).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeApi, type FakeApi, type FakeReply, type RecordedRequest } from '../../../../test/helpers/fake-api.js';
import { parseEdgeGridAuth, verifyEdgeGrid } from '../../../../test/helpers/edgegrid-verifier.js';
import { purgeFaultContract } from '../../../../test/helpers/purge-fault-contract.js';
import { akamaiProfileSchema } from './akamai-profile.js';
import { AkamaiProvider, AKAMAI_PRAGMA } from './akamai-provider.js';
import { parseEdgeRc } from './edgerc.js';

const SECRET = 'C113nt53KR3TN6N90yVuAgICxIRwsObLi0E67/N8eRN=';
const CLIENT = 'akab-c113ntt0k3n4qtari252bfxxbsl-yvsdj';
const ACCESS = 'akab-acc35t0k3nodujqunph3w7hzp7-gtm6ij';
const dir = mkdtempSync(join(tmpdir(), 'cdnbench-akamai-'));
const EDGERC = join(dir, '.edgerc');
writeFileSync(EDGERC, `[default]\nclient_secret = ${SECRET}\nhost = akab-h05tnam3wl42son7nktnlnnx-kbob3i3v.luna.akamaiapis.net\naccess_token = ${ACCESS}\nclient_token = ${CLIENT}\n\n[other]\nhost = x\n`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function make(apiBase: string, extra: Record<string, unknown> = {}): AkamaiProvider {
  return new AkamaiProvider('akamai', akamaiProfileSchema.parse({
    kind: 'akamai', apiBase, edgerc: { path: EDGERC }, edges: [{ id: 'staging', url: 'https://www.example.com', connectAddress: '127.0.0.1' }],
    retry: { maxAttempts: 4, baseDelay: '100ms', maxDelay: '1s', maxRetryAfter: '5s' }, ...extra,
  }));
}

/** Answers as Fast Purge does: 401 for a bad signature, else 201 with a purge id. */
function fastPurge(req: RecordedRequest): FakeReply {
  const ok = verifyEdgeGrid({ method: req.method, scheme: 'http', host: String(req.headers.host), pathAndQuery: req.path, body: req.body }, req.headers.authorization, SECRET);
  if (!ok) return { status: 401, body: { type: 'https://problems.luna.akamaiapis.net/-/pep-authn/request-error', title: 'The signature does not match', httpStatus: 401 } };
  return { status: 201, body: { httpStatus: 201, detail: 'Request accepted', estimatedSeconds: 5, purgeId: 'edcp-NZbXzFpHBjcJeryhw6PVgG', supportId: 'edcp-x' } };
}

let api: FakeApi;
beforeEach(async () => {
  api = await startFakeApi(fastPurge);
});
afterEach(async () => {
  await api.close();
});

describe('akamai fast purge contract', () => {
  it('invalidates URLs on staging with a valid EdgeGrid signature', async () => {
    const p = make(api.url);
    const r = await p.purge({ urls: ['/maps/1.json', '/maps/2.json'] });
    await p.stop();
    expect(r).toMatchObject({ ok: true, calls: 1, attempts: 1, id: 'edcp-NZbXzFpHBjcJeryhw6PVgG' });
    const [q] = api.requests;
    expect(q?.method).toBe('POST');
    expect(q?.path).toBe('/ccu/v3/invalidate/url/staging');
    expect(q?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(q?.body ?? '')).toEqual({ objects: ['https://www.example.com/maps/1.json', 'https://www.example.com/maps/2.json'] });
    expect(parseEdgeGridAuth(q?.headers.authorization)).toMatchObject({ clientToken: CLIENT, accessToken: ACCESS });
  });

  it('deletes by tag and by CP code on production, one object type per request', async () => {
    const p = make(api.url, { network: 'production', action: 'delete', cpCodes: [12345] });
    expect(p.purgeKinds).toContain('all');
    const r = await p.purge({ tags: ['isbn-1'], all: true });
    await p.stop();
    expect(r).toMatchObject({ ok: true, calls: 2 });
    expect(api.requests.map((q) => `${q.path} ${q.body}`)).toEqual(['/ccu/v3/delete/tag/production {"objects":["isbn-1"]}', '/ccu/v3/delete/cpcode/production {"objects":[12345]}']);
  });

  it('splits bodies at 50,000 bytes', async () => {
    const p = make(api.url);
    const urls = Array.from({ length: 2000 }, (_, i) => `/maps/9780000000002/abcdef0123456789/en/${i}-${i + 9}.json`);
    const r = await p.purge({ urls });
    await p.stop();
    expect(r.ok).toBe(true);
    expect(api.requests.length).toBeGreaterThan(1);
    for (const q of api.requests) expect(Buffer.byteLength(q.body)).toBeLessThanOrEqual(50_000);
    expect(api.requests.flatMap((q) => (JSON.parse(q.body) as { objects: string[] }).objects)).toHaveLength(2000);
  });

  it('signs each retry afresh (new nonce), so a 503 then 201 both verify', async () => {
    api.handle((req, n) => (n === 0 ? { status: 503, body: { title: 'Service Unavailable', httpStatus: 503 } } : fastPurge(req)));
    const p = make(api.url);
    const r = await p.purge({ tags: ['t'] });
    await p.stop();
    expect(r).toMatchObject({ ok: true, attempts: 2 });
    const [a, b] = api.requests.map((q) => parseEdgeGridAuth(q.headers.authorization)?.nonce);
    expect(a).not.toBe(b);
  });

  it('a wrong secret is refused by the server-side check (401), and reported', async () => {
    const bad = join(dir, 'bad.edgerc');
    writeFileSync(bad, `[default]\nclient_secret = ${SECRET.replace('C', 'D')}\nhost = akab-x.luna.akamaiapis.net\naccess_token = ${ACCESS}\nclient_token = ${CLIENT}\n`);
    const p = make(api.url, { edgerc: { path: bad } });
    const r = await p.purge({ urls: ['/a'] });
    await p.stop();
    expect(r).toMatchObject({ ok: false, attempts: 1 });
    expect(r.error).toBe('POST /ccu/v3/invalidate/url: HTTP 401: The signature does not match');
  });

  it('asks edges for cache state with the Pragma debug headers', () => {
    expect(make(api.url).requestHeaders).toEqual({ pragma: AKAMAI_PRAGMA });
    expect(AKAMAI_PRAGMA).toContain('akamai-x-cache-on');
  });
});

describe('akamai credentials', () => {
  it('reads .edgerc sections and checks formats', async () => {
    expect(parseEdgeRc('# c\n[default]\nhost = h.example\n\n[s2]\nclient_token = "akab-1"\n').get('s2')?.get('client_token')).toBe('akab-1');
    const good = await make(api.url).checkCredentials({ verify: true });
    expect(good.problems).toEqual([]);
    expect(good.lines.join('\n')).toContain(`${EDGERC} [default]`);
    expect(good.lines.join('\n')).not.toContain(SECRET);
    expect((await make(api.url, { edgerc: { path: EDGERC, section: 'nope' } }).checkCredentials({ verify: false })).problems[0]).toContain('has no [nope] section');
    expect((await make(api.url, { edgerc: { path: EDGERC, section: 'other' } }).checkCredentials({ verify: false })).problems[0]).toContain('lacks client_token, client_secret, access_token');
    expect(api.requests).toHaveLength(0);
  });

  it('takes AKAMAI_* variables when no file is named, and names what is missing', async () => {
    const p = (): AkamaiProvider => new AkamaiProvider('a', akamaiProfileSchema.parse({ kind: 'akamai', apiBase: api.url, edges: [{ id: 's', url: 'https://www.example.com' }] }));
    vi.stubEnv('AKAMAI_HOST', 'akab-x.luna.akamaiapis.net');
    vi.stubEnv('AKAMAI_CLIENT_TOKEN', CLIENT);
    expect((await p().checkCredentials({ verify: false })).problems[0]).toContain('AKAMAI_CLIENT_SECRET, AKAMAI_ACCESS_TOKEN not set');
    vi.stubEnv('AKAMAI_CLIENT_SECRET', SECRET);
    vi.stubEnv('AKAMAI_ACCESS_TOKEN', 'not-akab');
    expect((await p().checkCredentials({ verify: false })).problems[0]).toContain('access_token does not start with akab-');
    vi.stubEnv('AKAMAI_ACCESS_TOKEN', ACCESS);
    expect((await p().checkCredentials({ verify: false })).problems).toEqual([]);
    vi.unstubAllEnvs();
  });
});

purgeFaultContract({
  vendor: 'akamai',
  make: async (url) => make(url),
  request: { urls: ['/maps/1.json'] },
  ok: { status: 201, body: { httpStatus: 201, purgeId: 'p1', estimatedSeconds: 5 } },
  error: (status) => ({ status, body: { title: `error ${status}`, detail: `client ${CLIENT} secret ${SECRET}`, httpStatus: status } }),
  secrets: [SECRET, CLIENT, ACCESS],
});
