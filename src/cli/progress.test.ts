import { describe, expect, it } from 'vitest';
import { logIntervalMs, phaseAt } from './progress.js';

describe('progress', () => {
  it('logs every 10 s unless CDNBENCH_PROGRESS_INTERVAL is a valid duration', () => {
    expect(logIntervalMs({})).toBe(10_000);
    expect(logIntervalMs({ CDNBENCH_PROGRESS_INTERVAL: '500ms' })).toBe(500);
    expect(logIntervalMs({ CDNBENCH_PROGRESS_INTERVAL: 'soon' })).toBe(10_000);
  });

  it('names the phase running at a time, then drain', () => {
    const phases = [
      { name: 'warm', startMs: 0, durationMs: 1000, rateFrom: 1, rateTo: 1, vus: 0 },
      { name: 'peak', startMs: 1000, durationMs: 2000, rateFrom: 5, rateTo: 5, vus: 0 },
    ];
    expect([0, 999, 1000, 2999, 3000].map((t) => phaseAt(phases, t))).toEqual(['warm', 'warm', 'peak', 'peak', 'drain']);
  });
});
