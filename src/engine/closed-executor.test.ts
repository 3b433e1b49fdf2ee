import { afterEach, describe, expect, it } from 'vitest';
import { startLatencyServer, type LatencyServer } from '../../test/helpers/latency-server.js';
import { Catalog } from '../catalog/catalog.js';
import type { SessionCounters } from '../result/result-model.js';
import type { Sample } from '../result/sample.js';
import { getDialect } from '../dialects/registry.js';
import { compilePlan, type CompiledSession, type Plan } from '../scenario/compile-plan.js';
import { validateScenario } from '../scenario/loader.js';
import { Rng } from '../util/rng.js';
import { runClosedModel } from './closed-executor.js';
import { EdgeClient } from '../http/edge-client.js';
import { RequestGate } from './request-gate.js';
import type { SessionEnv } from './session-runner.js';

let server: LatencyServer | null = null;
let client: EdgeClient | null = null;

afterEach(async () => {
  await client?.close();
  client = null;
  await server?.close();
  server = null;
});

interface ClosedRun {
  counters: SessionCounters;
  samples: Sample[];
}

function closedPlan(phases: { duration: string; vus: number }[], limits: Record<string, unknown> = {}): Plan {
  const scenario = validateScenario(
    {
      name: 'closed-test',
      // One request per session; {session} makes every session's path distinct.
      sessions: { one: { steps: [{ get: '/s/{session}' }] } },
      // Far more connections than VUs, so only the executor can limit concurrency.
      load: { model: 'closed', connections: 32 },
      phases,
      limits,
    },
    'closed-test',
  );
  return compilePlan(scenario);
}

async function runClosed(plan: Plan, url: string, signal: AbortSignal = new AbortController().signal): Promise<ClosedRun> {
  const samples: Sample[] = [];
  client = new EdgeClient({ id: 'pop', url }, { connections: 32, http2: false, timeoutMs: 5000, wantedHeaders: new Set(['cache-status']), userAgent: 'cdnbench-test' });
  const perfZero = performance.now();
  const env: SessionEnv = {
    providerId: 'p',
    catalog: Catalog.create(plan.scenario.catalog),
    dialect: getDialect('generic'),
    sink: { add: (s) => samples.push(s) },
    gate: new RequestGate(plan.maxRequests, plan.maxRate, perfZero),
    runId: 'run',
    perfZero,
    wallZero: Date.now(),
    signal,
    onNetworkError: () => undefined,
  };
  const counters: SessionCounters = { planned: 0, started: 0, completed: 0, late: 0, dropped: 0, throttledRequests: 0, abortedRequests: 0 };
  const session = plan.sessions[0] as CompiledSession;
  await runClosedModel(env, plan, [client], counters, () => session, new Rng(1));
  return { counters, samples };
}

describe('runClosedModel', () => {
  it('keeps exactly N virtual users busy: never more than N requests at once, and N reached', async () => {
    server = await startLatencyServer({ delayMs: () => 20 });
    const { counters, samples } = await runClosed(closedPlan([{ duration: '600ms', vus: 4 }]), server.url);

    expect(server.maxInFlight).toBe(4);
    // Every session sent its one request; the executor's counts are the server's counts.
    expect(server.requests).toBeGreaterThanOrEqual(4);
    expect(samples).toHaveLength(server.requests);
    expect(counters.started).toBe(server.requests);
    expect(counters.completed).toBe(server.requests);
    expect(counters.planned).toBe(server.requests);
    expect(server.byPath.size).toBe(server.requests);
    expect(samples.every((s) => s.status === 200 && s.cache === 'HIT' && s.error === undefined)).toBe(true);
    // Each request was held 20 ms by the server: no sample can be faster than the injected delay.
    expect(Math.min(...samples.map((s) => s.totalUs))).toBeGreaterThanOrEqual(19_000);
  });

  it('follows the largest phase: a later phase with more VUs raises the concurrency', async () => {
    server = await startLatencyServer({ delayMs: () => 20 });
    await runClosed(closedPlan([{ duration: '300ms', vus: 1 }, { duration: '300ms', vus: 3 }]), server.url);
    expect(server.maxInFlight).toBe(3);
  });

  it('stops every VU when maxRequests closes the gate: the server sees exactly maxRequests', async () => {
    server = await startLatencyServer({ delayMs: () => 5 });
    // The phase is long; only the request cap can end this run before the test times out.
    const plan = closedPlan([{ duration: '60s', vus: 3 }], { maxRequests: 25 });
    const { samples } = await runClosed(plan, server.url);
    expect(server.requests).toBe(25);
    expect(samples).toHaveLength(25);
  });

  it('stops every VU when the run is aborted', async () => {
    server = await startLatencyServer({ delayMs: () => 5 });
    const stop = new AbortController();
    const plan = closedPlan([{ duration: '60s', vus: 2 }]);
    const run = runClosed(plan, server.url, stop.signal);
    // Abort once the server has seen traffic (bounded wait: at most 10 s).
    for (let i = 0; i < 1000 && server.requests < 10; i++) await new Promise((r) => setTimeout(r, 10));
    expect(server.requests).toBeGreaterThanOrEqual(10);
    stop.abort();
    const { counters } = await run;
    // No session starts after the abort, and each one that started sent its request (and got its answer).
    expect(counters.started).toBe(server.requests);
  });
});
