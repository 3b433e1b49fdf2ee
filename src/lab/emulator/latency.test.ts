import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng.js';
import { startEmulator, type RunningEmulator } from './emulator.js';
import { delaySource } from './latency.js';
import { get, TestOrigin, testProfile } from '../../../test/helpers/test-origin.js';

let origin: TestOrigin;
let em: RunningEmulator;

beforeAll(async () => {
  origin = await TestOrigin.start();
  origin.set('/tile.json', { headers: { 'cache-control': 'max-age=600' }, body: '{"pages":[1,2,3]}' });
  const profile = testProfile({ pops: [{ id: 'fra' }, { id: 'syd', latency: '60ms' }], latency: { p50: '20ms', p95: '45ms' } });
  em = await startEmulator({ profile, originUrl: origin.url, seed: 3 });
});
afterAll(async () => {
  await em.close();
  await origin.close();
});

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

describe('injected latency', () => {
  it('draws p50 20 ms / p95 45 ms within 10% over 10k delays, and 2k HITs (concurrency 50) are never faster than that', async () => {
    // The distribution itself, exactly as the PoPs draw it: deterministic, so it cannot fail by chance.
    const drawn = delaySource({ p50: '20ms', p95: '45ms' }, new Rng(3));
    const delays = Array.from({ length: 10_000 }, () => drawn.next()).sort((a, b) => a - b);
    expect(Math.abs(quantile(delays, 0.5) - 20) / 20).toBeLessThan(0.1);
    expect(Math.abs(quantile(delays, 0.95) - 45) / 45).toBeLessThan(0.1);
    // Through the real PoP: a busy machine only adds to what a client sees, so the delays must show as
    // lower bounds (an injected delay that fired early or was skipped fails), and p50 stays well under
    // twice the target (a delay applied twice puts p50 at 40 ms or more).
    const url = em.pops[0]?.url ?? '';
    await get(`${url}/tile.json`); // prime: every measured request is a HIT
    const pool = new Pool(url, { connections: 50 });
    const samples: number[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next++ < 2_000) {
        const t = performance.now();
        const r = await pool.request({ method: 'GET', path: '/tile.json' });
        await r.body.arrayBuffer();
        samples.push(performance.now() - t);
      }
    };
    await Promise.all(Array.from({ length: 50 }, worker));
    await pool.close();
    samples.sort((a, b) => a - b);
    const p50 = quantile(samples, 0.5);
    const p95 = quantile(samples, 0.95);
    console.log(`latency over ${samples.length} HITs: p50 ${p50.toFixed(2)} ms (drawn ${quantile(delays, 0.5).toFixed(2)}), p95 ${p95.toFixed(2)} ms (drawn ${quantile(delays, 0.95).toFixed(2)})`);
    expect(samples).toHaveLength(2_000);
    expect(p50).toBeGreaterThanOrEqual(20 * 0.9);
    expect(p95).toBeGreaterThanOrEqual(45 * 0.9);
    expect(p50).toBeLessThan(40);
    expect(origin.count('/tile.json')).toBe(1);
  });

  it('a PoP override applies to that PoP, on a MISS added to the origin time', async () => {
    const url = em.pops[1]?.url ?? '';
    origin.set('/slow.json', { headers: { 'cache-control': 'max-age=600' }, body: 'x', delayMs: 100 });
    let t = performance.now();
    await get(`${url}/slow.json`);
    const miss = performance.now() - t;
    t = performance.now();
    await get(`${url}/slow.json`);
    const hit = performance.now() - t;
    expect(miss).toBeGreaterThanOrEqual(160);
    expect(hit).toBeGreaterThanOrEqual(59);
    expect(hit).toBeLessThan(100);
  });

  it('draws a seeded sequence: equal seeds, equal delays', () => {
    const a = delaySource({ p50: '20ms', p95: '45ms' }, new Rng(9));
    const b = delaySource({ p50: '20ms', p95: '45ms' }, new Rng(9));
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(delaySource('0ms', new Rng(1)).zero).toBe(true);
    expect(delaySource({ min: '0ms', max: '1ms' }, new Rng(1)).zero).toBe(false);
  });
});
