/**
 * Real caching engines through the CLI (issue 5). Ground truths: the origin's own fetch counters (exact
 * coalescing) and the cache status each engine's dialect decodes, which must agree with the origin's count.
 * The edition rollout on each engine is in lab-engines-rollout-e2e.test.ts (a file of its own, so the two
 * run side by side). Each test needs its engine binary and
 * fails without it when CDNBENCH_REQUIRE_ENGINES=1 (CI); otherwise it is skipped with the binary in its name.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LabEngine } from '../src/lab/engines/engine-spec.js';
import { needsEngine, skipWithoutEngine } from './helpers/require-engine.js';
import type { ProviderResult } from '../src/result/result-model.js';
import { PACKAGE_ROOT, linesOf, runCli } from './helpers/cli.js';
import { runEngineScenario } from './helpers/engine-run.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-engines-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI with one provider and returns its result (the run must succeed). */
const run = (scenario: string, provider: string): Promise<ProviderResult> => runEngineScenario(scenario, provider, dir);

/** Responses per cache status, over every series. */
function byCache(p: ProviderResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of p.series) out[s.key.cache] = (out[s.key.cache] ?? 0) + s.requests;
  return out;
}

/** A copy of the built-in lab-ats profile with read-while-writer off. */
async function atsWithoutReadWhileWriter(): Promise<string> {
  const path = join(dir, 'lab-ats-no-rww.yaml');
  await writeFile(path, (await readFile(join(PACKAGE_ROOT, 'providers', 'lab-ats.yaml'), 'utf8')).replace('readWhileWriter: true', 'readWhileWriter: false'));
  return path;
}

const BURST: [string, LabEngine, 'coalesces' | 'does not coalesce', () => Promise<string>][] = [
  ['lab-varnish', 'varnish', 'coalesces', () => Promise.resolve('lab-varnish')],
  ['lab-nginx', 'nginx', 'coalesces', () => Promise.resolve('lab-nginx')],
  ['lab-nginx-nolock', 'nginx', 'does not coalesce', () => Promise.resolve('lab-nginx-nolock')],
  ['lab-ats', 'ats', 'coalesces', () => Promise.resolve('lab-ats')],
  ['lab-ats with readWhileWriter: false', 'ats', 'does not coalesce', atsWithoutReadWhileWriter],
];

describe('album-drop-burst: 200 concurrent misses per PoP, 200 ms origin', () => {
  for (const [label, engine, behaviour, profile] of BURST) {
    it.skipIf(skipWithoutEngine(engine))(needsEngine(engine, `${label} ${behaviour}: origin fetches counted by the origin`), async () => {
      const p = await run('album-drop-burst', await profile());
      const c = p.summary.coalescing;
      expect(c).toMatchObject({ method: 'exact', clientRequests: 600, idealFetches: 3 });
      if (c === null) return;
      const cache = byCache(p);
      // Every MISS the engine reported is one fetch the origin counted, and the other way round.
      expect(cache.MISS ?? 0).toBe(c.originFetches);
      expect((cache.MISS ?? 0) + (cache.HIT ?? 0)).toBe(600);
      if (behaviour === 'coalesces') {
        expect(c.originFetches).toBe(3); // one per PoP
      } else {
        // No coalescing: every request that arrived before the first response was stored went to the origin.
        // How many did depends on how fast this (shared) machine sends the burst — 450–600 when idle, 160
        // seen under load — so the bound is ten times the ideal, far from what a coalescing engine gives.
        expect(c.originFetches).toBeGreaterThanOrEqual(30);
        expect(c.originFetches).toBeLessThanOrEqual(600);
      }
      expect(Object.keys(p.summary.smallObject.perPop).sort()).toEqual(['fra', 'iad', 'sin']);
    }, 180_000);
  }
});

describe('a missing engine', () => {
  it('is one line and exit 104 before any load, naming the package to install', async () => {
    const out = join(dir, 'out');
    const r = await runCli(['run', 'album-drop', '--provider', 'lab-ats', '--out', out], { env: { CDNBENCH_TRAFFIC_SERVER: join(dir, 'no-such-traffic_server') } });
    expect(r.code).toBe(104);
    expect(linesOf(r.stderr)).toEqual([`cdnbench: traffic_server not found at ${join(dir, 'no-such-traffic_server')} (from CDNBENCH_TRAFFIC_SERVER): give an absolute path to an executable, or unset it and apt-get install trafficserver`]);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });
});
