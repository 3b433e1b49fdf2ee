/**
 * Edition rollout through the CLI against an emulated profile whose per-PoP invalidation delay the test
 * fixes: every (tile, PoP) point must land within one poll interval (+20% jitter) + 30 ms after the truth.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readResultFile } from '../src/result/result-schema.js';
import { runCli } from './helpers/cli.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-rollout-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const DELAY_MS = 500;
const INTERVAL_MS = 50;
// Published 1 s into a 3 s phase: every PoP turns fresh 0.5 s later, well before the load ends (this file
// runs in the serial timing group, where every second counts).

async function files(strategy: string, purgeKinds = '[url, tag, all]'): Promise<{ scenario: string; profile: string }> {
  const profile = join(dir, 'fixed.yaml');
  await writeFile(profile, `kind: emulator
archetype: edge-optimized
pops: [{ id: fra }, { id: iad }, { id: sin }]
latency: 2ms
invalidation: ${DELAY_MS}ms
purgeApi: generic
purgeKinds: ${purgeKinds}
coalescing: true
shield: false
edgeKv: false
dialect: rfc9211
prices: { egress: { default: [{ upToGB: null, usdPerGB: 0.1 }] }, source: test }
`);
  const scenario = join(dir, 'rollout.yaml');
  await writeFile(scenario, `name: rollout-truth
catalog: { seed: 42, books: 5, tracks: 5, albums: 1 }
timeScale: 0.01
sessions:
  reader:
    steps:
      - repeat: 10
        advance: { page: 10 }
        steps:
          - get: /maps/{isbn}/{edition}/{lang}/{range}.json
          - think: 10s
load: { model: open }
phases: [{ duration: 3s, rate: 5 }]
events:
  - { at: 1s, action: publish, book: 0, changePercent: 10, strategy: ${strategy}, probe: { interval: ${INTERVAL_MS}ms, timeout: 4s } }
`);
  return { scenario, profile };
}

describe('edition rollout', () => {
  it('reports each PoP\'s propagation within one poll interval + 30 ms of the known delay (purge-url)', async () => {
    const f = await files('purge-url');
    const r = await runCli(['run', f.scenario, '--provider', f.profile, '--out', dir, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const p = (await readResultFile(join(dir, 'result.json'))).providers[0];
    const inv = p?.summary.invalidation;
    expect(inv).toBeTruthy();
    if (!inv) return;
    expect(inv.converged).toBe(1);
    expect(inv.pops).toBe(3);
    expect(inv.points.length).toBe(inv.objects * 3);
    for (const pt of inv.points) {
      expect(pt.ms).not.toBeNull();
      expect(pt.ms ?? 0).toBeGreaterThanOrEqual(DELAY_MS - 1);
      expect(pt.ms ?? 0).toBeLessThanOrEqual(DELAY_MS + INTERVAL_MS * 1.2 + 30);
    }
    expect(inv.t95Ms ?? 0).toBeLessThanOrEqual(DELAY_MS + INTERVAL_MS * 1.2 + 30);
    expect(inv.purgeApiMs).not.toBeNull();
    expect(inv.strategy).toBe('purge-url');
    expect(p?.summary.cost?.invalidationPaths).toBe(inv.objects);
  });

  it('versioned URLs: converged, no purge call, no path fees, zero stale reads', async () => {
    const f = await files('versioned-url');
    const r = await runCli(['run', f.scenario, '--provider', f.profile, '--out', dir, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const p = (await readResultFile(join(dir, 'result.json'))).providers[0];
    const inv = p?.summary.invalidation;
    expect(inv?.converged).toBe(1);
    expect(inv?.purgeApiMs).toBeNull();
    expect(inv?.staleReads).toBe(0);
    expect(p?.summary.cost?.invalidationPaths).toBe(0);
  });

  it('a tag strategy against a profile that purges only by URL fails before any load (exit 104)', async () => {
    const f = await files('purge-tag', '[url]');
    const r = await runCli(['run', f.scenario, '--provider', f.profile, '--out', dir, '--quiet']);
    expect(r.code).toBe(104);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot purge by tag/);
  });
});
