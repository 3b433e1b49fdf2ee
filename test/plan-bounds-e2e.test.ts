/**
 * Degenerate plans are refused before any load (issue 13 §3), each with exit 104, one problem line naming
 * the figure, and at once: a zero duration (which spun forever on NaN arrivals), rates and durations
 * beyond the documented bounds (which blocked the event loop), and a catalog of 10⁹ books (4.3 GB, no
 * output). The bounds are in the JSON Schema too.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linesOf, runCli } from './helpers/cli.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-bounds-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function scenario(o: { phases: string; catalog?: string; limits?: string; model?: string }): string {
  return `name: degenerate
catalog: ${o.catalog ?? '{ seed: 42, books: 5, tracks: 10, albums: 2 }'}
sessions:
  one: { steps: [ { get: /object } ] }
load: { model: ${o.model ?? 'open'} }
phases: ${o.phases}
${o.limits === undefined ? '' : `limits: ${o.limits}\n`}`;
}

const CASES: [string, string, RegExp][] = [
  ['a zero duration', scenario({ phases: '[{ duration: 0s, rate: 10 }]' }), /^ {2}phases\[0\]\.duration: expected a duration above zero$/],
  ['rate 1e12', scenario({ phases: '[{ duration: 10s, rate: 1e12 }]' }), /^ {2}phases\[0\]\.rate: .*100000/],
  ['duration 1e9 s', scenario({ phases: '[{ duration: 1000000000s, rate: 1 }]' }), /^ {2}phases\[0\]\.duration: expected at most 168h \(7 days\)$/],
  ['phases of 200 h in all', scenario({ phases: '[{ duration: 100h, rate: 0.01 }, { duration: 100h, rate: 0.01 }]' }), /^ {2}phases: the phases last 720,000 s in all; at most 604,800 s \(7 days\)$/],
  ['maxDuration 1e9 s', scenario({ phases: '[{ duration: 1s, rate: 1 }]', limits: '{ maxDuration: 1000000000s }' }), /^ {2}limits\.maxDuration: expected at most 168h/],
  ['2×10⁸ planned sessions', scenario({ phases: '[{ duration: 2000s, rate: 100000 }]' }), /^ {2}phases: the phases plan 200,000,000 sessions \(rate × duration\); at most 100,000,000 per run$/],
  ['10⁶ virtual users', scenario({ model: 'closed', phases: '[{ duration: 10s, vus: 1000000 }]' }), /^ {2}phases\[0\]\.vus: .*100000/],
  ['a catalog of 10⁹ books', scenario({ phases: '[{ duration: 1s, rate: 1 }]', catalog: '{ books: 1000000000 }' }), /^ {2}catalog\.books: .*10000/],
];

describe('plans beyond sane bounds', () => {
  it.each(CASES)('%s is refused with exit 104 and the figure', async (name, text, problem) => {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    await writeFile(file, text);
    // No --target: nothing would be loaded anyway, and validation comes before any provider starts.
    const r = await runCli(['run', file, '--target', 'http://127.0.0.1:9', '--out', join(dir, 'out'), '--quiet'], { timeoutMs: 30_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code, r.stderr).toBe(104);
    const lines = linesOf(r.stderr);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`cdnbench: invalid scenario ${file}: 1 problem`);
    expect(lines[1]).toMatch(problem);
  });

  it('shows the bounds in the JSON Schema', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { properties: Record<string, { properties?: Record<string, { maximum?: number }>; items?: { properties: Record<string, { maximum?: number; description?: string }> } }> };
    expect(schema.properties.catalog?.properties?.books?.maximum).toBe(10_000);
    expect(schema.properties.catalog?.properties?.tracks?.maximum).toBe(100_000);
    expect(schema.properties.phases?.items?.properties.rate?.maximum).toBe(100_000);
    expect(schema.properties.phases?.items?.properties.vus?.maximum).toBe(100_000);
    expect(schema.properties.phases?.items?.properties.duration?.description).toMatch(/above zero and at most 168h/);
  });
});
