/**
 * --workers through the CLI (issue 17 §3), against a server this test writes, which counts every request
 * and the path it asked for. A 1-worker and a 2-worker run of one seed draw the same sessions (equal
 * meta.schedule digests) and send the same multiset of paths; every request the server counted is in the
 * result, and the merged histograms hold one value per response. Stops reach every worker: max duration
 * ends on time with result.json written, and SIGINT writes the partial result.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHistogram } from '../src/result/histogram.js';
import { readResultFile } from '../src/result/result-schema.js';
import { runCli, startCli } from './helpers/cli.js';

let dir = '';
let server: Server;
let url = '';
const paths = new Map<string, number>();
let counted = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-workers-'));
  server = createServer((req, res) => {
    counted++;
    const p = req.url ?? '/';
    paths.set(p, (paths.get(p) ?? 0) + 1);
    const body = 'x'.repeat(200);
    res.writeHead(200, { 'content-length': body.length, 'cache-status': 'test; hit' });
    res.end(body);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await rm(dir, { recursive: true, force: true });
});

/** Two session models drawing books, pages and tracks: the draws a split schedule must keep. */
const SCENARIO = (phase: string, limits = ''): string => `name: workers
catalog: { seed: 7, books: 40, tracks: 30, albums: 3 }
sessions:
  reader: { weight: 3, steps: [ { get: "/b/{isbn}/{page}" }, { think: 5ms }, { get: "/b/{isbn}/{page+1}" } ] }
  listener: { weight: 1, steps: [ { get: "/t/{track}" } ] }
load: { model: open, connections: 4, seed: 11 }
phases: [${phase}]
${limits}`;

/** Runs the scenario with `workers` and returns the result and what the server counted meanwhile. */
async function run(workers: number, name: string): Promise<{ result: Awaited<ReturnType<typeof readResultFile>>; counted: number; paths: Map<string, number> }> {
  const file = join(dir, `${name}.yaml`);
  await writeFile(file, SCENARIO('{ duration: 2s, rate: 60 }'));
  paths.clear();
  counted = 0;
  const out = join(dir, name);
  const r = await runCli(['run', file, '--target', url, '--out', out, '--report', 'none', '--no-preflight', '--workers', String(workers), '-q'], { timeoutMs: 90_000 });
  expect(r.code, r.stderr).toBe(0);
  return { result: await readResultFile(join(out, 'result.json')), counted, paths: new Map(paths) };
}

describe('--workers', () => {
  it('plans the same sessions with 1 and 2 workers, and every counted request is in the merged result', async () => {
    const one = await run(1, 'one');
    const two = await run(2, 'two');
    const s1 = one.result.meta.schedule?.target;
    const s2 = two.result.meta.schedule?.target;
    expect(s1?.workers).toBe(1);
    expect(s2?.workers).toBe(2);
    // 2 s at 60/s: 120 sessions, all started; the same draws whatever the thread count.
    expect(s1?.sessions).toBe(120);
    expect(s2?.sessions).toBe(120);
    expect(s2?.sessionDigest).toBe(s1?.sessionDigest);
    expect(two.result.providers[0]?.sessions.planned).toBe(120);
    expect(two.result.providers[0]?.sessions.started).toBe(120);
    // The server saw the same multiset of paths from both runs.
    expect([...two.paths].sort()).toEqual([...one.paths].sort());
    for (const { result, counted: n } of [one, two]) {
      const p = result.providers[0];
      expect(p?.summary.requests).toBe(n);
      const series = p?.series ?? [];
      expect(series.reduce((a, s) => a + s.requests, 0)).toBe(n);
      // Merged histograms: one latency value per response, exactly (no network errors here).
      expect(series.reduce((a, s) => a + decodeHistogram(s.latency).totalCount, 0)).toBe(n);
      const timeline = p?.timeline?.points ?? [];
      expect(timeline.reduce((a, x) => a + x.requests, 0)).toBe(n);
    }
  }, 180_000);

  it('splits a closed model and limits.maxRequests between the workers: exactly the cap is sent', async () => {
    const file = join(dir, 'closed.yaml');
    await writeFile(file, `name: workers-closed
sessions: { loop: { steps: [ { repeat: 100000, steps: [ { get: /c } ] } ] } }
load: { model: closed, connections: 4 }
phases: [{ duration: 60s, vus: 4 }]
limits: { maxRequests: 501 }
`);
    counted = 0;
    const out = join(dir, 'closed');
    const r = await runCli(['run', file, '--target', url, '--out', out, '--report', 'none', '--no-preflight', '--workers', '2', '-q'], { timeoutMs: 90_000 });
    expect(r.code, r.stderr).toBe(0);
    const result = await readResultFile(join(out, 'result.json'));
    expect(result.meta.stopReason).toBe('max-requests');
    expect(result.meta.schedule?.target?.workers).toBe(2);
    expect(result.providers[0]?.summary.requests).toBe(501);
    expect(counted).toBe(501);
  }, 120_000);

  it('stops every worker at limits.maxDuration and writes result.json', async () => {
    const file = join(dir, 'long.yaml');
    await writeFile(file, SCENARIO('{ duration: 60s, rate: 40 }', 'limits: { maxDuration: 2s }\n'));
    const out = join(dir, 'long');
    const r = await runCli(['run', file, '--target', url, '--out', out, '--report', 'none', '--no-preflight', '--workers', '2', '-q'], { timeoutMs: 90_000 });
    expect(r.code, r.stderr).toBe(0);
    // Generous: process and thread start-up on a loaded machine, plus the 2 s load; far below the 60 s schedule.
    expect(r.elapsedMs).toBeLessThan(40_000);
    const result = await readResultFile(join(out, 'result.json'));
    expect(result.meta.stopReason).toBe('max-duration');
    expect(result.meta.schedule?.target?.workers).toBe(2);
    const s = result.providers[0]?.sessions;
    expect(s?.planned).toBe(2400);
    expect((s?.started ?? 0) + (s?.dropped ?? 0)).toBe(2400);
    expect(s?.started).toBeGreaterThan(0);
  }, 120_000);

  it('writes the partial result of every worker on SIGINT', async () => {
    const file = join(dir, 'sigint.yaml');
    await writeFile(file, SCENARIO('{ duration: 60s, rate: 40 }'));
    const out = join(dir, 'sigint');
    counted = 0;
    const cli = startCli(['run', file, '--target', url, '--out', out, '--report', 'none', '--no-preflight', '--workers', '2', '-q'], { timeoutMs: 90_000 });
    const end = Date.now() + 60_000;
    while (counted < 20 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(counted).toBeGreaterThanOrEqual(20);
    cli.child.kill('SIGINT');
    const r = await cli.done;
    expect(r.code, r.stderr).toBe(130);
    const result = await readResultFile(join(out, 'result.json'));
    expect(result.meta.stopReason).toBe('interrupted');
    const p = result.providers[0];
    // Every answered request is in the result; those cut in flight (sessions.abortedRequests) may or may
    // not have reached the server before their socket closed, and are not samples.
    const requests = p?.summary.requests ?? 0;
    expect(requests).toBeGreaterThanOrEqual(20);
    expect(counted).toBeGreaterThanOrEqual(requests);
    expect(counted).toBeLessThanOrEqual(requests + (p?.sessions.abortedRequests ?? 0));
    expect(JSON.parse(await readFile(join(out, 'result.json'), 'utf8')).meta.schedule.target.workers).toBe(2);
  }, 120_000);
});
