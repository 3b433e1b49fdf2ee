import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { providerResults, samples } from '../../test/helpers/slo-result.js';
import type { RunResult } from '../result/result-model.js';
import { compareToBaseline } from './baseline.js';
import { renderOpenMetrics } from './exposition.js';
import { junitXml } from './junit.js';
import { appendStepSummary, sloMarkdown } from './markdown-summary.js';
import { parseMetricRef, parseThreshold } from './parse-threshold.js';
import { buildSloReport } from './slo-report.js';
import { sloMetricFamilies } from './slo-metrics.js';
import { sloTable } from './slo-table.js';

// p1: FRA tiles 1..100 ms (p95 95 ms), IAD tiles 0.5..50 ms (p95 47.5 ms); p2: 10 tiles of 300 ms.
const providers = providerResults([
  ...samples(100, (i) => i * 1000, { pop: 'FRA' }),
  ...samples(100, (i) => i * 500, { pop: 'IAD' }),
  ...samples(10, () => 300_000, { provider: 'p2' }),
]);
const result: RunResult = {
  schemaVersion: 1,
  meta: {
    runId: 'run-1', scenario: { name: 'unit-slo', file: null, sha256: null }, engine: 'builtin', model: 'open', cdnbenchVersion: '0.0.0',
    nodeVersion: 'v20', gitCommit: null, host: 'h', agents: [], startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:10.000Z',
    durationMs: 10_000, stopReason: 'completed', failure: null, smallObjectMaxBytes: 16_384,
  },
  providers,
};
const thresholds = ['small_object_p95{pop:*} < 50ms', 'hit_ratio >= 0.99', 'small_object_p95{provider:p2} < 1s', 'error_rate < 0.1%'].map((t) => parseThreshold(t));
// The baseline had p1 twice as fast: +100%.
const baseline = providerResults(samples(100, (i) => i * 500, { pop: 'FRA' }));
const regressions = compareToBaseline(providers, baseline, [parseMetricRef('small_object_max')], 0.1);
const report = buildSloReport({ result, thresholds, regressions, aborted: null, planned: ['p1', 'p2'] });

describe('the SLO report', () => {
  it('counts threshold × provider checks and compared regressions', () => {
    // p95{pop:*} fails on p1 (FRA) and p2 (300 ms); the rest pass; p1 regressed, p2 is not in the baseline.
    expect(report.outcomes.map((o) => [o.provider, o.threshold.source, o.pass])).toEqual([
      ['p1', 'small_object_p95{pop:*} < 50ms', false], ['p2', 'small_object_p95{pop:*} < 50ms', false],
      ['p1', 'hit_ratio >= 0.99', true], ['p2', 'hit_ratio >= 0.99', true],
      ['p2', 'small_object_p95{provider:p2} < 1s', true],
      ['p1', 'error_rate < 0.1%', true], ['p2', 'error_rate < 0.1%', true],
    ]);
    expect(regressions.map((r) => [r.provider, r.pass, r.skipped])).toEqual([['p1', false, null], ['p2', true, 'not in the baseline']]);
    expect([report.failed, report.total, report.pass]).toEqual([3, 8, false]);
  });

  it('prints a table with the measured worst value and a closing line', () => {
    const text = sloTable(report);
    expect(text).toMatch(/^provider\s+threshold\s+measured\s+bound\s+verdict$/m);
    expect(text).toMatch(/^p1\s+small_object_p95\{pop:\*\} < 50ms\s+95\.\dms \(pop:FRA, worst of 2\)\s+< 50\.0ms\s+FAIL 1\/2$/m);
    expect(text).toMatch(/^baseline comparison:\n {2}FAIL {2}small_object_max p1: 50\.\dms → 100ms, \+100\.\d% > 10%\n {2}skip {2}small_object_max p2: not in the baseline, not compared$/m);
    expect(text.split('\n').at(-1)).toBe('SLO: 3 of 8 checks failed');
  });

  it('marks providers the run never reached', () => {
    const partial = buildSloReport({ result: { ...result, providers: providers.slice(0, 1) }, thresholds, regressions: [], aborted: 'hit_ratio failed', planned: ['p1', 'p2'] });
    expect(partial.notRun).toEqual(['p2']);
    expect(partial.pass).toBe(false);
    expect(sloTable(partial).split('\n').at(-1)).toBe('SLO: 1 of 3 checks failed; run stopped by abortOnFail: hit_ratio failed; not run: p2');
  });
});

describe('junitXml', () => {
  it('is valid XML with one testcase per check, failures counted, measured values in messages', () => {
    const xml = junitXml(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' || name === 'property' }).parse(xml) as {
      testsuites: { tests: string; failures: string; testsuite: { tests: string; failures: string; skipped: string; testcase: { classname: string; name: string; failure?: { message: string; '#text': string }; skipped?: unknown; 'system-out'?: string }[] } };
    };
    const suite = doc.testsuites.testsuite;
    expect(suite.testcase).toHaveLength(9);
    expect([doc.testsuites.tests, doc.testsuites.failures, suite.failures, suite.skipped]).toEqual(['9', '3', '3', '1']);
    expect(suite.testcase.filter((t) => t.failure !== undefined)).toHaveLength(3);
    const [first] = suite.testcase;
    expect(first?.classname).toBe('cdnbench.slo.p1');
    expect(first?.name).toBe('small_object_p95{pop:*} < 50ms');
    expect(first?.failure?.message).toMatch(/^measured 95\.\dms \(pop:FRA, worst of 2\), expected < 50\.0ms$/);
    expect(first?.failure?.['#text']).toMatch(/^FAIL {2}95\.\dms \(pop:FRA\)\npass {2}47\.\dms \(pop:IAD\)$/);
    expect(suite.testcase[2]?.['system-out']).toMatch(/^measured 100\.0%, expected >= 99\.0%/);
    expect(suite.testcase[7]?.failure?.message).toMatch(/^small_object_max p1: 50\.\dms → 100ms, \+100\.\d% > 10%$/);
  });
});

describe('OpenMetrics families', () => {
  it('exports headline figures, every thresholded value and the verdicts', () => {
    const text = renderOpenMetrics(sloMetricFamilies(result, report));
    const p1 = providers[0];
    expect(text).toContain(`cdnbench_small_object_p95_seconds{scenario="unit-slo",provider="p1"} ${(p1?.summary.smallObject.p95Ms ?? 0) / 1000}\n`);
    expect(text).toContain(`cdnbench_small_object_p95_seconds{scenario="unit-slo",provider="p1",pop="FRA"} ${(p1?.summary.smallObject.perPop.FRA?.p95Ms ?? 0) / 1000}\n`);
    expect(text).toContain('cdnbench_hit_ratio{scenario="unit-slo",provider="p1"} 1\n');
    expect(text).toContain('cdnbench_slo_threshold_pass{scenario="unit-slo",provider="p1",threshold="small_object_p95{pop:*} < 50ms"} 0\n');
    expect(text).toContain('cdnbench_slo_checks_failed{scenario="unit-slo"} 3\n');
    expect(text).toContain('cdnbench_run_end_timestamp_seconds{scenario="unit-slo"} 1767225610\n');
    expect(text).toContain('# UNIT cdnbench_small_object_p95_seconds seconds\n');
    expect(text.endsWith('# EOF\n')).toBe(true);
    // Each family appears once (OpenMetrics requires a family's samples together).
    const types = text.split('\n').filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]);
    expect(new Set(types).size).toBe(types.length);
  });
});

describe('Markdown summary', () => {
  it('renders tables and appends to GITHUB_STEP_SUMMARY only when set', async () => {
    const md = sloMarkdown(report);
    expect(md).toMatch(/^### ❌ cdnbench SLO check: unit-slo\n\n3 of 8 checks failed\n\n\| provider \| threshold \| measured \| bound \| verdict \|\n\| --- \|/);
    expect(md).toContain('| p1 | `small_object_p95{pop:*} < 50ms` |');
    const dir = await mkdtemp(join(tmpdir(), 'cdnbench-md-'));
    try {
      const file = join(dir, 'summary.md');
      await writeFile(file, 'before\n');
      expect(await appendStepSummary(md, { GITHUB_STEP_SUMMARY: file })).toBe(file);
      expect(await readFile(file, 'utf8')).toBe(`before\n${md}`);
      expect(await appendStepSummary(md, {})).toBeNull();
      await expect(appendStepSummary(md, { GITHUB_STEP_SUMMARY: join(dir, 'no/such/dir/x.md') })).rejects.toThrow(/cannot append to GITHUB_STEP_SUMMARY/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
