import { describe, expect, it } from 'vitest';
import { formatZodIssues } from '../util/zod-issues.js';
import { scenarioSchema, type ScenarioInput } from './schema.js';

/** A minimal valid open-model scenario; tests override one part at a time. */
function base(): Record<string, unknown> {
  return {
    name: 'unit',
    sessions: { reader: { steps: [{ get: '/x' }] } },
    load: { model: 'open' },
    phases: [{ duration: '1s', rate: 1 }],
  };
}

/** The formatted problems of a raw scenario, exactly as the CLI prints them; [] when valid. */
function problems(raw: unknown): string[] {
  const parsed = scenarioSchema.safeParse(raw);
  return parsed.success ? [] : formatZodIssues(parsed.error);
}

describe('scenarioSchema', () => {
  it('accepts a minimal scenario and fills the documented defaults', () => {
    const parsed = scenarioSchema.parse(base());
    expect(parsed.timeScale).toBe(1);
    expect(parsed.smallObjectMaxBytes).toBe(16_384);
    expect(parsed.load).toEqual({ model: 'open', arrival: 'constant', maxConcurrentSessions: 10_000, connections: 32, http2: false, timeout: '10s' });
    expect(parsed.limits).toEqual({ maxRequests: 1_000_000, maxRate: 20_000, maxErrorRate: 0.5 });
    expect(parsed.events).toEqual([]);
    expect(parsed.sessions.reader).toMatchObject({ weight: 1, kbps: 128, start: { page: 'random' } });
    expect(parsed.catalog.seed).toBe(42);
  });

  it('types a scenario written for defineScenario as ScenarioInput', () => {
    const input: ScenarioInput = {
      name: 'typed',
      sessions: { reader: { steps: [{ get: '/maps/{isbn}/{edition}/{lang}/{range}.json' }, { think: '1s..2s' }] } },
      load: { model: 'closed' },
      phases: [{ duration: '10s', vus: 3 }],
    };
    expect(problems(input)).toEqual([]);
  });

  it('reports a negative rate with its path, in the documented style', () => {
    const raw = { ...base(), phases: [{ duration: '1s', rate: 5 }, { duration: '1s', rate: -2 }] };
    expect(problems(raw)).toEqual(['phases[1].rate: expected a positive number']);
  });

  it('rejects a zero rate like a negative one', () => {
    expect(problems({ ...base(), phases: [{ duration: '1s', rate: 0 }] })).toEqual(['phases[0].rate: expected a positive number']);
  });

  it('names every unknown key by its full path', () => {
    const raw = {
      ...base(),
      bogus: true,
      load: { model: 'open', conections: 3 },
      sessions: { reader: { steps: [{ gett: '/x' }] } },
    };
    // Order follows zod's walk of the object; the set of lines is the contract.
    expect(problems(raw).sort()).toEqual(
      [
        'bogus: unknown key',
        'sessions.reader.steps[0].gett: unknown key',
        'sessions.reader.steps[0]: a step needs exactly one of get, think, repeat or listen (found none)',
        'load.conections: unknown key',
      ].sort(),
    );
  });

  it('reports unknown keys inside nested repeat steps with the nested path', () => {
    const raw = { ...base(), sessions: { reader: { steps: [{ repeat: 2, steps: [{ get: '/a' }, { thnk: '1s' }] }] } } };
    expect(problems(raw)).toEqual([
      'sessions.reader.steps[0].steps[1].thnk: unknown key',
      'sessions.reader.steps[0].steps[1]: a step needs exactly one of get, think, repeat or listen (found none)',
    ]);
  });

  it('requires vus in the closed model and rejects rates there', () => {
    expect(problems({ ...base(), load: { model: 'closed' }, phases: [{ duration: '1s' }] })).toEqual([
      'phases[0].vus: expected a positive integer in the closed model',
    ]);
    expect(problems({ ...base(), load: { model: 'closed' }, phases: [{ duration: '1s', vus: 2, rate: 3 }] })).toEqual([
      'phases[0]: rate and to belong to the open model',
    ]);
  });

  it('requires a rate in the open model and rejects vus there', () => {
    expect(problems({ ...base(), phases: [{ duration: '1s' }] })).toEqual([
      'phases[0].rate: expected a positive number (sessions per second) in the open model',
    ]);
    expect(problems({ ...base(), phases: [{ duration: '1s', rate: 1, vus: 2 }] })).toEqual(['phases[0].vus: vus belongs to the closed model']);
  });

  it('rejects a step with both get and think', () => {
    const raw = { ...base(), sessions: { reader: { steps: [{ get: '/x' }, { get: '/y', think: '1s' }] } } };
    expect(problems(raw)).toEqual(['sessions.reader.steps[1]: a step needs exactly one of get, think, repeat or listen (found get, think)']);
  });

  it('rejects keys that do not belong to the kind of step', () => {
    const raw = { ...base(), sessions: { reader: { steps: [{ think: '1s', range: 'bytes=0-1' }, { repeat: 2 }] } } };
    expect(problems(raw)).toEqual([
      'sessions.reader.steps[0].range: not allowed on a think step',
      'sessions.reader.steps[1].steps: a repeat step needs steps',
    ]);
  });

  it('checks durations and count ranges with their paths', () => {
    const raw = {
      ...base(),
      sessions: { reader: { steps: [{ think: 'a while' }, { repeat: '3-5', steps: [{ get: '/a' }] }] } },
      phases: [{ duration: '30', rate: 1 }],
    };
    expect(problems(raw)).toEqual([
      'sessions.reader.steps[0].think: expected a duration or a range like 20s..40s',
      'sessions.reader.steps[1].repeat: expected a count or a range like 8..15',
      'phases[0].duration: expected a duration like 500ms, 30s, 2m or 1h',
    ]);
  });

  it('lists every problem of a file at once, not only the first', () => {
    const raw = {
      ...base(),
      name: 'Not Kebab',
      phases: [{ duration: '1s', rate: -1 }, { duration: '1s' }],
    };
    expect(problems(raw)).toEqual([
      'name: expected a kebab-case name',
      'phases[0].rate: expected a positive number',
      'phases[1].rate: expected a positive number (sessions per second) in the open model',
    ]);
  });

  it('reports an event with an unknown action at the action key', () => {
    const raw = { ...base(), events: [{ at: '1s', action: 'explode' }] };
    const lines = problems(raw);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^events\[0\]\.action: /);
    expect(lines[0]).toContain('purge');
  });

  it('requires at least one session model and at least one phase', () => {
    expect(problems({ ...base(), sessions: {} })).toEqual(['sessions: at least one session model is needed']);
    const lines = problems({ ...base(), phases: [] });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^phases: /);
  });
});
