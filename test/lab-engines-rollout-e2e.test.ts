/**
 * An edition rollout on each real caching engine through the CLI (issue 5): the invalidation prober reads
 * the new version back from every PoP, and no PoP may serve it later than the whole purge call plus one
 * poll interval. Ground truth: the purge call's own duration and the versions each PoP serves. t95 must
 * stay under 1 s, a bound concurrent engine bursts can break: this file runs in the serial timing group.
 * The rollout is published 1 s into a 5 s phase; the prober converges in well under a second. Each test
 * needs its engine binary and fails without it when CDNBENCH_REQUIRE_ENGINES=1 (CI); otherwise it is
 * skipped with the binary in its name. The burst (coalescing) tests are in lab-engines-e2e.test.ts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LabEngine } from '../src/lab/engines/engine-spec.js';
import { needsEngine, skipWithoutEngine } from './helpers/require-engine.js';
import { runEngineScenario } from './helpers/engine-run.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-engines-rollout-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ROLLOUT: [string, LabEngine, 'purge-url' | 'purge-tag'][] = [
  ['lab-varnish', 'varnish', 'purge-url'],
  ['lab-varnish', 'varnish', 'purge-tag'], // vmod xkey on the origin's xkey header
  ['lab-nginx', 'nginx', 'purge-url'],
  ['lab-ats', 'ats', 'purge-url'],
];
const INTERVAL_MS = 50;

describe('edition rollout on a real engine', () => {
  for (const [profile, engine, strategy] of ROLLOUT) {
    it.skipIf(skipWithoutEngine(engine))(needsEngine(engine, `${profile}, ${strategy}: every PoP serves the new tiles within the purge call plus one poll`), async () => {
      const scenario = join(dir, 'rollout.yaml');
      await writeFile(scenario, `name: engine-rollout
catalog: { seed: 42, books: 5, tracks: 5, albums: 1 }
timeScale: 0.01
sessions:
  reader:
    steps:
      - get: /meta/{isbn}.json
      - repeat: 10
        advance: { page: 10 }
        steps:
          - get: /maps/{isbn}/{edition}/{lang}/{range}.json
          - think: 10s
load: { model: open }
phases: [{ duration: 5s, rate: 5 }]
events:
  - { at: 1s, action: publish, book: 0, changePercent: 10, strategy: ${strategy}, probe: { interval: ${INTERVAL_MS}ms, timeout: 10s } }
`);
      const p = await runEngineScenario(scenario, profile, dir);
      const inv = p.summary.invalidation;
      expect(inv).toMatchObject({ converged: 1, pops: 3, strategy });
      if (inv === null) return;
      expect(inv.points).toHaveLength(inv.objects * 3);
      const api = inv.purgeApiMs ?? Number.NaN;
      // A PoP serves the new version as soon as its purge (nginx: its refresh) is done: no point may come
      // later than the whole purge call plus one jittered poll interval (and scheduling slack).
      for (const pt of inv.points) expect(pt.ms ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(api + INTERVAL_MS * 1.2 + 200);
      expect(inv.t95Ms ?? Number.POSITIVE_INFINITY).toBeLessThan(1000);
      expect(Object.keys(p.summary.smallObject.perPop).sort()).toEqual(['fra', 'iad', 'sin']);
      for (const pop of Object.values(p.summary.smallObject.perPop)) expect(pop.count).toBeGreaterThan(0);
    }, 180_000);
  }
});
