import { describe, expect, it } from 'vitest';
import { providerResults, samples } from '../../test/helpers/slo-result.js';
import { checkRegressionRef, compareToBaseline, parseRegressionBound } from './baseline.js';
import { parseMetricRef } from './parse-threshold.js';

const ref = (text: string) => parseMetricRef(text);

describe('compareToBaseline', () => {
  // Baseline: 100 tiles of 1..100 ms → p95 95 ms. Now: every tile 1.25× slower → p95 118.75 ms.
  const before = providerResults(samples(100, (i) => i * 1000));
  const after = providerResults(samples(100, (i) => i * 1250));
  const p95Before = before[0]?.summary.smallObject.p95Ms ?? Number.NaN;
  const p95After = after[0]?.summary.smallObject.p95Ms ?? Number.NaN;

  it('fails a latency rise beyond the bound and says by how much', () => {
    const [o] = compareToBaseline(after, before, [ref('small_object_p95')], 0.1);
    const change = (p95After - p95Before) / p95Before;
    expect(change).toBeGreaterThan(0.24);
    expect(o?.change).toBe(change);
    expect(o?.pass).toBe(false);
    expect(o?.message).toBe(`small_object_p95 p1: ${p95Before.toFixed(1)}ms → ${p95After.toFixed(0)}ms, +${(change * 100).toFixed(1)}% > 10%`);
  });

  it('passes within the bound, and an improvement', () => {
    expect(compareToBaseline(after, before, [ref('small_object_p95')], 0.3)[0]?.pass).toBe(true);
    const [better] = compareToBaseline(before, after, [ref('small_object_p95')], 0.1);
    expect(better?.pass).toBe(true);
    expect(better?.message).toMatch(/, −20\.\d% ≤ 10%$/);
  });

  it('treats a drop as the regression for higher-is-better metrics', () => {
    const hits = providerResults(samples(100, () => 1000));
    const someMisses = providerResults([...samples(90, () => 1000), ...samples(10, () => 1000, { cache: 'MISS' })]);
    const [o] = compareToBaseline(someMisses, hits, [ref('hit_ratio')], 0.05);
    expect(o?.worsening).toBeCloseTo(0.1, 12);
    expect(o?.pass).toBe(false);
    expect(o?.message).toBe('hit_ratio p1: 100.0% → 90.0%, −10.0% (worse by 10.0% > 5%)');
    expect(compareToBaseline(hits, someMisses, [ref('hit_ratio')], 0.05)[0]?.pass).toBe(true);
  });

  it('fails any rise from a zero baseline, passes zero to zero', () => {
    const clean = providerResults(samples(100, () => 1000));
    const broken = providerResults([...samples(99, () => 1000), ...samples(1, () => 1000, { status: 500 })]);
    const [o] = compareToBaseline(broken, clean, [ref('error_rate')], 0.1);
    expect(o?.change).toBe(Infinity);
    expect(o?.pass).toBe(false);
    expect(o?.message).toContain('+∞% > 10%');
    expect(compareToBaseline(clean, clean, [ref('error_rate')], 0)[0]?.pass).toBe(true);
  });

  it('compares filtered figures and skips, visibly, what the baseline lacks', () => {
    const withMeta = providerResults([...samples(100, (i) => i * 1000), ...samples(10, () => 5000, { provider: 'p2', objectClass: 'metadata' })]);
    const outcomes = compareToBaseline(withMeta, before, [ref('small_object_p95{class:mapping-tile}')], 0.1);
    expect(outcomes.map((o) => [o.provider, o.pass, o.skipped, o.change])).toEqual([['p1', true, null, 0], ['p2', true, 'not in the baseline', null]]);
    const noTiles = compareToBaseline(providerResults(samples(10, () => 5000, { objectClass: 'metadata' })), before, [ref('small_object_p95{class:mapping-tile}')], 0.1);
    expect(noTiles[0]?.pass).toBe(false);
    expect(noTiles[0]?.message).toContain('no figure in this run');
  });
});

describe('options', () => {
  it('reads the bound as a percentage or a fraction', () => {
    expect(parseRegressionBound('10%')).toBe(0.1);
    expect(parseRegressionBound('0.1')).toBe(0.1);
    expect(parseRegressionBound(' 2.5 % ')).toBe(0.025);
    expect(() => parseRegressionBound('ten')).toThrow(/--max-regression takes a percentage/);
    expect(() => parseRegressionBound('-5%')).toThrow(/--max-regression/);
  });

  it('refuses a wildcard regression metric', () => {
    expect(() => checkRegressionRef(ref('small_object_p95{pop:*}'))).toThrow(/name one value per tag/);
    expect(() => checkRegressionRef(ref('small_object_p95{provider:*}'))).not.toThrow();
  });
});
