/**
 * Album drop through the CLI: with coalescing on, origin fetches equal one per object per PoP (ratio 1.00,
 * counted by the lab origin); with it off, more; pre-warmed, no client sees a miss.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readResultFile } from '../src/result/result-schema.js';
import type { ProviderResult } from '../src/result/result-model.js';
import { runCli } from './helpers/cli.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-drop-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(coalescing: boolean, prewarm: boolean): Promise<ProviderResult> {
  const profile = join(dir, 'p.yaml');
  await writeFile(profile, `kind: emulator
archetype: edge-optimized
pops: [{ id: fra }, { id: iad }]
latency: 2ms
invalidation: 1s
purgeApi: generic
purgeKinds: [url]
coalescing: ${coalescing}
shield: false
edgeKv: false
dialect: rfc9211
prices: { egress: { default: [{ upToGB: null, usdPerGB: 0.1 }] }, source: test }
`);
  const scenario = join(dir, 's.yaml');
  await writeFile(scenario, `name: drop-truth
catalog: { seed: 42, books: 5, tracks: 40, albums: 2 }
sessions:
  listener:
    start: { album: a0000 }
    steps:
      - get: /audio/{track}/seek.json
      - get: /audio/{track}/{kbps}.ogg
        range: bytes=0-262143
load: { model: open, connections: 64 }
phases: [{ duration: 2s, rate: 100 }]
coalescing: { album: a0000 }
${prewarm ? 'prewarm: { album: a0000 }' : ''}
`);
  const r = await runCli(['run', scenario, '--provider', profile, '--out', dir, '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  const p = (await readResultFile(join(dir, 'result.json'))).providers[0];
  if (p === undefined) throw new Error('no provider in the result');
  return p;
}

describe('album drop', () => {
  it('coalescing on: exactly one origin fetch per object per PoP (ratio 1.00), counted by the origin', async () => {
    const p = await run(true, false);
    const c = p.summary.coalescing;
    expect(c?.method).toBe('exact');
    // Two objects (seek table, audio) at two PoPs.
    expect(c?.idealFetches).toBe(4);
    expect(c?.originFetches).toBe(4);
    expect(c?.ratio).toBe(1);
    expect(c?.clientRequests).toBe(p.summary.requests);
  });

  it('coalescing off: the crowd that arrives during the first fetch all goes to the origin', async () => {
    const c = (await run(false, false)).summary.coalescing;
    expect(c?.idealFetches).toBe(4);
    expect(c?.originFetches ?? 0).toBeGreaterThan(4);
    expect(c?.ratio ?? 0).toBeGreaterThan(1);
  });

  it('pre-warmed: no client-visible miss, and the origin saw only the pre-warm fetches', async () => {
    const p = await run(true, true);
    const notHit = p.series.filter((s) => s.key.cache !== 'HIT').reduce((n, s) => n + s.requests, 0);
    expect(notHit).toBe(0);
    expect(p.summary.hitRatio).toBe(1);
    expect(p.summary.coalescing?.originFetches).toBe(4);
  });

  it('an unknown album is a one-line configuration error before any load (exit 104)', async () => {
    const scenario = join(dir, 'bad.yaml');
    await writeFile(scenario, `name: bad-album
catalog: { books: 5, tracks: 40, albums: 2 }
sessions: { l: { steps: [{ get: "/audio/{track}/seek.json" }] } }
load: { model: open }
phases: [{ duration: 1s, rate: 1 }]
coalescing: { album: a0099 }
`);
    const r = await runCli(['run', scenario, '--provider', 'edge-optimized', '--out', dir]);
    expect(r.code).toBe(104);
    expect(r.stderr.trim().split('\n')).toEqual(['cdnbench: unknown album "a0099" (the catalog has a0000 … a0001)']);
  });
});
