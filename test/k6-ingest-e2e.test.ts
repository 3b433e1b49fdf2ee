/**
 * The distributed path through the built CLI: runner files (one gzipped, one plain, as k6-operator
 * runners would leave them) → `ingest k6` per region → `merge`, with counts the fixtures fix; and the
 * documented errors for bad input. When a `k6` binary is on PATH, an exported script is run with it
 * against a local counting server and ingested (k6-binary.test.ts).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../src/result/result-model.js';
import { readResultFile } from '../src/result/result-schema.js';
import { assertCliBuilt, runCli } from './helpers/cli.js';
import { K6Fixture, randomRequests } from './helpers/k6-ndjson.js';

let dir = '';
beforeAll(async () => {
  assertCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-ingest-e2e-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runnerFile(name: string, instance: number, requests: number, seed: number): Promise<string> {
  const f = new K6Fixture(new Date('2026-11-23T10:00:00Z'), { scenario: 'page-turns', instance_id: String(instance), testrun_name: 'page-turns' });
  f.session(0, { scenario: 'page-turns', provider: 'target', model: 'open' });
  for (const r of randomRequests(requests, seed)) f.request(r);
  const path = join(dir, name);
  await f.write(path);
  return path;
}

describe('ingest k6 → merge (CLI)', () => {
  it('ingests each region\'s runner files and merges them, keeping regions apart', async () => {
    const eu = [await runnerFile('eu-1.ndjson.gz', 1, 700, 1), await runnerFile('eu-2.ndjson', 2, 500, 2)];
    const us = [await runnerFile('us-1.ndjson.gz', 1, 400, 3)];
    const a = await runCli(['ingest', 'k6', ...eu, '-o', join(dir, 'eu.json'), '--region', 'eu']);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/ingested \d+ points from 2 file\(s\)/);
    const b = await runCli(['ingest', 'k6', ...us, '-o', join(dir, 'us.json'), '--region', 'us', '--quiet']);
    expect(b.code).toBe(0);
    const m = await runCli(['merge', join(dir, 'eu.json'), join(dir, 'us.json'), '-o', join(dir, 'all.json'), '--quiet']);
    expect(m.code).toBe(0);
    const all: RunResult = await readResultFile(join(dir, 'all.json'));
    const p = all.providers[0];
    expect(all.meta.engine).toBe('k6');
    expect(all.meta.agents).toEqual([{ name: 'k6-1', region: 'eu' }, { name: 'k6-2', region: 'eu' }, { name: 'k6-1', region: 'us' }]);
    expect(p?.summary.requests).toBe(1600);
    expect(p?.summary.byRegion?.eu?.requests).toBe(1200);
    expect(p?.summary.byRegion?.us?.requests).toBe(400);
    expect(p?.sessions.started).toBe(3);
  });

  it('exits 104 on a file with no k6 points and 1 on a missing file, one line each', async () => {
    await writeFile(join(dir, 'nothing.ndjson'), 'hello\n');
    const bad = await runCli(['ingest', 'k6', join(dir, 'nothing.ndjson'), '-o', join(dir, 'x.json')]);
    expect(bad.code).toBe(104);
    expect(bad.stderr).toMatch(/^cdnbench: no k6 points found/m);
    const missing = await runCli(['ingest', 'k6', join(dir, 'absent.ndjson'), '-o', join(dir, 'x.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*absent\.ndjson/);
    await expect(readFile(join(dir, 'x.json'))).rejects.toThrow();
  });
});
