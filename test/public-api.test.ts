/**
 * The package entry as a library user meets it: everything below is imported from 'cdnbench' only (the
 * package's own exports, i.e. the built dist/src/index.js), against a server this test writes and counts.
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CdnbenchError, ExitCode, TargetProvider, addInto, decodeHistogram, defineScenario, isPurger, mergeResults, parseResult,
  providerFromProfile, readResultFile, runBenchmark, summarizeHistogram, type RunResult,
} from 'cdnbench';

let server: Server;
let url = '';
let requests = 0;
let dir = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    res.setHeader('cache-control', 'max-age=60');
    res.end(`object ${req.url ?? ''}`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  url = `http://127.0.0.1:${address.port}`;
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-api-'));
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await rm(dir, { recursive: true, force: true });
});

const scenario = defineScenario({
  name: 'api-smoke',
  sessions: { reader: { steps: [{ get: '/meta/{isbn}.json' }, { get: '/maps/{isbn}/{lang}/{range}.json' }] } },
  load: { model: 'closed', connections: 2 },
  phases: [{ duration: '1s', vus: 2 }],
  limits: { maxRequests: 40 },
});

describe("the public API ('cdnbench')", () => {
  let result: RunResult;

  it('runBenchmark runs a scenario object against a profile object and a bare URL, and counts what the server saw', async () => {
    const before = requests;
    const outcome = await runBenchmark({
      scenario,
      providers: [providerFromProfile({ kind: 'target', id: 'own', edges: [{ id: 'pop-a', url }] })],
      targets: [url],
      preflight: false,
    });
    expect(outcome.failure).toBeNull();
    result = outcome.result;
    expect(result.providers.map((p) => p.id)).toEqual(['own', 'target']);
    const total = result.providers.reduce((n, p) => n + p.summary.requests, 0);
    // maxRequests bounds each provider; the server counted exactly what the results say was sent.
    for (const p of result.providers) expect(p.summary.requests).toBe(40);
    expect(requests - before).toBe(total);
    expect(result.providers.every((p) => p.summary.errors === 0)).toBe(true);
  });

  it('results round-trip through parseResult and readResultFile, and merge exactly (histograms added)', async () => {
    const file = join(dir, 'result.json');
    await writeFile(file, JSON.stringify(result));
    const read = await readResultFile(file);
    expect(parseResult(JSON.parse(JSON.stringify(result)), 'memory').providers[0]?.summary.requests).toBe(40);
    const a = { ...read, meta: { ...read.meta, agent: { name: 'a', region: '' } } };
    const b = { ...read, meta: { ...read.meta, agent: { name: 'b', region: '' } } };
    const merged = mergeResults([a, b]);
    const own = merged.providers.find((p) => p.id === 'own');
    expect(own?.summary.requests).toBe(80);
    const h = decodeHistogram(read.providers[0]?.series[0]?.latency ?? '');
    const doubled = decodeHistogram(read.providers[0]?.series[0]?.latency ?? '');
    addInto(doubled, h);
    expect(summarizeHistogram(doubled).count).toBe(2 * summarizeHistogram(h).count);
  });

  it('a TargetProvider is an adapter; capabilities are asked through their guards', () => {
    const t = TargetProvider.fromUrls('mine', [url]);
    expect(t.id).toBe('mine');
    expect(isPurger(t)).toBe(false);
  });

  it('bad input is a CdnbenchError with the documented exit code, before any load', async () => {
    const before = requests;
    const err = await runBenchmark({ scenario: { ...scenario, phases: [] }, targets: [url] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CdnbenchError);
    expect((err as CdnbenchError).exitCode).toBe(ExitCode.InvalidConfig);
    expect(requests).toBe(before);
  });
});
