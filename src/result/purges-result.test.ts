/** summary.purges in result files: validated, optional in files written before it existed, merged by concatenation. */
import { describe, expect, it } from 'vitest';
import { mergeResults } from './merge.js';
import type { PurgeRecord, RunResult } from './result-model.js';
import { parseResult } from './result-schema.js';
import { summarizeProvider } from './summary.js';

const failed: PurgeRecord = { atMs: 300, urls: 1, tags: 0, all: false, ok: false, apiMs: 420, calls: 1, attempts: 4, completedMs: null, id: null, error: 'purge_cache: HTTP 500 (after 4 attempts)' };
const done: PurgeRecord = { atMs: 900, urls: 0, tags: 2, all: false, ok: true, apiMs: 80, calls: 1, attempts: 1, completedMs: 61_000, id: 'I2J0I21PCUYOIK', error: null };

function result(purges: PurgeRecord[], agent: string): RunResult {
  return {
    schemaVersion: 1,
    meta: {
      runId: `r-${agent}`, scenario: { name: 's', file: null, sha256: null }, engine: 'builtin', model: 'open', cdnbenchVersion: '0.1.0',
      nodeVersion: 'v20', gitCommit: null, host: 'h', agents: [{ name: agent, region: '' }], startedAt: '2026-11-23T10:00:00.000Z',
      endedAt: '2026-11-23T10:01:00.000Z', durationMs: 60_000, stopReason: 'completed', failure: null, smallObjectMaxBytes: 16384,
    },
    providers: [{ id: 'cf', kind: 'cloudflare', dialect: 'cloudflare', pops: [], sessions: { planned: 0, started: 0, completed: 0, late: 0, dropped: 0, throttledRequests: 0, abortedRequests: 0 }, summary: { ...summarizeProvider([]), purges }, series: [] }],
  };
}

describe('summary.purges', () => {
  it('round-trips through the result schema', () => {
    const r = result([failed, done], 'a');
    expect(parseResult(JSON.parse(JSON.stringify(r)), 'x').providers[0]?.summary.purges).toEqual([failed, done]);
  });

  it('is optional in files written before it existed (read as none)', () => {
    const old = JSON.parse(JSON.stringify(result([], 'a'))) as { providers: { summary: Record<string, unknown> }[] };
    delete old.providers[0]?.summary.purges;
    expect(parseResult(old, 'old.json').providers[0]?.summary.purges).toEqual([]);
  });

  it('rejects a malformed record with its path', () => {
    const bad = JSON.parse(JSON.stringify(result([failed], 'a'))) as { providers: { summary: { purges: Record<string, unknown>[] } }[] };
    const rec = bad.providers[0]?.summary.purges[0];
    if (rec !== undefined) rec.attempts = -1;
    expect(() => parseResult(bad, 'bad.json')).toThrow(/invalid result file/);
  });

  it('merge keeps every agent\'s purges', () => {
    const m = mergeResults([result([failed], 'a'), result([done], 'b')]);
    expect(m.providers[0]?.summary.purges).toEqual([failed, done]);
  });
});
