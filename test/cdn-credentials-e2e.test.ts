/**
 * Credentials never reach outputs: the built CLI runs all six real-CDN adapters with fake credentials
 * against local stand-ins (edges answering in each vendor's header dialect, one API server answering each
 * vendor's documented calls, an OAuth2 token endpoint for Google), with a scenario purge event — some APIs
 * failing with error bodies that echo the credential back — then every file written, stdout and stderr
 * of `--check-credentials` and of the run are searched for every secret, plain, base64 and URL-encoded.
 * The test also proves the secrets were really used (they reached the API server), so it cannot pass by
 * never loading them.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResultFile } from '../src/result/result-schema.js';
import { runCli, type CliResult } from './helpers/cli.js';
import { startFakeApi, type FakeApi, type FakeReply, type RecordedRequest } from './helpers/fake-api.js';

const CF_TOKEN = 'cf-e2e-token-Zx81QpLmN0vB2cX3dF4gH5jK6lM7nP8q';
const FASTLY_TOKEN = 'fastlyE2eTokenQWERTYuiop1234567890';
const BUNNY_KEY = 'b1b2b3b4-0000-4000-8000-feedfacecafe-c1c2c3c4-1111-4111-8111-beefbeefbeef';
const AKAMAI = { host: 'akab-e2ehost.luna.akamaiapis.net', clientToken: 'akab-e2eclient-token-0123456789', accessToken: 'akab-e2eaccess-token-9876543210', secret: 'E2eSecretBase64ValueForEdgeGridSigningXYZ0123=' };
const AWS = { id: 'AKIAE2ETESTKEY0NE2E0', secret: 'e2eAwsSecretAccessKey0123456789abcdefABC', session: 'IQoJb3JpZ2luX2VjE2eSessionTokenValue0123456789' };
const GOOGLE_TOKEN = 'ya29.e2e-google-access-token-0123456789';
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
// A distinctive run of the key's base64 body: enough to find any copy of the key.
const PEM_PART = PEM.split('\n')[5] ?? '';

let dir = '';
let out = '';
let keyDir = '';
let api: FakeApi;
const edges: FakeApi[] = [];
let check: CliResult;
let run: CliResult;

function apiHandler(req: RecordedRequest): FakeReply {
  const p = req.path;
  if (p.startsWith('/client/v4/user/tokens/verify')) return { status: 200, body: { success: true, result: { id: 't', status: 'active' } } };
  if (p.startsWith('/client/v4/zones/')) return { status: 200, body: { success: true, errors: [], result: { id: 'cf-purge-1' } } };
  if (p === '/tokens/self') return { status: 200, body: { id: 't', scope: 'purge_select purge_all', services: [] } };
  // Fastly refuses, echoing the key (and its base64) back, as a careless proxy might.
  if (p.startsWith('/purge/') || p.startsWith('/service/')) return { status: 403, body: { msg: `bad key ${FASTLY_TOKEN}`, detail: Buffer.from(FASTLY_TOKEN).toString('base64') } };
  if (p.startsWith('/pullzone/') && req.method === 'GET') return { status: 200, body: { Id: 7, Name: 'e2e' } };
  // Bunny fails for good, echoing the key.
  if (p.startsWith('/purge?') || p.startsWith('/pullzone/')) return { status: 500, body: { Message: `internal error for ${BUNNY_KEY}` } };
  if (p.startsWith('/ccu/v3/')) return { status: 201, body: { httpStatus: 201, purgeId: 'ak-purge-1', estimatedSeconds: 5 } };
  if (p.startsWith('/2020-05-31/')) {
    const ns = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';
    if (req.method === 'GET') return { status: 200, headers: { 'content-type': 'text/xml' }, body: `<?xml version="1.0"?><InvalidationList xmlns="${ns}"><Marker></Marker><MaxItems>1</MaxItems><IsTruncated>false</IsTruncated><Quantity>0</Quantity></InvalidationList>` };
    return { status: 201, headers: { 'content-type': 'text/xml' }, body: `<?xml version="1.0"?><Invalidation xmlns="${ns}"><Id>IE2E</Id><Status>Completed</Status><CreateTime>2026-11-23T10:00:00Z</CreateTime><InvalidationBatch><Paths><Quantity>1</Quantity><Items><Path>/x</Path></Items></Paths><CallerReference>r</CallerReference></InvalidationBatch></Invalidation>` };
  }
  if (p === '/token') return { status: 200, body: { access_token: GOOGLE_TOKEN, expires_in: 3600, token_type: 'Bearer' } };
  if (p.startsWith('/compute/v1/')) return { status: 200, body: { kind: 'compute#operation', name: 'operation-e2e', status: 'DONE' } };
  return { status: 404, body: { error: `unexpected ${req.method} ${p}` } };
}

const EDGE_HEADERS: Record<string, Record<string, string>> = {
  cloudflare: { 'cf-cache-status': 'HIT', 'cf-ray': '8a1b2c3d4e5f6a7b-FRA' },
  fastly: { 'x-cache': 'HIT', 'x-served-by': 'cache-fra19127-FRA' },
  cloudfront: { 'x-cache': 'Hit from cloudfront', 'x-amz-cf-pop': 'FRA56-P1' },
  bunny: { 'cdn-cache': 'HIT', server: 'BunnyCDN-DE1-1078' },
  'google-cloud-cdn': { 'x-cache-status': 'hit', 'x-cdnbench-pop': 'fra' },
};

async function edge(kind: string): Promise<FakeApi> {
  const e = await startFakeApi((req) => {
    // Akamai edges report cache state only to requests carrying the Pragma debug values.
    const akamai = kind === 'akamai' && String(req.headers.pragma ?? '').includes('akamai-x-cache-on') ? { 'x-cache': 'TCP_HIT from a1-2-3-4.deploy.akamaitechnologies.com (AkamaiGHost/11.0.0-1) (-)' } : {};
    return { status: 200, headers: { 'content-type': 'application/json', ...(EDGE_HEADERS[kind] ?? {}), ...akamai }, body: '{"ok":true}' };
  });
  edges.push(e);
  return e;
}

const KINDS = ['cloudflare', 'fastly', 'cloudfront', 'akamai', 'bunny', 'google-cloud-cdn'] as const;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-creds-'));
  keyDir = await mkdtemp(join(tmpdir(), 'cdnbench-creds-key-'));
  out = join(dir, 'out');
  api = await startFakeApi(apiHandler);
  const retry = 'retry: { maxAttempts: 2, baseDelay: 20ms }';
  const profiles: Record<(typeof KINDS)[number], string> = {
    cloudflare: `zoneId: 023e105f4ecef8ad9ca31a8372d0c353\nplan: enterprise`,
    fastly: 'serviceId: SU1Z0isxPaozGVKXdv0eY',
    cloudfront: 'distributionId: EDFDVBD6EXAMPLE\ntagInvalidation: true\npollInterval: 100ms',
    akamai: 'network: staging',
    bunny: 'pullZoneId: 7',
    'google-cloud-cdn': 'project: cdnbench-e2e\nurlMap: staging-map',
  };
  for (const k of KINDS) {
    const e = await edge(k);
    await writeFile(join(dir, `${k}.yaml`), `kind: ${k}\n${profiles[k]}\n${retry}\nedges: [{ id: ${k}, url: "${e.url}" }]\n`);
  }
  await writeFile(join(keyDir, 'key.json'), JSON.stringify({ type: 'service_account', project_id: 'cdnbench-e2e', private_key_id: 'kid-e2e-0123456789', private_key: PEM, client_email: 'e2e@cdnbench-e2e.iam.gserviceaccount.com', token_uri: `${api.url}/token` }));
  await writeFile(join(dir, 'purge.yaml'), `name: purge-secrets
catalog: { seed: 7, books: 2, tracks: 4, albums: 1 }
sessions:
  r:
    steps:
      - get: /meta/{isbn}.json
load: { model: open, timeout: 2s }
phases: [{ duration: 1500ms, rate: 6 }]
events:
  - { at: 200ms, action: purge, urls: [/meta/9780000000002.json], tags: [isbn-9780000000002] }
`);
  const env = {
    CLOUDFLARE_API_TOKEN: CF_TOKEN, FASTLY_API_TOKEN: FASTLY_TOKEN, BUNNY_ACCESS_KEY: BUNNY_KEY,
    AKAMAI_HOST: AKAMAI.host, AKAMAI_CLIENT_TOKEN: AKAMAI.clientToken, AKAMAI_ACCESS_TOKEN: AKAMAI.accessToken, AKAMAI_CLIENT_SECRET: AKAMAI.secret,
    AWS_ACCESS_KEY_ID: AWS.id, AWS_SECRET_ACCESS_KEY: AWS.secret, AWS_SESSION_TOKEN: AWS.session, AWS_PROFILE: '',
    AWS_EC2_METADATA_DISABLED: 'true', AWS_SHARED_CREDENTIALS_FILE: join(keyDir, 'none'), AWS_CONFIG_FILE: join(keyDir, 'none'),
    GOOGLE_APPLICATION_CREDENTIALS: join(keyDir, 'key.json'),
    CDNBENCH_CLOUDFLARE_API_BASE: `${api.url}/client/v4`, CDNBENCH_FASTLY_API_BASE: api.url, CDNBENCH_BUNNY_API_BASE: api.url,
    CDNBENCH_AKAMAI_API_BASE: api.url, CDNBENCH_CLOUDFRONT_API_BASE: api.url, CDNBENCH_GOOGLE_API_BASE: api.url,
  };
  const providers = KINDS.flatMap((k) => ['--provider', join(dir, `${k}.yaml`)]);
  check = await runCli(['run', join(dir, 'purge.yaml'), ...providers, '--check-credentials'], { env, timeoutMs: 60_000 });
  run = await runCli(['run', join(dir, 'purge.yaml'), ...providers, '--out', out, '--json'], { env, timeoutMs: 120_000 });
}, 180_000);

afterAll(async () => {
  await api.close();
  await Promise.all(edges.map((e) => e.close()));
  await rm(dir, { recursive: true, force: true });
  await rm(keyDir, { recursive: true, force: true });
});

async function filesUnder(d: string): Promise<string[]> {
  const entries = await readdir(d, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('credentials never reach outputs', () => {
  const secrets = [CF_TOKEN, FASTLY_TOKEN, BUNNY_KEY, AKAMAI.clientToken, AKAMAI.accessToken, AKAMAI.secret, AWS.id, AWS.secret, AWS.session, GOOGLE_TOKEN, PEM_PART, 'kid-e2e-0123456789'];
  const forms = (s: string): string[] => [s, Buffer.from(s).toString('base64'), encodeURIComponent(s)];

  it('the credential check passes, verifying online where the API allows it', () => {
    expect(check.code, check.stderr).toBe(0);
    for (const k of KINDS) expect(check.stdout).toContain(`${k}: `);
    expect(check.stdout).toContain('cloudflare: verified: GET /user/tokens/verify says the token is active');
    expect(check.stdout).toContain('google-cloud-cdn: verified: an access token was granted');
    expect(check.stdout).toContain('akamai: not verified online: Fast Purge has no read-only endpoint');
  });

  it('the run completes, every adapter purged with its credential, failures recorded', async () => {
    expect(run.code, run.stderr).toBe(0);
    const result = await readResultFile(join(out, 'result.json'));
    const byId = new Map(result.providers.map((p) => [p.id, p]));
    for (const k of KINDS) {
      const p = byId.get(k);
      expect(p?.summary.requests, k).toBeGreaterThan(0);
      expect(p?.summary.purges, k).toHaveLength(1);
    }
    expect(byId.get('fastly')?.summary.purges[0]).toMatchObject({ ok: false, attempts: 2 });
    expect(byId.get('bunny')?.summary.purges[0]).toMatchObject({ ok: false, attempts: 4 });
    expect(byId.get('bunny')?.summary.purges[0]?.error).toContain('HTTP 500: internal error for [redacted]');
    for (const k of ['cloudflare', 'cloudfront', 'akamai', 'google-cloud-cdn']) expect(byId.get(k)?.summary.purges[0]?.ok, k).toBe(true);
    // Akamai's edges answered with X-Cache only because the Pragma debug header was sent.
    expect(byId.get('akamai')?.summary.hitRatio).toBe(1);
    expect(byId.get('akamai')?.pops).toEqual(['a1-2-3-4.deploy.akamaitechnologies.com']);
    // The secrets were really sent to the API: the search below is not vacuous.
    const sent = JSON.stringify(api.requests.map((q) => [q.headers, q.path, q.body]));
    for (const s of [CF_TOKEN, FASTLY_TOKEN, BUNNY_KEY, AKAMAI.clientToken, GOOGLE_TOKEN, AWS.id]) expect(sent).toContain(s);
  });

  it('no secret in any output file, stdout or stderr — plain, base64 or URL-encoded', async () => {
    const files = await filesUnder(out);
    expect(files.length).toBeGreaterThan(0);
    const texts: [string, string][] = [
      ['check stdout', check.stdout], ['check stderr', check.stderr], ['run stdout', run.stdout], ['run stderr', run.stderr],
      ...(await Promise.all(files.map(async (f): Promise<[string, string]> => [f, await readFile(f, 'utf8')]))),
    ];
    for (const [where, text] of texts) {
      for (const s of secrets) for (const f of forms(s)) expect(text.includes(f), `${where} contains a form of a secret (${s.slice(0, 6)}…)`).toBe(false);
    }
    // The failures were reported, redacted, on stderr as well.
    expect(run.stderr).toMatch(/purge on fastly failed: .*HTTP 403: bad key \[redacted\]/);
  });
});
