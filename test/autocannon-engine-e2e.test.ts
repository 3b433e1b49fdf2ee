/**
 * `run --engine autocannon` end to end, against a local server that counts what it receives: the result's
 * request count must equal the server's, per path as well, latencies must include the server's injected
 * delay, and a scenario the engine cannot express must stop before any request with exit 104.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeHistogram } from '../src/result/histogram.js';
import type { RunResult } from '../src/result/result-model.js';
import { readResultFile } from '../src/result/result-schema.js';
import { assertCliBuilt, runCli } from './helpers/cli.js';
import { startLatencyServer, type LatencyServer } from './helpers/latency-server.js';

let dir = '';
let server: LatencyServer | null = null;

beforeAll(() => assertCliBuilt());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-ac-'));
});
afterEach(async () => {
  await server?.close();
  server = null;
  await rm(dir, { recursive: true, force: true });
});

function closedScenario(o: { vus: number; duration: string; limits?: string; extraStep?: string }): string {
  return [
    'name: ac-e2e',
    'catalog: { seed: 7, books: 20, tracks: 20, albums: 2 }',
    'sessions:',
    '  reader:',
    '    steps:',
    '      - get: /meta/{isbn}.json',
    '      - repeat: 2..5',
    '        advance: { page: 10 }',
    '        steps:',
    '          - get: /maps/{isbn}/{edition}/{lang}/{range}.json',
    ...(o.extraStep === undefined ? [] : [o.extraStep]),
    'load: { model: closed, timeout: 5s }',
    'phases:',
    `  - { duration: ${o.duration}, vus: ${o.vus} }`,
    ...(o.limits === undefined ? [] : [`limits: ${o.limits}`]),
    '',
  ].join('\n');
}

async function run(scenario: string, target: string): Promise<{ code: number | null; stderr: string; result: RunResult | null }> {
  const file = join(dir, 's.yaml');
  await writeFile(file, scenario);
  const out = join(dir, 'out');
  const r = await runCli(['run', file, '--engine', 'autocannon', '--target', target, '--out', out, '--quiet', '--no-preflight'], { timeoutMs: 60_000 });
  const result = r.code === 0 || r.code === 1 ? await readResultFile(join(out, 'result.json')).catch(() => null) : null;
  return { code: r.code, stderr: r.stderr, result };
}

describe('run --engine autocannon', () => {
  it('records exactly the requests the server received, per path, with the server delay in every latency', async () => {
    server = await startLatencyServer({ delayMs: () => 10, headers: { 'cache-status': 'lab; hit' } });
    const { code, stderr, result } = await run(closedScenario({ vus: 6, duration: '2s' }), server.url);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const p = result?.providers[0];
    expect(result?.meta.engine).toBe('autocannon');
    expect(result?.meta.model).toBe('closed');
    expect(p?.summary.requests).toBeGreaterThan(100);
    expect(p?.summary.requests).toBe(server.requests);
    // Per path too: the sum of series requests by object class equals the server's per-prefix counts.
    const served = (prefix: string): number => [...server!.byPath].filter(([k]) => k.startsWith(prefix)).reduce((a, [, n]) => a + n, 0);
    expect(p?.summary.byClass.metadata?.requests).toBe(served('/meta/'));
    expect(p?.summary.byClass['mapping-tile']?.requests).toBe(served('/maps/'));
    expect(p?.summary.allObjects.count).toBe(server.requests);
    expect(p?.summary.hitRatio).toBe(1);
    expect(p?.summary.errors).toBe(0);
    // Every response was held 10 ms by the server; libuv's millisecond loop clock can fire a timer up to
    // 1 ms early, so no latency can be below 9 ms.
    const mins = (p?.series ?? []).map((s) => decodeHistogram(s.latency).minNonZeroValue);
    expect(mins.length).toBeGreaterThan(0);
    for (const us of mins) expect(us).toBeGreaterThanOrEqual(9000);
    expect(p?.sessions.started).toBeGreaterThan(0);
    expect(p?.sessions.completed).toBeLessThanOrEqual(p?.sessions.started ?? 0);
    expect(server.maxInFlight).toBeLessThanOrEqual(6);
  }, 60_000);

  it('stops at maxRequests exactly', async () => {
    server = await startLatencyServer();
    const { code, result } = await run(closedScenario({ vus: 8, duration: '20s', limits: '{ maxRequests: 300 }' }), server.url);
    expect(code).toBe(0);
    expect(result?.meta.stopReason).toBe('max-requests');
    expect(result?.providers[0]?.summary.requests).toBe(300);
    expect(server.requests).toBe(300);
  }, 60_000);

  it('refuses a scenario with think time before any load (exit 104)', async () => {
    server = await startLatencyServer();
    const { code, stderr } = await run(closedScenario({ vus: 2, duration: '1s', extraStep: '          - think: 1s' }), server.url);
    expect(code).toBe(104);
    expect(stderr).toMatch(/autocannon engine cannot run/);
    expect(stderr).toMatch(/sessions\.reader\.steps\[1\]\.steps\[1\]: think time/);
    expect(server.requests).toBe(0);
  });

  it('refuses the open model (exit 104)', async () => {
    server = await startLatencyServer();
    const r = await runCli(['run', 'quick-compare', '--engine', 'autocannon', '--target', server.url, '--quiet']);
    expect(r.code).toBe(104);
    expect(r.stderr).toMatch(/closed model only/);
    expect(server.requests).toBe(0);
  });
});
