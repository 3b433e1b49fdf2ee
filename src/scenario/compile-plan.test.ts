import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../errors.js';
import { compilePlan, type GetOp, type Op, type Plan, type RepeatOp, type ThinkOp } from './compile-plan.js';
import { validateScenario } from './loader.js';

/** A validated scenario built from a minimal open-model one with `over` applied on top. */
function scenario(over: Record<string, unknown>): ReturnType<typeof validateScenario> {
  return validateScenario(
    {
      name: 'plan',
      sessions: { x: { steps: [{ get: '/x' }] } },
      load: { model: 'open' },
      phases: [{ duration: '10s', rate: 1 }],
      ...over,
    },
    'test',
  );
}

function plan(over: Record<string, unknown>): Plan {
  return compilePlan(scenario(over), 'test.yaml');
}

function planError(over: Record<string, unknown>): InvalidConfigError {
  const s = scenario(over);
  let caught: unknown = null;
  try {
    compilePlan(s, 'test.yaml');
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(InvalidConfigError);
  return caught as InvalidConfigError;
}

function opsOf(p: Plan, session = 0): Op[] {
  const s = p.sessions[session];
  if (s === undefined) throw new Error(`no session ${session}`);
  return s.ops;
}

function asGet(op: Op | undefined): GetOp {
  if (op?.kind !== 'get') throw new Error(`expected a get op, got ${op?.kind ?? 'nothing'}`);
  return op;
}

function asThink(op: Op | undefined): ThinkOp {
  if (op?.kind !== 'think') throw new Error(`expected a think op, got ${op?.kind ?? 'nothing'}`);
  return op;
}

function asRepeat(op: Op | undefined): RepeatOp {
  if (op?.kind !== 'repeat') throw new Error(`expected a repeat op, got ${op?.kind ?? 'nothing'}`);
  return op;
}

describe('compilePlan: template variables', () => {
  it('reports an unknown variable with the step path and the known variables', () => {
    const err = planError({ sessions: { x: { steps: [{ get: '/maps/{foo}/tile.json' }] } } });
    expect(err.message).toBe('invalid scenario test.yaml: 1 problem');
    expect(err.details).toHaveLength(1);
    expect(err.details[0]).toMatch(/^sessions\.x\.steps\[0\]\.get: unknown variable \{foo\} \(known: isbn, edition, lang, /);
    expect(err.exitCode).toBe(104);
  });

  it('reports problems in ranges, prefetches and nested repeats with their own paths', () => {
    const err = planError({
      sessions: {
        x: {
          steps: [
            { get: '/a', range: 'bytes={start}-{audioEnd}' },
            { get: '/b', prefetch: ['/ok/{isbn}', { get: '/c/{nope}' }] },
            { repeat: 2, steps: [{ think: '1s' }, { get: '/d/{isbn+1}' }] },
          ],
        },
      },
    });
    expect(err.message).toBe('invalid scenario test.yaml: 3 problems');
    expect(err.details[0]).toMatch(/^sessions\.x\.steps\[0\]\.range: unknown variable \{start\} /);
    expect(err.details[1]).toMatch(/^sessions\.x\.steps\[1\]\.prefetch\[1\]\.get: unknown variable \{nope\} /);
    expect(err.details[2]).toBe('sessions.x.steps[2].steps[1].get: {isbn+1}: only range, track and page take an offset');
  });

  it('refuses purge tags whose variables neither a purge URL nor the catalog can fill (issue 14)', () => {
    const err = planError({
      events: [
        { at: '1s', action: 'purge', urls: ['/meta/{isbn}.json'], tags: ['book-{isbn}', 'page-{page}', 'x-{nope}'] },
        { at: '2s', action: 'purge', tags: ['run-{run}'], probe: {} },
      ],
    });
    expect(err.details).toEqual([
      'events[0].tags[1]: {page} cannot be filled (no purge URL names it, and only {isbn}, {edition}, {lang}, {run} come from the catalog)',
      expect.stringContaining('events[0].tags[2]: unknown variable {nope}') as string,
      'events[1].probe.paths: a measured tag or all purge needs the objects to poll',
    ]);
    expect(plan({ events: [{ at: '1s', action: 'purge', urls: ['/maps/{isbn}/{page}.json'], tags: ['p-{page}', 'b-{isbn}'], probe: { interval: '20ms' } }] }).events).toHaveLength(1);
  });

  it('reports unknown variables in purge URLs with the event path', () => {
    const err = planError({ events: [{ at: '1s', action: 'purge', urls: ['/maps/{isbn}/x', '/maps/{bad}'] }] });
    expect(err.details).toHaveLength(1);
    expect(err.details[0]).toMatch(/^events\[0\]\.urls\[1\]: unknown variable \{bad\} /);
  });

  it('collects the variables each session uses and infers object classes from paths', () => {
    const p = plan({
      sessions: {
        x: { steps: [{ get: '/maps/{isbn}/{edition}/{lang}/{range}.json', prefetch: ['/maps/{isbn}/{edition}/{lang}/{range+1}.json'] }] },
        y: { weight: 3, steps: [{ get: '/audio/{track}/{kbps}.ogg', range: 'bytes=0-1023' }, { get: '/health', class: 'metadata' }] },
      },
    });
    const [x, y] = p.sessions;
    expect([...(x?.variables ?? [])].sort()).toEqual(['edition', 'isbn', 'lang', 'range']);
    expect([...(y?.variables ?? [])].sort()).toEqual(['kbps', 'track']);
    const xGet = asGet(x?.ops[0]);
    expect(xGet.objectClass).toBe('mapping-tile');
    expect(xGet.prefetch).toHaveLength(1);
    expect(xGet.prefetch[0]?.objectClass).toBe('mapping-tile');
    expect(asGet(y?.ops[0]).objectClass).toBe('audio-range');
    expect(asGet(y?.ops[0]).range?.source).toBe('bytes=0-1023');
    expect(asGet(y?.ops[1]).objectClass).toBe('metadata');
    expect(y?.weight).toBe(3);
  });
});

describe('compilePlan: time', () => {
  it('multiplies fixed and ranged think times by timeScale, also inside repeats', () => {
    const p = plan({
      timeScale: 0.01,
      sessions: { x: { steps: [{ get: '/a' }, { think: '20s..40s' }, { repeat: '8..15', steps: [{ think: '1m' }, { get: '/b' }] }] } },
    });
    const ops = opsOf(p);
    const think = asThink(ops[1]);
    expect(think.ms.min).toBeCloseTo(200, 9);
    expect(think.ms.max).toBeCloseTo(400, 9);
    const repeat = asRepeat(ops[2]);
    expect(repeat.count).toEqual({ min: 8, max: 15 });
    const inner = asThink(repeat.ops[0]);
    expect(inner.ms.min).toBeCloseTo(600, 9);
    expect(inner.ms.max).toBeCloseTo(600, 9);
  });

  it('keeps think times as written with the default timeScale of 1', () => {
    const think = asThink(opsOf(plan({ sessions: { x: { steps: [{ think: '1m30s' }] } } }))[0]);
    expect(think.ms).toEqual({ min: 90_000, max: 90_000 });
  });

  it('gives phases absolute start times and rates', () => {
    const p = plan({
      phases: [
        { duration: '30s', rate: 10 },
        { name: 'ramp', duration: '1m', rate: 10, to: 50 },
        { duration: '500ms', rate: 2 },
      ],
    });
    expect(p.phases).toEqual([
      { name: 'phase-1', startMs: 0, durationMs: 30_000, rateFrom: 10, rateTo: 10, vus: 0 },
      { name: 'ramp', startMs: 30_000, durationMs: 60_000, rateFrom: 10, rateTo: 50, vus: 0 },
      { name: 'phase-3', startMs: 90_000, durationMs: 500, rateFrom: 2, rateTo: 2, vus: 0 },
    ]);
    expect(p.phasesDurationMs).toBe(90_500);
  });

  it('compiles closed-model phases with their virtual users', () => {
    const p = plan({ load: { model: 'closed' }, phases: [{ duration: '5s', vus: 3 }, { duration: '5s', vus: 7 }] });
    expect(p.model).toBe('closed');
    expect(p.phases.map((ph) => [ph.startMs, ph.vus])).toEqual([
      [0, 3],
      [5000, 7],
    ]);
  });

  it('defaults maxDuration to the phases plus 30 s of drain', () => {
    const p = plan({ phases: [{ duration: '10s', rate: 1 }, { duration: '5s', rate: 1 }] });
    expect(p.maxDurationMs).toBe(15_000 + 30_000);
  });

  it('takes an explicit maxDuration, maxRequests, maxRate and timeout as given', () => {
    const p = plan({ limits: { maxDuration: '2m', maxRequests: 500, maxRate: 40 }, load: { model: 'open', timeout: '750ms' } });
    expect(p.maxDurationMs).toBe(120_000);
    expect(p.maxRequests).toBe(500);
    expect(p.maxRate).toBe(40);
    expect(p.timeoutMs).toBe(750);
  });

  it('rejects an event after the last phase ends, with its path', () => {
    const err = planError({
      phases: [{ duration: '10s', rate: 1 }, { duration: '5s', rate: 1 }],
      events: [
        { at: '15s', action: 'purge', all: true },
        { at: '16s', action: 'purge', all: true },
      ],
    });
    expect(err.details).toEqual(['events[1].at: 16s is after the last phase ends']);
  });

  it('sorts events by time', () => {
    const p = plan({
      events: [
        { at: '9s', action: 'purge', all: true },
        { at: '2s', action: 'drop', album: 'a1' },
      ],
    });
    expect(p.events.map((e) => [e.atMs, e.event.action])).toEqual([
      [2000, 'drop'],
      [9000, 'purge'],
    ]);
  });

  it('rejects an inverted repeat range and a purge with nothing to purge', () => {
    const err = planError({
      sessions: { x: { steps: [{ repeat: '5..2', steps: [{ get: '/a' }] }] } },
      events: [{ at: '1s', action: 'purge' }],
    });
    expect(err.details).toEqual(['sessions.x.steps[0].repeat: the range is inverted', 'events[0]: a purge needs urls, tags or all: true']);
  });
});

describe('dataset steps and replay', () => {
  it('loads a dataset relative to the scenario folder once, and refuses a missing one with its path', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'cdnbench-plan-'));
    try {
      await writeFile(join(dir, 'urls.txt'), '/a\n/b\n');
      await writeFile(join(dir, 'replay.tsv'), '0\t/a\n');
      const s = scenario({ sessions: { x: { steps: [{ get: { from: 'urls.txt', pick: 'zipf' } }, { get: { from: 'urls.txt' } }] } } });
      const p = compilePlan(s, 'test.yaml', dir);
      const [a, b] = opsOf(p) as GetOp[];
      expect(a?.dataset?.pick).toBe('zipf');
      expect(b?.dataset?.pick).toBe('weighted');
      expect(a?.dataset?.data).toBe(b?.dataset?.data);
      expect(a?.name).toBe('urls.txt');
      const missing = scenario({ sessions: { x: { steps: [{ get: { from: 'nope.csv' } }] } } });
      expect(() => compilePlan(missing, 'test.yaml', dir)).toThrow(InvalidConfigError);
      const r = compilePlan(scenario({ sessions: {}, replay: { from: 'replay.tsv', speed: '10x' }, phases: [{ duration: '5s' }] }), 'test.yaml', dir);
      expect(r.replay).toEqual({ file: join(dir, 'replay.tsv'), speed: 10, maxInFlight: 10_000, headers: null });
      expect(r.sessions).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
