import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../scenario/schema.js';
import { formatZodIssues } from '../util/zod-issues.js';
import { k6ExpressionToThreshold } from './k6-threshold-map.js';
import { thresholdRules } from './threshold-config.js';

const scenario = (thresholds: unknown): unknown => ({
  name: 'unit', sessions: { r: { steps: [{ get: '/x' }] } }, load: { model: 'open' }, phases: [{ duration: '1s', rate: 1 }], thresholds,
});

describe('k6 map-style thresholds', () => {
  it('reads trend aggregations as percentile metrics, a bare number in ms', () => {
    expect(k6ExpressionToThreshold('http_req_duration', 'p(95)<200')).toBe('all_objects_p95 < 200ms');
    expect(k6ExpressionToThreshold('small_object{cache:warm}', 'max <= 1s')).toBe('small_object_max{cache:warm} <= 1s');
    expect(k6ExpressionToThreshold('http_req_failed', 'rate<0.01')).toBe('error_rate < 0.01');
    expect(k6ExpressionToThreshold('hit_ratio{pop:*}', '>= 0.9')).toBe('hit_ratio{pop:*} >= 0.9');
    expect(() => k6ExpressionToThreshold('hit_ratio', 'p(95)<1')).toThrow(/latency metric/);
    expect(() => k6ExpressionToThreshold('hit_ratio', 'about 1')).toThrow(/not a k6 threshold expression/);
  });

  it('is accepted in a scenario beside the list form, abortOnFail included', () => {
    const parsed = scenarioSchema.parse(scenario({
      'small_object{cache:warm}': ['p(95)<50', 'p(99)<250'],
      http_req_failed: [{ threshold: 'rate<0.05', abortOnFail: true, delayAbortEval: '5s' }],
    }));
    const rules = thresholdRules(parsed.thresholds ?? []);
    expect(rules.map((r) => [r.threshold.metric, r.threshold.filters, r.threshold.abortOnFail, r.delayAbortEvalMs])).toEqual([
      ['small_object_p95', { cache: 'warm' }, false, 0],
      ['small_object_p99', { cache: 'warm' }, false, 0],
      ['error_rate', {}, true, 5000],
    ]);
  });

  it('reports a bad entry with its key and index', () => {
    const parsed = scenarioSchema.safeParse(scenario({ small_object: ['p(95)<50', 'p(42)<50'] }));
    expect(parsed.success).toBe(false);
    const problems = parsed.success ? [] : formatZodIssues(parsed.error);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^thresholds\.small_object\[1\]: read as "small_object_p42 < 50ms": /);
  });
});
