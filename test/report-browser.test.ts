/**
 * The HTML report in a real browser (Debian's chromium through playwright-core), opened from disk with
 * every network request aborted and counted: it must draw every chart with no request, no console error
 * and no page error, in light and dark mode; and strings from a target (PoP names from response headers,
 * the agent name) must show as text, never run. Screenshots go to test-artifacts/ (git-ignored).
 *
 * Needs chromium: skipped visibly without it, and FAILS without it when CDNBENCH_REQUIRE_ENGINES=1 (CI).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, PACKAGE_ROOT, runCli } from './helpers/cli.js';
import { assertChromium, canvasPixels, haveChromium, launchChromium, openOffline, requireEngines, type Chromium } from './helpers/chromium.js';
import { startLatencyServer, type LatencyServer } from './helpers/latency-server.js';

const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures', 'report');
const ARTIFACTS = join(PACKAGE_ROOT, 'test-artifacts');
const FIVE = ['quick-compare.json', 'album-drop.json', 'edition-rollout.json'].map((f) => join(FIXTURES, f));
const skip = !haveChromium && !requireEngines;

let dir = '';
let browser: Chromium | null = null;
const servers: LatencyServer[] = [];

beforeAll(async () => {
  assertCliBuilt();
  await mkdir(ARTIFACTS, { recursive: true });
});

afterEach(async () => {
  await browser?.close();
  browser = null;
  for (const s of servers.splice(0)) await s.close();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
  dir = '';
});

async function htmlReport(results: readonly string[]): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-report-browser-'));
  const r = await runCli(['report', ...results, '--out', dir, '--format', 'html', '--quiet']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return join(dir, 'report.html');
}

describe('HTML report in chromium (needs chromium)', () => {
  it.skipIf(skip)('five archetypes: offline, zero requests, no console error, every canvas drawn', async () => {
    assertChromium();
    const file = await htmlReport(FIVE);
    browser = await launchChromium();
    const { page, log } = await openOffline(browser.context, file);
    const canvases = await canvasPixels(page);
    await page.screenshot({ path: join(ARTIFACTS, 'report-5-archetypes.png'), fullPage: true });

    expect(log.requests).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    // Eight charts: percentiles, error rate by class, p95 per PoP, invalidation CDF, origin fetches, cost, monthly
    // cost, hit ratio by class (these fixtures predate the per-second timeline: no over-time charts).
    expect(canvases.map((c) => c.id)).toEqual([
      'chart-latency-percentiles', 'chart-error-rate', 'chart-pop-p95', 'chart-invalidation-cdf', 'chart-origin-fetches',
      'chart-cost-per-1m', 'chart-monthly-cost', 'chart-hit-ratio-by-class',
    ]);
    for (const c of canvases) {
      expect(c.width, c.id).toBeGreaterThan(200);
      // Axes, labels, lines and bars: well over 1 % of the canvas is drawn on.
      expect(c.drawn / (c.width * c.height), c.id).toBeGreaterThan(0.01);
    }
    const text = await page.innerText('body');
    for (const id of ['edge-compute', 'edge-optimized', 'multi-cdn', 'regional', 'traditional']) expect(text).toContain(id);
    expect(text).toMatch(/Verdict/);
    expect(text).toMatch(/Provider selection/);
  });

  it.skipIf(skip)('provenance banner, methodology and the over-time charts of a run with a timeline', async () => {
    assertChromium();
    // A short run of the five archetypes with a warm-up phase and a rollout whose 6 s window the slow ones miss.
    const file = await htmlReport([join(FIXTURES, 'timeline-compare.json'), join(FIXTURES, 'album-drop.json')]);
    browser = await launchChromium();
    const { page, log } = await openOffline(browser.context, file);
    const canvases = await canvasPixels(page);
    await page.screenshot({ path: join(ARTIFACTS, 'report-timeline.png'), fullPage: true });
    expect(log.requests).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    const banner = await page.innerText('#provenance');
    expect(banner).toMatch(/^Measured on: emulated lab · \d{4}-\d{2}-\d{2}, \d{4}-\d{2}-\d{2} · timeline-compare \(80\.4 s, 1 agent\) \+ album-drop \(/);
    expect(banner).toContain('not real CDNs');
    const method = await page.innerText('#methodology');
    for (const words of ['phases and rates', 'warm-up: 4→12 sessions/s', 'samples behind each figure', '(object × PoP) pairs behind invalidation t95', 'polled every 100 ms for up to 6.00 s', 'Kaplan–Meier', 'cache state at start', 'noise']) expect(method).toContain(words);
    const ids = canvases.map((c) => c.id);
    for (const id of ['chart-timeline-requests', 'chart-timeline-latency', 'chart-timeline-hit-ratio', 'chart-timeline-errors']) {
      expect(ids).toContain(id);
      const c = canvases.find((x) => x.id === id);
      expect(c?.drawn ?? 0, id).toBeGreaterThan(0.01 * (c?.width ?? 0) * (c?.height ?? 0));
    }
    // Steady-state cost beside the cold start; censored invalidation shown as a bound.
    expect(await page.innerText('#cost')).toContain('steady state');
    expect(await page.innerText('#verdict')).toContain('> 6.00 s');
    // Fits a 420 px wide phone: no horizontal scroll of the page (wide tables scroll in their own box).
    // chart.js redraws each canvas at its new size after a resize observer fires: wait for the layout, not a delay.
    await page.setViewportSize({ width: 420, height: 900 });
    await page.waitForFunction('document.documentElement.scrollWidth <= 420', undefined, { timeout: 30_000 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(420);
  });

  it.skipIf(skip)('dark mode and print media: same charts, no errors, readable colours', async () => {
    assertChromium();
    const file = await htmlReport(FIVE);
    browser = await launchChromium({ colorScheme: 'dark' });
    const { page, log } = await openOffline(browser.context, file);
    const bodyColours = (): Promise<string> => page.evaluate('getComputedStyle(document.body).backgroundColor + " / " + getComputedStyle(document.body).color') as Promise<string>;
    expect(await bodyColours()).toBe('rgb(13, 17, 23) / rgb(230, 237, 243)');
    const canvases = await canvasPixels(page);
    expect(canvases).toHaveLength(8);
    for (const c of canvases) expect(c.drawn, c.id).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'report-dark.png'), fullPage: false });
    await page.emulateMedia({ media: 'print' });
    expect(await bodyColours()).toBe('rgb(255, 255, 255) / rgb(0, 0, 0)');
    expect(log.requests).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
  });

  it.skipIf(skip)('PoP names from response headers and the agent name carrying markup render as text', async () => {
    assertChromium();
    const script = '<script>window.__pwned = "script"</script>';
    const img = '"><img src=x onerror="window.__pwned = \'img\'">';
    // Two PoPs whose responses name themselves with the payloads (generic dialect: X-Cdnbench-Pop).
    servers.push(await startLatencyServer({ headers: { 'x-cdnbench-pop': script, 'cache-status': 'lab; hit' } }));
    servers.push(await startLatencyServer({ headers: { 'x-cdnbench-pop': img, 'cache-status': 'lab; fwd=miss' } }));
    dir = await mkdtemp(join(tmpdir(), 'cdnbench-report-xss-'));
    const scenario = join(dir, 's.yaml');
    await writeFile(scenario, [
      'name: xss-probe',
      'sessions: { s: { steps: [ { get: "/meta/{isbn}.json" } ] } }',
      'load: { model: open, arrival: constant }',
      'phases: [ { duration: 1s, rate: 20 } ]',
      '',
    ].join('\n'));
    const run = await runCli(['run', scenario, ...servers.flatMap((s) => ['--target', s.url]), '--agent', img, '--out', dir, '--report', 'html', '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = await readFile(join(dir, 'result.json'), 'utf8');
    expect(result).toContain(JSON.stringify(script).slice(1, -1)); // the payloads really are in the result

    browser = await launchChromium();
    const { page, log } = await openOffline(browser.context, join(dir, 'report.html'));
    const injected = (await page.evaluate(`({
      pwned: window.__pwned ?? null,
      imgs: document.querySelectorAll('img').length,
      handlers: document.querySelectorAll('[onerror]').length,
      scripts: document.scripts.length,
    })`)) as { pwned: string | null; imgs: number; handlers: number; scripts: number };
    await page.screenshot({ path: join(ARTIFACTS, 'report-xss.png'), fullPage: true });

    expect(injected).toEqual({ pwned: null, imgs: 0, handlers: 0, scripts: 3 }); // data, chart.js, report script
    expect(log.dialogs).toEqual([]);
    expect(log.requests).toEqual([]); // an injected <img src=x> would have asked for x
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    const text = await page.innerText('body');
    expect(text).toContain(script); // the PoP names, shown as text (sources section)
    expect(text).toContain(img); // PoP name and agent name
    for (const c of await canvasPixels(page)) expect(c.drawn, c.id).toBeGreaterThan(0);
  });
});
