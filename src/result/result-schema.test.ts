import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CdnbenchError, InvalidConfigError } from '../errors.js';
import { Recorder } from './recorder.js';
import type { RunResult } from './result-model.js';
import { formatIssuePath } from '../util/zod-issues.js';
import { parseResult, readResultFile } from './result-schema.js';
import { summarizeProvider } from './summary.js';

function validResult(): RunResult {
  const r = new Recorder({ smallObjectMaxBytes: 16384 });
  for (let i = 0; i < 20; i++) {
    r.add({
      provider: 'lab', pop: i % 2 ? 'fra' : 'ams', objectClass: 'metadata', path: '/m', status: i === 3 ? 0 : 200,
      ...(i === 3 ? { error: 'timeout' as const } : {}), cache: i % 3 ? 'HIT' : 'MISS', bytes: 500, bodyBytes: 400,
      ttfbUs: 1000 + i, totalUs: 2000 + i * 10, serviceUs: 1500, startedAt: 0,
    });
  }
  const series = r.series();
  return {
    schemaVersion: 1,
    meta: {
      runId: 'run-1', scenario: { name: 'quick', file: null, sha256: null }, engine: 'lab', model: 'open',
      cdnbenchVersion: '0.1.0', nodeVersion: 'v20', gitCommit: null, host: 'h', agents: [{ name: 'a', region: '' }],
      startedAt: '2025-01-01T00:00:00.000Z', endedAt: '2025-01-01T00:01:00.000Z', durationMs: 60_000,
      stopReason: 'completed', failure: null, smallObjectMaxBytes: 16384,
    },
    providers: [{
      id: 'lab', kind: 'emulator', dialect: 'lab', pops: ['ams', 'fra'],
      sessions: { planned: 20, started: 20, completed: 20, late: 0, dropped: 0, throttledRequests: 0, abortedRequests: 0 },
      summary: summarizeProvider(series), series,
    }],
  };
}

function problems(json: unknown): readonly string[] {
  try {
    parseResult(json, 'r.json');
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidConfigError);
    const e = err as InvalidConfigError;
    expect(e.code).toBe('INVALID_RESULT');
    expect(e.message).toMatch(/^r\.json: invalid result file/);
    return e.details;
  }
  throw new Error('expected parseResult to throw');
}

describe('parseResult', () => {
  it('accepts a valid result, also after a JSON round trip', () => {
    const r = validResult();
    expect(parseResult(JSON.parse(JSON.stringify(r)), 'r.json')).toEqual(r);
  });

  it('lists every problem with its path', () => {
    const bad = JSON.parse(JSON.stringify(validResult())) as Record<string, unknown> & { meta: Record<string, unknown>; providers: Record<string, unknown>[] };
    const p0 = bad.providers[0] as { series: Record<string, unknown>[]; extra?: number };
    (p0.series[1] as Record<string, unknown>).requests = 'many';
    (p0.series[0] as Record<string, unknown>).latency = 'garbage';
    p0.extra = 1;
    delete bad.meta.runId;
    bad.meta.model = 'half-open';
    const d = problems(bad);
    expect(d).toContainEqual(expect.stringMatching(/^providers\[0\]\.series\[1\]\.requests: .*expected number/));
    expect(d).toContainEqual(expect.stringMatching(/^providers\[0\]\.series\[0\]\.latency: expected a compressed HdrHistogram/));
    expect(d).toContainEqual(expect.stringMatching(/^providers\[0\]: .*extra/));
    expect(d).toContainEqual(expect.stringMatching(/^meta\.runId: /));
    expect(d).toContainEqual(expect.stringMatching(/^meta\.model: /));
    expect(d).toHaveLength(5);
  });

  it('rejects a wrong schema version, a non-object and foreign series keys', () => {
    expect(problems({ ...validResult(), schemaVersion: 2 })).toEqual([expect.stringMatching(/^schemaVersion: /)]);
    expect(problems(42)).toEqual([expect.stringMatching(/^\(root\): /)]);
    const r = validResult();
    const s0 = r.providers[0]?.series[0];
    if (s0) s0.key.provider = 'other';
    expect(problems(r)).toEqual([expect.stringMatching(/^providers\[0\]\.series\[0\]\.key\.provider: expected "lab"/)]);
  });

  it('formats record keys that are not identifiers', () => {
    expect(formatIssuePath(['providers', 0, 'series', 2, 'statusClasses', '2xx'])).toBe('providers[0].series[2].statusClasses["2xx"]');
  });
});

describe('readResultFile', () => {
  it('reads a valid file and reports bad JSON in one line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cdnbench-result-'));
    const good = join(dir, 'good.json');
    await writeFile(good, JSON.stringify(validResult()));
    expect((await readResultFile(good)).meta.runId).toBe('run-1');
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"schemaVersion": 1,\n  oops}');
    const err = await readResultFile(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidConfigError);
    expect((err as InvalidConfigError).code).toBe('INVALID_RESULT');
    expect((err as Error).message).toMatch(/bad\.json: not valid JSON \(.+\)$/);
    expect((err as Error).message).not.toContain('\n');
    const missing = await readResultFile(join(dir, 'none.json')).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(CdnbenchError);
    expect((missing as CdnbenchError).code).toBe('IO_FAILED');
    await rm(dir, { recursive: true, force: true });
  });
});
