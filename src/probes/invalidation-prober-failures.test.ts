/** The invalidation prober when the purge fails, never lands in time, or is called with bad options. */
import { afterEach, describe, expect, it } from 'vitest';
import { startInvalidationLab, type InvalidationLab } from '../../test/helpers/invalidation-lab-fixture.js';
import { probeInvalidation } from './invalidation-prober.js';

let lab: InvalidationLab | undefined;

afterEach(async () => {
  await lab?.close();
  lab = undefined;
});

describe('probeInvalidation failures', () => {
  it('a refused purge (ok: false) returns a result with converged 0 and null points, without throwing', async () => {
    const l = (lab = await startInvalidationLab({ invalidation: '0ms' }));
    const started = performance.now();
    const r = await probeInvalidation({
      edges: l.edges, paths: l.paths, strategy: 'purge-url', timeoutMs: 5_000,
      change: async () => void (await l.publish('in-place')),
      invalidate: async () => ({ ok: false, apiMs: 12, error: '429 rate limited' }),
    });
    expect(r).toMatchObject({ converged: 0, t50Ms: null, t95Ms: null, maxMs: null, purgeApiMs: 12, objects: 2, pops: 3 });
    expect(r.points.map((p) => p.ms)).toEqual([null, null, null, null, null, null]);
    expect(performance.now() - started).toBeLessThan(2_000); // polling stops at the refusal
    expect(await l.purgeLog()).toEqual([]);
  });

  it('a purge call that throws is a failed receipt too', async () => {
    const l = (lab = await startInvalidationLab({ invalidation: '0ms', pops: ['fra'] }));
    const r = await probeInvalidation({
      edges: l.edges, paths: l.paths, strategy: 'purge-tag',
      change: async () => void (await l.publish('in-place')),
      invalidate: async () => {
        throw new Error('ECONNREFUSED');
      },
    });
    expect(r.converged).toBe(0);
    expect(r.purgeApiMs).toBeGreaterThanOrEqual(0);
    expect(r.points.every((p) => p.ms === null)).toBe(true);
  });

  it('a purge that takes 10 s against a 500 ms timeout: converged 0, every point null', async () => {
    const l = (lab = await startInvalidationLab({ invalidation: '10s' }));
    const started = performance.now();
    const r = await probeInvalidation({
      edges: l.edges, paths: l.paths, strategy: 'purge-url', timeoutMs: 500,
      change: async () => void (await l.publish('in-place')),
      invalidate: () => l.purge({ urls: [...l.paths] }),
    });
    expect(r).toMatchObject({ converged: 0, t95Ms: null, objects: 2, pops: 3 });
    expect(r.purgeApiMs).not.toBeNull();
    expect(r.points).toHaveLength(6);
    expect(r.points.every((p) => p.ms === null)).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_500);
    const entry = (await l.purgeLog())[0];
    expect(Object.values(entry?.pops ?? {}).map((s) => s.appliedAt)).toEqual([null, null, null]); // truth: still pending
  });

  it('without a change nothing converges (the version never moves)', async () => {
    const l = (lab = await startInvalidationLab({ invalidation: '0ms', pops: ['fra'], objects: 1 }));
    const r = await probeInvalidation({
      edges: l.edges, paths: l.paths, strategy: 'purge-url', timeoutMs: 300,
      change: async () => undefined,
      invalidate: () => l.purge({ urls: [...l.paths] }),
    });
    expect(r.converged).toBe(0);
  });

  it('an abort ends polling at once (unfinished points null); aborted before the change, nothing is published', async () => {
    const l = (lab = await startInvalidationLab({ invalidation: '10s', pops: ['fra'] }));
    const started = performance.now();
    const r = await probeInvalidation({
      edges: l.edges, paths: l.paths, strategy: 'purge-url', timeoutMs: 20_000, signal: AbortSignal.timeout(400),
      change: async () => void (await l.publish('in-place')),
      invalidate: () => l.purge({ urls: [...l.paths] }),
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(r).toMatchObject({ converged: 0 });
    let changed = false;
    const early = await probeInvalidation({
      edges: l.edges, paths: l.paths, strategy: 'purge-url', signal: AbortSignal.abort(),
      change: async () => void (changed = true),
      invalidate: () => l.purge({ urls: [...l.paths] }),
    });
    expect(changed).toBe(false);
    expect(early).toMatchObject({ converged: 0, purgeApiMs: null });
    expect(await l.purgeLog()).toHaveLength(1);
  });

  it('rejects bad options before any request', async () => {
    const base = { edges: [{ id: 'x', url: 'http://127.0.0.1:9' }], paths: ['/a'], strategy: 'purge-url', change: async () => undefined, invalidate: null };
    await expect(probeInvalidation({ ...base, paths: [] })).rejects.toThrow(RangeError);
    await expect(probeInvalidation({ ...base, intervalMs: 0 })).rejects.toThrow(RangeError);
    await expect(probeInvalidation({ ...base, maxConcurrentPolls: 0 })).rejects.toThrow(RangeError);
    await expect(probeInvalidation({ ...base, newPaths: ['/b', '/c'] })).rejects.toThrow(RangeError);
  });
});
