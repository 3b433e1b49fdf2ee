/**
 * Contract of the CloudFront adapter (AWS SDK with its endpoint pointed here) against a local stand-in for
 * the CloudFront API that checks what the API reference documents — POST
 * /2020-05-31/distribution/{id}/invalidation with an XML InvalidationBatch, GET …/invalidation/{id} — and
 * verifies every request's SigV4 signature by recomputing it (the verifier is checked against AWS's
 * published vectors in sigv4-verifier.test.ts), answering SignatureDoesNotMatch when it does not match.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeApi, type FakeApi, type FakeReply, type RecordedRequest } from '../../../../test/helpers/fake-api.js';
import { purgeFaultContract } from '../../../../test/helpers/purge-fault-contract.js';
import { parseSigV4Auth, verifySigV4 } from '../../../../test/helpers/sigv4-verifier.js';
import { invalidationBatches } from './cloudfront-limits.js';
import { cloudfrontProfileSchema } from './cloudfront-profile.js';
import { CloudfrontProvider } from './cloudfront-provider.js';

const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const DIST = 'EDFDVBD6EXAMPLE';
const BASE = `/2020-05-31/distribution/${DIST}/invalidation`;
const NS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';

function stubAws(secret = SECRET): void {
  vi.stubEnv('AWS_ACCESS_KEY_ID', KEY_ID);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', secret);
  vi.stubEnv('AWS_SESSION_TOKEN', '');
  vi.stubEnv('AWS_PROFILE', '');
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/credentials');
  vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/config');
}

function make(apiBase: string, extra: Record<string, unknown> = {}): CloudfrontProvider {
  return new CloudfrontProvider('cf', cloudfrontProfileSchema.parse({
    kind: 'cloudfront', distributionId: DIST, apiBase, edges: [{ id: 'staging', url: 'https://d111111abcdef8.cloudfront.net' }],
    pollInterval: '100ms', retry: { maxAttempts: 4, baseDelay: '100ms', maxDelay: '1s', maxRetryAfter: '5s' }, ...extra,
  }));
}

const paths = (xml: string): string[] => [...xml.matchAll(/<Path>([^<]*)<\/Path>/g)].map((m) => m[1] ?? '');
const tag = (xml: string, name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

function invalidationXml(id: string, status: string, items: readonly string[], ref: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Invalidation xmlns="${NS}"><Id>${id}</Id><Status>${status}</Status><CreateTime>2026-11-23T10:00:00.000Z</CreateTime><InvalidationBatch><Paths><Quantity>${items.length}</Quantity><Items>${items.map((p) => `<Path>${p}</Path>`).join('')}</Items></Paths><CallerReference>${ref}</CallerReference></InvalidationBatch></Invalidation>`;
}

function errorXml(status: number, code: string, message: string): FakeReply {
  return { status, headers: { 'content-type': 'text/xml' }, body: `<?xml version="1.0"?><ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-1</RequestId></ErrorResponse>` };
}

/** CloudFront as documented: SigV4 checked, invalidations Completed after `pollsUntilDone` GETs. */
function cloudfront(pollsUntilDone: number): (req: RecordedRequest) => FakeReply {
  const created = new Map<string, { items: string[]; ref: string; polls: number }>();
  return (req) => {
    const auth = parseSigV4Auth(typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined);
    if (!verifySigV4(req, SECRET) || auth?.service !== 'cloudfront' || auth.region !== 'us-east-1' || auth.accessKeyId !== KEY_ID) {
      return errorXml(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
    if (req.method === 'POST' && req.path === BASE) {
      const items = paths(req.body);
      if (Number(tag(req.body, 'Quantity')) !== items.length || tag(req.body, 'CallerReference') === undefined) return errorXml(400, 'InconsistentQuantities', 'bad batch');
      const id = `I${created.size + 1}ABCDEFGHIJKL`;
      created.set(id, { items, ref: tag(req.body, 'CallerReference') ?? '', polls: 0 });
      return { status: 201, headers: { 'content-type': 'text/xml', location: `https://cloudfront.amazonaws.com${BASE}/${id}` }, body: invalidationXml(id, 'InProgress', items, tag(req.body, 'CallerReference') ?? '') };
    }
    const m = new RegExp(`^${BASE}/([A-Z0-9]+)$`).exec(req.path);
    const inv = m === null ? undefined : created.get(m[1] ?? '');
    if (req.method === 'GET' && inv !== undefined) {
      inv.polls++;
      return { status: 200, headers: { 'content-type': 'text/xml' }, body: invalidationXml(m?.[1] ?? '', inv.polls >= pollsUntilDone ? 'Completed' : 'InProgress', inv.items, inv.ref) };
    }
    if (req.method === 'GET' && req.path.startsWith(`${BASE}?`)) return { status: 200, headers: { 'content-type': 'text/xml' }, body: `<?xml version="1.0"?><InvalidationList xmlns="${NS}"><Marker></Marker><MaxItems>1</MaxItems><IsTruncated>false</IsTruncated><Quantity>0</Quantity></InvalidationList>` };
    return errorXml(404, 'NoSuchInvalidation', 'no such invalidation');
  };
}

let api: FakeApi;
beforeEach(async () => {
  stubAws();
  api = await startFakeApi(cloudfront(3));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await api.close();
});

describe('cloudfront invalidation contract', () => {
  it('creates a SigV4-signed invalidation and polls GetInvalidation until Completed, recording the time', async () => {
    const p = make(api.url);
    const r = await p.purge({ urls: ['/maps/1.json', 'maps/2.json'] });
    await p.stop();
    expect(r).toMatchObject({ ok: true, id: 'I1ABCDEFGHIJKL', calls: 4 });
    const [create, ...polls] = api.requests;
    expect(create?.method).toBe('POST');
    expect(create?.path).toBe(BASE);
    expect(paths(create?.body ?? '')).toEqual(['/maps/1.json', '/maps/2.json']);
    expect(tag(create?.body ?? '', 'CallerReference')).toMatch(/^cdnbench-[0-9a-f-]{36}$/);
    expect(polls.map((q) => `${q.method} ${q.path}`)).toEqual(Array(3).fill(`GET ${BASE}/I1ABCDEFGHIJKL`));
    // Completed arrived with the third poll: never before it was sent, 100 ms apart.
    const lastPoll = polls.at(-1)?.at ?? 0;
    expect(r.completedMs ?? 0).toBeGreaterThanOrEqual(lastPoll - (create?.at ?? 0));
    expect(lastPoll - (create?.at ?? 0)).toBeGreaterThanOrEqual(295);
    expect(r.apiMs).toBeLessThan(r.completedMs ?? 0);
  });

  it('purges everything as /*, tags as #tag paths when the distribution has cache tags', async () => {
    const p = make(api.url, { tagInvalidation: true, waitForCompletion: false });
    const r = await p.purge({ tags: ['isbn-1'], all: true });
    await p.stop();
    expect(r.ok).toBe(true);
    expect(r.completedMs).toBeUndefined();
    expect(api.requests).toHaveLength(1); // no polling when not waiting
    expect(paths(api.requests[0]?.body ?? '')).toEqual(['#isbn-1', '/*']);
    expect(make(api.url).purgeKinds).toEqual(['url', 'all']);
  });

  it('batches at 3,000 paths and 15 wildcards, the next batch only after the previous completed', async () => {
    expect(invalidationBatches(Array.from({ length: 6001 }, (_, i) => `/f${i}`)).map((b) => b.length)).toEqual([3000, 3000, 1]);
    expect(invalidationBatches(Array.from({ length: 16 }, (_, i) => `/d${i}/*`)).map((b) => b.length)).toEqual([15, 1]);
    api.handle(cloudfront(1));
    const p = make(api.url);
    const r = await p.purge({ urls: Array.from({ length: 3001 }, (_, i) => `/t/${i}.json`) });
    await p.stop();
    expect(r).toMatchObject({ ok: true, id: 'I1ABCDEFGHIJKL, I2ABCDEFGHIJKL' });
    expect(api.requests.map((q) => `${q.method} ${q.path.replace(BASE, '')}`)).toEqual(['POST ', 'GET /I1ABCDEFGHIJKL', 'POST ', 'GET /I2ABCDEFGHIJKL']);
    expect(api.requests.filter((q) => q.method === 'POST').map((q) => paths(q.body).length)).toEqual([3000, 1]);
  });

  it('a wrong secret fails signature verification at the server: one attempt, a failure receipt', async () => {
    stubAws(SECRET.replace('w', 'v'));
    const p = make(api.url);
    const r = await p.purge({ urls: ['/a'] });
    await p.stop();
    expect(r).toMatchObject({ ok: false, attempts: 1 });
    expect(r.error).toContain('CreateInvalidation: HTTP 403: SignatureDoesNotMatch');
  });

  it('gives up following an invalidation after completionTimeout and says so', async () => {
    api.handle(cloudfront(1_000));
    const p = make(api.url, { completionTimeout: '350ms' });
    const r = await p.purge({ urls: ['/a'] });
    await p.stop();
    expect(r.ok).toBe(false);
    expect(r.error).toContain('not Completed within 350ms');
    expect(api.requests.filter((q) => q.method === 'GET').length).toBeGreaterThanOrEqual(2);
  });

  it('checks credentials from the default chain and verifies them with ListInvalidations', async () => {
    const p = make(api.url);
    const c = await p.checkCredentials({ verify: true });
    expect(c.problems).toEqual([]);
    expect(c.lines).toEqual(['AWS credentials from environment variables', `verified: ListInvalidations on ${DIST} answered`]);
    expect(api.requests[0]?.path).toBe(`${BASE}?MaxItems=1`);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'short');
    expect((await make(api.url).checkCredentials({ verify: false })).problems).toEqual(['AWS credentials: the secret access key has 5 characters, not 40']);
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
    expect((await make(api.url).checkCredentials({ verify: false })).problems[0]).toContain("no AWS credentials from the SDK's default chain");
    await p.stop();
  });
});

purgeFaultContract({
  vendor: 'cloudfront',
  make: async (url) => {
    stubAws();
    return make(url, { waitForCompletion: false });
  },
  request: { urls: ['/maps/1.json'] },
  ok: { status: 201, headers: { 'content-type': 'text/xml' }, body: invalidationXml('I1', 'InProgress', ['/maps/1.json'], 'r') },
  error: (status) => errorXml(status, status === 429 ? 'Throttling' : status >= 500 ? 'ServiceUnavailable' : 'AccessDenied', `denied for ${KEY_ID}`),
  secrets: [SECRET, KEY_ID],
});
