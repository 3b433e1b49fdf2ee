/**
 * The real k6 binary (k6 >= 0.57) runs an exported TypeScript script against a local server that counts
 * what it receives; `ingest k6` on its NDJSON must count exactly those requests. k6 is not a Debian
 * package, so machines without it (CI here) skip this test visibly by name; put `k6` on PATH to run it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResultFile } from '../src/result/result-schema.js';
import { assertCliBuilt, runCli } from './helpers/cli.js';
import { startLatencyServer, type LatencyServer } from './helpers/latency-server.js';

function k6Version(): string | null {
  try {
    return execFileSync('k6', ['version'], { encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    return null;
  }
}

const version = k6Version();
let dir = '';
let server: LatencyServer | null = null;

beforeAll(async () => {
  assertCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-k6bin-'));
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('k6 binary', () => {
  it.skipIf(version === null)('k6 runs an exported script against a counting server and ingest counts what the server saw (needs k6 on PATH)', async () => {
    server = await startLatencyServer({ delayMs: () => 2, headers: { 'cache-status': 'edge-lab; hit' } });
    const script = join(dir, 'slo-smoke.ts');
    const exported = await runCli(['export', 'k6', 'slo-smoke', '--target', server.url, '-o', script, '--quiet']);
    expect(exported.code).toBe(0);
    const out = join(dir, 'out.ndjson.gz');
    execFileSync('k6', ['run', '--quiet', '--no-summary', script, '--out', `json=${out}`], { stdio: 'ignore', timeout: 120_000 });
    const ingested = await runCli(['ingest', 'k6', out, '-o', join(dir, 'result.json'), '--quiet']);
    expect(ingested.code).toBe(0);
    const result = await readResultFile(join(dir, 'result.json'));
    const p = result.providers[0];
    expect(result.meta.scenario.name).toBe('slo-smoke');
    expect(p?.summary.requests).toBe(server.requests);
    expect(p?.summary.requests).toBeGreaterThan(100);
    expect(p?.summary.hitRatio).toBe(1);
    expect(p?.pops).toEqual(['edge-lab']);
  }, 180_000);
});
