/**
 * Hedged requests through the built CLI, against two members whose latency the test controls: member a
 * answers in 2 ms except every 20th request, which it holds 300 ms (a slow tail); member b always takes
 * 25 ms. Every first attempt goes to a (weighted steering, b at weight 0), so b sees only hedges. Ground
 * truth: the injected delays fix the unhedged p99 (≥ 300 ms), and the servers count what they received.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readResultFile } from '../src/result/result-schema.js';
import type { ProviderResult } from '../src/result/result-model.js';
import { assertCliBuilt, runCli } from './helpers/cli.js';
import { startLatencyServer, type LatencyServer } from './helpers/latency-server.js';

let dir = '';
let servers: LatencyServer[] = [];
beforeAll(() => assertCliBuilt());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-hedge-'));
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  await rm(dir, { recursive: true, force: true });
});

const SLOW_MS = 300;
const REQUESTS = 200;

async function runOnce(hedge: string): Promise<{ p: ProviderResult; a: LatencyServer; b: LatencyServer }> {
  const a = await startLatencyServer({ delayMs: ({ index }) => (index % 20 === 19 ? SLOW_MS : 2), headers: { 'cache-status': 'edge-a; hit' } });
  const b = await startLatencyServer({ delayMs: () => 25, headers: { 'cache-status': 'edge-b; hit' } });
  servers.push(a, b);
  await writeFile(join(dir, 'a.yaml'), `kind: target\ndialect: rfc9211\nedges: [{ id: a1, url: "${a.url}" }]\n`);
  await writeFile(join(dir, 'b.yaml'), `kind: target\ndialect: rfc9211\nedges: [{ id: b1, url: "${b.url}" }]\n`);
  await writeFile(join(dir, 'multi.yaml'), `kind: multi
members:
  - { provider: a.yaml, weight: 1 }
  - { provider: b.yaml, weight: 0 }
steering: { mode: weighted }
${hedge}`);
  await writeFile(join(dir, 'scenario.yaml'), `name: hedge-truth
sessions:
  one:
    steps:
      - get: /obj/{session}
load: { model: open, connections: 16, timeout: 5s }
phases: [{ duration: 4s, rate: ${REQUESTS / 4} }]
`);
  // Each run writes its own folder: a folder already holding a result is refused without --force.
  const out = join(dir, `out-${hedge === '' ? 'plain' : 'hedged'}`);
  const r = await runCli(['run', join(dir, 'scenario.yaml'), '--provider', join(dir, 'multi.yaml'), '--out', out, '--quiet', '--no-preflight']);
  expect(r.code, r.stderr).toBe(0);
  const p = (await readResultFile(join(out, 'result.json'))).providers[0];
  if (p === undefined) throw new Error('no provider in the result');
  return { p, a, b };
}

describe('multi-CDN hedging', () => {
  it('cuts the p99 a slow tail causes, and counts every hedge and its extra request', async () => {
    const plain = await runOnce('');
    const hedged = await runOnce('hedge: { after: p80, minSamples: 10, budget: 0.2 }\n');
    const p99 = (x: ProviderResult): number => x.summary.smallObject.p99Ms ?? Number.NaN;
    console.log(`hedging: p99 ${p99(plain.p).toFixed(1)} ms unhedged → ${p99(hedged.p).toFixed(1)} ms hedged; p50 ${plain.p.summary.smallObject.p50Ms} → ${hedged.p.summary.smallObject.p50Ms} ms; `
      + `hedges ${hedged.p.summary.multiCdn?.hedged}, won ${hedged.p.summary.multiCdn?.hedgeWins}, extra ${hedged.p.summary.multiCdn?.extraRequests} requests / ${hedged.p.summary.multiCdn?.extraBytes} bytes`);
    // Unhedged: 5% of requests take 300 ms, so p99 is the slow tail; b never saw a request.
    expect(plain.p.summary.requests).toBe(REQUESTS);
    expect(plain.a.requests).toBe(REQUESTS);
    expect(plain.b.requests).toBe(0);
    expect(p99(plain.p)).toBeGreaterThanOrEqual(SLOW_MS);
    expect(plain.p.summary.multiCdn?.hedged).toBe(0);
    // Hedged: the tail is raced by b (25 ms) after a's p80 (a few ms): p99 well under the slow delay.
    expect(hedged.p.summary.requests).toBe(REQUESTS);
    expect(p99(hedged.p)).toBeLessThan(SLOW_MS / 2);
    const m = hedged.p.summary.multiCdn;
    if (m === undefined || m === null) throw new Error('no summary.multiCdn');
    // b received exactly the hedges; a every first attempt; each hedge left one losing request (extra).
    expect(hedged.a.requests).toBe(REQUESTS);
    expect(m.hedged).toBe(hedged.b.requests);
    expect(m.hedged).toBeGreaterThanOrEqual(8);
    expect(m.extraRequests).toBe(m.hedged);
    expect(m.hedgeWins).toBeGreaterThanOrEqual(8);
    expect(m.members.find((x) => x.id === 'b')?.hedgesSent).toBe(m.hedged);
    expect(m.members.find((x) => x.id === 'a')?.attempts).toBe(REQUESTS);
    // Samples name the member and the PoP its dialect read from the answer (RFC 9211 cache name).
    expect(hedged.p.pops.sort()).toEqual(['a/edge-a', 'b/edge-b']);
    expect(hedged.p.summary.smallObject.perPop['b/edge-b']?.count).toBe(m.hedgeWins);
  });
});
