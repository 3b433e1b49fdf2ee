/**
 * SLO checks through the built CLI against the lab: exit codes 0 / 99 / 1 / 104, JUnit parsed with a real
 * XML parser and counted, a real Prometheus Pushgateway receiving the push (figures compared with
 * result.json), a baseline regression against a deliberately slowed profile, and abortOnFail.
 *
 * Ground truths the test controls: the emulated PoPs add a fixed 30 ms (90 ms in the slowed profile) to
 * every response, so a warm (cache-hit) small object never takes less than ~30 ms; the scenario sends
 * exactly 60 sessions × 2 requests.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResultFile } from '../src/result/result-schema.js';
import type { ProviderResult, RunResult } from '../src/result/result-model.js';
import { runCli, type CliResult } from './helpers/cli.js';
import { parseExposition, pushgatewayBinary, startPushgateway, type Pushgateway } from './helpers/pushgateway.js';

const PUSHGATEWAY = pushgatewayBinary();
const REQUIRED = process.env.CDNBENCH_REQUIRE_ENGINES === '1';
// bcrypt (cost 4) of AUTH.password, made with Python's crypt.crypt(password, crypt.mksalt(METHOD_BLOWFISH, rounds=16)).
const AUTH = { user: 'cdnbench', password: 'cdnbench-e2e-password', bcrypt: '$2b$04$fzTuBl39AIqd69tCguV0h.njejYIKpkehftR9P6Yeks7fOpj74PPa' };

let dir = '';

function profile(latency: string): string {
  return `kind: emulator
id: lab
archetype: edge-optimized
pops: [{ id: fra, region: europe }, { id: iad, region: north-america }]
latency: ${latency}
invalidation: 1s
purgeApi: generic
purgeKinds: [url]
coalescing: true
shield: false
edgeKv: false
dialect: rfc9211
prices:
  egress: { default: [{ upToGB: null, usdPerGB: 0.05 }] }
  per10kRequestsUsd: 0.01
  originEgressUsdPerGB: 0.09
  source: test prices
`;
}

function scenario(name: string, seconds: number, thresholds = ''): string {
  return `name: ${name}
catalog: { seed: 42, books: 20, tracks: 10, albums: 1 }
sessions:
  reader:
    steps:
      - get: /meta/{isbn}.json
      - get: /maps/{isbn}/{edition}/{lang}/{range}.json
load: { model: open, arrival: constant, connections: 4 }
phases: [{ duration: ${seconds}s, rate: 20 }]
limits: { maxDuration: 60s }
${thresholds}`;
}

const PASSING = ['small_object_p50{cache:warm} >= 25ms', 'requests == 120', 'error_rate == 0', 'small_object_p95{pop:*} < 10s', 'cost_per_million_sessions < 1000usd'];
const FAILING = ['small_object_max{cache:warm} < 25ms', 'requests < 10'];

function slo(thresholds: readonly string[]): string {
  return `thresholds:\n${thresholds.map((t) => `  - "${t}"`).join('\n')}\n`;
}

/** The JUnit document's suite: counts as numbers and every testcase. */
async function readJunit(path: string): Promise<{ tests: number; failures: number; cases: { classname: string; name: string; failure?: { message: string } }[] }> {
  const xml = await readFile(path, 'utf8');
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'testcase' }).parse(xml) as {
    testsuites: { testsuite: { tests: string; failures: string; testcase?: { classname: string; name: string; failure?: { message: string } }[] } };
  };
  const s = doc.testsuites.testsuite;
  return { tests: Number(s.tests), failures: Number(s.failures), cases: s.testcase ?? [] };
}

function only(result: RunResult): ProviderResult {
  expect(result.providers).toHaveLength(1);
  const [p] = result.providers;
  if (p === undefined) throw new Error('no provider');
  return p;
}

/** How the CLI prints a time in ms. */
const ms = (v: number): string => `${v.toFixed(v >= 100 ? 0 : 1)}ms`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-slo-e2e-'));
  await writeFile(join(dir, 'lab.yaml'), profile('30ms'));
  await writeFile(join(dir, 'short.yaml'), scenario('slo-e2e', 3));
  await writeFile(join(dir, 'pass.yaml'), slo(PASSING));
  await writeFile(join(dir, 'fail.yaml'), slo([...PASSING, ...FAILING]));
  await writeFile(join(dir, 'one-second.yaml'), scenario('slo-e2e-short', 1));
  await writeFile(join(dir, 'lax.yaml'), slo(['error_rate < 100%']));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const check = (args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> =>
  runCli(['check', join(dir, 'short.yaml'), '--provider', join(dir, 'lab.yaml'), '--quiet', ...args], { timeoutMs: 90_000, env });

describe('cdnbench check', () => {
  it('exits 0 when every threshold passes, with a JUnit file that counts no failure', async () => {
    const out = join(dir, 'pass');
    const r = await check(['--slo', join(dir, 'pass.yaml'), '--out', out, '--junit', join(out, 'junit.xml')]);
    expect(r.code, r.stderr).toBe(0);
    const p = only(await readResultFile(join(out, 'result.json')));
    expect(p.summary.requests).toBe(120);
    expect(p.summary.smallObject.warm.p50Ms).toBeGreaterThanOrEqual(25);
    const junit = await readJunit(join(out, 'junit.xml'));
    expect([junit.tests, junit.failures]).toEqual([PASSING.length, 0]);
    expect(junit.cases.map((c) => c.name)).toEqual(PASSING);
    expect(r.stdout).toMatch(/^lab\s+requests == 120\s+120\s+== 120\s+pass$/m);
    expect(r.stdout).toContain(`SLO: all ${PASSING.length} checks passed`);
  });

  it.skipIf(PUSHGATEWAY === null && !REQUIRED)('exits 99 when thresholds fail; JUnit counts them; a real Pushgateway (needs prometheus-pushgateway) gets the figures of result.json', async () => {
    if (PUSHGATEWAY === null) throw new Error('prometheus-pushgateway is not installed (CDNBENCH_REQUIRE_ENGINES=1): apt-get install prometheus-pushgateway');
    const gateway: Pushgateway = await startPushgateway(PUSHGATEWAY, AUTH);
    try {
      const out = join(dir, 'fail');
      const summary = join(dir, 'step-summary.md');
      await writeFile(summary, '# earlier step\n');
      const r = await check(
        ['--slo', join(dir, 'fail.yaml'), '--out', out, '--junit', join(out, 'junit.xml'), '--openmetrics', join(out, 'metrics.txt'),
          '--pushgateway', gateway.url, '--push-job', 'cdnbench-e2e', '--push-instance', 'ci-1'],
        { CDNBENCH_PUSHGATEWAY_USER: AUTH.user, CDNBENCH_PUSHGATEWAY_PASSWORD: AUTH.password, GITHUB_STEP_SUMMARY: summary },
      );
      expect(r.code, r.stderr).toBe(99);
      expect(r.stderr).toContain(`cdnbench: SLO check failed: 2 of ${PASSING.length + 2} checks failed`);
      const result = await readResultFile(join(out, 'result.json'));
      const p = only(result);
      const warmMax = p.summary.smallObject.warm.maxMs ?? Number.NaN;
      expect(warmMax).toBeGreaterThanOrEqual(25);

      const junit = await readJunit(join(out, 'junit.xml'));
      expect([junit.tests, junit.failures]).toEqual([PASSING.length + 2, 2]);
      const failed = junit.cases.filter((c) => c.failure !== undefined);
      expect(failed.map((c) => [c.classname, c.name])).toEqual(FAILING.map((t) => ['cdnbench.slo.lab', t]));
      expect(failed[0]?.failure?.message).toBe(`measured ${ms(warmMax)} (cache:warm), expected < 25.0ms`);
      expect(failed[1]?.failure?.message).toBe('measured 120, expected < 10');

      // The Pushgateway holds what result.json says (times in seconds, rounded to the histograms' µs).
      const samples = parseExposition(await gateway.metrics()).filter((s) => s.labels.job === 'cdnbench-e2e' && s.labels.instance === 'ci-1');
      const value = (name: string, labels: Record<string, string> = {}): number | undefined =>
        samples.find((s) => s.name === name && s.labels.provider === 'lab' && Object.entries(labels).every(([k, v]) => s.labels[k] === v) && Object.keys(s.labels).length === 4 + Object.keys(labels).length)?.value;
      const seconds = (v: number | null): number => Math.round((v ?? Number.NaN) * 1000) / 1e6;
      expect(value('cdnbench_small_object_p95_seconds')).toBe(seconds(p.summary.smallObject.p95Ms));
      expect(value('cdnbench_small_object_p99_seconds')).toBe(seconds(p.summary.smallObject.p99Ms));
      const [pop, popLatency] = Object.entries(p.summary.smallObject.perPop)[0] ?? [];
      expect(pop).toBeDefined();
      expect(value('cdnbench_small_object_p95_seconds', { pop: pop ?? '' })).toBe(seconds(popLatency?.p95Ms ?? null));
      expect(value('cdnbench_small_object_max_seconds', { cache: 'warm' })).toBe(seconds(warmMax));
      expect(value('cdnbench_hit_ratio')).toBe(p.summary.hitRatio);
      expect(value('cdnbench_requests')).toBe(p.summary.requests);
      expect(value('cdnbench_cost_per_million_sessions_usd')).toBe(p.summary.cost?.perMillionSessionsUsd);
      expect(value('cdnbench_slo_threshold_pass', { threshold: 'requests < 10' })).toBe(0);
      expect(value('cdnbench_slo_threshold_pass', { threshold: 'requests == 120' })).toBe(1);
      expect(samples.find((s) => s.name === 'cdnbench_slo_checks_failed')?.value).toBe(2);
      expect(samples.find((s) => s.name === 'cdnbench_run_info')?.labels.run_id).toBe(result.meta.runId);

      // The same figures in the OpenMetrics file, which ends in # EOF.
      const file = await readFile(join(out, 'metrics.txt'), 'utf8');
      expect(file.endsWith('# EOF\n')).toBe(true);
      expect(file).toContain('# UNIT cdnbench_small_object_p95_seconds seconds\n');
      expect(file).toContain(`cdnbench_requests{scenario="slo-e2e",provider="lab"} ${p.summary.requests}\n`);

      const md = await readFile(summary, 'utf8');
      expect(md).toMatch(/^# earlier step\n### ❌ cdnbench SLO check: slo-e2e\n/);
      expect(md).toContain('| lab | `requests < 10` | 120 | < 10 | ❌ FAIL |');
      // After the verdict, the comparison report's Markdown: its verdict table names the provider.
      expect(md.indexOf('❌ FAIL')).toBeLessThan(md.lastIndexOf('| lab |'));
      expect(md).toMatch(/small-object p95/i);
      // The password reaches neither output nor files.
      for (const text of [r.stdout, r.stderr, md, file, await readFile(join(out, 'result.json'), 'utf8'), await readFile(join(out, 'junit.xml'), 'utf8')]) {
        expect(text).not.toContain(AUTH.password);
      }
    } finally {
      await gateway.stop();
    }
  });

  it.skipIf(PUSHGATEWAY === null && !REQUIRED)('exits 1 when the Pushgateway refuses the credentials (needs prometheus-pushgateway), without printing them', async () => {
    if (PUSHGATEWAY === null) throw new Error('prometheus-pushgateway is not installed (CDNBENCH_REQUIRE_ENGINES=1)');
    const gateway = await startPushgateway(PUSHGATEWAY, AUTH);
    try {
      const r = await runCli(['check', join(dir, 'one-second.yaml'), '--provider', join(dir, 'lab.yaml'), '--quiet', '--slo', join(dir, 'lax.yaml'),
        '--out', join(dir, 'auth'), '--pushgateway', gateway.url], { timeoutMs: 90_000, env: { CDNBENCH_PUSHGATEWAY_USER: AUTH.user, CDNBENCH_PUSHGATEWAY_PASSWORD: 'wrong-secret-value' } });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/^cdnbench: the Pushgateway at http:\/\/127\.0\.0\.1:\d+\/metrics\/job\/cdnbench\/instance\/[^ ]+ answered 401/m);
      expect(r.stdout + r.stderr).not.toContain('wrong-secret-value');
    } finally {
      await gateway.stop();
    }
  });

  it('fails a regression against the baseline by the percentage the two result files give', async () => {
    const base = join(dir, 'pass', 'result.json');
    expect(existsSync(base)).toBe(true);
    const slowDir = join(dir, 'slow');
    await rm(slowDir, { recursive: true, force: true });
    // The same provider id (the baseline is matched by id), three times the latency.
    await writeFile(join(dir, 'slow-lab.yaml'), profile('90ms'));
    const r = await runCli(['check', join(dir, 'short.yaml'), '--provider', join(dir, 'slow-lab.yaml'), '--quiet', '--out', slowDir,
      '--baseline', base, '--max-regression', '10%', '--regression-metric', 'small_object_p95', '--regression-metric', 'small_object_p50{cache:warm}'], { timeoutMs: 90_000 });
    expect(r.code, r.stderr).toBe(99);
    const before = only(await readResultFile(base)).summary.smallObject;
    const after = only(await readResultFile(join(slowDir, 'result.json'))).summary.smallObject;
    const change = (a: number | null, b: number | null): number => ((b ?? 0) - (a ?? 0)) / (a ?? 1);
    const line = (metric: string, a: number | null, b: number | null): string => {
      const c = change(a, b);
      return `${c > 0.1 ? 'FAIL' : 'pass'}  ${metric} lab: ${ms(a ?? 0)} → ${ms(b ?? 0)}, ${c >= 0 ? '+' : '−'}${Math.abs(c * 100).toFixed(1)}% ${c > 0.1 ? '>' : '≤'} 10%`;
    };
    // Warm responses are the PoP's injected latency alone: 30 ms → 90 ms, a rise of well over 100 %. The
    // overall p95 also holds cold misses (origin latency, drawn at random), so its rise varies from run to run.
    expect(change(before.warm.p50Ms, after.warm.p50Ms)).toBeGreaterThan(1);
    expect(r.stdout).toContain(line('small_object_p50{cache:warm}', before.warm.p50Ms, after.warm.p50Ms));
    expect(r.stdout).toContain(line('small_object_p95', before.p95Ms, after.p95Ms));
    const failed = 1 + (change(before.p95Ms, after.p95Ms) > 0.1 ? 1 : 0);
    expect(r.stderr).toContain(`cdnbench: SLO check failed: ${failed} of 2 checks failed`);
  });

  it('stops the run early when an abortOnFail threshold fails, and exits 99', async () => {
    await writeFile(join(dir, 'long.yaml'), scenario('slo-e2e-abort', 40, 'thresholds:\n  - { threshold: "small_object_p50{cache:warm} < 5ms", abortOnFail: true, delayAbortEval: 1s }\n'));
    const out = join(dir, 'abort');
    const r = await runCli(['check', join(dir, 'long.yaml'), '--provider', join(dir, 'lab.yaml'), '--quiet', '--out', out, '--junit', join(out, 'junit.xml')], { timeoutMs: 90_000 });
    expect(r.code, r.stderr).toBe(99);
    const result = await readResultFile(join(out, 'result.json'));
    expect(result.meta.stopReason).toBe('aborted-by-threshold');
    expect(result.meta.failure).toMatch(/^stopped by abortOnFail: lab: small_object_p50\{cache:warm\} < 5ms failed after \d+(\.\d)?s: \d+\.\dms \(cache:warm\), expected < 5\.0ms$/);
    // 800 sessions were planned over 40 s; the run stopped long before.
    expect(result.meta.durationMs).toBeLessThan(20_000);
    expect(only(result).summary.requests).toBeLessThan(800);
    expect(r.stderr).toContain('cdnbench: SLO check failed: stopped by abortOnFail: lab: small_object_p50{cache:warm} < 5ms failed after');
    const junit = await readJunit(join(out, 'junit.xml'));
    expect(junit.cases.map((c) => [c.name, c.failure !== undefined])).toEqual([['small_object_p50{cache:warm} < 5ms', true], ['run', true]]);
  });

  it('exits 1 when the run itself fails, still writing the verdict', async () => {
    const out = join(dir, 'down');
    // Port 9 (discard) on loopback: nothing listens, every request is a connect error.
    const r = await runCli(['check', join(dir, 'one-second.yaml'), '--target', 'http://127.0.0.1:9', '--no-preflight', '--quiet', '--slo', join(dir, 'lax.yaml'), '--out', out, '--junit', join(out, 'junit.xml')], { timeoutMs: 90_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^cdnbench: run failed: provider target: no response to any of \d+ requests/m);
    const junit = await readJunit(join(out, 'junit.xml'));
    expect(junit.cases.map((c) => [c.name, c.failure !== undefined])).toEqual([['error_rate < 100%', true], ['run', true]]);
  });

  it('rejects a bad threshold and an unmeasurable one with 104 before any load', async () => {
    await writeFile(join(dir, 'bad.yaml'), slo(['hit_ratio >= 99ms']));
    const bad = await check(['--slo', join(dir, 'bad.yaml'), '--out', join(dir, 'bad')]);
    expect(bad.code).toBe(104);
    expect(bad.stderr).toContain(`cdnbench: invalid SLO file ${join(dir, 'bad.yaml')}: 1 problem\n  thresholds[0]: column 16: ms is a time unit but hit_ratio is a ratio`);
    await writeFile(join(dir, 'unmeasured.yaml'), slo(['invalidation_t95 < 5s', 'coalescing_ratio <= 1.1']));
    const none = await check(['--slo', join(dir, 'unmeasured.yaml'), '--out', join(dir, 'unmeasured')]);
    expect(none.code).toBe(104);
    expect(none.stderr).toBe([
      'cdnbench: 2 thresholds cannot be measured by this run: invalidation_t95 < 5s: invalidation_t95 needs an invalidation measurement, but the scenario has no publish event with a strategy and no purge event with probe:',
      '  coalescing_ratio <= 1.1: coalescing_ratio needs a coalescing measurement, but the scenario has no coalescing: section',
      '',
    ].join('\n'));
    // Nothing ran: no result was written.
    expect(existsSync(join(dir, 'bad'))).toBe(false);
    expect(existsSync(join(dir, 'unmeasured'))).toBe(false);
    const nothing = await check(['--out', join(dir, 'nothing')]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('cdnbench: nothing to check: add thresholds: to the scenario, or give --slo FILE or --baseline FILE');
  });
});
