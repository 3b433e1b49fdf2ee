import { describe, expect, it } from 'vitest';
import { chartConfig, type ChartTheme } from './chart-config.js';
import type { ChartSpec } from './chart-spec.js';

const THEME: ChartTheme = { text: '#111', grid: '#eee', fontFamily: 'sans-serif', fontSize: 10, scale: 1, responsive: false };

const SPEC: ChartSpec = {
  id: 'latency-percentiles',
  title: 'Latency',
  caption: 'c',
  type: 'line',
  datasets: [{ label: 'a', color: '#0072B2', data: [{ x: 1, y: 10 }, { x: 100, y: 90 }] }],
  x: { title: 'percentile', format: 'percentile', log: true, min: 1, max: 1000 },
  y: { title: 'latency', format: 'ms', min: 0 },
};

interface Axis {
  ticks: { callback: (v: number) => string };
  afterBuildTicks: (s: { min: number; max: number; ticks: { value: number }[] }) => void;
}
const axes = (c: ReturnType<typeof chartConfig>): { x: Axis; y: Axis } => (c.options as unknown as { scales: { x: Axis; y: Axis } }).scales;

describe('chartConfig', () => {
  it('is self-contained: its source text alone builds the same configuration (it is inlined in the HTML)', () => {
    // The HTML report embeds chartConfig.toString(); evaluated without this module's scope it must still work.
    const __name = <T>(fn: T): T => fn; // esbuild keepNames helper, as the client script defines it
    const standalone = new Function('__name', `return (${chartConfig.toString()});`)(__name) as typeof chartConfig;
    expect(JSON.stringify(standalone(SPEC, THEME))).toBe(JSON.stringify(chartConfig(SPEC, THEME)));
    expect(axes(standalone(SPEC, THEME)).x.ticks.callback(100)).toBe('99%');
  });

  it('labels the percentile axis as HdrHistogram plots do and puts ticks at p0, p50, p90, p99, p99.9', () => {
    const { x, y } = axes(chartConfig(SPEC, THEME));
    expect([1, 2, 10, 100, 1000, 1e6].map((v) => x.ticks.callback(v))).toEqual(['0%', '50%', '90%', '99%', '99.9%', '99.9999%']);
    const scale = { min: 1, max: 1000, ticks: [] as { value: number }[] };
    x.afterBuildTicks(scale);
    expect(scale.ticks.map((t) => t.value)).toEqual([1, 2, 10, 100, 1000]);
    expect([0.5, 42, 150, 2500].map((v) => y.ticks.callback(v))).toEqual(['0.5 ms', '42 ms', '150 ms', '2.5 s']);
  });

  it('uses 1-2-5 ticks on other log axes and formats seconds, percent and dollars', () => {
    const spec: ChartSpec = { ...SPEC, x: { title: 't', format: 'seconds', log: true }, y: { title: 'f', format: 'percent' } };
    const { x, y } = axes(chartConfig(spec, THEME));
    const scale = { min: 50, max: 12_000, ticks: [] as { value: number }[] };
    x.afterBuildTicks(scale);
    expect(scale.ticks.map((t) => t.value)).toEqual([50, 100, 200, 500, 1000, 2000, 5000, 10000]);
    expect([200, 2000].map((v) => x.ticks.callback(v))).toEqual(['200 ms', '2 s']);
    expect(y.ticks.callback(0.755)).toBe('75.5%');
    const usd = axes(chartConfig({ ...SPEC, type: 'bar', y: { title: 'u', format: 'usd' } }, THEME)).y;
    expect([2.5, 150].map((v) => usd.ticks.callback(v))).toEqual(['$2.5', '$150']);
  });
});
