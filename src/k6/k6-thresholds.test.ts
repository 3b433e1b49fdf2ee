import { describe, expect, it } from 'vitest';
import { toK6Thresholds, type K6ThresholdInput } from './k6-thresholds.js';

const t = (source: string, metric: string, op: K6ThresholdInput['op'], value: number, filters: Record<string, string> = {}, abortOnFail = false): K6ThresholdInput =>
  ({ source, metric, filters, op, value, abortOnFail });

describe('toK6Thresholds', () => {
  it('maps small-object percentiles with tag filters to the small-object trend', () => {
    const r = toK6Thresholds([t('small_object_p95{pop:fra} < 50ms', 'small_object_p95', '<', 50, { pop: 'fra' })]);
    expect(r).toEqual({ thresholds: { 'cdnbench_small_object_duration{pop:fra}': ['p(95)<50'] }, unsupported: [] });
  });

  it('keeps fractional percentiles, max and every operator', () => {
    const r = toK6Thresholds([
      t('a', 'small_object_p99.9', '<=', 120, {}),
      t('b', 'small_object_max', '!=', 1000),
      t('c', 'ttfb_p50', '>=', 1),
      t('d', 'all_objects_avg', '==', 2),
    ]);
    expect(r.thresholds).toEqual({
      cdnbench_small_object_duration: ['p(99.9)<=120', 'max!=1000'],
      cdnbench_req_waiting: ['p(50)>=1'],
      cdnbench_req_duration: ['avg==2'],
    });
  });

  it('maps error_rate to http_req_failed and hit_ratio to the cache-hit rate; abortOnFail becomes an object', () => {
    const r = toK6Thresholds([
      t('error_rate < 0.1%', 'error_rate', '<', 0.001, {}, true),
      t('hit_ratio >= 0.99', 'hit_ratio', '>=', 0.99, { class: 'mapping-tile' }),
      t('error_rate{class:metadata} < 1%', 'error_rate', '<', 0.01, { class: 'metadata' }),
    ]);
    expect(r.thresholds).toEqual({
      http_req_failed: [{ threshold: 'rate<0.001', abortOnFail: true }],
      'cdnbench_cache_hit{object_class:mapping-tile}': ['rate>=0.99'],
      'http_req_failed{object_class:metadata}': ['rate<0.01'],
    });
    expect(r.unsupported).toEqual([]);
  });

  it('expands {pop:*} over the named PoPs and {cache:*} over every cache status', () => {
    const r = toK6Thresholds([t('s', 'small_object_p95', '<', 50, { pop: '*' })], { pops: ['FRA', 'IAD'] });
    expect(r.thresholds).toEqual({
      'cdnbench_small_object_duration{pop:FRA}': ['p(95)<50'],
      'cdnbench_small_object_duration{pop:IAD}': ['p(95)<50'],
    });
    const c = toK6Thresholds([t('s', 'small_object_p95', '<', 50, { cache: '*', pop: 'fra' })]);
    expect(Object.keys(c.thresholds)).toHaveLength(8);
    expect(c.thresholds['cdnbench_small_object_duration{cache_status:HIT,pop:fra}']).toEqual(['p(95)<50']);
  });

  it('maps cache:warm / cache:cold to the warmth tag and cache states to the script\'s capitals', () => {
    const out = toK6Thresholds(
      [
        t('a', 'small_object_p95', '<', 50, { cache: 'warm', class: 'mapping-tile' }),
        t('b', 'small_object_p99', '<', 90, { cache: 'Cold' }),
        t('c', 'small_object_max', '<', 500, { cache: 'hit' }),
      ],
      {},
    );
    expect(out.thresholds).toEqual({
      'cdnbench_small_object_duration{warmth:warm,object_class:mapping-tile}': ['p(95)<50'],
      'cdnbench_small_object_duration{warmth:cold}': ['p(99)<90'],
      'cdnbench_small_object_duration{cache_status:HIT}': ['max<500'],
    });
  });

  it('lists what k6 cannot express with a reason instead of dropping it', () => {
    const r = toK6Thresholds([
      t('invalidation_t95 < 5s', 'invalidation_t95', '<', 5000),
      t('coalescing_ratio <= 1.1', 'coalescing_ratio', '<=', 1.1),
      t('cost_per_million_sessions < 20usd', 'cost_per_million_sessions', '<', 20),
      t('small_object_p95{pop:*} < 50ms', 'small_object_p95', '<', 50, { pop: '*' }),
      t('error_rate{pop:fra} < 1%', 'error_rate', '<', 0.01, { pop: 'fra' }),
      t('small_object_p95{region:eu} < 50ms', 'small_object_p95', '<', 50, { region: 'eu' }),
      t('bogus < 1', 'bogus', '<', 1),
    ]);
    expect(r.thresholds).toEqual({});
    expect(r.unsupported.map((u) => u.source)).toEqual([
      'invalidation_t95 < 5s', 'coalescing_ratio <= 1.1', 'cost_per_million_sessions < 20usd', 'small_object_p95{pop:*} < 50ms',
      'error_rate{pop:fra} < 1%', 'small_object_p95{region:eu} < 50ms', 'bogus < 1',
    ]);
    expect(r.unsupported[0]?.reason).toMatch(/probes/);
    expect(r.unsupported[3]?.reason).toMatch(/--pop/);
    expect(r.unsupported[6]?.reason).toMatch(/unknown metric bogus/);
  });
});
