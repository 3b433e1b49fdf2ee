/**
 * The `refetch` method (a purge without a content change) against the REAL lab origin and emulator: the
 * emulator applies the purge at each PoP after a known delay (its purge log is the ground truth), nothing
 * changes at the origin, and each (object, PoP) converges on the PoP's MISS.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getDialect } from '../dialects/registry.js';
import type { ProbeTarget } from '../providers/probe-targets.js';
import { startInvalidationLab, type InvalidationLab } from '../../test/helpers/invalidation-lab-fixture.js';
import { probeInvalidation } from './invalidation-prober.js';

const INTERVAL = 50;
/** Scheduling allowance on a loaded machine, over one poll gap and the purge call's own latency. */
const SLACK = 250;
let lab: InvalidationLab | undefined;

afterEach(async () => {
  await lab?.close();
  lab = undefined;
});

describe('probeInvalidation, refetch method, against the lab emulator', () => {
  it('a plain purge: each PoP converges on its MISS, never before the emulator applied it', async () => {
    const l = (lab = await startInvalidationLab({ invalidation: { min: '100ms', max: '600ms' }, seed: 11 }));
    const targets: ProbeTarget[] = l.edges.map((edge) => ({ edge, path: (s) => s, dialect: getDialect(l.profile.dialect), headers: {} }));
    const r = await probeInvalidation({
      edges: [], targets, paths: l.paths, strategy: 'purge-url', intervalMs: INTERVAL, timeoutMs: 5_000, seed: 5, method: 'refetch',
      purged: { urls: [...l.paths], tags: [], all: false },
      change: () => Promise.resolve(),
      invalidate: () => l.purge({ urls: [...l.paths] }),
    });
    const entry = (await l.purgeLog()).at(-1);
    const truth = (pop: string): number => entry?.pops[pop]?.delayMs ?? Number.NaN;
    console.log('refetch:', r.points.map((p) => `${p.pop} ${p.ms}/${truth(p.pop).toFixed(1)}`).join(', '), `| api ${r.purgeApiMs?.toFixed(1)}`);
    expect(r.converged).toBe(1);
    expect(r.measurement).toMatchObject({ method: 'refetch', intervalMs: INTERVAL, timeoutMs: 5_000, purged: { urls: l.paths } });
    expect(r.perPop?.map((g) => g.id)).toEqual(l.edges.map((e) => e.id));
    for (const p of r.points) {
      // 1 ms: the emulator's timer may fire up to 1 ms early on libuv's truncated loop clock.
      expect(p.ms ?? 0, `${p.object} @ ${p.pop}`).toBeGreaterThanOrEqual(truth(p.pop) - 1);
      expect(p.ms ?? 0, `${p.object} @ ${p.pop}`).toBeLessThanOrEqual(truth(p.pop) + (r.purgeApiMs ?? 0) + 1.2 * INTERVAL + SLACK);
    }
  });
});
