/**
 * A purge that fails is a recorded, reported failure, not a crash: the built CLI runs a Cloudflare profile
 * whose purge API answers 500 forever. The run completes (exit 0), the table says the purge failed,
 * result.json records it (bounded attempts, the API's error) next to load data that matches what the
 * edge server counted.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResultFile } from '../src/result/result-schema.js';
import { runCli, type CliResult } from './helpers/cli.js';
import { startFakeApi, type FakeApi } from './helpers/fake-api.js';

let dir = '';
let api: FakeApi;
let edge: FakeApi;
let r: CliResult;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-purge500-'));
  api = await startFakeApi(() => ({ status: 500, body: { success: false, errors: [{ code: 10002, message: 'internal server error' }] } }));
  edge = await startFakeApi(() => ({ status: 200, headers: { 'cf-cache-status': 'HIT', 'cf-ray': '8a1b2c3d4e5f6a7b-AMS' }, body: '{"ok":true}' }));
  await writeFile(join(dir, 'cf.yaml'), `kind: cloudflare
zoneId: 023e105f4ecef8ad9ca31a8372d0c353
plan: enterprise
apiBase: ${api.url}/client/v4
retry: { maxAttempts: 3, baseDelay: 50ms }
edges: [{ id: staging, url: "${edge.url}" }]
`);
  await writeFile(join(dir, 's.yaml'), `name: purge-fails
catalog: { seed: 7, books: 2, tracks: 4, albums: 1 }
sessions:
  r:
    steps:
      - get: /meta/{isbn}.json
load: { model: open }
phases: [{ duration: 2s, rate: 8 }]
events:
  - { at: 300ms, action: purge, urls: [/meta/9780000000002.json] }
`);
  r = await runCli(['run', join(dir, 's.yaml'), '--provider', join(dir, 'cf.yaml'), '--out', dir, '--no-preflight'], { env: { CLOUDFLARE_API_TOKEN: 'cf-token-for-the-500-test-0123456789abcdef' }, timeoutMs: 60_000 });
}, 90_000);

afterAll(async () => {
  await api.close();
  await edge.close();
  await rm(dir, { recursive: true, force: true });
});

describe('purge API answering 500 forever', () => {
  it('the run completes and reports the failed purge under its table', () => {
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('purges on cf: 1 of 1 failed; first: purge_cache: HTTP 500: internal server error (code 10002) (after 3 attempts)');
    expect(r.stderr).toContain('purge on cf failed: purge_cache: HTTP 500');
  });

  it('result.json records the failure — exactly 3 attempts — and keeps the load data', async () => {
    const result = await readResultFile(join(dir, 'result.json'));
    expect(result.meta.stopReason).toBe('completed');
    const p = result.providers[0];
    expect(p?.summary.purges).toHaveLength(1);
    expect(p?.summary.purges[0]).toMatchObject({ ok: false, urls: 1, tags: 0, all: false, calls: 1, attempts: 3 });
    expect(p?.summary.purges[0]?.atMs).toBeGreaterThanOrEqual(290);
    expect(api.requests).toHaveLength(3);
    // Load data survived: what the edge served is what the result counts.
    const served = edge.requests.length;
    expect(served).toBeGreaterThan(5);
    expect(p?.summary.requests).toBe(served);
    expect(p?.summary.hitRatio).toBe(1);
    expect(p?.pops).toEqual(['AMS']);
  });

  it('without a token the run stops before any load: exit 104, one line naming the variable', async () => {
    const served = edge.requests.length;
    const apiCalls = api.requests.length;
    const bad = await runCli(['run', join(dir, 's.yaml'), '--provider', join(dir, 'cf.yaml'), '--out', join(dir, 'none')], { env: { CLOUDFLARE_API_TOKEN: '' }, timeoutMs: 30_000 });
    expect(bad.code).toBe(104);
    expect(bad.stderr).toContain('cdnbench: credentials: cf: CLOUDFLARE_API_TOKEN is not set (nor CLOUDFLARE_API_TOKEN_FILE');
    expect(edge.requests.length).toBe(served);
    expect(api.requests.length).toBe(apiCalls);
  });
});
