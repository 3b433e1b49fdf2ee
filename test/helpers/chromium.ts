/**
 * Debian's chromium driven by playwright-core for the report's browser tests: launched headless with no
 * sandbox, no GPU and no background networking, on a fresh profile that is deleted afterwards; never a
 * downloaded browser. A page is opened with every network request aborted and counted, and console errors,
 * page errors and dialogs recorded, so a test can assert that the report made no request and ran clean.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Where chromium is looked for: $CDNBENCH_CHROMIUM, else Debian's /usr/bin/chromium. */
export const CHROMIUM_PATH = process.env.CDNBENCH_CHROMIUM ?? '/usr/bin/chromium';

/** True when the chromium binary exists. */
export const haveChromium = existsSync(CHROMIUM_PATH);

/** True when CI demands every real engine (a missing one must fail, not skip). */
export const requireEngines = process.env.CDNBENCH_REQUIRE_ENGINES === '1';

/** Throws the failure a test reports when chromium is missing but required. */
export function assertChromium(): void {
  if (!haveChromium) throw new Error(`chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CDNBENCH_CHROMIUM); CDNBENCH_REQUIRE_ENGINES=1 requires it`);
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A launched browser; `close()` ends chromium and deletes its profile. */
export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches chromium on a fresh profile (`--user-data-dir` via a persistent context, as playwright wants it). */
export async function launchChromium(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Chromium> {
  assertChromium();
  const profile = await mkdtemp(join(tmpdir(), 'cdnbench-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ARGS,
      viewport: { width: 1400, height: 900 },
      colorScheme: options.colorScheme ?? 'light',
      timeout: 30_000,
    });
    return {
      context,
      close: async () => {
        await context.close().catch(() => undefined);
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(profile, { recursive: true, force: true });
    throw err;
  }
}

/** What happened while a page was open. */
export interface PageLog {
  /** Requests other than the file itself (every one was aborted). */
  requests: string[];
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
}

/** Opens a local file with every other request aborted and counted; waits for load and a settle delay. */
export async function openOffline(context: BrowserContext, file: string): Promise<{ page: Page; log: PageLog }> {
  const url = pathToFileURL(file).href;
  const log: PageLog = { requests: [], consoleErrors: [], pageErrors: [], dialogs: [] };
  await context.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    log.requests.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  page.on('request', (r) => {
    if (r.url() !== url && !log.requests.includes(r.url())) log.requests.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') log.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => log.pageErrors.push(e.message));
  page.on('dialog', (d) => {
    log.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url, { waitUntil: 'load' });
  // chart.js draws synchronously (animation off); a short settle lets any late error surface.
  await page.waitForTimeout(300);
  return { page, log };
}

/** What a canvas holds: its id, size and how many pixels are not fully transparent. */
export interface CanvasPixels {
  id: string;
  width: number;
  height: number;
  drawn: number;
}

// Runs in the page (a string, since this project compiles without the DOM library).
const COUNT_CANVAS_PIXELS = `[...document.querySelectorAll('canvas')].map((c) => {
  const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let drawn = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++;
  return { id: c.id, width: c.width, height: c.height, drawn };
})`;

/** Every canvas of the page with its count of drawn (non-transparent) pixels. */
export function canvasPixels(page: Page): Promise<CanvasPixels[]> {
  return page.evaluate(COUNT_CANVAS_PIXELS) as Promise<CanvasPixels[]>;
}
