import { describe, expect, it } from 'vitest';
import { assertPreflight, PreflightFailedError, preflightPath, type ProbeOutcome } from './load-preflight.js';

const probe = (path: string, status: number | string): ProbeOutcome => ({ pop: 'fra', path, status, ok: typeof status === 'number' && status < 400 });

describe('load preflight verdict', () => {
  it('passes when at most half the probes fail', () => {
    expect(() => assertPreflight('p', [probe('/a', 200), probe('/b', 404)], false)).not.toThrow();
  });

  it('passes when most probes got 5xx but some answered: a flaky provider is measured, not refused', () => {
    const flaky = [probe('/a', 503), probe('/b', 503), probe('/c', 503), probe('/d', 200), probe('/e', 200)];
    expect(() => assertPreflight('p', flaky, false)).not.toThrow();
  });

  it('names paths, statuses and the likely cause when most fail', () => {
    const run = (outcomes: ProbeOutcome[], fromDataset = false): string => {
      try {
        assertPreflight('staging', outcomes, fromDataset);
      } catch (err) {
        expect(err).toBeInstanceOf(PreflightFailedError);
        expect((err as PreflightFailedError).exitCode).toBe(104);
        return (err as Error).message;
      }
      throw new Error('expected a failure');
    };
    expect(run([probe('/m/1', 404), probe('/m/2', 404)])).toMatch(/^preflight on staging: 2 of 2 probes failed \(\/m\/1 → 404@fra; \/m\/2 → 404@fra\); likely cause: the synthetic catalog's paths/);
    expect(run([probe('/a', 401), probe('/b', 403), probe('/c', 200)])).toMatch(/likely cause: the origin or CDN wants credentials/);
    expect(run([probe('/a', 404)], true)).toMatch(/the dataset's paths do not exist/);
    expect(run([probe('/a', 503), probe('/b', 502)])).toMatch(/failing \(5xx\)/);
    expect(run([probe('/a', 'connect')])).toMatch(/nothing answers/);
  });
});

describe('preflightPath', () => {
  it('adds the preflight query, after an existing query and before a fragment', () => {
    expect(preflightPath('/m/1.json')).toBe('/m/1.json?cdnbench-preflight=1');
    expect(preflightPath('/m/1.json?v=2')).toBe('/m/1.json?v=2&cdnbench-preflight=1');
    expect(preflightPath('/m/1.json#x')).toBe('/m/1.json?cdnbench-preflight=1');
  });
});
