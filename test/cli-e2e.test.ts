/**
 * End-to-end tests of the built CLI (`node dist/src/cli/main.js`) against local servers whose latency
 * the test controls. Every figure asserted here is checked against a ground truth the test owns:
 * delays injected by the server, requests counted by the server, arrivals fixed by the scenario.
 * Latency measured against injected delays is in measured-latency-e2e.test.ts (the serial timing group).
 * Build first (`npm test` does it in pretest). All traffic goes to 127.0.0.1.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addInto, createLatencyHistogram, decodeHistogram, summarizeHistogram } from '../src/result/histogram.js';
import type { LatencySummary, ProviderResult, RunResult, SeriesRecord } from '../src/result/result-model.js';
import { readResultFile } from '../src/result/result-schema.js';
import { PACKAGE_ROOT, assertCliBuilt, linesOf, runCli, startCli, type CliResult } from './helpers/cli.js';
import { refusedPort, startLatencyServer, type LatencyServer } from './helpers/latency-server.js';

let dir = '';
let server: LatencyServer | null = null;

beforeAll(() => {
  assertCliBuilt();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-e2e-'));
});

afterEach(async () => {
  await server?.close();
  server = null;
  await rm(dir, { recursive: true, force: true });
});

/** Writes a scenario file into this test's temp dir and returns its path. */
async function scenarioFile(text: string, name = 'scenario.yaml'): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** An open-model scenario: `rate` sessions/s for `duration`, each session one GET of a small object. */
function openScenario(o: { rate: number; duration: string; connections?: number; limits?: string; name?: string }): string {
  return [
    `name: ${o.name ?? 'e2e'}`,
    'sessions:',
    '  one:',
    '    steps:',
    '      - get: /obj/{session}',
    'load:',
    '  model: open',
    `  connections: ${o.connections ?? 16}`,
    '  timeout: 5s',
    'phases:',
    `  - duration: ${o.duration}`,
    `    rate: ${o.rate}`,
    ...(o.limits === undefined ? [] : ['limits:', o.limits]),
    '',
  ].join('\n');
}

/**
 * Runs the CLI with this test's temp dir as working directory. Runs skip the load preflight: these tests
 * compare the server's own request count with the result, and the probes are not samples.
 */
function cli(args: readonly string[], timeoutMs = 60_000): Promise<CliResult> {
  return runCli(args[0] === 'run' ? [...args, '--no-preflight'] : args, { cwd: dir, timeoutMs });
}

/** The one provider of a single-target run. */
function onlyProvider(result: RunResult): ProviderResult {
  expect(result.providers).toHaveLength(1);
  return result.providers[0] as ProviderResult;
}

/** Adds one histogram field of every series into one histogram and summarizes it. */
function combined(series: readonly SeriesRecord[], field: 'latency' | 'ttfb' | 'service'): LatencySummary {
  const h = createLatencyHistogram();
  for (const s of series) addInto(h, decodeHistogram(s[field]));
  return summarizeHistogram(h);
}

/** Asserts the CLI failed with `code` and a first stderr line `cdnbench: …`; returns that line. */
function expectFailure(r: CliResult, code: number): string {
  expect(r.timedOut).toBe(false);
  expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code });
  const first = linesOf(r.stderr)[0] ?? '';
  expect(first.startsWith('cdnbench: ')).toBe(true);
  return first;
}

describe('hard caps', () => {
  it('stops at limits.maxRequests: the server sees exactly that many requests', async () => {
    server = await startLatencyServer();
    const file = await scenarioFile(openScenario({ rate: 100, duration: '20s', limits: '  maxRequests: 30' }));
    const r = await cli(['run', file, '--target', server.url, '--out', dir, '--quiet']);
    expect(r.code).toBe(0);
    const result = await readResultFile(join(dir, 'result.json'));
    expect(result.meta.stopReason).toBe('max-requests');
    expect(server.requests).toBe(30);
    expect(onlyProvider(result).summary.requests).toBe(30);
  });

  it('stops at limits.maxDuration: every planned session either started or is counted as dropped', async () => {
    server = await startLatencyServer();
    const file = await scenarioFile(openScenario({ rate: 20, duration: '20s', limits: '  maxDuration: 1s' }));
    const r = await cli(['run', file, '--target', server.url, '--out', dir, '--quiet']);
    expect(r.code).toBe(0);
    const result = await readResultFile(join(dir, 'result.json'));
    expect(result.meta.stopReason).toBe('max-duration');
    const p = onlyProvider(result);
    expect(server.requests).toBeGreaterThan(0);
    // A request in flight at the stop is cut (abortedRequests), not a sample; the server may have seen it.
    expect(p.summary.requests).toBeLessThanOrEqual(server.requests);
    expect(server.requests).toBeLessThanOrEqual(p.summary.requests + p.sessions.abortedRequests);
    // Every planned session either started or was dropped; the stop cut the 20/s × 20 s plan short,
    // and the arrivals the run never reached still count as planned (and dropped).
    expect(p.sessions.planned).toBe(400);
    expect(p.sessions.started + p.sessions.dropped).toBe(p.sessions.planned);
    expect(p.sessions.dropped).toBeGreaterThan(0);
    expect(p.sessions.started).toBeLessThan(400);
    expect(p.sessions.started).toBe(p.summary.requests + p.sessions.abortedRequests);
  });
});

describe('bad input: exit code and a one-line reason', () => {
  const VALID = openScenario({ rate: 5, duration: '1s' });

  it('malformed YAML → 104 with line and column', async () => {
    const file = await scenarioFile('name: a\nname: b\n');
    const first = expectFailure(await cli(['run', file, '--target', 'http://127.0.0.1:9']), 104);
    expect(first).toBe(`cdnbench: malformed YAML in ${file}: line 2, column 1: Map keys must be unique`);
  });

  it('unknown key → 104, the detail line names its path', async () => {
    const file = await scenarioFile(VALID.replace('- get: /obj/{session}', '- gett: /obj/{session}'));
    const r = await cli(['run', file, '--target', 'http://127.0.0.1:9']);
    const first = expectFailure(r, 104);
    expect(first).toMatch(/^cdnbench: invalid scenario .*: \d+ problems?$/);
    expect(linesOf(r.stderr)).toContain('  sessions.one.steps[0].gett: unknown key');
  });

  it('negative rate → 104 with phases[0].rate', async () => {
    const file = await scenarioFile(VALID.replace('rate: 5', 'rate: -5'));
    const r = await cli(['run', file, '--target', 'http://127.0.0.1:9']);
    expect(expectFailure(r, 104)).toBe(`cdnbench: invalid scenario ${file}: 1 problem`);
    expect(linesOf(r.stderr).slice(1)).toEqual(['  phases[0].rate: expected a positive number']);
  });

  it('unknown template variable → 104 with the step path', async () => {
    const file = await scenarioFile(VALID.replace('/obj/{session}', '/obj/{foo}'));
    const r = await cli(['run', file, '--target', 'http://127.0.0.1:9']);
    expect(expectFailure(r, 104)).toBe(`cdnbench: invalid scenario ${file}: 1 problem`);
    expect(linesOf(r.stderr)[1]).toMatch(/^ {2}sessions\.one\.steps\[0\]\.get: unknown variable \{foo\} \(known: /);
  });

  it('missing scenario file → 104', async () => {
    const missing = join(dir, 'nope.yaml');
    const first = expectFailure(await cli(['run', missing, '--target', 'http://127.0.0.1:9']), 104);
    expect(first).toContain('nope.yaml');
    expect(first).toContain('not found');
  });

  it('unknown option → 2', async () => {
    const file = await scenarioFile(VALID);
    const first = expectFailure(await cli(['run', file, '--target', 'http://127.0.0.1:9', '--bogus-flag']), 2);
    expect(first).toMatch(/bogus/);
  });

  // "run <scenario>" with neither --provider nor --target is no longer a usage error in the working
  // tree (it defaults to the lab archetypes), so the missing-argument usage errors are tested instead.
  it('missing required arguments → 2', async () => {
    const noScenario = await cli(['run', '--target', 'http://127.0.0.1:9']);
    expect(expectFailure(noScenario, 2)).toMatch(/not enough non-option arguments/i);
    const file = await scenarioFile(VALID);
    const noOutput = await cli(['merge', file]);
    expect(expectFailure(noOutput, 2)).toBe('cdnbench: Missing required argument: output');
  });

  it('credentials in a --target URL → 104, never echoed, and no request sent', async () => {
    server = await startLatencyServer();
    const file = await scenarioFile(VALID);
    const secret = 'S3cr3t-pa55word';
    const target = server.url.replace('http://', `http://benchuser:${secret}@`);
    const r = await cli(['run', file, '--target', target, '--out', join(dir, 'out')]);
    expectFailure(r, 104);
    for (const text of [r.stdout, r.stderr]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain('benchuser');
    }
    expect(server.requests).toBe(0);
    expect(existsSync(join(dir, 'out', 'result.json'))).toBe(false);
  });

  it('unreachable target (connection refused) → 1, one-line reason, result.json with every request an error', async () => {
    const port = await refusedPort();
    const file = await scenarioFile(openScenario({ rate: 10, duration: '2s' }));
    const r = await cli(['run', file, '--target', `http://127.0.0.1:${port}`, '--out', dir, '--quiet']);
    expectFailure(r, 1);
    const lines = linesOf(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ECONNREFUSED|no response/);

    const result = await readResultFile(join(dir, 'result.json'));
    expect(result.meta.stopReason).toBe('failed');
    expect(result.meta.failure).toMatch(/ECONNREFUSED/);
    const p = onlyProvider(result);
    // 10/s × 2 s sessions, one request each, every one refused and counted.
    expect(p.summary.requests).toBe(20);
    expect(p.summary.errors).toBe(p.summary.requests);
    expect(p.summary.errorRate).toBe(1);
    expect(p.summary.networkErrors).toEqual({ connect: 20 });
    expect(p.summary.smallObject.count).toBe(0);
  });
});

describe('SIGINT', () => {
  it('stops a 30 s run, writes the partial result and exits 130', async () => {
    server = await startLatencyServer();
    const file = await scenarioFile(openScenario({ rate: 50, duration: '30s' }));
    const proc = startCli(['run', file, '--target', server.url, '--out', dir, '--no-preflight'], { cwd: dir, timeoutMs: 60_000 });
    // Bounded wait for traffic: at most ~20 s.
    for (let i = 0; i < 2000 && server.requests < 50 && proc.child.exitCode === null; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(server.requests).toBeGreaterThanOrEqual(50);
    proc.child.kill('SIGINT');
    const deadline = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 10_000).unref());
    const r = await Promise.race([proc.done, deadline]);
    if (r === 'late') {
      proc.child.kill('SIGKILL');
      throw new Error('the CLI did not exit within 10 s of SIGINT');
    }
    expect(r.code).toBe(130);
    const last = linesOf(r.stderr).at(-1) ?? '';
    expect(last.startsWith('cdnbench: interrupted')).toBe(true);

    const result = await readResultFile(join(dir, 'result.json'));
    expect(result.meta.stopReason).toBe('interrupted');
    const p = onlyProvider(result);
    expect(p.summary.requests).toBeGreaterThanOrEqual(50);
    // Requests cut off by the stop are not samples; nothing is counted that the server never saw.
    expect(p.summary.requests).toBeLessThanOrEqual(server.requests);
    // Every planned session either started or was dropped, and the 50/s × 30 s plan was cut short.
    expect(p.sessions.planned).toBe(1500);
    expect(p.sessions.started + p.sessions.dropped).toBe(p.sessions.planned);
    expect(p.sessions.dropped).toBeGreaterThan(0);
    expect(p.sessions.started).toBeLessThan(1500);
  });
});

describe('merge, schema, version and --json', () => {
  it('merges two agents exactly: requests add up, regions stay apart, percentiles equal one histogram of all', async () => {
    server = await startLatencyServer({ delayMs: ({ index }) => (index % 4 === 0 ? 15 : 0) });
    const file = await scenarioFile(openScenario({ rate: 40, duration: '1s' }));
    const r1 = join(dir, 'r1');
    const r2 = join(dir, 'r2');
    const a = await cli(['run', file, '--target', server.url, '--out', r1, '--agent', 'a', '--region', 'eu', '--quiet']);
    const b = await cli(['run', file, '--target', server.url, '--out', r2, '--agent', 'b', '--region', 'us', '--quiet']);
    expect([a.code, b.code]).toEqual([0, 0]);
    const merged = join(dir, 'm.json');
    const m = await cli(['merge', join(r1, 'result.json'), join(r2, 'result.json'), '-o', merged, '--json']);
    expect(m.code).toBe(0);
    const answer = JSON.parse(m.stdout) as { result: string; inputs: number; providers: { id: string; summary: { requests: number } }[] };
    expect(answer.result).toBe(merged);
    expect(answer.inputs).toBe(2);

    const one = await readResultFile(join(r1, 'result.json'));
    const two = await readResultFile(join(r2, 'result.json'));
    const all = await readResultFile(merged);
    const p = onlyProvider(all);
    expect(onlyProvider(one).summary.requests).toBe(40);
    expect(onlyProvider(two).summary.requests).toBe(40);
    expect(p.summary.requests).toBe(80);
    expect(p.summary.requests).toBe(server.requests);
    expect(answer.providers[0]?.summary.requests).toBe(80);
    expect(all.meta.agents).toEqual([
      { name: 'a', region: 'eu' },
      { name: 'b', region: 'us' },
    ]);
    expect([...new Set(p.series.map((s) => s.key.region))].sort()).toEqual(['eu', 'us']);
    for (const region of ['eu', 'us']) {
      expect(p.series.filter((s) => s.key.region === region).reduce((n, s) => n + s.requests, 0)).toBe(40);
    }
    // Exact: the merged summary equals the summary of one histogram fed every input series.
    const inputs = [...onlyProvider(one).series, ...onlyProvider(two).series];
    const truth = combined(inputs, 'latency');
    expect(truth.count).toBe(80);
    const { perPop: _perPop, cold: _cold, warm: _warm, ...mergedSmall } = p.summary.smallObject;
    expect(mergedSmall).toEqual(truth);
  });

  it('prints the scenario JSON Schema', async () => {
    const r = await cli(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { title?: unknown; type?: unknown; properties?: Record<string, unknown>; required?: unknown };
    expect(schema.title).toBe('cdnbench scenario');
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining(['sessions', 'phases', 'load', 'name']));
    // sessions are optional since a scenario may replay a logged timeline instead (replay:), and phases
    // since a crowd (crowd:) may replace them.
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'load']));
    expect(Object.keys(schema.properties ?? {})).toContain('crowd');
  });

  it('prints the package.json version with --version', async () => {
    const pkg = JSON.parse(await readFile(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('prints one parseable JSON document with run --json, and nothing on stderr with --quiet', async () => {
    server = await startLatencyServer();
    const file = await scenarioFile(openScenario({ rate: 20, duration: '1s' }));
    const r = await cli(['run', file, '--target', server.url, '--out', dir, '--json', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const answer = JSON.parse(r.stdout) as {
      runId: string;
      result: string;
      stopReason: string;
      failure: string | null;
      providers: { id: string; sessions: { started: number }; summary: { requests: number; errors: number } }[];
    };
    expect(answer.result).toBe(join(dir, 'result.json'));
    expect(answer.stopReason).toBe('completed');
    expect(answer.failure).toBeNull();
    expect(answer.providers).toHaveLength(1);
    expect(answer.providers[0]?.id).toBe('target');
    expect(answer.providers[0]?.summary.requests).toBe(20);
    expect(answer.providers[0]?.summary.requests).toBe(server.requests);
    expect(answer.providers[0]?.sessions.started).toBe(20);
    const onDisk = await readResultFile(answer.result);
    expect(onDisk.meta.runId).toBe(answer.runId);
  });
});
