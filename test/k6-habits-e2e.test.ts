/**
 * The k6-shaped command line end to end, against a local server that counts what it receives: quick-run
 * flags replace a ten-minute scenario's phases (and say so in result.json), --max-requests bounds the
 * requests the server sees, map-style thresholds decide the exit code, --summary-export writes the --json
 * answer, progress lines appear in a log (stderr is a pipe here) unless --quiet, and the mistakes k6
 * users make (-o json=FILE, a check with no target) stop with one line before any request.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResultFile } from '../src/result/result-schema.js';
import { assertCliBuilt, linesOf, runCli } from './helpers/cli.js';
import { startLatencyServer, type LatencyServer } from './helpers/latency-server.js';

let dir = '';
let server: LatencyServer;
let scenario = '';

beforeAll(async () => {
  assertCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-k6-habits-'));
  server = await startLatencyServer({ delayMs: () => 1 });
  scenario = join(dir, 'ten-minutes.yaml');
  // Ten minutes at 3 sessions/s: without the flags the run would outlast every timeout below.
  await writeFile(scenario, [
    'name: ten-minutes',
    'catalog: { seed: 3, books: 20, tracks: 20, albums: 2 }',
    'sessions: { reader: { steps: [ { get: "/meta/{isbn}.json" } ] } }',
    'load: { model: open, arrival: constant, timeout: 5s }',
    'phases: [ { name: long, duration: 10m, rate: 3 } ]',
    'limits: { maxDuration: 15m }',
    '',
  ].join('\n'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('k6 habits', () => {
  it('--duration and --rate replace the phases; -o, --summary-export and log progress', async () => {
    const before = server.requests;
    const out = join(dir, 'quick');
    const summaryFile = join(dir, 'summary.json');
    const r = await runCli(['run', scenario, '--target', server.url, '--duration', '2s', '--rate', '20', '-o', out, '--report', 'none', '--json', '--summary-export', summaryFile, '--no-preflight'], {
      timeoutMs: 60_000, env: { CDNBENCH_PROGRESS_INTERVAL: '100ms' },
    });
    expect(r.code).toBe(0);
    const result = await readResultFile(join(out, 'result.json'));
    expect(result.meta.overrides).toEqual({ duration: '2s', rate: 20 });
    const p = result.providers[0];
    // Ground truth: every request the result counts reached the server, and no other.
    expect(p?.summary.requests).toBe(server.requests - before);
    // 20 sessions/s for 2 s is 40 sessions (one request each); the scenario's own rate would give 6.
    expect(p?.sessions.planned).toBe(40);
    expect(JSON.parse(await readFile(summaryFile, 'utf8'))).toEqual(JSON.parse(r.stdout));
    const progress = linesOf(r.stderr).filter((l) => l.startsWith('progress '));
    expect(progress.length).toBeGreaterThan(0);
    for (const line of progress) expect(line).toMatch(/^progress \S+: \d+s {2}\d+ req {2}\d+ req\/s {2}errors \d+ {2}small p95 \S+ {2}phase (cli|drain)$/);
  });

  it('--max-requests bounds what the server sees; k6 map thresholds pass or fail the check; --quiet has no progress', async () => {
    await writeFile(join(dir, 'at-most-7.yaml'), 'thresholds:\n  http_reqs: ["count<=7"]\n  http_req_failed: ["rate<0.5"]\n');
    await writeFile(join(dir, 'under-7.yaml'), 'thresholds:\n  http_reqs: ["count<7"]\n');
    const before = server.requests;
    const pass = await runCli(['check', scenario, '--target', server.url, '--rate', '50', '--max-requests', '7', '--slo', join(dir, 'at-most-7.yaml'), '--out', join(dir, 'pass'), '--report', 'none', '--quiet', '--no-preflight'], {
      timeoutMs: 60_000, env: { CDNBENCH_PROGRESS_INTERVAL: '50ms' },
    });
    expect(pass.stderr).toBe('');
    expect(pass.code).toBe(0);
    expect(server.requests - before).toBe(7);
    const result = await readResultFile(join(dir, 'pass', 'result.json'));
    expect(result.meta.overrides).toEqual({ rate: 50, maxRequests: 7 });
    expect(result.meta.stopReason).toBe('max-requests');
    const fail = await runCli(['check', scenario, '--target', server.url, '--rate', '50', '--iterations', '7', '--slo', join(dir, 'under-7.yaml'), '--out', join(dir, 'fail'), '--report', 'none', '--quiet', '--no-preflight'], { timeoutMs: 60_000 });
    expect(fail.code).toBe(99);
  });

  it('refuses -o json=FILE and a check without a target, before any request', async () => {
    const before = server.requests;
    const plugin = await runCli(['run', scenario, '--target', server.url, '-o', 'json=res.json', '--no-preflight'], { cwd: dir });
    expect(plugin.code).toBe(2);
    expect(linesOf(plugin.stderr)[0]).toBe('cdnbench: -o/--out takes a folder or file path, not a k6 output plugin "json=res.json"; for a JSON summary use --summary-export res.json, and --report csv for CSV');
    expect(readdirSync(dir).some((f) => f.startsWith('json='))).toBe(false);
    await writeFile(join(dir, 'slo.yaml'), 'thresholds: [ "error_rate < 1%" ]\n');
    const noTarget = await runCli(['check', scenario, '--slo', join(dir, 'slo.yaml'), '--out', join(dir, 'none'), '--no-preflight']);
    expect(noTarget.code).toBe(104);
    expect(linesOf(noTarget.stderr)).toEqual([
      'cdnbench: check needs an explicit target: --target URL, --provider NAME|FILE, or --lab for the built-in lab archetypes',
      '  hint: in CI, an unset target variable must fail the job rather than check the lab (docs/ci.md)',
    ]);
    expect(existsSync(join(dir, 'none'))).toBe(false);
    expect(server.requests).toBe(before);
  });
});
