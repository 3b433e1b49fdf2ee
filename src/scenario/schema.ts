/**
 * The one zod schema of scenario files (YAML, JSON or TypeScript via defineScenario).
 *
 * Durations stay strings here ("30s", "20s..40s") so the schema exports cleanly as JSON Schema;
 * compile-plan.ts turns the validated scenario into numbers and checks what zod cannot (template variables).
 */
import { z } from 'zod';
import { OBJECT_CLASSES } from '../result/sample.js';
import { parseDuration, parseDurationRange } from '../util/duration.js';
import { datasetGetSchema, replaySchema, type DatasetGetInput } from './dataset-step.js';
import { thresholdsSchema } from '../slo/threshold-config.js';
import { crowdSchema } from './crowd-schema.js';
import { formatCount, MAX_CATALOG, MAX_PLANNED_SESSIONS, MAX_RUN_DURATION_MS, MAX_SESSION_RATE, MAX_VUS } from './bounds.js';

const duration = z
  .string()
  .refine((s) => parseDuration(s) !== undefined, { message: 'expected a duration like 500ms, 30s, 2m or 1h' })
  .describe('A duration: 500ms, 30s, 2m, 1h, 1m30s');

/** A phase's or a run's length: above zero (a zero-length phase has no arrivals to space) and at most 7 days. */
const runDuration = duration
  .refine((s) => (parseDuration(s) ?? 1) > 0, { message: 'expected a duration above zero' })
  .refine((s) => (parseDuration(s) ?? 0) <= MAX_RUN_DURATION_MS, { message: `expected at most ${MAX_RUN_DURATION_MS / 3_600_000}h (7 days)` })
  .describe('A duration above zero and at most 168h (7 days): 30s, 2m, 1h');

const durationRange = z
  .string()
  .refine((s) => parseDurationRange(s) !== undefined, { message: 'expected a duration or a range like 20s..40s' })
  .describe('A duration or a uniform range of durations: 30s, 20s..40s');

const countRange = z
  .union([
    z.number().int().positive(),
    z.string().regex(/^\d+\.\.\d+$/, { message: 'expected a count or a range like 8..15' }),
  ])
  .describe('A count or a uniform range of counts: 10, 8..15');

const template = z.string().min(1).describe('A path template with catalog variables, e.g. /maps/{isbn}/{edition}/{lang}/{range}.json');

const headers = z.record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, { message: 'invalid header name' }), z.string());

/** A request inside a prefetch fan-out: a bare template or an object. */
const prefetchItem = z.union([
  template,
  z.strictObject({
    get: template,
    range: template.optional(),
    headers: headers.optional(),
    class: z.enum(OBJECT_CLASSES).optional(),
  }),
]);

/** One step of a session: exactly one of get / think / repeat. */
export interface StepInput {
  get?: string | DatasetGetInput;
  range?: string;
  headers?: Record<string, string>;
  class?: (typeof OBJECT_CLASSES)[number];
  name?: string;
  prefetch?: (string | { get: string; range?: string; headers?: Record<string, string>; class?: (typeof OBJECT_CLASSES)[number] })[];
  think?: string;
  repeat?: number | string;
  advance?: { page?: number; track?: number };
  until?: 'end-of-book';
  steps?: StepInput[];
  listen?: { before?: string; skip?: number };
}

const step: z.ZodType<StepInput> = z
  .strictObject({
    get: z.union([template, datasetGetSchema]).optional().describe('GET this path template, or a path drawn from a dataset file'),
    range: template.optional().describe('Range header value, e.g. bytes=0-262143 or bytes={audioStart}-{audioEnd}'),
    headers: headers.optional(),
    class: z.enum(OBJECT_CLASSES).optional().describe('Object class; inferred from the path when absent'),
    name: z.string().optional().describe('Step name used in tags'),
    prefetch: z.array(prefetchItem).optional().describe('Requests sent in parallel with this GET (fan-out); the session waits for all'),
    think: durationRange.optional().describe('Pause, multiplied by the scenario timeScale'),
    repeat: countRange.optional().describe('Repeat the nested steps this many times'),
    advance: z
      .strictObject({ page: z.number().int().optional(), track: z.number().int().optional() })
      .optional()
      .describe('After each repetition move the session page / track by this much'),
    until: z.literal('end-of-book').optional().describe('Stop repeating when the page passes the last page'),
    listen: z
      .strictObject({
        before: duration.default('30s').describe('Wait until this long before the current track ends'),
        skip: z.number().min(0).max(1).default(0).describe('Probability the listener skips the track early, ending this repetition'),
      })
      .optional()
      .describe('Listen to the current track (its duration × timeScale); a skip ends the repetition early'),
    get steps() {
      return z.array(step).min(1).optional();
    },
  })
  .superRefine((s, ctx) => {
    const kinds = (['get', 'think', 'repeat', 'listen'] as const).filter((k) => s[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({ code: 'custom', message: `a step needs exactly one of get, think, repeat or listen (found ${kinds.length === 0 ? 'none' : kinds.join(', ')})` });
      return;
    }
    const only = (allowed: readonly string[]): void => {
      for (const key of Object.keys(s)) {
        if (!allowed.includes(key)) ctx.addIssue({ code: 'custom', path: [key], message: `not allowed on a ${kinds[0]} step` });
      }
    };
    if (kinds[0] === 'get') only(['get', 'range', 'headers', 'class', 'name', 'prefetch']);
    if (kinds[0] === 'think') only(['think', 'name']);
    if (kinds[0] === 'listen') only(['listen', 'name']);
    if (kinds[0] === 'repeat') {
      only(['repeat', 'advance', 'until', 'steps', 'name']);
      if (s.steps === undefined) ctx.addIssue({ code: 'custom', path: ['steps'], message: 'a repeat step needs steps' });
    }
  });

const sessionModel = z.strictObject({
  weight: z.number().positive().default(1).describe('Relative share of arriving sessions'),
  kbps: z.union([z.literal(24), z.literal(96), z.literal(128), z.literal(160), z.literal(320)]).default(128),
  start: z
    .strictObject({
      page: z.enum(['random', 'first']).default('random'),
      album: z.string().optional().describe('Album id every session of this model listens to (else Zipf-picked)'),
    })
    .default({ page: 'random' }),
  steps: z.array(step).min(1),
});

const phase = z
  .strictObject({
    name: z.string().optional(),
    duration: runDuration,
    rate: z.number().positive({ message: 'expected a positive number' }).max(MAX_SESSION_RATE).optional().describe(`Open model: sessions per second (at most ${formatCount(MAX_SESSION_RATE)})`),
    to: z.number().nonnegative().max(MAX_SESSION_RATE).optional().describe('Open model: ramp the rate linearly to this by the end of the phase'),
    vus: z.number().int().positive().max(MAX_VUS).optional().describe(`Closed model: concurrent virtual users (at most ${formatCount(MAX_VUS)})`),
  });

const catalog = z.strictObject({
  seed: z.number().int().default(42),
  books: z.number().int().positive().max(MAX_CATALOG.books).default(1000).describe(`Audiobooks (at most ${formatCount(MAX_CATALOG.books)}: the catalog is built in memory)`),
  tracks: z.number().int().positive().max(MAX_CATALOG.tracks).default(2000).describe(`Music tracks (at most ${formatCount(MAX_CATALOG.tracks)})`),
  albums: z.number().int().positive().max(MAX_CATALOG.albums).default(100).describe(`Albums (at most ${formatCount(MAX_CATALOG.albums)})`),
  languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(1).default(['en', 'de', 'fr']),
  zipfExponent: z.number().positive().default(1.5),
  pagesPerTile: z.number().int().positive().default(10),
});

const probeSettings = z.strictObject({
  interval: duration.default('50ms').describe('Poll interval per (object, PoP), jittered ±20 %'),
  timeout: duration.optional().describe('Polling window after the invalidation call [default: 1.5 × an emulated profile\'s configured invalidation p95, at least 30s, at most 10m; 30s otherwise]'),
});

const objectsPerTemplate = z
  .number()
  .int()
  .positive()
  .default(10)
  .describe('At most this many objects per templated URL, the ones the sessions requested most');

const eventBase = { at: duration.describe('When, from the start of the run'), name: z.string().optional() };

const event = z.discriminatedUnion('action', [
  z.strictObject({
    ...eventBase,
    action: z.literal('publish'),
    book: z.union([z.string(), z.number().int().nonnegative()]).default(0).describe('ISBN or popularity rank'),
    changePercent: z.number().positive().max(100).default(3),
    strategy: z
      .enum(['purge-url', 'purge-tag', 'purge-all', 'versioned-url'])
      .optional()
      .describe('Measure invalidation propagation: purge the changed URLs, their tags, everything, or publish new edition-hash URLs (no purge)'),
    probe: probeSettings.default({ interval: '50ms' }).describe('Polling of the invalidation prober'),
    urls: z
      .array(template)
      .optional()
      .describe('Provider without cdnbench\'s origin: the objects the profile\'s publish hook changes (template variables filled from the objects the sessions used)'),
    tags: z.array(z.string().min(1)).optional().describe('purge-tag on a provider without cdnbench\'s origin: the tags to purge (template variables allowed)'),
    objects: objectsPerTemplate,
  }),
  z.strictObject({
    ...eventBase,
    action: z.literal('purge'),
    urls: z.array(template).optional(),
    tags: z.array(z.string().min(1)).optional().describe('Tags; template variables are filled like URLs'),
    all: z.boolean().optional(),
    objects: objectsPerTemplate,
    probe: probeSettings
      .extend({ paths: z.array(template).min(1).optional().describe('Objects to poll; default the purged URLs (needed for tag and all purges)') })
      .optional()
      .describe('Measure propagation: prime → purge → poll each (object, PoP) until it shows a refetch'),
  }),
  z.strictObject({ ...eventBase, action: z.literal('drop'), album: z.string() }),
  z.strictObject({
    ...eventBase,
    action: z.literal('fault'),
    kind: z.enum(['pop-down', 'origin-5xx', 'origin-slow']),
    pop: z.string().optional(),
    duration,
    delay: duration.optional().describe('origin-slow: extra origin latency'),
  }),
]);

/** The scenario file schema. */
export const scenarioSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'expected a kebab-case name' }),
    description: z.string().optional(),
    catalog: catalog.default(catalog.parse({})),
    timeScale: z.number().positive().max(1).default(1).describe('Multiplies every think time (0.01 = 100× faster reading)'),
    smallObjectMaxBytes: z.number().int().positive().default(16_384),
    sessions: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/), sessionModel).default({}),
    replay: replaySchema.optional(),
    load: z
      .strictObject({
        model: z.enum(['open', 'closed']),
        arrival: z.enum(['constant', 'poisson']).default('constant').describe('Open model: inter-arrival times'),
        seed: z.number().int().optional().describe('Seed of the arrival schedule and session draws, the same for every provider of the run [default: catalog.seed]'),
        maxConcurrentSessions: z.number().int().positive().default(10_000).describe('Open model: sessions beyond this wait and count as late'),
        connections: z.number().int().positive().default(32).describe('Keep-alive connections per PoP'),
        http2: z.boolean().default(false),
        timeout: runDuration.default('10s').describe('Whole-request deadline, from the send to the last body byte (like k6\'s timeout); a request past it is a timeout error and its connection is closed'),
      }),
    phases: z.array(phase).default([]).describe('Load phases, in order (at least one, unless a crowd replaces them)'),
    crowd: crowdSchema.optional(),
    limits: z
      .strictObject({
        maxDuration: runDuration.optional().describe('Hard stop: requests in flight are cut (counted as abortedRequests); default: the phases plus 30s to drain'),
        maxRequests: z.number().int().positive().default(1_000_000),
        maxRate: z.number().positive().default(20_000).describe('Requests per second, all PoPs together'),
        maxErrorRate: z.number().min(0).max(1).default(0.5).describe('Stop early (exit 1, partial result) when more than this share of requests fail (status >= 400 or no response), once 100 were sent'),
      })
      .default({ maxRequests: 1_000_000, maxRate: 20_000, maxErrorRate: 0.5 }),
    events: z.array(event).default([]),
    coalescing: z
      .strictObject({ album: z.string().describe('Album whose tracks (seek tables and audio at every bitrate) the crowd asks for') })
      .optional()
      .describe('Measure request coalescing on the bursts for these objects (exact from the origin\'s counters when the origin is cdnbench\'s)'),
    prewarm: z
      .strictObject({
        album: z.string(),
        range: z.string().regex(/^bytes=\d+-\d*$/, { message: 'expected a byte range like bytes=0-262143' }).default('bytes=0-262143'),
        kbps: z.array(z.union([z.literal(24), z.literal(96), z.literal(128), z.literal(160), z.literal(320)])).min(1).default([128]),
      })
      .optional()
      .describe('Before any load, fetch every track of the album (seek table and audio range) once at every PoP'),
    cost: z
      .strictObject({ monthlySessions: z.number().positive().describe('Sessions per month for the cost projection') })
      .optional()
      .describe('Cost projection settings (the CLI --monthly-sessions overrides)'),
    verdict: z
      .strictObject({
        errorBudget: z.number().min(0).max(1).optional().describe('Highest error rate (0..1, e.g. 0.01) a provider may have and still be recommended [default 0.01]'),
        warmUp: duration.optional().describe('Load from the start that is warm-up: left out of the steady-state cost projection [default: a first phase named warm…]'),
      })
      .optional()
      .describe('Provider-selection verdict settings (the CLI --error-budget overrides)'),
    thresholds: thresholdsSchema
      .optional()
      .describe('SLO thresholds checked after the run (exit 99 when one fails), e.g. "small_object_p95{pop:*} < 50ms", or k6\'s map form'),
  })
  .superRefine((s, ctx) => {
    if (s.replay === undefined && Object.keys(s.sessions).length === 0) ctx.addIssue({ code: 'custom', path: ['sessions'], message: 'at least one session model is needed' });
    if (s.crowd === undefined && s.phases.length === 0) ctx.addIssue({ code: 'custom', path: ['phases'], message: 'at least one phase is needed (or a crowd)' });
    if (s.crowd !== undefined) {
      // A crowd is the run's one arrival pattern: its window is the phase.
      if (s.phases.length > 0) ctx.addIssue({ code: 'custom', path: ['phases'], message: 'a crowd replaces the phases: remove them (the crowd\'s window is the run\'s one phase)' });
      if (s.load.model !== 'open') ctx.addIssue({ code: 'custom', path: ['load', 'model'], message: 'a crowd is an open-model arrival: expected model: open' });
      if (s.replay !== undefined) ctx.addIssue({ code: 'custom', path: ['crowd'], message: 'a crowd and a replay cannot be combined' });
      return;
    }
    // Totals only for phases valid one by one, so one bad figure is reported once.
    const each = s.phases.every((p) => (parseDuration(p.duration) ?? Infinity) <= MAX_RUN_DURATION_MS && (p.rate ?? 0) <= MAX_SESSION_RATE && (p.to ?? 0) <= MAX_SESSION_RATE);
    const totalMs = s.phases.reduce((a, p) => a + (parseDuration(p.duration) ?? 0), 0);
    if (each && totalMs > MAX_RUN_DURATION_MS) ctx.addIssue({ code: 'custom', path: ['phases'], message: `the phases last ${formatCount(totalMs / 1000)} s in all; at most ${formatCount(MAX_RUN_DURATION_MS / 1000)} s (7 days)` });
    if (each && s.load.model === 'open') {
      // The expected arrivals of every phase: (rate + to) / 2 × duration.
      const planned = s.phases.reduce((a, p) => a + (((p.rate ?? 0) + (p.to ?? p.rate ?? 0)) / 2) * ((parseDuration(p.duration) ?? 0) / 1000), 0);
      if (planned > MAX_PLANNED_SESSIONS) ctx.addIssue({ code: 'custom', path: ['phases'], message: `the phases plan ${formatCount(planned)} sessions (rate × duration); at most ${formatCount(MAX_PLANNED_SESSIONS)} per run` });
    }
    if (s.replay !== undefined) return; // a replay's arrivals come from the log; phases only bound the duration
    s.phases.forEach((p, i) => {
      const open = s.load.model === 'open';
      if (open && p.rate === undefined) ctx.addIssue({ code: 'custom', path: ['phases', i, 'rate'], message: 'expected a positive number (sessions per second) in the open model' });
      if (open && p.vus !== undefined) ctx.addIssue({ code: 'custom', path: ['phases', i, 'vus'], message: 'vus belongs to the closed model' });
      if (!open && p.vus === undefined) ctx.addIssue({ code: 'custom', path: ['phases', i, 'vus'], message: 'expected a positive integer in the closed model' });
      if (!open && (p.rate !== undefined || p.to !== undefined)) ctx.addIssue({ code: 'custom', path: ['phases', i], message: 'rate and to belong to the open model' });
    });
  });

/** A scenario as written (before defaults). */
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** A validated scenario with defaults applied. */
export type Scenario = z.output<typeof scenarioSchema>;

/** A validated session model. */
export type SessionModel = Scenario['sessions'][string];

/** A validated timed event. */
export type ScenarioEvent = Scenario['events'][number];
