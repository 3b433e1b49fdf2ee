import { describe, expect, it } from 'vitest';
import { parseMetricRef, parseThreshold } from './parse-threshold.js';
import { ThresholdSyntaxError } from './threshold-syntax-error.js';

/** The error parseThreshold throws for `text` (fails the test when it parses). */
function errorOf(text: string): ThresholdSyntaxError {
  try {
    parseThreshold(text);
  } catch (err) {
    if (err instanceof ThresholdSyntaxError) return err;
    throw err;
  }
  throw new Error(`"${text}" parsed`);
}

describe('parseThreshold', () => {
  it('parses the issue examples into base units', () => {
    expect(parseThreshold('small_object_p95{pop:*} < 50ms')).toEqual({
      source: 'small_object_p95{pop:*} < 50ms', metric: 'small_object_p95', filters: { pop: '*' }, op: '<', value: 50, abortOnFail: false,
    });
    expect(parseThreshold('small_object_p99 < 120ms')).toMatchObject({ metric: 'small_object_p99', filters: {}, op: '<', value: 120 });
    expect(parseThreshold('hit_ratio >= 0.99')).toMatchObject({ op: '>=', value: 0.99 });
    expect(parseThreshold('error_rate < 0.1%')).toMatchObject({ op: '<', value: 0.001 });
    expect(parseThreshold('invalidation_t95 < 5s')).toMatchObject({ op: '<', value: 5000 });
    expect(parseThreshold('invalidation_converged == 1')).toMatchObject({ op: '==', value: 1 });
    expect(parseThreshold('coalescing_ratio <= 1.1')).toMatchObject({ op: '<=', value: 1.1 });
    expect(parseThreshold('cost_per_million_sessions < 20usd')).toMatchObject({ op: '<', value: 20 });
  });

  it('reads every operator', () => {
    for (const op of ['<', '<=', '>', '>=', '==', '!='] as const) {
      expect(parseThreshold(`requests ${op} 10`).op).toBe(op);
      expect(parseThreshold(`requests${op}10`).op).toBe(op);
    }
  });

  it('converts every unit to base units (ms, ratio, USD)', () => {
    expect(parseThreshold('small_object_p95 < 1500us').value).toBe(1.5);
    expect(parseThreshold('small_object_p95 < 1500µs').value).toBe(1.5);
    expect(parseThreshold('small_object_p95 < 42.5ms').value).toBe(42.5);
    expect(parseThreshold('small_object_p95 < 0.1s').value).toBe(100);
    expect(parseThreshold('invalidation_t95 < 2m').value).toBe(120_000);
    expect(parseThreshold('invalidation_max < 1h').value).toBe(3_600_000);
    expect(parseThreshold('hit_ratio >= 99%').value).toBe(0.99);
    expect(parseThreshold('error_rate <= 0.1 %').value).toBe(0.001);
    expect(parseThreshold('cost_total < 0.5USD').value).toBe(0.5);
    expect(parseThreshold('cost_total < 0.5').value).toBe(0.5);
    expect(parseThreshold('coalescing_ratio <= 1.1').value).toBe(1.1);
    expect(parseThreshold('small_object_p95 < 50 ms').value).toBe(50);
  });

  it('reads every tag filter, with spaces, and keeps the source', () => {
    const t = parseThreshold('  small_object_p95 { pop : fra , class:mapping-tile,cache:warm, provider:edge-optimized } < 50ms ');
    expect(t.filters).toEqual({ pop: 'fra', class: 'mapping-tile', cache: 'warm', provider: 'edge-optimized' });
    expect(t.source).toBe('small_object_p95 { pop : fra , class:mapping-tile,cache:warm, provider:edge-optimized } < 50ms');
    expect(parseThreshold('hit_ratio{class:*} > 0.5').filters).toEqual({ class: '*' });
    expect(parseThreshold('error_rate{cache:MISS} < 1%').filters).toEqual({ cache: 'MISS' });
    expect(parseThreshold('invalidation_t95{pop:*} < 5s').filters).toEqual({ pop: '*' });
  });

  it('passes abortOnFail through', () => {
    expect(parseThreshold('error_rate < 1%', { abortOnFail: true }).abortOnFail).toBe(true);
  });

  it.each([
    ['hit_ratio >= 99ms', 16, 'ms is a time unit but hit_ratio is a ratio'],
    ['small_object_p95 < 50', 22, 'small_object_p95 is a time'],
    ['small_object_p95 < 50%', 22, '% is a ratio unit but small_object_p95 is a time'],
    ['error_rate < 5usd', 15, 'usd is a cost unit but error_rate is a ratio'],
    ['coalescing_ratio <= 1.1ms', 24, 'ms is a time unit but coalescing_ratio is a plain number'],
    ['hit_ratio >= 99', 14, 'a ratio is 0..1'],
    ['hit_ratio >= 120%', 14, 'a ratio is 0..1'],
    ['small_object_p95 < -5ms', 20, 'expected a number ≥ 0'],
    ['small_object_p95 < 50 parsecs', 23, 'unknown unit "parsecs"'],
    ['small_object_p95 = 50ms', 18, 'use == to compare'],
    ['small_object_p95 50ms', 18, 'expected an operator'],
    ['small_object_p95 <', 19, 'expected a number'],
    ['small_object_p95 < 50ms and more', 25, 'unexpected "and more"'],
    ['small_objekt_p95 < 50ms', 1, 'did you mean small_object_p95'],
    ['  < 50ms', 3, 'expected a metric name'],
    ['small_object_p95{region:eu} < 50ms', 18, 'unknown tag "region"'],
    ['hit_ratio{cache:HIT} > 0.5', 11, 'hit_ratio cannot be filtered by cache'],
    ['invalidation_t95{class:metadata} < 5s', 18, 'invalidation_t95 cannot be filtered by class'],
    ['small_object_p95{pop:fra, pop:iad} < 50ms', 27, 'tag "pop" given twice'],
    ['small_object_p95{pop fra} < 50ms', 22, 'expected ":"'],
    ['small_object_p95{pop:} < 50ms', 22, 'expected a value for pop'],
    ['small_object_p95{pop:fr*} < 50ms', 22, 'a wildcard is * alone'],
    ['small_object_p95{class:tiles} < 50ms', 24, 'unknown object class "tiles"'],
    ['small_object_p95{cache:lukewarm} < 50ms', 24, 'unknown cache state "lukewarm"'],
    ['small_object_p95{pop:fra < 50ms', 26, 'expected "," or "}"'],
  ])('rejects %j at column %i', (text, column, message) => {
    const err = errorOf(text);
    expect(err.column).toBe(column);
    expect(err.message).toContain(message);
    expect(err.message).toContain(`column ${column}`);
    expect(err.exitCode).toBe(104);
    // The caret line under the source points at the column.
    expect(err.details[1]?.indexOf('^')).toBe(column - 1);
  });
});

describe('parseMetricRef', () => {
  it('reads a metric with filters and nothing else', () => {
    expect(parseMetricRef('small_object_p95{class:mapping-tile}')).toEqual({ source: 'small_object_p95{class:mapping-tile}', metric: 'small_object_p95', filters: { class: 'mapping-tile' } });
    expect(() => parseMetricRef('small_object_p95 < 5ms')).toThrow(/column 18/);
  });
});
