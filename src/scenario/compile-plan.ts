/**
 * Compiles a validated scenario into the Plan the executors run: durations in milliseconds, parsed
 * templates, inferred object classes. Problems zod cannot see (unknown template variables) are reported
 * here with their paths, as InvalidConfigError (exit 104).
 */
import { InvalidConfigError } from '../errors.js';
import type { Dataset, DatasetPick } from '../dataset/dataset.js';
import { DatasetLoader, compileReplay, type ReplayPlan } from './compile-dataset.js';
import type { ObjectClass } from '../result/sample.js';
import { parseDuration, parseDurationRange, type NumberRange } from '../util/duration.js';
import { inferObjectClass } from '../catalog/object-class.js';
import type { Scenario, ScenarioEvent, StepInput } from './schema.js';
import { compileCrowd, crowdPhase, type CrowdPlan } from './compile-crowd.js';
import { PURGE_FALLBACK_VARIABLES, parseTemplate, type Template, type TemplateVariable } from './template.js';

export type { ReplayPlan } from './compile-dataset.js';

/** A GET (or one request of a prefetch fan-out). */
export interface GetOp {
  kind: 'get';
  name: string;
  path: Template;
  range: Template | null;
  headers: Record<string, string> | null;
  objectClass: ObjectClass;
  prefetch: GetOp[];
  /** Set when the path is drawn from a dataset file (then `path` is unused and the class comes per entry). */
  dataset: { data: Dataset; pick: DatasetPick } | null;
}


/** A pause; already multiplied by the scenario's timeScale. */
export interface ThinkOp {
  kind: 'think';
  ms: NumberRange;
}

/** Repeats nested ops. */
export interface RepeatOp {
  kind: 'repeat';
  count: NumberRange;
  advancePage: number;
  advanceTrack: number;
  untilEndOfBook: boolean;
  ops: Op[];
}

/** Listens to the current track until `beforeMs` before its end (× timeScale), or skips it early. */
export interface ListenOp {
  kind: 'listen';
  beforeMs: number;
  skip: number;
  timeScale: number;
}

/** One executable step. */
export type Op = GetOp | ThinkOp | RepeatOp | ListenOp;

/** A session model ready to run. */
export interface CompiledSession {
  name: string;
  weight: number;
  kbps: number;
  startPage: 'random' | 'first';
  album: string | null;
  ops: Op[];
  /** Every template variable the session's requests use; bindings are computed only for these. */
  variables: ReadonlySet<TemplateVariable>;
}

/** A load phase with absolute start time. */
export interface CompiledPhase {
  name: string;
  startMs: number;
  durationMs: number;
  /** Open model: sessions per second at the start and at the end of the phase. */
  rateFrom: number;
  rateTo: number;
  /** Closed model: virtual users. */
  vus: number;
}

/** A timed event. */
export interface CompiledEvent {
  atMs: number;
  event: ScenarioEvent;
}

/** Everything an executor needs. */
export interface Plan {
  scenario: Scenario;
  model: 'open' | 'closed';
  phases: CompiledPhase[];
  phasesDurationMs: number;
  sessions: CompiledSession[];
  events: CompiledEvent[];
  timeoutMs: number;
  maxDurationMs: number;
  maxRequests: number;
  maxRate: number;
  /** Share of failed requests above which the run stops early. */
  maxErrorRate: number;
  /** The timeline replay replacing sessions; null for a session-driven run. */
  replay: ReplayPlan | null;
  /** The crowd replacing the phases (its one phase stands for its window); null otherwise. */
  crowd: CrowdPlan | null;
}

const DRAIN_MS = 30_000;

function ms(text: string): number {
  // The schema already checked the syntax; this never falls back in practice.
  return parseDuration(text) ?? 0;
}

class Compiler {
  readonly problems: string[] = [];
  private readonly datasets: DatasetLoader;

  constructor(baseDir: string) {
    this.datasets = new DatasetLoader(baseDir, this.problems);
  }

  template(source: string, path: string, into: Set<TemplateVariable>): Template | null {
    const t = parseTemplate(source);
    if ('problems' in t) {
      for (const p of t.problems) this.problems.push(`${path}: ${p}`);
      return null;
    }
    for (const v of t.variables) into.add(v);
    return t;
  }

  /**
   * Checks a purge's URL, tag and poll templates before any load: every variable known, and every tag
   * variable fillable — from a URL (or poll path) template naming it, or the catalog fallback — so a
   * purge can never go out with `{…}` left in it.
   */
  purgeTemplates(e: { urls?: string[] | undefined; tags?: string[] | undefined; probe?: { timeout?: string | undefined; paths?: string[] | undefined } | undefined }, at: string): void {
    const named = new Set<TemplateVariable>();
    (e.urls ?? []).forEach((u, j) => this.template(u, `${at}.urls[${j}]`, named));
    (e.probe?.paths ?? []).forEach((u, j) => this.template(u, `${at}.probe.paths[${j}]`, named));
    (e.tags ?? []).forEach((tag, j) => {
      const vars = new Set<TemplateVariable>();
      if (this.template(tag, `${at}.tags[${j}]`, vars) === null) return;
      const unfillable = [...vars].filter((v) => !named.has(v) && !PURGE_FALLBACK_VARIABLES.has(v));
      if (unfillable.length > 0) this.problems.push(`${at}.tags[${j}]: ${unfillable.map((v) => `{${v}}`).join(', ')} cannot be filled (no purge URL names it, and only {${[...PURGE_FALLBACK_VARIABLES].join('}, {')}} come from the catalog)`);
    });
  }

  get(step: { get: string; range?: string; headers?: Record<string, string>; class?: ObjectClass; name?: string }, path: string, vars: Set<TemplateVariable>): GetOp | null {
    const tpl = this.template(step.get, `${path}.get`, vars);
    const range = step.range === undefined ? null : this.template(step.range, `${path}.range`, vars);
    if (tpl === null) return null;
    return {
      kind: 'get',
      name: step.name ?? step.get,
      path: tpl,
      range,
      headers: step.headers ?? null,
      objectClass: step.class ?? inferObjectClass(step.get),
      prefetch: [],
      dataset: null,
    };
  }

  ops(steps: readonly StepInput[], path: string, vars: Set<TemplateVariable>, timeScale: number): Op[] {
    const out: Op[] = [];
    steps.forEach((s, i) => {
      const at = `${path}[${i}]`;
      if (s.get !== undefined) {
        const get = s.get;
        const op = typeof get === 'string' ? this.get({ ...s, get }, at, vars) : this.datasets.get({ ...s, get }, at);
        // Prefetches are checked even when the main GET is invalid, so every problem is listed at once.
        const prefetch = (s.prefetch ?? []).map((p, j) => this.get(typeof p === 'string' ? { get: p } : p, `${at}.prefetch[${j}]`, vars));
        if (op === null) return;
        for (const pf of prefetch) if (pf !== null) op.prefetch.push(pf);
        out.push(op);
      } else if (s.think !== undefined) {
        const r = parseDurationRange(s.think) ?? { min: 0, max: 0 };
        out.push({ kind: 'think', ms: { min: r.min * timeScale, max: r.max * timeScale } });
      } else if (s.listen !== undefined) {
        vars.add('track');
        out.push({ kind: 'listen', beforeMs: ms(s.listen.before ?? '30s'), skip: s.listen.skip ?? 0, timeScale });
      } else if (s.repeat !== undefined) {
        const [a, b] = String(s.repeat).split('..').map(Number);
        const count = { min: a ?? 1, max: b ?? a ?? 1 };
        if (count.max < count.min) this.problems.push(`${at}.repeat: the range is inverted`);
        out.push({
          kind: 'repeat',
          count,
          advancePage: s.advance?.page ?? 0,
          advanceTrack: s.advance?.track ?? 0,
          untilEndOfBook: s.until === 'end-of-book',
          ops: this.ops(s.steps ?? [], `${at}.steps`, vars, timeScale),
        });
      }
    });
    return out;
  }
}

/** Compiles a scenario; throws InvalidConfigError listing every problem. */
export function compilePlan(scenario: Scenario, source = 'scenario', baseDir = process.cwd()): Plan {
  const c = new Compiler(baseDir);
  const sessions: CompiledSession[] = Object.entries(scenario.sessions).map(([name, model]) => {
    const variables = new Set<TemplateVariable>();
    const ops = c.ops(model.steps, `sessions.${name}.steps`, variables, scenario.timeScale);
    return { name, weight: model.weight, kbps: model.kbps, startPage: model.start.page, album: model.start.album ?? null, ops, variables };
  });
  let startMs = 0;
  const phases: CompiledPhase[] = scenario.phases.map((p, i) => {
    const durationMs = ms(p.duration);
    const phase = {
      name: p.name ?? `phase-${i + 1}`,
      startMs,
      durationMs,
      rateFrom: p.rate ?? 0,
      rateTo: p.to ?? p.rate ?? 0,
      vus: p.vus ?? 0,
    };
    startMs += durationMs;
    return phase;
  });
  const crowd = compileCrowd(scenario.crowd);
  if (crowd !== null) {
    phases.push(crowdPhase(crowd));
    startMs = crowd.withinMs;
  }
  const events = scenario.events.map((event, i) => {
    const atMs = ms(event.at);
    if (atMs > startMs) c.problems.push(`events[${i}].at: ${event.at} is after the last phase ends`);
    if (event.action === 'purge' || event.action === 'publish') c.purgeTemplates(event, `events[${i}]`);
    if (event.action === 'purge') {
      if (!event.all && (event.urls ?? []).length === 0 && (event.tags ?? []).length === 0) {
        c.problems.push(`events[${i}]: a purge needs urls, tags or all: true`);
      }
      if (event.probe !== undefined && (event.urls ?? []).length === 0 && event.probe.paths === undefined) {
        c.problems.push(`events[${i}].probe.paths: a measured tag or all purge needs the objects to poll`);
      }
    }
    return { atMs, event };
  });
  const maxDurationMs = scenario.limits.maxDuration === undefined ? startMs + DRAIN_MS : ms(scenario.limits.maxDuration);
  const replay = compileReplay(scenario, baseDir, c.problems);
  if (c.problems.length > 0) {
    throw new InvalidConfigError(`invalid scenario ${source}: ${c.problems.length} problem${c.problems.length === 1 ? '' : 's'}`, c.problems);
  }
  return {
    scenario,
    model: scenario.load.model,
    phases,
    phasesDurationMs: startMs,
    sessions,
    events: events.sort((a, b) => a.atMs - b.atMs),
    timeoutMs: ms(scenario.load.timeout),
    maxDurationMs,
    maxRequests: scenario.limits.maxRequests,
    maxRate: scenario.limits.maxRate,
    maxErrorRate: scenario.limits.maxErrorRate,
    replay,
    crowd,
  };
}

