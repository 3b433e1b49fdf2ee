/**
 * Cost truth through the CLI: a run against an emulated profile with known prices costs exactly what a
 * hand computation from the counted bytes, the requests and the origin's bytes gives.
 * The origin's bytes are known independently: one object, fetched once per PoP (coalescing on), whose
 * size the test reads from its own copy of the origin built from the same catalog.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../src/catalog/catalog.js';
import { DEFAULT_CATALOG } from '../src/catalog/catalog-config.js';
import { startOrigin } from '../src/lab/origin/index.js';
import { readResultFile } from '../src/result/result-schema.js';
import { runCli } from './helpers/cli.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-cost-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const catalog = { ...DEFAULT_CATALOG, books: 1, tracks: 10, albums: 1 };

describe('egress cost', () => {
  it('equals the hand computation from counted bytes, requests, origin bytes and the price table', async () => {
    // Prices large enough that every term is many cents.
    await writeFile(join(dir, 'priced.yaml'), `kind: emulator
archetype: edge-optimized
pops: [{ id: fra, region: europe }, { id: iad }]
latency: 1ms
invalidation: 1s
purgeApi: generic
purgeKinds: [url]
coalescing: true
shield: false
edgeKv: false
dialect: rfc9211
prices:
  egress: { default: [{ upToGB: null, usdPerGB: 1000 }], europe: [{ upToGB: null, usdPerGB: 2000 }] }
  per10kRequestsUsd: 10
  originEgressUsdPerGB: 5000
  planMonthlyUsd: 20
  source: test prices
`);
    await writeFile(join(dir, 'one.yaml'), `name: cost-truth
catalog: { seed: ${catalog.seed}, books: 1, tracks: 10, albums: 1 }
sessions:
  r:
    steps:
      - get: /meta/{isbn}.json
load: { model: open }
phases: [{ duration: 3s, rate: 10 }]
`);
    const r = await runCli(['run', join(dir, 'one.yaml'), '--provider', join(dir, 'priced.yaml'), '--out', dir, '--quiet', '--monthly-sessions', '1000000']);
    expect(r.code, r.stderr).toBe(0);
    const p = (await readResultFile(join(dir, 'result.json'))).providers[0];
    if (p === undefined) throw new Error('no provider');

    // Independent truth of the origin's bytes: the size of the one object, once per PoP.
    const origin = await startOrigin({ catalog, token: 'test-token-123456', seed: catalog.seed });
    const isbn = Catalog.create(catalog).bookAt(0).isbn;
    const res = await request(`${origin.url}/meta/${isbn}.json`);
    const objectBytes = (await res.body.arrayBuffer()).byteLength;
    await origin.close();

    const bytesIn = (pop: string): number => p.series.filter((s) => s.key.pop === pop).reduce((a, s) => a + s.bytes, 0);
    const eu = bytesIn('fra');
    const other = bytesIn('iad');
    expect(eu + other).toBe(p.summary.bytes);
    expect(p.summary.requests).toBe(30);
    const expected = (eu / 1e9) * 2000 + (other / 1e9) * 1000 + (30 / 10_000) * 10 + ((2 * objectBytes) / 1e9) * 5000;
    const cost = p.summary.cost;
    expect(cost).not.toBeNull();
    expect(cost?.originEgressGB).toBeCloseTo((2 * objectBytes) / 1e9, 12);
    expect(cost?.totalUsd).toBeCloseTo(expected, 6);
    expect(cost?.perMillionSessionsUsd).toBeCloseTo((expected / 30) * 1e6, 3);
    // A month of 1M sessions: every volume × (1e6 / 30), the same flat prices, plus the $20 plan fee.
    expect(cost?.monthlyUsd).toBeCloseTo(expected * (1e6 / 30) + 20, 2);
  });
});
