/**
 * The HTML report's own script: reads the chart specs embedded as JSON and draws them with the inlined
 * chart.js through the same `chartConfig` the PNG renderer uses; follows the system's dark mode and
 * redraws in the light theme for printing. No network, no eval: the CSP allows exactly this script's hash.
 */
import { chartConfig, type ChartTheme } from './chart-config.js';

/** The element id of the embedded chart specs. */
export const CHART_DATA_ID = 'cdnbench-charts';

const FONT = 'system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Roboto, sans-serif';

/** Screen themes matching the stylesheet's light and dark colours. */
export const SCREEN_THEMES: Record<'light' | 'dark', ChartTheme> = {
  light: { text: '#1f2328', grid: 'rgba(0, 0, 0, 0.1)', fontFamily: FONT, fontSize: 12, scale: 1, responsive: true },
  dark: { text: '#e6edf3', grid: 'rgba(255, 255, 255, 0.16)', fontFamily: FONT, fontSize: 12, scale: 1, responsive: true },
};

/** The script text (an IIFE); `chartConfig` is inserted as its compiled source. */
export function clientScript(): string {
  return `(() => {
  'use strict';
  // esbuild-based runners (tsx) compile with keepNames, which wraps inner functions in __name(fn, name).
  const __name = (fn) => fn;
  const chartConfig = ${chartConfig.toString()};
  const themes = ${JSON.stringify(SCREEN_THEMES)};
  const specs = JSON.parse(document.getElementById(${JSON.stringify(CHART_DATA_ID)}).textContent);
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  let charts = [];
  const draw = (name) => {
    for (const c of charts) c.destroy();
    charts = specs.map((spec) => new Chart(document.getElementById('chart-' + spec.id), chartConfig(spec, themes[name])));
  };
  const screen = () => draw(dark.matches ? 'dark' : 'light');
  screen();
  dark.addEventListener('change', screen);
  // Printing: redraw in the light theme (the stylesheet scales each canvas to the page width).
  window.addEventListener('beforeprint', () => draw('light'));
  window.addEventListener('afterprint', screen);
})();`;
}
