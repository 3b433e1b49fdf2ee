/**
 * The `listen` step's skip rate, against a server that counts what it receives: with skip 0.3, the
 * prefetch that follows a listen is sent for ~70% of the tracks, and a skipped track ends early.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { startLatencyServer, type LatencyServer } from './helpers/latency-server.js';

let dir = '';
let server: LatencyServer | null = null;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-listen-'));
});
afterEach(async () => {
  await server?.close();
  server = null;
  await rm(dir, { recursive: true, force: true });
});

describe('listen with skips', () => {
  it('prefetches after ~70% of the tracks when 30% are skipped', async () => {
    server = await startLatencyServer();
    const file = join(dir, 's.yaml');
    await writeFile(file, `name: skip-truth
catalog: { seed: 42, books: 5, tracks: 400, albums: 20 }
timeScale: 0.0001
sessions:
  l:
    steps:
      - repeat: 20
        advance: { track: 1 }
        steps:
          - get: /start
          - listen: { before: 30s, skip: 0.3 }
          - get: /prefetch
load: { model: open }
phases: [{ duration: 2s, rate: 100 }]
`);
    const r = await runCli(['run', file, '--target', server.url, '--out', dir, '--quiet', '--no-preflight']);
    expect(r.code, r.stderr).toBe(0);
    const starts = server.byPath.get('/start') ?? 0;
    const prefetches = server.byPath.get('/prefetch') ?? 0;
    expect(starts).toBe(4000); // 200 sessions × 20 tracks
    // Binomial(4000, 0.7): sd ≈ 29, so ±3% is about 4 sd.
    expect(prefetches / starts).toBeGreaterThan(0.67);
    expect(prefetches / starts).toBeLessThan(0.73);
  });
});
