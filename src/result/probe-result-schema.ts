/** zod schemas of the probe results (probe-results.ts), for validating result files. */
import { z } from 'zod';
import type { CoalescingResult, CostResult, InvalidationResult } from './probe-results.js';

const n = z.number().nonnegative();
const nOrNull = n.nullable();

const group = z.strictObject({ id: z.string(), t50Ms: nOrNull, t95Ms: nOrNull, maxMs: nOrNull, converged: z.number().min(0).max(1) });

/** Schema of InvalidationResult. */
export const invalidationResultSchema = z.strictObject({
  t50Ms: nOrNull,
  t95Ms: nOrNull,
  maxMs: nOrNull,
  converged: z.number().min(0).max(1),
  objects: n,
  pops: n,
  purgeApiMs: nOrNull,
  staleReads: nOrNull,
  strategy: z.string(),
  points: z.array(z.strictObject({ object: z.string(), pop: z.string(), ms: nOrNull })),
  measurement: z
    .strictObject({
      method: z.enum(['version', 'refetch']),
      intervalMs: n,
      timeoutMs: n,
      startedAt: nOrNull,
      purged: z.strictObject({ urls: z.array(z.string()), tags: z.array(z.string()), all: z.boolean() }).nullable(),
      published: z.array(z.string()).optional(),
    })
    .optional(),
  perPop: z.array(group).optional(),
  perObject: z.array(group).optional(),
  windowMs: n.optional(),
  intervalMs: n.optional(),
}) satisfies z.ZodType<InvalidationResult>;

/** Schema of CoalescingResult. */
export const coalescingResultSchema = z.strictObject({
  clientRequests: n,
  originFetches: n,
  idealFetches: n,
  ratio: nOrNull,
  effectiveness: z.number().nullable(),
  method: z.enum(['exact', 'estimated']),
}) satisfies z.ZodType<CoalescingResult>;

const costTerms = z.strictObject({
  edgeUsd: n,
  requestsUsd: n,
  originUsd: n,
  invalidationUsd: n,
  planUsd: n,
  minimumTopUpUsd: n,
});

/** Schema of CostResult. */
export const costResultSchema = z.strictObject({
  edgeEgressGB: n,
  originEgressGB: n,
  requests: n,
  invalidationPaths: n,
  totalUsd: n,
  perMillionSessionsUsd: nOrNull,
  monthlyUsd: nOrNull,
  monthlySessions: nOrNull,
  breakdown: z.strictObject({ run: costTerms, monthly: costTerms.nullable() }).optional(),
  steady: z.strictObject({
    fromMs: n, requests: n, edgeBytes: n, originBytes: n, sessionsEquivalent: n,
    perMillionSessionsUsd: nOrNull, monthlyUsd: nOrNull, monthlyTerms: costTerms.nullable(),
  }).optional(),
}) satisfies z.ZodType<CostResult>;
