/**
 * Stop signals through the CLI (issue 13 §3), against a server trickling one body byte every 300 ms so
 * requests are always in flight: SIGINT, SIGTERM and SIGHUP each stop the run within 5 s, write
 * result.json naming the signal, and exit 128 + the signal's number; two SIGINTs in a row still leave a
 * valid result.json and exit 130.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readResultFile } from '../src/result/result-schema.js';
import { startCli } from './helpers/cli.js';
import { startStallServer, type StallServer } from './helpers/stall-servers.js';

let dir = '';
let server: StallServer | null = null;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-signals-'));
});
afterEach(async () => {
  await server?.close();
  server = null;
  await rm(dir, { recursive: true, force: true });
});

/** Waits until `cond` holds (polled every 50 ms), or fails after `ms`. */
async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts a 60 s run (timeout 30 s: nothing ends by itself) and waits until requests are in flight. */
async function startTrickleRun(out: string): Promise<ReturnType<typeof startCli>> {
  server = await startStallServer('trickle');
  const file = join(dir, 's.yaml');
  await writeFile(file, `name: signals
catalog: { seed: 42, books: 5, tracks: 10, albums: 2 }
sessions:
  one: { steps: [ { get: /object } ] }
load: { model: open, connections: 64, timeout: 30s }
phases: [{ duration: 60s, rate: 4 }]
`);
  const cli = startCli(['run', file, '--target', server.url, '--out', out, '--report', 'none', '--no-preflight'], { timeoutMs: 90_000 });
  const s = server;
  await waitFor(() => s.open >= 2, 60_000, 'requests in flight');
  return cli;
}

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

describe.each(Object.entries(EXIT_CODES) as [keyof typeof EXIT_CODES, number][])('%s in the middle of a run', (signal, code) => {
  it(`stops within 5 s, writes result.json naming ${signal} and exits ${code}`, async () => {
    const out = join(dir, 'out');
    const cli = await startTrickleRun(out);
    const sentAt = Date.now();
    cli.child.kill(signal);
    const r = await cli.done;
    const afterSignalMs = Date.now() - sentAt;
    expect(r.code, r.stderr).toBe(code);
    expect(afterSignalMs).toBeLessThan(5000);
    expect(r.stderr).toContain(`interrupted by ${signal}; partial result written to ${join(out, 'result.json')}`);
    const result = await readResultFile(join(out, 'result.json'));
    expect(result.meta.stopReason).toBe('interrupted');
    expect(result.meta.failure).toBe(`interrupted by ${signal}`);
    // The requests the server was trickling were cut, not waited for, and are not error samples.
    const p = result.providers[0];
    expect(p?.sessions.abortedRequests).toBeGreaterThanOrEqual(2);
    expect(p?.summary.networkErrors).toEqual({});
  }, 120_000);
});

describe('two SIGINTs in a row', () => {
  it('still leave a valid result.json naming SIGINT, and exit 130', async () => {
    const out = join(dir, 'out');
    const cli = await startTrickleRun(out);
    const sentAt = Date.now();
    cli.child.kill('SIGINT');
    cli.child.kill('SIGINT');
    const r = await cli.done;
    expect(r.code, r.stderr).toBe(130);
    expect(Date.now() - sentAt).toBeLessThan(5000);
    const result = await readResultFile(join(out, 'result.json'));
    expect(result.meta.stopReason).toBe('interrupted');
    expect(result.meta.failure).toMatch(/^interrupted by SIGINT/);
    expect(result.providers.map((p) => p.id)).toEqual(['target']);
  }, 120_000);
});
