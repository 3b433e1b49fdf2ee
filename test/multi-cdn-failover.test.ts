/**
 * A multi-CDN of two lab archetypes (edge-optimized + traditional, one Frankfurt PoP each) while the
 * edge-optimized PoP goes down mid-run (a lab `pop-down` fault). Ground truth: the fault's start and
 * length are fixed by the scenario, and every sample (with its intended start time) is collected in
 * process. No user request started after the failover window fails; the failed PoP gets no traffic while
 * down and gets it back only after the fault ends. Runs the BUILT engine (the lab forks dist/ code).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sample } from '../src/result/sample.js';
import { PACKAGE_ROOT, assertCliBuilt } from './helpers/cli.js';

type RunScenarioModule = typeof import('../src/engine/run-scenario.js');
type LoaderModule = typeof import('../src/scenario/loader.js');
type PlanModule = typeof import('../src/scenario/compile-plan.js');
type ResolveModule = typeof import('../src/providers/resolve-providers.js');

let dir = '';
beforeAll(() => assertCliBuilt());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-multi-failover-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const FAULT_AT_MS = 2000;
const FAULT_MS = 3000;
const DOWN_FOR_MS = 500;
/** Failover window: requests started this long after the fault may still fail (in flight or racing the first error). */
const WINDOW_MS = 1000;

async function run(retry: boolean): Promise<{ samples: Sample[]; multi: NonNullable<import('../src/result/result-model.js').ProviderSummary['multiCdn']>; failure: string | null }> {
  const dist = (p: string): string => join(PACKAGE_ROOT, 'dist', 'src', p);
  const { runScenario } = (await import(dist('engine/run-scenario.js'))) as RunScenarioModule;
  const { loadScenario } = (await import(dist('scenario/loader.js'))) as LoaderModule;
  const { compilePlan } = (await import(dist('scenario/compile-plan.js'))) as PlanModule;
  const { resolveProviders } = (await import(dist('providers/resolve-providers.js'))) as ResolveModule;
  const profile = join(dir, 'multi.yaml');
  await writeFile(profile, `kind: multi
members:
  - { provider: edge-optimized, pops: [fra] }
  - { provider: traditional, pops: [fra] }
steering: { mode: latency, explore: 0.05 }
failover: { downFor: ${DOWN_FOR_MS}ms, retry: ${retry} }
`);
  const scenario = join(dir, 'failover.yaml');
  await writeFile(scenario, `name: multi-failover
catalog: { seed: 42, books: 20, tracks: 10, albums: 1 }
sessions:
  reader:
    steps:
      - get: /meta/{isbn}.json
      - repeat: 6
        advance: { page: 10 }
        until: end-of-book
        steps:
          - get: /maps/{isbn}/{edition}/{lang}/{range}.json
          - think: 100ms..200ms
load: { model: open, connections: 8, timeout: 5s }
phases: [{ duration: 8s, rate: 15 }]
events:
  - { at: ${FAULT_AT_MS}ms, action: fault, kind: pop-down, pop: edge-optimized/fra, duration: ${FAULT_MS}ms }
`);
  const loaded = await loadScenario(scenario);
  const plan = compilePlan(loaded.scenario, scenario);
  const providers = resolveProviders([profile], []);
  const samples: Sample[] = [];
  const outcome = await runScenario({
    loaded, plan, providers, runId: `failover-${retry}`, signal: new AbortController().signal, log: () => undefined,
    sinks: [{ add: (s) => samples.push(s) }],
  });
  const multi = outcome.result.providers[0]?.summary.multiCdn;
  if (multi === undefined || multi === null) throw new Error('no summary.multiCdn');
  return { samples, multi, failure: outcome.failure };
}

function failed(s: Sample): boolean {
  return s.error !== undefined || s.status >= 500;
}

describe('multi-CDN failover on lab archetypes', () => {
  it('no failed request after the failover window; traffic leaves the down PoP and returns after the fault', async () => {
    const { samples, multi, failure } = await run(false);
    expect(failure).toBeNull();
    const zero = Math.min(...samples.map((s) => s.startedAt));
    const at = (s: Sample): number => s.startedAt - zero;
    const faultStart = FAULT_AT_MS;
    const faultEnd = FAULT_AT_MS + FAULT_MS;
    const errors = samples.filter(failed);
    const late = errors.filter((s) => at(s) > faultStart + WINDOW_MS);
    console.log(`failover: ${samples.length} requests, ${errors.length} failed, all started ${errors.length === 0 ? '—' : `${Math.round(Math.min(...errors.map(at)) - faultStart)}..${Math.round(Math.max(...errors.map(at)) - faultStart)} ms after the fault`}; down windows ${JSON.stringify(multi.downWindows)}`);
    expect(late).toEqual([]);
    expect(errors.every((s) => at(s) >= faultStart - 500)).toBe(true);
    // The fault really took the PoP out: a failover from edge-optimized/FRA, back only after the fault ended.
    const w = multi.downWindows.find((d) => d.pop === 'edge-optimized/FRA');
    expect(w).toBeDefined();
    expect(w?.downAtMs).toBeGreaterThanOrEqual(faultStart - 100);
    expect(w?.upAtMs).not.toBeNull();
    expect(w?.upAtMs ?? 0).toBeGreaterThanOrEqual(faultEnd - 100);
    expect(multi.recoveries).toBeGreaterThanOrEqual(1);
    const during = samples.filter((s) => at(s) > faultStart + WINDOW_MS && at(s) < faultEnd);
    expect(during.filter((s) => s.pop.startsWith('edge-optimized/'))).toHaveLength(0);
    expect(during.filter((s) => s.pop === 'traditional/FRA50-C1').length).toBeGreaterThan(20);
    const after = samples.filter((s) => at(s) > faultEnd + DOWN_FOR_MS + 1000);
    expect(after.filter((s) => s.pop === 'edge-optimized/FRA').length).toBeGreaterThan(after.length / 2);
  });

  it('with retry on, no user request fails at all', async () => {
    const { samples, multi, failure } = await run(true);
    expect(failure).toBeNull();
    console.log(`failover with retry: ${samples.length} requests, ${samples.filter(failed).length} failed, ${multi.retries} retried`);
    expect(samples.filter(failed)).toEqual([]);
    expect(multi.failovers).toBeGreaterThanOrEqual(1);
    // The fault reset requests in flight (the run without retry shows them); here each was re-sent elsewhere.
    expect(multi.retries).toBeGreaterThanOrEqual(1);
  });
});
