/**
 * The session cursor (used by the autocannon engine and as the reference the exported k6 script is
 * checked against) walks a session exactly like the built-in session runner: same requests, same Range
 * headers, same order, for the same random stream. The runner is driven with a fake PoP client that
 * answers at once, and think/listen times are scaled down so the walk takes milliseconds.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../catalog/catalog.js';
import { getDialect } from '../dialects/registry.js';
import { compilePlan } from '../scenario/compile-plan.js';
import { loadScenario } from '../scenario/loader.js';
import { PACKAGE_ROOT } from '../util/package-root.js';
import { Rng } from '../util/rng.js';
import { autocannonProblems } from './autocannon-support.js';
import type { EdgeClient, Exchange } from '../http/edge-client.js';
import { RequestGate } from './request-gate.js';
import { sessionSteps } from './session-cursor.js';
import { runSession, type SessionEnv } from './session-runner.js';

const builtins = readdirSync(join(PACKAGE_ROOT, 'scenarios')).filter((f) => /\.(ya?ml|ts)$/.test(f)).sort();

describe('sessionSteps', () => {
  it.each(builtins)('%s: the same requests as the built-in session runner', async (file) => {
    const loaded = await loadScenario(join(PACKAGE_ROOT, 'scenarios', file));
    // Waits scaled to microseconds: the walk, not the clock, is under test.
    const plan = compilePlan({ ...loaded.scenario, timeScale: 1e-6 }, file);
    const catalog = Catalog.create(loaded.scenario.catalog);
    const sent: { path: string; range: string | undefined }[] = [];
    const fake = {
      edge: { id: 'pop', url: 'http://127.0.0.1:9' },
      get(path: string, headers: Record<string, string> | undefined, done: (ex: Exchange) => void): void {
        sent.push({ path, range: headers?.range });
        const now = performance.now();
        queueMicrotask(() => done({ status: 200, headers: {}, bytes: 10, bodyBytes: 5, sentAt: now, firstByteAt: now, endAt: now }));
      },
    } as unknown as EdgeClient;
    const perfZero = performance.now();
    const env: SessionEnv = {
      providerId: 'p', catalog, dialect: getDialect('generic'), sink: { add: () => undefined },
      gate: new RequestGate(1e9, 1e9, perfZero), runId: 'run', perfZero, wallZero: Date.now(),
      signal: new AbortController().signal, onNetworkError: () => undefined,
    };
    const model = plan.sessions[0];
    if (model === undefined) throw new Error('no session model');
    for (let n = 0; n < 8; n++) {
      sent.length = 0;
      await runSession(env, fake, model, n, new Rng(5).fork(n), performance.now());
      const walked = [...sessionSteps(catalog, model, n, 'run', new Rng(5).fork(n))].flatMap((s) => (s.kind === 'request' ? [{ path: s.path, range: s.headers?.range }] : []));
      expect(sent.length).toBeGreaterThan(0);
      expect(walked).toEqual(sent);
    }
  });
});

describe('autocannonProblems', () => {
  it('accepts a closed scenario without waits and names every reason otherwise', async () => {
    const ok = compilePlan((await loadScenario(join(PACKAGE_ROOT, 'scenarios', 'slo-smoke.ts'))).scenario);
    expect(autocannonProblems({ ...ok, model: 'closed' })).toEqual([]);
    const pt = compilePlan((await loadScenario(join(PACKAGE_ROOT, 'scenarios', 'page-turns.yaml'))).scenario);
    expect(autocannonProblems(pt)).toEqual([
      'load.model: open (arrival-rate) — the autocannon engine runs the closed model only; use the built-in engine',
      'sessions.reader.steps[2].steps[0].prefetch: a parallel fan-out (autocannon keeps one request in flight per connection)',
      'sessions.reader.steps[2].steps[2]: think time (the autocannon engine sends back to back; use the built-in engine)',
    ]);
    const drop = compilePlan((await loadScenario(join(PACKAGE_ROOT, 'scenarios', 'album-drop-prewarmed.yaml'))).scenario);
    expect(autocannonProblems(drop)).toEqual(expect.arrayContaining([expect.stringMatching(/^coalescing:/), expect.stringMatching(/^prewarm:/)]));
    const tp = compilePlan((await loadScenario(join(PACKAGE_ROOT, 'scenarios', 'track-prefetch.yaml'))).scenario);
    expect(autocannonProblems(tp)).toContain('sessions.listener.steps[0].steps[2]: listen waits for the track (the autocannon engine sends back to back; use the built-in engine)');
  });
});
