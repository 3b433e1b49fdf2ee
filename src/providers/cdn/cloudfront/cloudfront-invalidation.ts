/**
 * One CloudFront invalidation, start to finish: CreateInvalidation (a fresh CallerReference, so a retry is
 * a new request CloudFront will not confuse with an old one), then GetInvalidation every poll interval
 * until its Status is `Completed` — the time from the create call to that answer is what CloudFront
 * takes to invalidate, recorded in the receipt.
 */
import { randomUUID } from 'node:crypto';
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { sleepUntil } from '../../../engine/sleep.js';
import { formatDuration } from '../../../util/duration.js';
import type { ApiAnswer } from '../http-api/api-client.js';
import type { Redactor } from '../../../util/redact.js';
import type { RetryPolicy } from '../http-api/retry-policy.js';
import { sdkCall } from './sdk-call.js';

const NEVER = new AbortController().signal;

/** How to follow an invalidation. */
export interface InvalidationOptions {
  distributionId: string;
  paths: readonly string[];
  wait: boolean;
  pollIntervalMs: number;
  completionTimeoutMs: number;
  retry: RetryPolicy;
  redactor: Redactor;
}

/** What one invalidation came to. */
export interface InvalidationOutcome {
  /** The CreateInvalidation call. */
  create: ApiAnswer;
  /** CloudFront's invalidation id. */
  id?: string;
  /** GetInvalidation calls made. */
  polls: number;
  /** Create call start → the answer saying Completed; absent when not waited for or not reached. */
  completedMs?: number;
  /** Attempts of the create call and every poll. */
  attempts: number;
  /** Set when the create call failed, a poll failed for good, or Completed was not reached in time. */
  error?: string;
}

/** Creates the invalidation and, when asked, follows it to Completed. */
export async function runInvalidation(client: CloudFrontClient, o: InvalidationOptions, signal: AbortSignal = NEVER): Promise<InvalidationOutcome> {
  // Already loaded with the client (cloudfront-provider.ts): this only looks the module up.
  const { CreateInvalidationCommand, GetInvalidationCommand } = await import('@aws-sdk/client-cloudfront');
  const t0 = performance.now();
  const create = await sdkCall('CreateInvalidation', () => client.send(new CreateInvalidationCommand({
    DistributionId: o.distributionId,
    InvalidationBatch: { CallerReference: `cdnbench-${randomUUID()}`, Paths: { Quantity: o.paths.length, Items: [...o.paths] } },
  })), o.retry, o.redactor, signal);
  const id = create.output?.Invalidation?.Id;
  if (!create.ok) return { create, polls: 0, attempts: create.attempts, ...(create.error === undefined ? {} : { error: create.error }) };
  if (id === undefined) return { create, polls: 0, attempts: create.attempts, error: 'CreateInvalidation answered without an invalidation id' };
  if (!o.wait || create.output?.Invalidation?.Status === 'Completed') return { create, id, polls: 0, attempts: create.attempts, ...(o.wait ? { completedMs: performance.now() - t0 } : {}) };
  let polls = 0;
  let attempts = create.attempts;
  while (performance.now() - t0 < o.completionTimeoutMs) {
    if (!(await sleepUntil(Math.min(performance.now() + o.pollIntervalMs, t0 + o.completionTimeoutMs), signal))) break;
    polls++;
    const got = await sdkCall('GetInvalidation', () => client.send(new GetInvalidationCommand({ DistributionId: o.distributionId, Id: id })), o.retry, o.redactor, signal);
    attempts += got.attempts;
    if (!got.ok) return { create, id, polls, attempts, ...(got.error === undefined ? {} : { error: got.error }) };
    if (got.output?.Invalidation?.Status === 'Completed') return { create, id, polls, attempts, completedMs: performance.now() - t0 };
  }
  return { create, id, polls, attempts, error: `invalidation ${id} not Completed within ${formatDuration(o.completionTimeoutMs)} (it goes on at CloudFront)` };
}
