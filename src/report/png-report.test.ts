import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResultFile } from '../result/result-schema.js';
import { PACKAGE_ROOT } from '../util/package-root.js';
import { buildReport } from './build-report.js';
import { chartSpecs } from './chart-specs.js';
import { PNG_HEIGHT, PNG_WIDTH, writeChartPngs } from './png-report.js';

const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures', 'report');
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-png-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Decodes a PNG and measures it: size, luminance variance, share of non-white pixels, distinct colours. */
async function inspect(path: string): Promise<{ width: number; height: number; variance: number; inked: number; colours: number }> {
  const img = await loadImage(await readFile(path));
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const px = ctx.getImageData(0, 0, img.width, img.height).data;
  let sum = 0;
  let sq = 0;
  let inked = 0;
  const colours = new Set<number>();
  const n = px.length / 4;
  for (let i = 0; i < px.length; i += 4) {
    const [r = 0, g = 0, b = 0] = [px[i], px[i + 1], px[i + 2]];
    const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    sum += y;
    sq += y * y;
    if (r < 245 || g < 245 || b < 245) inked++;
    colours.add((r << 16) | (g << 8) | b);
  }
  const mean = sum / n;
  return { width: img.width, height: img.height, variance: sq / n - mean * mean, inked: inked / n, colours: colours.size };
}

describe('PNG charts', () => {
  it('one slide-sized, non-blank PNG per chart of the five-archetype report', async () => {
    const results = await Promise.all(['quick-compare', 'album-drop', 'edition-rollout'].map((f) => readResultFile(join(FIXTURES, `${f}.json`))));
    const specs = chartSpecs(buildReport(results, { now: new Date(0) }));
    const paths = await writeChartPngs(specs, dir);
    expect(paths.map((p) => p.slice(dir.length + 1))).toEqual(specs.map((s) => join('charts', `${s.id}.png`)));
    // Seven charts plus the error rate by class (the fixtures predate the per-second timeline).
    expect(paths).toHaveLength(8);
    for (const p of paths) {
      const m = await inspect(p);
      expect([m.width, m.height], p).toEqual([PNG_WIDTH, PNG_HEIGHT]);
      // A blank or single-colour image has variance 0; axes, text and five provider colours give far more.
      expect(m.variance, p).toBeGreaterThan(100);
      expect(m.inked, p).toBeGreaterThan(0.02);
      expect(m.colours, p).toBeGreaterThan(20);
    }
  });

  it('a chart with no data draws axes only: still valid, measurably emptier', async () => {
    const [spec] = chartSpecs(buildReport([await readResultFile(join(FIXTURES, 'album-drop.json'))], { now: new Date(0) }));
    if (spec === undefined) throw new Error('no chart');
    const empty = { ...spec, id: 'empty', datasets: spec.datasets.map((d) => ({ ...d, data: [] })) };
    const [full, bare] = await writeChartPngs([spec, empty], dir);
    const a = await inspect(full ?? '');
    const b = await inspect(bare ?? '');
    expect([b.width, b.height]).toEqual([PNG_WIDTH, PNG_HEIGHT]);
    expect(b.inked).toBeLessThan(a.inked);
  });
});
