/**
 * The provider-selection verdict through the CLI (issue 15), each against a ground truth the test controls:
 * (1) two HTTP servers written here, one healthy, one answering 30 % of requests with fast 503s; (3) emulated
 * profiles whose invalidation delay the test fixes beyond the probe window; (4) a priced emulated profile with
 * a warm-up phase, its steady-state projection recomputed by hand from the result's own volumes and the prices
 * written here; (5) results recorded from hand-made samples, near-equal and clearly apart.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readResultFile } from '../src/result/result-schema.js';
import { RESULT_SCHEMA_VERSION, type RunResult } from '../src/result/result-model.js';
import { assertCliBuilt, runCli } from './helpers/cli.js';
import { providerResults, samples } from './helpers/slo-result.js';

let dir = '';
const servers: Server[] = [];

beforeAll(() => assertCliBuilt());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-verdict-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); })));
  await rm(dir, { recursive: true, force: true });
});

/** A server answering after 15 ms with a cache hit; with `failEvery`, 3 of every 10 requests get an immediate 503. */
async function testServer(flaky: boolean): Promise<{ port: number; counts: { total: number; failed: number } }> {
  const counts = { total: 0, failed: 0 };
  const server = createServer((_req, res) => {
    counts.total++;
    // Deterministic 30 %: requests 1–3 of every 10 fail.
    const fail = flaky && counts.total % 10 >= 1 && counts.total % 10 <= 3;
    if (fail) counts.failed++;
    const send = (): void => {
      res.writeHead(fail ? 503 : 200, { 'content-type': 'application/json', 'cache-status': fail ? 'test; fwd=miss' : 'test; hit' });
      res.end(fail ? 'unavailable' : '{"ok":true}');
    };
    if (fail) send();
    else setTimeout(send, 15);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.address() as AddressInfo).port, counts };
}

const stagingProfile = (port: number): string => `kind: staging
dialect: generic
endpoints:
  - url: http://127.0.0.1:${port}/
    pops: [{ id: fra, address: 127.0.0.1 }]
`;

describe('errors decide (1, 7)', () => {
  it('recommends the healthy provider and marks the fast-503 one ineligible with its error rate', async () => {
    const healthy = await testServer(false);
    const flaky = await testServer(true);
    await writeFile(join(dir, 'healthy.yaml'), stagingProfile(healthy.port));
    await writeFile(join(dir, 'flaky.yaml'), stagingProfile(flaky.port));
    await writeFile(join(dir, 's.yaml'), `name: errors-decide
catalog: { seed: 7, books: 5, tracks: 10, albums: 1 }
sessions:
  r:
    steps:
      - get: /meta/{isbn}.json
load: { model: open, connections: 2, timeout: 5s }
phases: [{ duration: 2s, rate: 20 }]
`);
    const run = await runCli(['run', join(dir, 's.yaml'), '--provider', join(dir, 'healthy.yaml'), '--provider', join(dir, 'flaky.yaml'), '--out', join(dir, 'out'), '--report', 'html,md,csv', '--no-preflight'], { timeoutMs: 90_000 });
    expect(run.code, run.stderr).toBe(0);
    const truth = flaky.counts.failed / flaky.counts.total;
    console.log(`flaky server: ${flaky.counts.failed} of ${flaky.counts.total} answered 503 (${(truth * 100).toFixed(2)} %); healthy ${healthy.counts.total} requests\n${run.stdout}`);
    expect(truth).toBeGreaterThan(0.28);
    // 7: the run ends with the ranked table, one verdict line and the report paths.
    const lines = run.stdout.split('\n');
    const rows = lines.filter((l) => /^(healthy|flaky) /.test(l));
    expect(rows[0]).toMatch(/^healthy\s+1\s+yes/);
    expect(rows[1]).toMatch(/^flaky\s+2\s+NO\s.*30\.00%\s+5xx 30\.0%/);
    const verdict = lines.find((l) => l.startsWith('verdict: '));
    expect(verdict).toMatch(/^verdict: Choose healthy: the only provider within the 1\.00 % error budget; flaky not eligible \(error rate 30\.0 % \(5xx 30\.0 %\)/);
    expect(run.stdout).toMatch(/report: .*report\.html/);

    const result = await readResultFile(join(dir, 'out', 'result.json'));
    const f = result.providers.find((p) => p.id === 'flaky');
    expect(f?.summary.requests).toBe(flaky.counts.total);
    expect(f?.summary.errors).toBe(flaky.counts.failed);

    const cmp = await runCli(['compare', join(dir, 'out', 'result.json'), '--json']);
    expect(cmp.code, cmp.stderr).toBe(0);
    const ranking = JSON.parse(cmp.stdout) as { providers: { id: string; eligible: boolean; ineligibleReason: string | null; metrics: Record<string, { value: number }> }[]; recommendation: { winner: string } };
    expect(ranking.recommendation.winner).toBe('healthy');
    const fr = ranking.providers.find((p) => p.id === 'flaky');
    expect(fr?.eligible).toBe(false);
    expect(fr?.metrics['error-rate']?.value).toBe(truth);
    expect(fr?.ineligibleReason).toContain(`error rate ${(truth * 100).toFixed(1)} %`);
    // A budget of 50 % makes it eligible again; a malformed budget is a usage error, like a malformed --weights.
    const loose = await runCli(['compare', join(dir, 'out', 'result.json'), '--error-budget', '50%']);
    expect(loose.stdout).not.toContain('Not eligible');
    expect((await runCli(['compare', join(dir, 'out', 'result.json'), '--error-budget', 'lots'])).code).toBe(2);

    const html = await readFile(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('id="errors"');
    expect(html).toContain('not eligible: error rate 30.0 %');
    const md = await readFile(join(dir, 'out', 'report.md'), 'utf8');
    expect(md).toMatch(/\| 2 \| flaky — not eligible: error rate 30\.0 %/);
    const csv = await readFile(join(dir, 'out', 'report.csv'), 'utf8');
    expect(csv).toContain(`errors-decide,flaky,all,all,errors_5xx,${flaky.counts.failed},count`);
  }, 120_000);
});

const emulated = (invalidation: string, prices = "{ egress: { default: [{ upToGB: null, usdPerGB: 0.1 }] }, source: test }"): string => `kind: emulator
archetype: edge-optimized
pops: [{ id: fra }, { id: iad }]
latency: 2ms
invalidation: ${invalidation}
purgeApi: generic
purgeKinds: [url, tag, all]
coalescing: true
shield: false
edgeKv: false
dialect: rfc9211
prices: ${prices}
`;

describe('censored invalidation (3)', () => {
  it('a purge converging after the window is "> window", scored at the window bound rather than 0', async () => {
    await writeFile(join(dir, 'fast.yaml'), emulated('200ms'));
    await writeFile(join(dir, 'slow.yaml'), emulated('5s'));
    await writeFile(join(dir, 'r.yaml'), `name: censored
catalog: { seed: 42, books: 5, tracks: 5, albums: 1 }
timeScale: 0.01
sessions:
  reader:
    steps:
      - get: /maps/{isbn}/{edition}/{lang}/{range}.json
load: { model: open }
phases: [{ duration: 2s, rate: 5 }]
events:
  - { at: 500ms, action: publish, book: 0, changePercent: 10, strategy: purge-url, probe: { interval: 50ms, timeout: 1s } }
`);
    const run = await runCli(['run', join(dir, 'r.yaml'), '--provider', join(dir, 'fast.yaml'), '--provider', join(dir, 'slow.yaml'), '--out', join(dir, 'out'), '--report', 'md'], { timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    const result = await readResultFile(join(dir, 'out', 'result.json'));
    const slow = result.providers.find((p) => p.id === 'slow')?.summary.invalidation;
    const fast = result.providers.find((p) => p.id === 'fast')?.summary.invalidation;
    // Truth: the slow profile needs 5 s, the window is 1 s: nothing converged; the fast one all did.
    expect(slow?.converged).toBe(0);
    expect(slow?.windowMs).toBe(1000);
    expect(fast?.converged).toBe(1);
    const cmp = await runCli(['compare', join(dir, 'out', 'result.json'), '--json', '--weights', 'small-p95=0,error-rate=0,cost-per-1m=0,coalescing-ratio=0,invalidation-t95=1']);
    expect(cmp.code, cmp.stderr).toBe(0);
    const ranking = JSON.parse(cmp.stdout) as { providers: { id: string; score: number; metrics: Record<string, { value: number; censored?: boolean }> }[] };
    const s = ranking.providers.find((p) => p.id === 'slow');
    const fastT95 = ranking.providers.find((p) => p.id === 'fast')?.metrics['invalidation-t95']?.value ?? Number.NaN;
    console.log(`fast t95 ${fastT95} ms; slow censored at ${s?.metrics['invalidation-t95']?.value} ms, score ${s?.score}`);
    expect(s?.metrics['invalidation-t95']).toMatchObject({ value: 1000, censored: true });
    expect(s?.score).toBeCloseTo(fastT95 / 1000, 12);
    expect(s?.score).toBeGreaterThan(0);
    const md = await readFile(join(dir, 'out', 'report.md'), 'utf8');
    expect(md).toContain('&gt; 1.00 s');
  }, 150_000);
});

describe('steady-state cost (4)', () => {
  it('the projection after the warm-up differs from the cold one and equals a hand computation', async () => {
    const prices = '{ egress: { default: [{ upToGB: null, usdPerGB: 0.1 }] }, per10kRequestsUsd: 0.02, originEgressUsdPerGB: 0.09, source: test }';
    await writeFile(join(dir, 'priced.yaml'), emulated('200ms', prices));
    await writeFile(join(dir, 'w.yaml'), `name: warm-cost
catalog: { seed: 42, books: 5, tracks: 5, albums: 1, languages: [en] }
sessions:
  reader:
    steps:
      - get: /meta/{isbn}.json
      - get: /maps/{isbn}/{edition}/{lang}/{range}.json
load: { model: open }
phases: [{ name: warm-up, duration: 2s, rate: 10 }, { name: steady, duration: 2s, rate: 10 }]
cost: { monthlySessions: 1000000 }
`);
    const run = await runCli(['run', join(dir, 'w.yaml'), '--provider', join(dir, 'priced.yaml'), '--out', join(dir, 'out'), '--report', 'none'], { timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    const result = await readResultFile(join(dir, 'out', 'result.json'));
    const p = result.providers[0];
    const c = p?.summary.cost;
    const tl = p?.timeline;
    if (p === undefined || c == null || c.steady === undefined || tl === undefined) throw new Error('no steady-state cost or timeline in the result');
    expect(result.meta.verdict?.warmUpMs).toBe(2000);
    // By hand: seconds from 2 on are steady; volumes per session scale to 1M sessions at the prices above.
    const all = tl.points;
    const steady = all.filter((x) => x.t >= 2);
    const sum = (xs: typeof all, k: 'bytes' | 'coldBodyBytes' | 'requests'): number => xs.reduce((a, x) => a + x[k], 0);
    const sessionsEq = (sum(steady, 'requests') * p.sessions.started) / c.requests;
    const factor = 1_000_000 / sessionsEq;
    const edgeBytes = c.edgeEgressGB * 1e9 * (sum(steady, 'bytes') / sum(all, 'bytes'));
    const originBytes = c.originEgressGB * 1e9 * (sum(steady, 'coldBodyBytes') / sum(all, 'coldBodyBytes'));
    const hand = (edgeBytes * factor / 1e9) * 0.1 + (sum(steady, 'requests') * factor / 10_000) * 0.02 + (originBytes * factor / 1e9) * 0.09;
    console.log(`monthly: cold start included $${c.monthlyUsd?.toFixed(2)}, steady $${c.steady.monthlyUsd?.toFixed(2)}, by hand $${hand.toFixed(2)}; origin GB ${c.originEgressGB}`);
    expect(c.steady.monthlyUsd).toBeCloseTo(hand, 6);
    expect(Math.abs((c.steady.monthlyUsd ?? 0) - (c.monthlyUsd ?? 0))).toBeGreaterThan(0.001);
    // Caches warm up: fewer misses, so less origin egress per session in the steady state.
    expect(c.steady.originBytes / sessionsEq).toBeLessThan((c.originEgressGB * 1e9) / p.sessions.started);
  }, 150_000);
});

function resultOf(offsetUs: number): RunResult {
  const providers = providerResults([
    ...samples(400, (i) => 100_000 + (i % 60) * 1000, { provider: 'alpha' }),
    ...samples(400, (i) => 100_000 + offsetUs + (i % 60) * 1000, { provider: 'beta' }),
  ]);
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    meta: {
      runId: 'hand-made', scenario: { name: 'hand-made', file: null, sha256: null }, engine: 'builtin', model: 'open',
      cdnbenchVersion: 'test', nodeVersion: process.version, gitCommit: null, host: 'test', agents: [{ name: 'test', region: '' }],
      startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:10.000Z', durationMs: 10_000, stopReason: 'completed', failure: null, smallObjectMaxBytes: 16_384,
    },
    providers,
  };
}

describe('noise-aware marks (5)', () => {
  it('near-equal p95s are a tie, never "better" nor ★; clearly apart ones get both', async () => {
    await writeFile(join(dir, 'near.json'), JSON.stringify(resultOf(300)));
    await writeFile(join(dir, 'far.json'), JSON.stringify(resultOf(80_000)));
    const weights = ['--weights', 'small-p95=1,error-rate=0,cost-per-1m=0,coalescing-ratio=0,invalidation-t95=0'];
    const near = await runCli(['compare', join(dir, 'near.json'), ...weights]);
    expect(near.code, near.stderr).toBe(0);
    console.log(near.stdout);
    const rows = (out: string): string => out.split('\n').filter((l) => /^[0-9] /.test(l)).join('\n');
    expect(rows(near.stdout)).toMatch(/alpha .* tie/);
    expect(rows(near.stdout)).toMatch(/beta .* tie/);
    expect(rows(near.stdout)).not.toContain('★');
    expect(near.stdout).not.toMatch(/better\s+on\s+small-object\s+p95/);
    expect(near.stdout).toMatch(/^No clear winner/m);
    expect(near.stdout).toMatch(/Tie\s+on\s+small-object\s+p95/);
    const far = await runCli(['compare', join(dir, 'far.json'), ...weights]);
    expect(rows(far.stdout)).toMatch(/alpha .*★/);
    expect(far.stdout).toMatch(/better\s+on\s+small-object\s+p95/);
  }, 60_000);
});
