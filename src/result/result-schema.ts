/**
 * Validation of result files (schema version 1): every field of result-model.ts, strict objects,
 * and every problem reported with its path so a broken file from an agent is fixable in one pass.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { formatIssuePath } from '../util/zod-issues.js';
import { multiCdnSummarySchema } from './multi-cdn-summary.js';
import { crowdResultSchema } from './crowd-result.js';
import { coalescingResultSchema, costResultSchema, invalidationResultSchema } from './probe-result-schema.js';
import { CdnbenchError, InvalidConfigError, describeError } from '../errors.js';
import { decodeHistogram } from './histogram.js';
import { RESULT_SCHEMA_VERSION } from './result-model.js';
import type { RunResult } from './result-model.js';
import { CACHE_STATUSES, ERROR_KINDS, OBJECT_CLASSES } from './sample.js';
import { seriesKeyString } from './series-key.js';

const count = z.number().int().nonnegative();
const ms = z.number().nonnegative().nullable();
const ratio = z.number().min(0).max(1).nullable();
const dateTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'expected a date-time string');

// Decoding proves the text is a histogram of our range; merge and summary would fail later otherwise.
const histogram = z.string().refine((v) => {
  try {
    decodeHistogram(v);
    return true;
  } catch {
    return false;
  }
}, 'expected a compressed HdrHistogram (base64, µs, ≤ 120 s)');

const errorCounts = z.partialRecord(z.enum(ERROR_KINDS), count);

const seriesKey = z.strictObject({
  provider: z.string(),
  pop: z.string(),
  objectClass: z.enum(OBJECT_CLASSES),
  cache: z.enum(CACHE_STATUSES),
  size: z.enum(['small', 'large']),
  region: z.string(),
});

const seriesRecord = z.strictObject({
  key: seriesKey,
  requests: count,
  statusClasses: z.record(z.string().regex(/^[0-9]xx$/, 'expected a status class like "2xx"'), count),
  networkErrors: errorCounts,
  bytes: count,
  bodyBytes: count,
  latency: histogram,
  ttfb: histogram,
  service: histogram,
  failedLatency: histogram.optional(),
});

const timeline = z.strictObject({
  startedAt: z.number().nonnegative(),
  points: z.array(z.strictObject({
    t: count, requests: count, errors: count, hits: count, known: count, bytes: count, coldBodyBytes: count, small: histogram,
  })),
  events: z.array(z.strictObject({ atMs: z.number(), kind: z.enum(['phase', 'purge', 'publish', 'event']), label: z.string() })),
});

const latencySummary = z.strictObject({ count, p50Ms: ms, p95Ms: ms, p99Ms: ms, maxMs: ms });

const purgeRecord = z.strictObject({
  atMs: z.number().nonnegative(),
  urls: count,
  tags: count,
  all: z.boolean(),
  ok: z.boolean(),
  apiMs: z.number().nonnegative(),
  calls: count.nullable(),
  attempts: count.nullable(),
  completedMs: ms,
  id: z.string().nullable(),
  error: z.string().nullable(),
  asked: z.strictObject({ urls: z.array(z.string()), tags: z.array(z.string()) }).optional(),
});

const providerSummary = z.strictObject({
  smallObject: latencySummary.extend({ perPop: z.record(z.string(), latencySummary), cold: latencySummary, warm: latencySummary }),
  allObjects: latencySummary,
  hitRatio: ratio,
  requests: count,
  errors: count,
  errorRate: z.number().min(0).max(1),
  bytes: count,
  byClass: z.partialRecord(z.enum(OBJECT_CLASSES), z.strictObject({ requests: count, bytes: count, hitRatio: ratio })),
  networkErrors: errorCounts,
  invalidation: invalidationResultSchema.nullable(),
  coalescing: coalescingResultSchema.nullable(),
  cost: costResultSchema.nullable(),
  byRegion: z
    .record(z.string(), z.strictObject({
      requests: count, errors: count, errorRate: z.number().min(0).max(1), bytes: count, hitRatio: ratio,
      smallObject: latencySummary, allObjects: latencySummary,
    }))
    .optional(),
  // Added after schema version 1 shipped: files written before it have none.
  purges: z.array(purgeRecord).default([]),
  multiCdn: multiCdnSummarySchema.nullable().optional(),
  crowd: crowdResultSchema.optional(),
});

const sessionCounters = z.strictObject({
  planned: count,
  started: count,
  completed: count,
  late: count,
  dropped: count,
  throttledRequests: count,
  // Added after schema version 1 shipped: files written before it have none.
  abortedRequests: count.default(0),
});

const providerResult = z
  .strictObject({
    id: z.string().min(1),
    kind: z.string(),
    dialect: z.string(),
    pops: z.array(z.string()),
    sessions: sessionCounters,
    summary: providerSummary,
    series: z.array(seriesRecord),
    timeline: timeline.optional(),
  })
  .superRefine((p, ctx) => {
    // Merge matches series by key; a foreign or repeated key would be summed into the wrong place.
    const seen = new Set<string>();
    p.series.forEach((s, i) => {
      if (s.key.provider !== p.id) {
        ctx.addIssue({ code: 'custom', path: ['series', i, 'key', 'provider'], message: `expected "${p.id}" (the provider's id)` });
      }
      const k = seriesKeyString(s.key);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: ['series', i, 'key'], message: 'duplicate series key' });
      seen.add(k);
    });
  });

const runMeta = z.strictObject({
  runId: z.string().min(1),
  scenario: z.strictObject({ name: z.string(), file: z.string().nullable(), sha256: z.string().nullable() }),
  engine: z.string(),
  model: z.enum(['open', 'closed']),
  cdnbenchVersion: z.string(),
  nodeVersion: z.string(),
  gitCommit: z.string().nullable(),
  host: z.string(),
  agents: z.array(z.strictObject({ name: z.string(), region: z.string() })),
  startedAt: dateTime,
  endedAt: dateTime,
  durationMs: z.number().nonnegative(),
  stopReason: z.enum(['completed', 'max-duration', 'max-requests', 'interrupted', 'failed', 'aborted-by-threshold']),
  failure: z.string().nullable(),
  smallObjectMaxBytes: z.number().int().positive(),
  overrides: z.partialRecord(z.enum(['duration', 'vus', 'rate', 'maxRequests']), z.union([z.string(), z.number()])).optional(),
  scheduleSeed: z.number().int().optional(),
  generator: z
    .strictObject({
      loopLagMaxMs: z.number().nonnegative(),
      loopLagP99Ms: z.number().nonnegative(),
      cpuPercent: z.number().nonnegative(),
      lateSessions: count,
      startedSessions: count,
      loadAverage: z.number().nonnegative(),
      cores: z.number().int().positive(),
      warnings: z.array(z.string()),
    })
    .optional(),
  schedule: z.record(z.string(), z.strictObject({ workers: z.number().int().positive(), sessions: count, sessionDigest: z.string() })).optional(),
  verdict: z.strictObject({ errorBudget: z.number().min(0).max(1).optional(), warmUpMs: z.number().nonnegative().optional() }).optional(),
});

/** The zod schema of a result file; its output type is RunResult. */
export const runResultSchema = z
  .strictObject({
    schemaVersion: z.literal(RESULT_SCHEMA_VERSION),
    meta: runMeta,
    providers: z.array(providerResult),
  })
  .superRefine((r, ctx) => {
    const ids = new Set<string>();
    r.providers.forEach((p, i) => {
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: ['providers', i, 'id'], message: `duplicate provider id "${p.id}"` });
      ids.add(p.id);
    });
  }) satisfies z.ZodType<RunResult>;

/**
 * Validates parsed JSON as a RunResult. Throws InvalidConfigError (code INVALID_RESULT) whose details
 * list every problem as `path: message`; `source` (usually the file path) names the input in the message.
 */
export function parseResult(json: unknown, source: string): RunResult {
  const parsed = runResultSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => {
    // zod words a bad record key as just "Invalid key in record"; the nested issue says why.
    const why = i.code === 'invalid_key' ? i.issues.map((n) => n.message).join('; ') : '';
    return `${formatIssuePath(i.path)}: ${i.message}${why === '' ? '' : ` (${why})`}`;
  });
  const n = details.length;
  throw new InvalidConfigError(`${source}: invalid result file (${n} problem${n === 1 ? '' : 's'})`, details, 'INVALID_RESULT');
}

/**
 * Reads and validates a result file. Bad JSON → InvalidConfigError (INVALID_RESULT) with a one-line
 * message; an unreadable file → CdnbenchError IO_FAILED.
 */
export async function readResultFile(path: string): Promise<RunResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new CdnbenchError('IO_FAILED', `cannot read result file ${path}: ${describeError(err)}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const reason = describeError(err).replace(/\s+/g, ' ').trim();
    throw new InvalidConfigError(`${path}: not valid JSON (${reason})`, [], 'INVALID_RESULT');
  }
  return parseResult(json, path);
}
