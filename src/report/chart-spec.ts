/**
 * A chart as plain data (no functions), so one description can be embedded as JSON in the HTML report and
 * drawn there by chart.js, and drawn by the same chart.js on @napi-rs/canvas for the PNG files.
 */

/** How an axis's values are printed. */
export type AxisFormat = 'percentile' | 'ms' | 'seconds' | 'percent' | 'usd' | 'count' | 'category';

/** One axis. */
export interface AxisSpec {
  title: string;
  format: AxisFormat;
  /** Logarithmic scale (ticks at 1-2-5 steps, or at p0/p50/p90/p99… for `percentile`). */
  log?: boolean;
  min?: number;
  max?: number;
  stacked?: boolean;
}

/** A point of an x/y series. */
export interface XY {
  x: number;
  y: number;
}

/** One data series. */
export interface DatasetSpec {
  label: string;
  color: string;
  /** Values per category label (bar charts; null = no bar), or x/y points (line charts). */
  data: (number | null)[] | XY[];
  /** Draw as steps (a CDF). */
  stepped?: boolean;
  /** Mark each point (lines only; off for dense curves). Default true. */
  points?: boolean;
  /** Draw the line dashed (a companion series, e.g. p50 beside p95). */
  dashed?: boolean;
}

/** A whole chart. */
export interface ChartSpec {
  /** kebab-case; the canvas id in HTML and the PNG file name. */
  id: string;
  title: string;
  /** How to read it (below the chart in HTML, beside the PNG in the Markdown). */
  caption: string;
  type: 'line' | 'bar';
  /** Bars run horizontally (one per label, labels on the y axis). */
  horizontal?: boolean;
  /** Category labels (bar charts). */
  labels?: string[];
  datasets: DatasetSpec[];
  x: AxisSpec;
  y: AxisSpec;
  /** Relative height for charts with many bars: 1 = the default. */
  heightFactor?: number;
  /** Takes the full width of the HTML page rather than half. */
  wide?: boolean;
  /** Vertical lines at x values with a short label (events on a time axis, a probe window). */
  markers?: { x: number; label: string }[];
}
