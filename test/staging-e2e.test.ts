/**
 * Staging endpoints through the built CLI: PoP pinning (two edge IPs behind one hostname, over HTTP and
 * HTTPS with SNI), header-dialect autodetection, the cache-busting namespace and a webhook purge whose
 * secret comes from the environment and appears in no output. Ground truth: what each edge server saw.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readResultFile } from '../src/result/result-schema.js';
import { assertCliBuilt, runCli } from './helpers/cli.js';
import { startPinnedServers, type PinnedServers } from './helpers/pinned-servers.js';

let dir = '';
let edges: PinnedServers | null = null;
let hook: Server | null = null;

beforeAll(() => assertCliBuilt());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-staging-'));
});
afterEach(async () => {
  await edges?.close();
  edges = null;
  const h = hook;
  hook = null;
  if (h !== null) await new Promise<void>((r) => { h.closeAllConnections(); h.close(() => r()); });
  await rm(dir, { recursive: true, force: true });
});

const SCENARIO = `name: staging-pins
catalog: { seed: 7, books: 5, tracks: 10, albums: 1 }
sessions:
  r:
    steps:
      - get: /meta/{isbn}.json
load: { model: open, connections: 2, timeout: 5s }
phases: [{ duration: 2s, rate: 20 }]
`;

async function files(profile: string, scenario = SCENARIO): Promise<{ profile: string; scenario: string }> {
  await writeFile(join(dir, 'staging.yaml'), profile);
  await writeFile(join(dir, 'scenario.yaml'), scenario);
  return { profile: join(dir, 'staging.yaml'), scenario: join(dir, 'scenario.yaml') };
}

function pinnedProfile(scheme: 'http' | 'https', port: number, extra = ''): string {
  return `kind: staging
dialect: auto
endpoints:
  - url: ${scheme}://cdn.test:${port}/v1/
    pops:
      - { id: fra, address: 127.0.0.2 }
      - { id: iad, address: 127.0.0.3 }
cacheBust: { query: cb }
${extra}`;
}

async function expectPinned(e: PinnedServers, scheme: 'http' | 'https', env: Record<string, string> = {}): Promise<void> {
  const f = await files(pinnedProfile(scheme, e.port));
  const r = await runCli(['run', f.scenario, '--provider', f.profile, '--out', dir, '--no-preflight'], { env, timeoutMs: 60_000 });
  expect(r.code, r.stderr).toBe(0);
  const result = await readResultFile(join(dir, 'result.json'));
  const p = result.providers[0];
  if (p === undefined) throw new Error('no provider in the result');
  const fra = e.seen['127.0.0.2'];
  const iad = e.seen['127.0.0.3'];
  console.log(`pinning over ${scheme}: 127.0.0.2 received ${fra.length}, 127.0.0.3 ${iad.length}; result perPop fra ${p.summary.smallObject.perPop.fra?.count}, iad ${p.summary.smallObject.perPop.iad?.count}; `
    + `hosts ${[...new Set([...fra, ...iad].map((s) => s.host))].join(',')}; SNI ${[...new Set([...fra, ...iad].map((s) => s.servername ?? '-'))].join(',')}; dialect ${p.dialect}`);
  expect(fra.length).toBeGreaterThan(5);
  expect(iad.length).toBeGreaterThan(5);
  // Samples carry the PoP of the edge IP they were sent to: per-PoP counts equal what each IP received.
  expect(p.kind).toBe('staging');
  expect(p.pops).toEqual(['fra', 'iad']);
  expect(p.summary.smallObject.perPop.fra?.count).toBe(fra.length);
  expect(p.summary.smallObject.perPop.iad?.count).toBe(iad.length);
  expect(p.summary.errors).toBe(0);
  // The Host header (and over TLS the SNI) the edges saw is the URL's, not the address.
  for (const s of [...fra, ...iad]) {
    expect(s.host).toBe(`cdn.test:${e.port}`);
    if (scheme === 'https') expect(s.servername).toBe('cdn.test');
    // Base path first, the run's cache-busting query last.
    expect(s.path).toMatch(new RegExp(`^/v1/meta/\\d{13}\\.json\\?cb=${result.meta.runId}$`));
  }
  // The dialect was detected from the first responses (cf-cache-status) and recorded.
  expect(p.dialect).toBe('cloudflare');
  expect(p.summary.hitRatio).toBe(1);
  expect(r.stderr).toContain('header dialect detected from the first responses: cloudflare');
}

describe('staging provider', () => {
  it('pins PoPs to edge IPs over HTTP: right PoP per sample, Host stays the hostname, dialect detected, cache busted', async () => {
    edges = await startPinnedServers();
    await expectPinned(edges, 'http');
  });

  it('pins PoPs over HTTPS with the hostname as TLS SNI and a certificate checked for it', async () => {
    const pems = await generate([{ name: 'commonName', value: 'cdn.test' }], {
      keySize: 2048,
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'cdn.test' }] }],
    });
    const ca = join(dir, 'ca.pem');
    await writeFile(ca, pems.cert);
    edges = await startPinnedServers({ tls: { key: pems.private, cert: pems.cert } });
    await expectPinned(edges, 'https', { NODE_EXTRA_CA_CERTS: ca });
  });

  it('purges through a webhook with absolute, cache-busted URLs; the secret reaches the hook and no output', async () => {
    edges = await startPinnedServers();
    const received: { auth: string | undefined; body: string }[] = [];
    const h = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => {
        received.push({ auth: req.headers['x-purge-key'], body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"p-1"}');
      });
    });
    hook = h;
    await new Promise<void>((r) => h.listen(0, '127.0.0.1', () => r()));
    const hookUrl = `http://127.0.0.1:${(h.address() as AddressInfo).port}/purge`;
    const secret = 'hook-secret-7c1e0b5d9a';
    const f = await files(
      pinnedProfile('http', edges.port, `purge:\n  webhook: { url: ${hookUrl}, authHeader: X-Purge-Key, authEnv: CDNBENCH_TEST_HOOK_SECRET }\n  kinds: [url, tag]\n`),
      `${SCENARIO}events:\n  - { at: 500ms, action: purge, urls: [/meta/9780000000002.json], tags: [isbn-9780000000002] }\n`,
    );
    const r = await runCli(['run', f.scenario, '--provider', f.profile, '--out', dir, '--json'], { env: { CDNBENCH_TEST_HOOK_SECRET: secret } });
    expect(r.code, r.stderr).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]?.auth).toBe(secret);
    const result = await readResultFile(join(dir, 'result.json'));
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({
      urls: [`http://cdn.test:${edges.port}/v1/meta/9780000000002.json?cb=${result.meta.runId}`],
      tags: ['isbn-9780000000002'],
      all: false,
    });
    const written = await readFile(join(dir, 'result.json'), 'utf8');
    for (const text of [written, r.stdout, r.stderr]) expect(text).not.toContain(secret);
  });

  it('refuses, before any load, a webhook whose secret variable is not set, and a purge event without a hook', async () => {
    edges = await startPinnedServers();
    const f = await files(pinnedProfile('http', edges.port, 'purge:\n  webhook: { url: http://127.0.0.1:9/purge, authEnv: CDNBENCH_TEST_UNSET_SECRET }\n'));
    const r = await runCli(['run', f.scenario, '--provider', f.profile, '--out', dir]);
    expect(r.code).toBe(104);
    expect(r.stderr.trim().split('\n')[0]).toMatch(/purge\.webhook\.authEnv names CDNBENCH_TEST_UNSET_SECRET, which is not set/);
    const g = await files(pinnedProfile('http', edges.port), `${SCENARIO}events:\n  - { at: 500ms, action: purge, urls: [/a] }\n`);
    const r2 = await runCli(['run', g.scenario, '--provider', g.profile, '--out', dir]);
    expect(r2.code).toBe(104);
    expect(r2.stderr).toMatch(/has no invalidation API/);
    expect(edges.seen['127.0.0.2'].length + edges.seen['127.0.0.3'].length).toBe(0);
  });
});
