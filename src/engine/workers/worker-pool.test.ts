import { describe, expect, it } from 'vitest';
import { isCdnbenchError } from '../../errors.js';
import { TargetProvider } from '../../providers/target/target-provider.js';
import { compilePlan } from '../../scenario/compile-plan.js';
import { validateScenario } from '../../scenario/loader.js';
import { runWorkerPool, type PoolOptions } from './worker-pool.js';

const fixture = (name: string): URL => new URL(`../../../test/fixtures/workers/${name}`, import.meta.url);

function options(entry: URL, stop: AbortController): PoolOptions {
  const scenario = validateScenario({ name: 'pool', sessions: { one: { steps: [{ get: '/x' }] } }, load: { model: 'open' }, phases: [{ duration: '1s', rate: 1 }] }, 'test');
  return {
    workers: 2, plan: compilePlan(scenario), provider: TargetProvider.fromUrls('t', ['http://127.0.0.1:9']), runId: 'r', seed: 1, scheduleSeed: 1,
    userAgent: 'test', smallObjectMaxBytes: 1000, region: '', stop: stop.signal, stopAll: () => stop.abort(),
    counters: { planned: 0, started: 0, completed: 0, late: 0, dropped: 0, throttledRequests: 0, abortedRequests: 0 }, log: () => undefined, entry,
  };
}

describe('runWorkerPool', () => {
  it('reports a crashed worker as WORKER_FAILED and stops the others, instead of hanging', async () => {
    const stop = new AbortController();
    const err: unknown = await runWorkerPool(options(fixture('crashing-worker.mjs'), stop)).catch((e: unknown) => e);
    expect(isCdnbenchError(err) && err.code === 'WORKER_FAILED').toBe(true);
    expect(String(err)).toMatch(/load worker \d of 2 crashed: boom on purpose/);
    expect(stop.signal.aborted).toBe(true);
  }, 30_000);

  it('gives up on workers still starting when the run is stopped, with nothing recorded', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 200);
    const out = await runWorkerPool(options(fixture('silent-worker.mjs'), stop));
    expect(out.requests).toBe(0);
    expect(out.parts).toEqual([]);
  }, 30_000);
});
