import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './emulator.js';
import { get, postJson, sleep, TestOrigin, testProfile, controlAuth } from '../../../test/helpers/test-origin.js';

let origin: TestOrigin;
let em: RunningEmulator;
const agent = new Agent({ keepAliveTimeout: 10_000 });

beforeAll(async () => {
  origin = await TestOrigin.start();
  origin.set('/x', { headers: { 'cache-control': 'max-age=60' }, body: 'ok' });
  em = await startEmulator({ profile: testProfile({ pops: [{ id: 'fra' }, { id: 'iad' }] }), originUrl: origin.url });
});
afterAll(async () => {
  await agent.close();
  await em.close();
  await origin.close();
});

async function attempt(url: string): Promise<string> {
  try {
    const r = await get(url, {}, { dispatcher: agent });
    return `${r.status}`;
  } catch (err) {
    return (err as { code?: string }).code ?? 'error';
  }
}

describe('faults', () => {
  it('pop-down resets connections for its duration, then the PoP recovers; other PoPs are unaffected', async () => {
    const fra = `${em.pops[0]?.url ?? ''}/x`;
    const iad = `${em.pops[1]?.url ?? ''}/x`;
    expect(await attempt(fra)).toBe('200'); // leaves a keep-alive connection open
    const f = await postJson(`${em.controlUrl}/__cdnbench/fault`, { kind: 'pop-down', pop: 'fra', durationMs: 400 }, controlAuth(em));
    expect(f.status).toBe(200);
    const t0 = performance.now();
    const during: string[] = [];
    while (performance.now() - t0 < 300) {
      during.push(await attempt(fra));
      await sleep(20);
    }
    expect(during.length).toBeGreaterThan(5);
    expect(during.filter((s) => s === '200')).toEqual([]);
    expect(during.every((s) => /^(ECONNRESET|UND_ERR_SOCKET|ECONNREFUSED|EPIPE)$/.test(s))).toBe(true);
    expect(await attempt(iad)).toBe('200');
    await sleep(150);
    expect(await attempt(fra)).toBe('200');
  });

  it('clear ends a fault early; bad fault requests are refused', async () => {
    const fra = `${em.pops[0]?.url ?? ''}/x`;
    await postJson(`${em.controlUrl}/__cdnbench/fault`, { kind: 'pop-down', pop: 'fra', durationMs: 60_000 }, controlAuth(em));
    expect(await attempt(fra)).not.toBe('200');
    await postJson(`${em.controlUrl}/__cdnbench/fault`, { kind: 'clear' }, controlAuth(em));
    expect(await attempt(fra)).toBe('200');
    expect((await postJson(`${em.controlUrl}/__cdnbench/fault`, { kind: 'pop-down', pop: 'nope', durationMs: 10 }, controlAuth(em))).status).toBe(400);
    expect((await postJson(`${em.controlUrl}/__cdnbench/fault`, { kind: 'melt' }, controlAuth(em))).status).toBe(400);
  });
});
