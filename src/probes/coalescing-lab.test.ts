/**
 * Ground truth for the coalescing analyser: the REAL lab origin (500 ms per object) behind the REAL
 * emulator with two PoPs, a burst of BURST concurrent first requests for one object at each PoP.
 */
import { Pool } from 'undici';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../catalog/index.js';
import { startEmulator } from '../lab/emulator/index.js';
import { emulatorProfileSchema } from '../lab/emulator/emulator-profile.js';
import { metaPath, startOrigin } from '../lab/origin/index.js';
import type { Sample } from '../result/sample.js';
import { headerGetter } from '../dialects/dialect.js';
import { getDialect } from '../dialects/registry.js';
import type { CoalescingResult } from '../result/probe-results.js';
import { estimatedCoalescing, exactCoalescing, fetchOriginCounts } from '../result/coalescing-analyser.js';
import { CoalescingBurstTracker } from '../result/coalescing-burst-tracker.js';

const BURST = 100;
const TOKEN = 'coalescing-test-token';

function profile(coalescing: boolean, shield: boolean): ReturnType<typeof emulatorProfileSchema.parse> {
  return emulatorProfileSchema.parse({
    kind: 'emulator',
    archetype: 'edge-optimized',
    pops: [{ id: 'fra' }, { id: 'iad' }],
    latency: '0ms',
    invalidation: '0ms',
    purgeApi: 'generic',
    purgeKinds: ['url'],
    coalescing,
    shield,
    edgeKv: false,
    dialect: 'rfc9211',
    prices: { egress: { default: [{ upToGB: null, usdPerGB: 0 }] }, source: 'test' },
  });
}

interface LabBurst {
  exact: CoalescingResult;
  estimated: CoalescingResult;
  origin: Map<string, Map<string, number>>;
  ms: number;
}

/** One burst of BURST first requests per PoP for one object; samples built from the real responses. */
async function labBurst(coalescing: boolean, shield: boolean): Promise<LabBurst> {
  const origin = await startOrigin({ catalog: { ...DEFAULT_CATALOG, books: 5, tracks: 10, albums: 1 }, token: TOKEN, latency: '500ms' });
  const em = await startEmulator({ profile: profile(coalescing, shield), originUrl: origin.url });
  const pools = em.pops.map((p) => ({ id: p.id, pool: new Pool(p.url, { connections: BURST }) }));
  try {
    const path = metaPath(origin.state.catalog.bookAt(0).isbn);
    const tracker = new CoalescingBurstTracker();
    tracker.watch([path]);
    const rfc9211 = getDialect('rfc9211');
    // Open every connection first (another object), so the burst is truly concurrent even on a loaded
    // machine: otherwise late connection setups let some requests arrive after the object was cached.
    const warm = metaPath(origin.state.catalog.bookAt(1).isbn);
    await Promise.all(pools.flatMap(({ pool }) => Array.from({ length: BURST }, async () => (await pool.request({ method: 'GET', path: warm })).body.dump())));
    const t0 = performance.now();
    await Promise.all(
      pools.flatMap(({ id, pool }) =>
        Array.from({ length: BURST }, async () => {
          const startedAt = Date.now();
          const res = await pool.request({ method: 'GET', path });
          const body = Buffer.from(await res.body.arrayBuffer());
          const cls = rfc9211.classify(headerGetter(res.headers));
          const sample: Sample = { provider: 'lab', pop: cls.pop ?? id, objectClass: 'metadata', path, status: res.statusCode, cache: cls.cache, bytes: body.length, bodyBytes: body.length, ttfbUs: 0, totalUs: 0, serviceUs: 0, startedAt };
          if (cls.collapsed === true) sample.collapsed = true;
          expect(res.statusCode).toBe(200);
          tracker.add(sample);
        }),
      ),
    );
    const ms = performance.now() - t0;
    const originCounts = await fetchOriginCounts(origin.url, TOKEN, tracker.watched());
    const exact = exactCoalescing({ clientRequestsByPop: tracker.clientRequestsByPop(), originFetches: originCounts, shield });
    return { exact, estimated: estimatedCoalescing(tracker), origin: originCounts, ms };
  } finally {
    await Promise.all(pools.map((p) => p.pool.close()));
    await em.close();
    await origin.close();
  }
}

const counts = (m: Map<string, Map<string, number>>): Record<string, number>[] => [...m.values()].map((e) => Object.fromEntries(e));

describe('coalescing against the real lab origin and emulator (2 PoPs × 100 concurrent first requests)', () => {
  it('coalescing on: 2 origin fetches, ideal 2, ratio exactly 1.00, effectiveness 1; the estimate agrees', async () => {
    const r = await labBurst(true, false);
    console.log(`coalescing on: ${JSON.stringify(r.exact)} estimate ${JSON.stringify(r.estimated)} (${r.ms.toFixed(0)} ms)`);
    expect(counts(r.origin)).toEqual([{ fra: 1, iad: 1 }]);
    expect(r.exact).toEqual({ clientRequests: 2 * BURST, originFetches: 2, idealFetches: 2, ratio: 1, effectiveness: 1, method: 'exact' });
    expect(r.exact.ratio?.toFixed(2)).toBe('1.00');
    expect(r.estimated).toEqual({ ...r.exact, method: 'estimated' });
  });

  it('coalescing off: 200 origin fetches, ratio 100 = burst size, effectiveness 0; the estimate agrees', async () => {
    const r = await labBurst(false, false);
    console.log(`coalescing off: ${JSON.stringify(r.exact)} estimate ${JSON.stringify(r.estimated)} (${r.ms.toFixed(0)} ms)`);
    expect(counts(r.origin)).toEqual([{ fra: BURST, iad: BURST }]);
    expect(r.exact).toEqual({ clientRequests: 2 * BURST, originFetches: 2 * BURST, idealFetches: 2, ratio: BURST, effectiveness: 0, method: 'exact' });
    expect(r.estimated).toEqual({ ...r.exact, method: 'estimated' });
  });

  it('shield + coalescing on: the shield fetches once, ideal 1, ratio 1; the estimate sees one fetch per PoP', async () => {
    const r = await labBurst(true, true);
    console.log(`shield on: ${JSON.stringify(r.exact)} estimate ${JSON.stringify(r.estimated)} (${r.ms.toFixed(0)} ms)`);
    expect(counts(r.origin)).toEqual([{ shield: 1 }]);
    expect(r.exact).toEqual({ clientRequests: 2 * BURST, originFetches: 1, idealFetches: 1, ratio: 1, effectiveness: 1, method: 'exact' });
    // Headers describe the client-facing PoP only: per-PoP collapsing, one fetch per PoP towards the shield.
    expect(r.estimated).toEqual({ clientRequests: 2 * BURST, originFetches: 2, idealFetches: 2, ratio: 1, effectiveness: 1, method: 'estimated' });
  });
});
