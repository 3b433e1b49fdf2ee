import { describe, expect, it } from 'vitest';
import { refusal as usage } from '../../test/helpers/refusal.js';
import { scenarioSchema, type Scenario } from '../scenario/schema.js';
import { applyQuickOverrides } from './quick-overrides.js';

const open = (): Scenario => scenarioSchema.parse({
  name: 'open-one', sessions: { r: { steps: [{ get: '/x' }] } }, load: { model: 'open' },
  phases: [{ duration: '10s', rate: 5 }, { duration: '20s', rate: 5, to: 40 }], limits: { maxDuration: '40s' },
  events: [{ at: '3s', action: 'purge', all: true }],
});
const closed = (): Scenario => scenarioSchema.parse({
  name: 'closed-one', sessions: { r: { steps: [{ get: '/x' }] } }, load: { model: 'closed' }, phases: [{ duration: '5s', vus: 3 }, { duration: '5s', vus: 8 }],
});

describe('quick-run overrides', () => {
  it('leave the scenario alone without flags', () => {
    const s = open();
    expect(applyQuickOverrides(s, {})).toEqual({ scenario: s, overrides: {} });
  });

  it('--duration replaces the phases with one at the peak rate and drops maxDuration', () => {
    const { scenario, overrides } = applyQuickOverrides(open(), { duration: '5s' });
    expect(scenario.phases).toEqual([{ name: 'cli', duration: '5000ms', rate: 40 }]);
    expect(scenario.limits.maxDuration).toBeUndefined();
    expect(overrides).toEqual({ duration: '5s' });
  });

  it('--rate alone keeps the total phase time and the scenario maxDuration; --max-requests sets the bound', () => {
    const { scenario, overrides } = applyQuickOverrides(open(), { rate: 2, maxRequests: 50 });
    expect(scenario.phases).toEqual([{ name: 'cli', duration: '30000ms', rate: 2 }]);
    expect(scenario.limits).toMatchObject({ maxDuration: '40s', maxRequests: 50 });
    expect(overrides).toEqual({ rate: 2, maxRequests: 50 });
  });

  it('--vus on a closed scenario; the peak VUs without it', () => {
    expect(applyQuickOverrides(closed(), { vus: 2 }).scenario.phases).toEqual([{ name: 'cli', duration: '10000ms', vus: 2 }]);
    expect(applyQuickOverrides(closed(), { duration: '1s' }).scenario.phases).toEqual([{ name: 'cli', duration: '1000ms', vus: 8 }]);
  });

  it('refuses flags of the other model, bad values and a duration that cuts off an event (exit 2)', () => {
    expect(usage(() => applyQuickOverrides(open(), { vus: 2 }))).toMatch(/^2 --vus is for closed-model scenarios; open-one is open-model: use --rate/);
    expect(usage(() => applyQuickOverrides(closed(), { rate: 2 }))).toMatch(/^2 --rate is for open-model scenarios/);
    expect(usage(() => applyQuickOverrides(open(), { duration: '5' }))).toBe('2 --duration takes a duration like 5s, 30s or 2m, got "5"');
    expect(usage(() => applyQuickOverrides(closed(), { vus: 1.5 }))).toBe('2 --vus takes a positive integer, got 1.5');
    expect(usage(() => applyQuickOverrides(open(), { duration: '2s' }))).toBe('2 --duration 2s ends before the scenario\'s purge event at 3s: give a longer --duration');
  });
});
