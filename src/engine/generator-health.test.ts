import { describe, expect, it } from 'vitest';
import { watchGenerator } from './generator-health.js';

describe('watchGenerator', () => {
  it('sees a 250 ms block of the event loop as lag, and the CPU it burnt', async () => {
    const watch = watchGenerator();
    await new Promise((r) => setTimeout(r, 50));
    const t = performance.now();
    while (performance.now() - t < 250); // deliberately block the loop
    await new Promise((r) => setTimeout(r, 50));
    const h = watch.stop({ started: 10, late: 0 });
    // A busier machine only adds lag, so a lower bound cannot fail by chance.
    expect(h.loopLagMaxMs).toBeGreaterThanOrEqual(200);
    expect(h.cpuPercent).toBeGreaterThan(0);
    expect(h.cores).toBeGreaterThan(0);
    expect(h.warnings.some((w) => w.includes('event loop lagged'))).toBe(true);
  });
});
