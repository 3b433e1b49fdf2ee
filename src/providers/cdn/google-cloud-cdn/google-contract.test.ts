/**
 * Contract of the Google Cloud CDN adapter against local stand-ins for Google's OAuth2 token endpoint and
 * the Compute API. The token endpoint checks the JWT-bearer grant as Google documents it (RS256 JWT signed
 * by the service account's key — a key pair generated here — with iss, scope, aud, iat/exp) and the
 * Compute API checks POST …/global/urlMaps/{urlMap}/invalidateCache with the bearer token and a
 * CacheInvalidationRule body.
 */
import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeApi, type FakeApi, type FakeReply, type RecordedRequest } from '../../../../test/helpers/fake-api.js';
import { purgeFaultContract } from '../../../../test/helpers/purge-fault-contract.js';
import { GoogleCloudCdnProvider } from './google-cloud-cdn-provider.js';
import { googleCloudCdnProfileSchema } from './google-profile.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const EMAIL = 'bench@cdnbench-test.iam.gserviceaccount.com';
const ACCESS_TOKEN = 'ya29.c.fake-access-token-0123456789';
const MAP = '/compute/v1/projects/cdnbench-test/global/urlMaps/staging-map';
const dir = mkdtempSync(join(tmpdir(), 'cdnbench-gcp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keyFile(tokenUri: string, extra: Record<string, unknown> = {}): string {
  const path = join(dir, `key-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify({ type: 'service_account', project_id: 'cdnbench-test', private_key_id: 'kid-0123456789', private_key: PEM, client_email: EMAIL, token_uri: tokenUri, ...extra }));
  return path;
}

function b64json(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Google's token endpoint: verifies the JWT-bearer assertion against the service account's public key. */
function tokenEndpoint(req: RecordedRequest, key: KeyObject = publicKey): FakeReply {
  const form = new URLSearchParams(req.body);
  const jwt = form.get('assertion') ?? '';
  const [h, p, s] = jwt.split('.');
  const header = b64json(h);
  const claims = b64json(p);
  const good =
    form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer' &&
    header.alg === 'RS256' &&
    claims.iss === EMAIL && claims.aud === 'https://oauth2.googleapis.com/token' &&
    String(claims.scope).split(' ').includes('https://www.googleapis.com/auth/compute') &&
    Number(claims.exp) - Number(claims.iat) === 3600 &&
    verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s ?? '', 'base64url'));
  return good ? { status: 200, body: { access_token: ACCESS_TOKEN, expires_in: 3599, token_type: 'Bearer' } } : { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } };
}

function compute(req: RecordedRequest): FakeReply {
  if (req.headers.authorization !== `Bearer ${ACCESS_TOKEN}`) return { status: 401, body: { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } } };
  if (req.method === 'GET' && req.path === MAP) return { status: 200, body: { kind: 'compute#urlMap', name: 'staging-map' } };
  return { status: 200, body: { kind: 'compute#operation', id: '123', name: 'operation-1700000000000-abc', operationType: 'invalidateCache', status: 'DONE' } };
}

let api: FakeApi;
const handler = (req: RecordedRequest): FakeReply => (req.path === '/token' ? tokenEndpoint(req) : compute(req));
function make(extra: Record<string, unknown> = {}, key?: string, base = api.url): GoogleCloudCdnProvider {
  vi.stubEnv('GOOGLE_APPLICATION_CREDENTIALS', key ?? keyFile(`${base}/token`));
  return new GoogleCloudCdnProvider('gcdn', googleCloudCdnProfileSchema.parse({
    kind: 'google-cloud-cdn', urlMap: 'staging-map', apiBase: base, edges: [{ id: 'lb', url: 'https://staging.example.com' }],
    retry: { maxAttempts: 4, baseDelay: '100ms', maxDelay: '1s', maxRetryAfter: '5s' }, ...extra,
  }));
}

beforeEach(async () => {
  api = await startFakeApi(handler);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await api.close();
});

describe('google cloud cdn invalidateCache contract', () => {
  it('gets a token with a signed JWT, then invalidates one path per request, scoped to the staging host', async () => {
    const p = make();
    const r = await p.purge({ urls: ['/maps/1.json', '/maps/9780000000002/*'] });
    await p.stop();
    expect(r).toMatchObject({ ok: true, calls: 2, attempts: 2, id: 'operation-1700000000000-abc (+1 more)' });
    expect(api.requests.filter((q) => q.path === '/token')).toHaveLength(1); // cached for both calls
    const calls = api.requests.filter((q) => q.path !== '/token');
    expect(calls.map((q) => `${q.method} ${q.path}`)).toEqual([`POST ${MAP}/invalidateCache`, `POST ${MAP}/invalidateCache`]);
    expect(calls.map((q) => JSON.parse(q.body) as unknown)).toEqual([{ path: '/maps/1.json', host: 'staging.example.com' }, { path: '/maps/9780000000002/*', host: 'staging.example.com' }]);
    for (const q of calls) expect(q.headers['content-type']).toBe('application/json');
  });

  it('sends cache tags ten per request, and everything as /*', async () => {
    const p = make({ allHosts: true });
    const tags = Array.from({ length: 12 }, (_, i) => `t${i}`);
    const r = await p.purge({ tags, all: true });
    await p.stop();
    expect(r).toMatchObject({ ok: true, calls: 3 });
    const bodies = api.requests.filter((q) => q.path !== '/token').map((q) => JSON.parse(q.body) as unknown);
    expect(bodies).toEqual([{ path: '/*', cacheTags: tags.slice(0, 10) }, { path: '/*', cacheTags: tags.slice(10) }, { path: '/*' }]);
  });

  it('a key the token endpoint refuses is a failure receipt naming the OAuth2 error, without the key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    api.handle((req) => (req.path === '/token' ? tokenEndpoint(req, other) : compute(req)));
    const p = make();
    const r = await p.purge({ urls: ['/a'] });
    await p.stop();
    expect(r.ok).toBe(false);
    expect(r.error).toContain('invalid_grant');
    expect(JSON.stringify(r)).not.toContain('PRIVATE KEY');
    expect(api.requests.some((q) => q.path.endsWith('invalidateCache'))).toBe(false);
  });

  it('verifies credentials by getting a token and reading the URL map', async () => {
    const p = make();
    const c = await p.checkCredentials({ verify: true });
    await p.stop();
    expect(c.problems).toEqual([]);
    expect(c.lines.join('\n')).toContain(`service-account key ${EMAIL}`);
    expect(api.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['POST /token', `GET ${MAP}`]);
  });

  it('reports a missing, unreadable or wrong-type key before any call', async () => {
    vi.stubEnv('GOOGLE_APPLICATION_CREDENTIALS', '');
    const none = new GoogleCloudCdnProvider('g', googleCloudCdnProfileSchema.parse({ kind: 'google-cloud-cdn', urlMap: 'm', apiBase: api.url, edges: [{ id: 'lb', url: 'https://s.example.com' }] }));
    expect((await none.checkCredentials({ verify: false })).problems[0]).toContain('GOOGLE_APPLICATION_CREDENTIALS is not set');
    expect((await make({}, join(dir, 'missing.json')).checkCredentials({ verify: false })).problems[0]).toContain('cannot read the service-account key');
    expect((await make({}, keyFile('x', { type: 'authorized_user' })).checkCredentials({ verify: false })).problems[0]).toContain('not "service_account"');
    expect(api.requests).toHaveLength(0);
  });
});

purgeFaultContract({
  vendor: 'google-cloud-cdn',
  make: async (url) => make({}, undefined, url),
  request: { urls: ['/maps/1.json'] },
  ok: { status: 200, body: { kind: 'compute#operation', name: 'operation-1', status: 'DONE' } },
  error: (status) => ({ status, body: { error: { code: status, message: `failure ${status} for ${ACCESS_TOKEN}`, status: 'X' } } }),
  isPurgeCall: (req) => req.path.endsWith('/invalidateCache'),
  other: (req) => tokenEndpoint(req),
  secrets: [ACCESS_TOKEN, 'PRIVATE KEY'],
});
