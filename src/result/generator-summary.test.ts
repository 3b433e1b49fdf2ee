import { describe, expect, it } from 'vitest';
import { combineGeneratorHealth, generatorWarnings } from './generator-summary.js';
import type { GeneratorHealth } from './result-model.js';

const calm = { loopLagMaxMs: 12, loopLagP99Ms: 3, cpuPercent: 40, lateSessions: 0, startedSessions: 1000, loadAverage: 0.5, cores: 2 };

describe('generatorWarnings', () => {
  it('says nothing when the generator kept up', () => {
    expect(generatorWarnings(calm)).toEqual([]);
  });

  it('names each reason the generator may have been the bottleneck, with its figure', () => {
    expect(generatorWarnings({ ...calm, loopLagMaxMs: 150 })[0]).toMatch(/max 150 ms/);
    expect(generatorWarnings({ ...calm, loopLagP99Ms: 25 })[0]).toMatch(/p99 25 ms/);
    expect(generatorWarnings({ ...calm, cpuPercent: 97 })[0]).toMatch(/97% of a core/);
    expect(generatorWarnings({ ...calm, lateSessions: 11 })[0]).toMatch(/11 of 1000 sessions started late/);
    expect(generatorWarnings({ ...calm, lateSessions: 10 })).toEqual([]); // exactly 1 % is within tolerance
  });

  it('adds the machine load only when something lagged', () => {
    expect(generatorWarnings({ ...calm, loadAverage: 9 })).toEqual([]);
    expect(generatorWarnings({ ...calm, loadAverage: 9, loopLagMaxMs: 150 })[1]).toBe('the machine was overloaded (load average 9 on 2 cores)');
  });
});

describe('combineGeneratorHealth', () => {
  it('keeps the worst figure, sums sessions and recomputes the warnings', () => {
    const a: GeneratorHealth = { ...calm, warnings: [] };
    const b: GeneratorHealth = { ...calm, loopLagMaxMs: 130, cpuPercent: 60, lateSessions: 30, warnings: ['stale'] };
    const c = combineGeneratorHealth([a, b]);
    expect(c).toMatchObject({ loopLagMaxMs: 130, cpuPercent: 60, lateSessions: 30, startedSessions: 2000 });
    expect(c?.warnings).toEqual(generatorWarnings({ ...calm, loopLagMaxMs: 130, cpuPercent: 60, lateSessions: 30, startedSessions: 2000 }));
    expect(combineGeneratorHealth([])).toBeUndefined();
  });
});
