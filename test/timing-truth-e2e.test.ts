/**
 * Timing truth through the built CLI, against servers this file writes (never the lab emulator):
 * no request leaves before its intended time (so no latency is below its own service time and none
 * of the delayed requests is recorded under its delay), and every provider of a run faces the same
 * workload (common random numbers: the same arrivals, sessions and paths).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addInto, createLatencyHistogram, decodeHistogram, type Histogram } from '../src/result/histogram.js';
import type { SeriesRecord } from '../src/result/result-model.js';
import { readResultFile } from '../src/result/result-schema.js';
import { assertCliBuilt, runCli } from './helpers/cli.js';
import { startLatencyServer, type LatencyServer } from './helpers/latency-server.js';

let dir: string;
const servers: LatencyServer[] = [];

beforeAll(() => assertCliBuilt());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-timing-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

function combined(series: readonly SeriesRecord[], field: 'latency' | 'service'): Histogram {
  const h = createLatencyHistogram();
  for (const s of series) addInto(h, decodeHistogram(s[field]));
  return h;
}

describe('no request before its time', () => {
  it('p50 is not below the service p50, nothing sits at the 1 µs floor, and no delayed request is recorded under its delay', async () => {
    // Every 10th request to arrive is held 80 ms (never less: the server re-arms its timer), the rest
    // answered at once with a 2 KiB body.
    const server = await startLatencyServer({ delayMs: ({ index }) => (index % 10 === 9 ? 80 : 0), body: 'x'.repeat(2048) });
    servers.push(server);
    const file = join(dir, 'constant.yaml');
    await writeFile(file, [
      'name: constant-rate', 'sessions:', '  one:', '    steps:', '      - get: /obj/{session}',
      'load: { model: open, connections: 16, timeout: 5s }', 'phases:', '  - { duration: 4s, rate: 200 }', '',
    ].join('\n'));
    const r = await runCli(['run', file, '--target', server.url, '--out', join(dir, 'out'), '--report', 'none', '--quiet', '--no-preflight'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const result = await readResultFile(join(dir, 'out', 'result.json'));
    const p = result.providers[0];
    if (p === undefined) throw new Error('no provider in the result');
    const n = server.requests;
    expect(n).toBe(800);
    expect(p.summary.requests).toBe(n);
    const latency = combined(p.series, 'latency');
    const service = combined(p.series, 'service');
    expect(latency.totalCount).toBe(n);
    // A send before its intended time makes latency (from the intended time) shorter than the
    // request's own service time; with every send at or after it, these orderings must hold.
    expect(latency.getValueAtPercentile(50)).toBeGreaterThanOrEqual(service.getValueAtPercentile(50));
    expect(latency.minNonZeroValue).toBeGreaterThanOrEqual(service.minNonZeroValue);
    expect(latency.minNonZeroValue).toBeGreaterThan(1);
    // The server delayed exactly floor(n / 10) requests by ≥ 80 ms: at least that many samples are ≥ 80 ms,
    // i.e. the (n − delayed + 1)-th smallest latency is already ≥ 80 ms.
    const delayed = Math.floor(n / 10);
    const rankPercent = (100 * (n - delayed + 0.5)) / n;
    expect(latency.getValueAtPercentile(rankPercent)).toBeGreaterThanOrEqual(latency.lowestEquivalentValue(80_000));
    expect(service.getValueAtPercentile(rankPercent)).toBeGreaterThanOrEqual(service.lowestEquivalentValue(80_000));
    console.info(`timing truth: latency p50 ${latency.getValueAtPercentile(50)} µs vs service p50 ${service.getValueAtPercentile(50)} µs; latency min ${latency.minNonZeroValue} µs; ${delayed} delayed, rank ${rankPercent.toFixed(3)}% = ${latency.getValueAtPercentile(rankPercent)} µs`);
  });
});

describe('one schedule for every provider', () => {
  it('a Poisson run gives two providers the same planned sessions and the same requested paths', async () => {
    const a = await startLatencyServer();
    const b = await startLatencyServer();
    servers.push(a, b);
    const profile = (name: string, url: string): string => [
      'kind: staging', `description: ${name}`, 'dialect: generic', 'endpoints:', `  - url: ${url}/`, '    pops:', `      - { id: ${name}-pop, address: 127.0.0.1 }`, '',
    ].join('\n');
    await writeFile(join(dir, 'alpha.yaml'), profile('alpha', a.url));
    await writeFile(join(dir, 'beta.yaml'), profile('beta', b.url));
    const file = join(dir, 'poisson.yaml');
    // Zipf-picked books and random pages: any per-provider draw would give the servers different paths.
    await writeFile(file, [
      'name: crn', 'catalog: { seed: 7, books: 200, tracks: 10, albums: 2 }', 'sessions:', '  reader:', '    start: { page: random }', '    steps:',
      '      - get: /meta/{isbn}.json', '      - get: /maps/{isbn}/{lang}/{range}.json', 'load: { model: open, arrival: poisson, connections: 8, seed: 1234 }',
      'phases:', '  - { duration: 3s, rate: 60 }', '',
    ].join('\n'));
    const r = await runCli(['run', file, '--provider', join(dir, 'alpha.yaml'), '--provider', join(dir, 'beta.yaml'), '--out', join(dir, 'out'), '--report', 'none', '--quiet', '--no-preflight'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const result = await readResultFile(join(dir, 'out', 'result.json'));
    expect(result.meta.scheduleSeed).toBe(1234);
    const [pa, pb] = result.providers;
    if (pa === undefined || pb === undefined) throw new Error('expected two providers');
    expect(pa.sessions.planned).toBeGreaterThan(100);
    expect(pb.sessions.planned).toBe(pa.sessions.planned);
    expect(pb.sessions.started).toBe(pa.sessions.started);
    // Cache-busting query strings aside, both servers saw exactly the same multiset of paths.
    const paths = (s: LatencyServer): [string, number][] => [...s.byPath].map(([k, v]): [string, number] => [k.split('?')[0] ?? k, v]).sort();
    expect(a.requests).toBe(pa.sessions.started * 2);
    expect(paths(b)).toEqual(paths(a));
    console.info(`common random numbers: planned ${pa.sessions.planned} / ${pb.sessions.planned}, ${a.byPath.size} distinct paths`);
  });
});
