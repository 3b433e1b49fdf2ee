/**
 * Every run ends on time (issue 13 §3): against servers that never finish a response — one trickling a
 * byte every 300 ms, one sending an endless chunked body, one never answering — a run with
 * `maxDuration: 3900ms` and `timeout: 2s` stops at its deadline, cuts what is in flight (counted as
 * abortedRequests, not errors), records the requests past their 2 s deadline as timeouts, and writes
 * result.json. The servers count what they saw; no response ever completed, so every sample is a timeout.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readResultFile } from '../src/result/result-schema.js';
import { runCli } from './helpers/cli.js';
import { startStallServer, type StallKind, type StallServer } from './helpers/stall-servers.js';

let dir = '';
let server: StallServer | null = null;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-stops-'));
});
afterEach(async () => {
  await server?.close();
  server = null;
  await rm(dir, { recursive: true, force: true });
});

const MAX_DURATION_MS = 3900;

/** 4 sessions/s of one GET for 6 s: 24 planned, the last ones never reached before the 3.9 s stop. */
async function stallScenario(): Promise<string> {
  const file = join(dir, 'stall.yaml');
  await writeFile(file, `name: stall
catalog: { seed: 42, books: 5, tracks: 10, albums: 2 }
sessions:
  one: { steps: [ { get: /object } ] }
load: { model: open, arrival: constant, connections: 64, timeout: 2s }
phases: [{ duration: 6s, rate: 4 }]
limits: { maxDuration: ${MAX_DURATION_MS}ms }
`);
  return file;
}

describe.each(['trickle', 'endless', 'silent'] as StallKind[])('a run against a %s server', (kind) => {
  it('ends at maxDuration with its timeouts and cut requests counted, and writes result.json', async () => {
    server = await startStallServer(kind);
    const out = join(dir, 'out');
    const r = await runCli(['run', await stallScenario(), '--target', server.url, '--out', out, '--quiet', '--report', 'none', '--no-preflight'], { timeoutMs: 60_000 });
    expect(r.timedOut).toBe(false);
    // Not one response completed, so the run is a failure — but a prompt one, with its result on disk.
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/no response to any of \d+ requests: no complete response within 2000 ms/);
    expect(r.stderr).not.toMatch(/internal error/);
    const result = await readResultFile(join(out, 'result.json'));
    // Stopped by maxDuration; marked failed because no request got a response.
    expect(result.meta.stopReason).toBe('failed');
    expect(result.meta.failure).toMatch(/no response to any of \d+ requests/);
    expect(result.meta.durationMs).toBeLessThan(MAX_DURATION_MS + 3000);
    const [p] = result.providers;
    if (p === undefined) throw new Error('no provider in the result');
    const { sessions, summary } = p;
    // The schedule's 24 arrivals are all accounted for, the unreached ones counted without drawing them.
    expect(sessions.planned).toBe(24);
    expect(sessions.dropped).toBe(sessions.planned - sessions.started);
    // One request per session: each either hit its 2 s deadline (a timeout sample) or was cut by the stop.
    const timeouts = summary.networkErrors.timeout ?? 0;
    expect(timeouts + sessions.abortedRequests).toBe(sessions.started);
    expect(summary.requests).toBe(timeouts);
    expect(summary.networkErrors).toEqual({ timeout: timeouts });
    // Sent at 0 s, deadline 2 s, well before the stop; sent after 1.9 s, its deadline is after the stop.
    expect(timeouts).toBeGreaterThanOrEqual(1);
    expect(sessions.abortedRequests).toBeGreaterThanOrEqual(1);
    expect(r.stdout).toContain(`target: ${sessions.abortedRequests} request${sessions.abortedRequests === 1 ? '' : 's'} in flight cut by the stop`);
    // The server saw every request that timed out and none of its responses finished.
    expect(server.requests).toBeGreaterThanOrEqual(timeouts);
    expect(server.cutByClient).toBeGreaterThanOrEqual(timeouts);
  }, 90_000);
});
