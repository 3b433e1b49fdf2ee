import { describe, expect, it } from 'vitest';
import { renderOpenMetrics, renderPrometheusText, type MetricFamily } from './exposition.js';

const families: MetricFamily[] = [
  { name: 'cdnbench_run', type: 'info', unit: '', help: 'the run', samples: [{ labels: { run_id: 'r1', scenario: 's' }, value: 1 }] },
  {
    name: 'cdnbench_small_object_p95_seconds', type: 'gauge', unit: 'seconds', help: 'p95 latency\nof "small" objects \\ tiles',
    samples: [{ labels: { provider: 'p', pop: '' }, value: 0.0412 }, { labels: { provider: 'p', pop: 'FRA', threshold: 'a{pop:*} < 5ms "x"\\\n' }, value: 1e-7 }],
  },
  { name: 'cdnbench_baseline_change_ratio', type: 'gauge', unit: 'ratio', help: 'change', samples: [{ labels: {}, value: Infinity }, { labels: { m: 'n' }, value: Number.NaN }] },
];

describe('renderOpenMetrics', () => {
  it('writes TYPE, UNIT, HELP, escaped labels, special values and # EOF', () => {
    expect(renderOpenMetrics(families)).toBe([
      '# TYPE cdnbench_run info',
      '# HELP cdnbench_run the run',
      'cdnbench_run_info{run_id="r1",scenario="s"} 1',
      '# TYPE cdnbench_small_object_p95_seconds gauge',
      '# UNIT cdnbench_small_object_p95_seconds seconds',
      '# HELP cdnbench_small_object_p95_seconds p95 latency\\nof \\"small\\" objects \\\\ tiles',
      'cdnbench_small_object_p95_seconds{provider="p"} 0.0412',
      'cdnbench_small_object_p95_seconds{provider="p",pop="FRA",threshold="a{pop:*} < 5ms \\"x\\"\\\\\\n"} 1e-7',
      '# TYPE cdnbench_baseline_change_ratio gauge',
      '# UNIT cdnbench_baseline_change_ratio ratio',
      '# HELP cdnbench_baseline_change_ratio change',
      'cdnbench_baseline_change_ratio +Inf',
      'cdnbench_baseline_change_ratio{m="n"} NaN',
      '# EOF',
      '',
    ].join('\n'));
  });

  it('refuses names that break the format', () => {
    expect(() => renderOpenMetrics([{ name: 'bad-name', type: 'gauge', unit: '', help: '', samples: [] }])).toThrow(/invalid metric name/);
    expect(() => renderOpenMetrics([{ name: 'x_ms', type: 'gauge', unit: 'seconds', help: '', samples: [] }])).toThrow(/must end in _seconds/);
    expect(() => renderOpenMetrics([{ name: 'x', type: 'gauge', unit: '', help: '', samples: [{ labels: { 'a-b': '1' }, value: 1 }] }])).toThrow(/invalid label name/);
  });
});

describe('renderPrometheusText', () => {
  it('writes HELP and TYPE gauge, no UNIT and no EOF; info becomes a _info gauge', () => {
    const text = renderPrometheusText(families);
    expect(text.split('\n').slice(0, 5)).toEqual([
      '# HELP cdnbench_run_info the run',
      '# TYPE cdnbench_run_info gauge',
      'cdnbench_run_info{run_id="r1",scenario="s"} 1',
      '# HELP cdnbench_small_object_p95_seconds p95 latency\\nof "small" objects \\\\ tiles',
      '# TYPE cdnbench_small_object_p95_seconds gauge',
    ]);
    expect(text).not.toContain('# UNIT');
    expect(text).not.toContain('# EOF');
  });
});
