import { describe, expect, it } from 'vitest';
import { formatGap, formatMetric, formatMs, formatPair, formatRange, formatUsd } from './format-values.js';

describe('report number formats', () => {
  it('milliseconds and seconds at three significant digits', () => {
    expect([0.853, 91.583, 220.4, 2666.7, 31_234, null].map(formatMs)).toEqual(['0.85 ms', '91.6 ms', '220 ms', '2.67 s', '31.2 s', '—']);
  });

  it('dollars with thousands separators, tiny amounts at two significant digits', () => {
    expect([151.954, 2790.27, 12_345.6, 0.0042, 0, null].map(formatUsd)).toEqual(['$151.95', '$2,790.27', '$12,346', '$0.0042', '$0.00', '—']);
  });

  it('verdict values, ranges with the unit once, gaps to the best', () => {
    expect(formatMetric('invalidation-t95', Number.POSITIVE_INFINITY)).toBe('t95 not reached');
    expect(formatMetric('hit-ratio', 0.7997)).toBe('80.0 %');
    expect(formatMetric('coalescing-ratio', 2.1667)).toBe('2.17×');
    expect(formatRange('small-p95', 86.59, 95.93)).toBe('86.6–95.9 ms');
    expect(formatRange('small-p95', 950, 1020)).toBe('950 ms – 1.02 s');
    expect(formatRange('hit-ratio', 0.788, 0.811)).toBe('78.8–81.1 %');
    expect(formatGap('small-p95', 8.896, 0.0971)).toBe('+8.9 ms (+10 %)');
    expect(formatGap('hit-ratio', 0.0147, 0.018)).toBe('−1.5 pt (−2 %)');
    expect(formatGap('cost-per-1m', 0, 0)).toBe('best');
  });

  it('prints two close values apart', () => {
    expect(formatPair('small-p95', 131.07, 131.33)).toEqual(['131.07 ms', '131.33 ms']);
    expect(formatPair('small-p95', 120, 131.33)).toEqual(['120 ms', '131 ms']);
    expect(formatPair('cost-per-1m', 1.234, 1.2344)).toEqual(['$1.2340', '$1.2344']);
  });
});
