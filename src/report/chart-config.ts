/**
 * Turns a ChartSpec into a chart.js configuration for a theme: axis formats become tick and tooltip
 * callbacks, log axes get readable ticks. The HTML report embeds this very function as source text
 * (`chartConfig.toString()`), so the browser and the PNG renderer draw from the same code.
 *
 * Because of that, `chartConfig` must not use anything outside its own body at run time (only type
 * imports, which compile away); a unit test evaluates its source text alone to hold it to that.
 */
import type { Chart, ChartConfiguration } from 'chart.js';
import type { AxisSpec, ChartSpec } from './chart-spec.js';

/** Colours and sizes the charts are drawn with. */
export interface ChartTheme {
  text: string;
  grid: string;
  fontFamily: string;
  /** Base font size, px. */
  fontSize: number;
  /** Multiplies line widths and point sizes (2 for slide-sized PNGs). */
  scale: number;
  /** Whether chart.js may resize with its container (HTML) or draws at the canvas size (PNG). */
  responsive: boolean;
}

/** The chart.js configuration of `spec` in `theme` (self-contained: see the module comment). */
export function chartConfig(spec: ChartSpec, theme: ChartTheme): ChartConfiguration {
  const trim = (v: number, digits: number): string => String(Number(v.toFixed(digits)));
  const font = (factor: number, bold = false): Record<string, unknown> => ({ family: theme.fontFamily, size: Math.round(theme.fontSize * factor), ...(bold ? { weight: 'bold' } : {}) });
  const fmt = (format: string, v: number): string => {
    switch (format) {
      case 'percentile': {
        const p = 100 * (1 - 1 / v);
        return v >= 1e6 ? `${trim(p, 6)}%` : `${trim(p, 4)}%`;
      }
      case 'ms':
        return v >= 1000 ? `${trim(v / 1000, 2)} s` : `${trim(v, v >= 100 ? 0 : 1)} ms`;
      case 'seconds':
        return v >= 1000 ? `${trim(v / 1000, 1)} s` : `${trim(v, 0)} ms`;
      case 'percent':
        return `${trim(v * 100, 1)}%`;
      case 'usd':
        return v >= 100 ? `$${Math.round(v).toLocaleString('en-US')}` : `$${trim(v, 2)}`;
      default:
        return trim(v, 2);
    }
  };
  // Log-axis ticks: powers of ten for percentiles (p0, p90, p99…, plus p50 at 2), 1-2-5 steps otherwise.
  const logTicks = (axis: AxisSpec, min: number, max: number): number[] => {
    const out: number[] = [];
    const steps = axis.format === 'percentile' ? [1] : [1, 2, 5];
    for (let decade = 10 ** Math.floor(Math.log10(Math.max(min, 1e-9))); decade <= max; decade *= 10) {
      for (const s of steps) if (s * decade >= min && s * decade <= max) out.push(s * decade);
    }
    if (axis.format === 'percentile' && 2 >= min && 2 <= max) out.splice(1, 0, 2);
    return out;
  };
  const scale = (axis: AxisSpec, index: 'x' | 'y'): Record<string, unknown> => {
    const category = axis.format === 'category';
    return {
      type: category ? 'category' : axis.log === true ? 'logarithmic' : 'linear',
      ...(axis.min !== undefined ? { min: axis.min } : {}),
      ...(axis.max !== undefined ? { max: axis.max } : {}),
      stacked: axis.stacked === true,
      title: { display: true, text: axis.title, color: theme.text, font: font(1) },
      grid: { color: theme.grid },
      border: { color: theme.grid },
      ticks: {
        color: theme.text,
        font: font(0.95),
        ...(category ? {} : { callback: (v: number | string) => fmt(axis.format, Number(v)) }),
      },
      ...(axis.log === true
        ? { afterBuildTicks: (s: { min: number; max: number; ticks: { value: number }[] }) => { s.ticks = logTicks(axis, s.min, s.max).map((value) => ({ value })); } }
        : {}),
      ...(index === 'y' && spec.horizontal === true ? { ticks: { color: theme.text, font: font(0.9), autoSkip: false } } : {}),
    };
  };
  const valueAxis = spec.horizontal === true ? spec.x : spec.y;
  const datasets = spec.datasets.map((d) => ({
    label: d.label,
    data: d.data,
    borderColor: d.color,
    backgroundColor: spec.type === 'bar' ? d.color : `${d.color}33`,
    borderWidth: spec.type === 'bar' ? 0 : 2 * theme.scale,
    pointRadius: spec.type === 'line' && d.points !== false ? 1.5 * theme.scale : 0,
    pointHoverRadius: 4 * theme.scale,
    stepped: d.stepped === true ? 'after' : false,
    borderDash: d.dashed === true ? [6 * theme.scale, 4 * theme.scale] : [],
    fill: false,
    skipNull: true,
  }));
  // Event markers: a dashed vertical line per marker with its label at the top, drawn over the datasets.
  const markers = spec.markers ?? [];
  const markerPlugin = {
    id: 'cdnbench-markers',
    afterDatasetsDraw: (chart: Chart) => {
      const x = chart.scales['x'];
      if (x === undefined || markers.length === 0) return;
      const { ctx, chartArea: a } = chart;
      ctx.save();
      ctx.strokeStyle = theme.text;
      ctx.fillStyle = theme.text;
      ctx.globalAlpha = 0.7;
      ctx.lineWidth = theme.scale;
      ctx.setLineDash([4 * theme.scale, 3 * theme.scale]);
      ctx.font = `${Math.round(theme.fontSize * 0.8)}px ${theme.fontFamily}`;
      markers.forEach((m, i) => {
        const px = x.getPixelForValue(m.x);
        if (!(px >= a.left && px <= a.right)) return;
        ctx.beginPath();
        ctx.moveTo(px, a.top);
        ctx.lineTo(px, a.bottom);
        ctx.stroke();
        // Labels stagger down so neighbouring events stay readable; they flip left near the right edge.
        const y = a.top + (i % 3 + 1) * theme.fontSize;
        ctx.textAlign = px > a.right - 120 * theme.scale ? 'right' : 'left';
        ctx.fillText(m.label, px + (ctx.textAlign === 'right' ? -3 : 3) * theme.scale, y);
      });
      ctx.restore();
    },
  };
  return {
    type: spec.type,
    plugins: [markerPlugin],
    data: { ...(spec.labels !== undefined ? { labels: spec.labels } : {}), datasets },
    options: {
      responsive: theme.responsive,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: spec.horizontal === true ? 'y' : 'x',
      interaction: spec.type === 'line' ? { mode: 'nearest', intersect: false } : { mode: 'index', intersect: false },
      layout: { padding: 8 * theme.scale },
      plugins: {
        title: { display: !theme.responsive, text: spec.title, color: theme.text, font: font(1.4, true) },
        legend: { labels: { color: theme.text, font: font(1), boxWidth: 14 * theme.scale } },
        tooltip: {
          callbacks: {
            label: (item: { dataset: { label?: string }; parsed: { x: number; y: number } }) => {
              const v = spec.horizontal === true ? item.parsed.x : item.parsed.y;
              const at = spec.type === 'line' ? ` at ${fmt(spec.x.format, item.parsed.x)}` : '';
              return `${item.dataset.label ?? ''}: ${fmt(valueAxis.format, v)}${at}`;
            },
          },
        },
      },
      scales: { x: scale(spec.x, 'x'), y: scale(spec.y, 'y') },
    },
  } as ChartConfiguration;
}
