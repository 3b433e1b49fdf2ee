/**
 * Measured latency against injected delays, through the built CLI: a server whose every 10th request is
 * held 80 ms, a server that stalls (coordinated omission), and a lab profile whose PoP injects a known
 * latency distribution. These compare measured times with tight bounds, so they run in the serial
 * `e2e-timing` group (vitest.config.ts) with the CPU to themselves. Build first (`npm test` does it).
 * All traffic goes to 127.0.0.1.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderResult, RunResult } from '../src/result/result-model.js';
import { readResultFile } from '../src/result/result-schema.js';
import { assertCliBuilt, runCli, type CliResult } from './helpers/cli.js';
import { newMarker, ownLabProcesses, pollUntil, runMarkedCli, type ProcessInfo } from './helpers/lab-processes.js';
import { startLatencyServer, type LatencyServer } from './helpers/latency-server.js';
import { seriesSummary as combined } from './helpers/series-summary.js';

let dir = '';
let server: LatencyServer | null = null;

beforeAll(() => {
  assertCliBuilt();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-measured-'));
});

afterEach(async () => {
  await server?.close();
  server = null;
  await rm(dir, { recursive: true, force: true });
});

async function writeIn(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** An open-model scenario: `rate` sessions/s for `duration`, each session one GET of a small object. */
function openScenario(o: { rate: number; duration: string; connections: number }): string {
  return [
    'name: e2e',
    'sessions: { one: { steps: [{ get: "/obj/{session}" }] } }',
    `load: { model: open, connections: ${o.connections}, timeout: 5s }`,
    `phases: [{ duration: ${o.duration}, rate: ${o.rate} }]`,
    '',
  ].join('\n');
}

/** A run against a local server; the load preflight is skipped (its probes would add to the server's count). */
function cli(args: readonly string[]): Promise<CliResult> {
  return runCli([...args, '--no-preflight'], { cwd: dir, timeoutMs: 60_000 });
}

/** The one provider of a single-target run. */
function onlyProvider(result: RunResult): ProviderResult {
  expect(result.providers).toHaveLength(1);
  return result.providers[0] as ProviderResult;
}

/** Waits (≤ timeoutMs) until none of the marker's lab processes exists; returns those still there. */
async function labProcessesAfter(marker: string, timeoutMs = 5000): Promise<ProcessInfo[]> {
  const gone = await pollUntil(() => (ownLabProcesses(marker).length === 0 ? true : null), timeoutMs, 100);
  return gone === null ? ownLabProcesses(marker) : [];
}

describe('measurement truth against injected delays', () => {
  it('reports small-object p95 within [80, 90] ms and p50 < 10 ms when every 10th request is delayed 80 ms', async () => {
    // Deterministic: the 10th, 20th, … request to arrive is held 80 ms, the rest answered at once.
    server = await startLatencyServer({ delayMs: ({ index }) => (index % 10 === 9 ? 80 : 0) });
    const file = await writeIn('scenario.yaml', openScenario({ rate: 200, duration: '5s', connections: 64 }));
    const r = await cli(['run', file, '--target', server.url, '--out', dir, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);

    const result = await readResultFile(join(dir, 'result.json'));
    expect(result.meta.stopReason).toBe('completed');
    const p = onlyProvider(result);
    // Constant arrivals: exactly 200/s × 5 s sessions, one request each; the server saw every one.
    expect(server.requests).toBe(1000);
    expect(p.summary.requests).toBe(server.requests);
    expect(p.sessions.started).toBe(1000);
    expect(p.summary.errors).toBe(0);
    expect(p.summary.hitRatio).toBe(1);
    const small = p.summary.smallObject;
    expect(small.count).toBe(1000);
    expect(small.p95Ms).not.toBeNull();
    expect(small.p95Ms ?? 0).toBeGreaterThanOrEqual(80);
    expect(small.p95Ms ?? 0).toBeLessThanOrEqual(90);
    expect(small.p50Ms ?? Infinity).toBeLessThan(10);
    // The summary is derived from the stored histograms: recomputing it from the series agrees.
    expect(combined(p.series, 'latency')).toMatchObject({ count: 1000, p50Ms: small.p50Ms, p95Ms: small.p95Ms, p99Ms: small.p99Ms });
    console.info(`p95 truth: p50 ${small.p50Ms} ms, p95 ${small.p95Ms} ms, p99 ${small.p99Ms} ms, max ${small.maxMs} ms`);
  });

  it('charges a server stall to every request queued behind it (coordinated omission), unlike send-time measurement', async () => {
    // The server stalls 1 s every 4 s: a request arriving 1000–2000 ms (mod 4000) after the first one
    // is answered when that window ends; any other is answered at once.
    server = await startLatencyServer({
      delayMs: ({ arrivedAt, firstArrivalAt }) => {
        const phase = (arrivedAt - firstArrivalAt) % 4000;
        return phase >= 1000 && phase < 2000 ? 2000 - phase : 0;
      },
    });
    // One connection: during a stall the arrivals queue on the client, the classic CO case. 4 s hold one
    // stall: 100 of the 400 sessions arrive while it lasts.
    const file = await writeIn('scenario.yaml', openScenario({ rate: 100, duration: '4s', connections: 1 }));
    const r = await cli(['run', file, '--target', server.url, '--out', dir, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);

    const p = onlyProvider(await readResultFile(join(dir, 'result.json')));
    expect(server.requests).toBe(400);
    expect(p.summary.requests).toBe(400);
    expect(p.summary.errors).toBe(0);
    // Corrected (from the intended start): ~25 % of the sessions waited up to 1 s.
    const corrected = p.summary.smallObject;
    expect(corrected.count).toBe(400);
    expect(corrected.p99Ms ?? 0).toBeGreaterThanOrEqual(500);
    // Uncorrected (from the actual send): only the request held at the server saw the stall.
    const service = combined(p.series, 'service');
    expect(service.count).toBe(400);
    expect(service.p99Ms ?? Infinity).toBeLessThan(200);
    // …and the stall did happen: the held request's own service time shows it.
    expect(service.maxMs ?? 0).toBeGreaterThanOrEqual(500);
    console.info(`coordinated omission: corrected p95 ${corrected.p95Ms} ms, p99 ${corrected.p99Ms} ms; service p95 ${service.p95Ms} ms, p99 ${service.p99Ms} ms, max ${service.maxMs} ms`);
  });
});

describe('injected latency measured through a whole run', () => {
  it('warm HITs of a one-PoP profile with latency {p50: 30ms, p95: 60ms} measure p50/p95 within 10%', async () => {
    const profile = await writeIn(
      'lat30.yaml',
      [
        'kind: emulator',
        'archetype: edge-optimized',
        'pops: [{ id: fra }]',
        'latency: { p50: 30ms, p95: 60ms }',
        'invalidation: 1s',
        'purgeApi: generic',
        'purgeKinds: [url]',
        'coalescing: true',
        'shield: false',
        'edgeKv: false',
        'dialect: rfc9211',
        'prices: { egress: { default: [{ upToGB: null, usdPerGB: 0 }] }, source: test }',
        '',
      ].join('\n'),
    );
    // One book: every GET is the same metadata object, so all but the first are HITs at the one PoP.
    // 50 sessions/s × 6 s, 4 GETs each: 1,200 requests.
    const file = await writeIn(
      'same-object.yaml',
      [
        'name: lab-latency',
        'catalog: { books: 1, tracks: 10, albums: 1 }',
        'sessions: { one: { steps: [{ repeat: 4, steps: [{ get: "/meta/{isbn}.json" }] }] } }',
        'load: { model: open, connections: 32, timeout: 5s }',
        'phases: [{ duration: 6s, rate: 50 }]',
        '',
      ].join('\n'),
    );
    const marker = newMarker();
    const r = await runMarkedCli(['run', file, '--provider', profile, '--out', dir, '--quiet'], marker, { cwd: dir, timeoutMs: 60_000 });
    expect(r.timedOut).toBe(false);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0, stderr: '' });

    const result = await readResultFile(join(dir, 'result.json'));
    expect(result.providers.map((p) => p.id)).toEqual(['lat30']);
    const p = result.providers[0];
    if (p === undefined) throw new Error('no provider in the result');
    expect(p.summary.requests).toBe(1200);
    expect(p.summary.errors).toBe(0);
    expect(p.pops).toEqual(['fra']);
    const hits = p.series.filter((s) => s.key.cache === 'HIT' && s.key.size === 'small');
    const warm = combined(hits);
    // Coalescing on and one object: at most the first few requests can miss (1 at 50 sessions/s).
    expect(warm.count).toBeGreaterThanOrEqual(1195);
    console.info(`injected {p50 30, p95 60} ms → measured over ${warm.count} HITs: p50 ${warm.p50Ms} ms, p95 ${warm.p95Ms} ms, p99 ${warm.p99Ms} ms`);
    expect(Math.abs((warm.p50Ms ?? 0) - 30) / 30).toBeLessThanOrEqual(0.1);
    expect(Math.abs((warm.p95Ms ?? 0) - 60) / 60).toBeLessThanOrEqual(0.1);
    expect(await labProcessesAfter(marker)).toEqual([]);
  });
});
