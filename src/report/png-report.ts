/**
 * PNG charts: the report's chart specs drawn by chart.js on @napi-rs/canvas (Skia, prebuilt; no system
 * libraries), one file per chart, slide-sized (1600×900), on white, with the title drawn in and, at the
 * foot, the report's provenance line (what kind of system, when, which scenario).
 */
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { Chart, registerables, type ChartItem, type Plugin } from 'chart.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { chartConfig, type ChartTheme } from './chart-config.js';
import type { ChartSpec } from './chart-spec.js';

/** Width of every PNG, px (16:9, slide-sized). */
export const PNG_WIDTH = 1600;
/** Height of every PNG, px. */
export const PNG_HEIGHT = 900;

/** The light theme at slide scale. */
export const PNG_THEME: ChartTheme = {
  text: '#1f2328',
  grid: 'rgba(0, 0, 0, 0.12)',
  fontFamily: "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif",
  fontSize: 22,
  scale: 2,
  responsive: false,
};

let registered = false;

// chart.js leaves the canvas transparent; a slide wants white behind the chart.
const whiteBackground: Plugin = {
  id: 'cdnbench-white-background',
  beforeDraw: (chart) => {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

function register(): void {
  if (!registered) {
    Chart.register(...registerables);
    registered = true;
  }
}

/** The provenance line at the foot of a PNG, so a chart copied into a slide still says what was measured. */
function footerPlugin(text: string): Plugin {
  return {
    id: 'cdnbench-footer',
    afterDraw: (chart) => {
      const { ctx } = chart;
      ctx.save();
      ctx.fillStyle = '#59636e';
      ctx.font = `${Math.round(PNG_THEME.fontSize * 0.8)}px ${PNG_THEME.fontFamily}`;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'bottom';
      ctx.fillText(text, 16, chart.height - 10, chart.width - 32);
      ctx.restore();
    },
  };
}

/** Draws one chart and starts encoding it; the chart is destroyed once the PNG is made (destroy clears the canvas). */
function drawAndEncode(spec: ChartSpec, width: number, height: number, footer?: string): Promise<Buffer> {
  register();
  const canvas = createCanvas(width, height);
  const config = chartConfig(spec, PNG_THEME);
  config.options = { ...config.options, devicePixelRatio: 1 };
  config.plugins = [...(config.plugins ?? []), whiteBackground, ...(footer === undefined ? [] : [footerPlugin(footer)])];
  if (footer !== undefined) config.options = { ...config.options, layout: { padding: { top: 16, left: 16, right: 16, bottom: 16 + PNG_THEME.fontSize * 2 } } };
  // chart.js takes any object with getContext('2d') when there is no DOM (its BasicPlatform).
  const chart = new Chart(canvas as unknown as ChartItem, config);
  return canvas.encode('png').finally(() => chart.destroy());
}

/** Draws one chart and returns the PNG bytes. */
export function renderChartPng(spec: ChartSpec, width = PNG_WIDTH, height = PNG_HEIGHT, footer?: string): Promise<Buffer> {
  return drawAndEncode(spec, width, height, footer);
}

/**
 * Writes `charts/<id>.png` under `outDir` for every spec; returns the paths in spec order. Drawing is
 * synchronous; PNG encoding (most of the time) runs on libuv's thread pool, so all charts encode at once.
 */
export async function writeChartPngs(specs: readonly ChartSpec[], outDir: string, footer?: string): Promise<string[]> {
  const encoded = specs.map((spec) => drawAndEncode(spec, PNG_WIDTH, PNG_HEIGHT, footer));
  // Settle every encoding before writing, so a failure leaves no encoder running behind the error.
  const pngs = await Promise.all(encoded);
  const paths: string[] = [];
  for (const [i, spec] of specs.entries()) {
    const path = join(outDir, 'charts', `${spec.id}.png`);
    await writeFileAtomic(path, pngs[i] ?? Buffer.alloc(0));
    paths.push(path);
  }
  return paths;
}
