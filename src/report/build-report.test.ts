import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../result/result-model.js';
import { readResultFile } from '../result/result-schema.js';
import { PACKAGE_ROOT } from '../util/package-root.js';
import { buildReport } from './build-report.js';
import { smallObjectHistogram } from './metric-estimates.js';
import { percentileCurve } from './percentile-curve.js';

const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures', 'report');
let quick: RunResult;
let album: RunResult;
let rollout: RunResult;

beforeAll(async () => {
  [quick, album, rollout] = await Promise.all(['quick-compare', 'album-drop', 'edition-rollout'].map((f) => readResultFile(join(FIXTURES, `${f}.json`))));
});

/** The result with each provider's series split by `keep` (two halves of one run, as two agents would send). */
function part(r: RunResult, keep: (i: number) => boolean, agent: string): RunResult {
  return {
    ...r,
    meta: { ...r.meta, runId: `${r.meta.runId}-${agent}`, agents: [{ name: agent, region: '' }] },
    providers: r.providers.map((p) => ({ ...p, series: p.series.filter((_, i) => keep(i)) })),
  };
}

describe('buildReport', () => {
  it('takes each verdict column from the first scenario that measured it', () => {
    const m = buildReport([quick, album, rollout], { now: new Date(0) });
    expect(m.metricSources).toEqual({
      'small-p95': 'quick-compare',
      'error-rate': 'quick-compare',
      'hit-ratio': 'quick-compare',
      'invalidation-t95': 'edition-rollout',
      'coalescing-ratio': 'album-drop',
      'cost-per-1m': 'quick-compare',
    });
    expect(m.providers.map((p) => p.id)).toEqual(['edge-compute', 'edge-optimized', 'multi-cdn', 'regional', 'traditional']);
    for (const p of m.providers) {
      const q = quick.providers.find((x) => x.id === p.id);
      expect(p.verdict['small-p95']?.value).toBe(q?.summary.smallObject.p95Ms);
      expect(p.verdict['hit-ratio']?.value).toBe(q?.summary.hitRatio);
      expect(p.verdict['cost-per-1m']?.value).toBe(q?.summary.cost?.perMillionSessionsUsd);
      expect(p.verdict['coalescing-ratio']?.value).toBe(album.providers.find((x) => x.id === p.id)?.summary.coalescing?.ratio);
      expect(p.latency?.p95Ms).toBe(q?.summary.smallObject.p95Ms);
    }
    expect(m.generatedAt).toBe('1970-01-01T00:00:00.000Z');
    expect(m.scenarios.map((s) => s.name)).toEqual(['quick-compare', 'album-drop', 'edition-rollout']);
  });

  it('merges two agents\' halves of a run exactly: the same figures and curve as the whole', () => {
    const whole = buildReport([quick], { now: new Date(0) });
    const halves = buildReport([part(quick, (i) => i % 2 === 0, 'a'), part(quick, (i) => i % 2 === 1, 'b')], { now: new Date(0) });
    for (const p of whole.providers) {
      const h = halves.providers.find((x) => x.id === p.id);
      expect(h?.latency?.p95Ms).toBe(p.latency?.p95Ms);
      expect(h?.latency?.curve).toEqual(p.latency?.curve);
      expect(h?.latency?.perPop).toEqual(p.latency?.perPop);
      expect(h?.verdict['hit-ratio']?.value).toBeCloseTo(p.verdict['hit-ratio']?.value ?? Number.NaN, 12);
      // Two results of the provider: the noise basis becomes the spread across them.
      expect(h?.verdict['small-p95']).toMatchObject({ basis: 'runs', runs: 2 });
      expect(p.verdict['small-p95']).toMatchObject({ basis: 'ci95', runs: 1 });
    }
    expect(halves.scenarios[0]?.results).toBe(2);
    expect(halves.scenarios[0]?.agents.map((a) => a.name)).toEqual(['a', 'b']);
  });

  it('the latency curve is the HDR curve of the provider\'s small-object series', () => {
    const m = buildReport([quick], { now: new Date(0) });
    for (const p of quick.providers) {
      expect(m.providers.find((x) => x.id === p.id)?.latency?.curve).toEqual(percentileCurve(smallObjectHistogram(p)));
    }
  });

  it('two repeated runs of one provider: the interval spans both runs\' values', () => {
    const slower: RunResult = { ...quick, providers: quick.providers.map((p) => ({ ...p, summary: { ...p.summary, smallObject: { ...p.summary.smallObject, p95Ms: (p.summary.smallObject.p95Ms ?? 0) * 2 } } })) };
    const m = buildReport([quick, slower], { now: new Date(0) });
    for (const p of m.providers) {
      const single = quick.providers.find((x) => x.id === p.id)?.summary.smallObject.p95Ms ?? 0;
      expect(p.verdict['small-p95']?.interval?.high).toBeGreaterThanOrEqual(single * 2);
      expect(p.verdict['small-p95']?.interval?.low).toBeLessThanOrEqual(single);
    }
  });
});
