/**
 * Bounded retries around AWS SDK calls, with the same policy as every other adapter: the SDK's own retries
 * are off (maxAttempts 1) so attempts are counted here; throttling (429, Throttling*, RequestLimitExceeded),
 * TooManyInvalidationsInProgress, 5xx and network errors are retried with backoff or the Retry-After the
 * answer carries; anything else (AccessDenied, NoSuchDistribution, …) fails at once.
 */
import { sleepUntil } from '../../../util/sleep.js';
import type { ApiAnswer } from '../http-api/api-client.js';
import type { Redactor } from '../../../util/redact.js';
import { retryAfterMs } from '../http-api/retry-after.js';
import { backoffMs, isRetryableStatus, type RetryPolicy } from '../http-api/retry-policy.js';

const RETRYABLE_NAMES = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'TooManyInvalidationsInProgress', 'ServiceUnavailable', 'InternalError']);
const NEVER = new AbortController().signal;

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $response?: { statusCode?: unknown; headers?: Record<string, string | undefined> };
}

/** Calls `fn` until it succeeds or the policy gives up; the answer's `json` is the SDK's output. */
export async function sdkCall<T>(label: string, fn: () => Promise<T>, retry: RetryPolicy, redactor: Redactor, signal: AbortSignal = NEVER): Promise<ApiAnswer & { output?: T }> {
  const started = performance.now();
  let waitedMs = 0;
  const finish = (a: Partial<ApiAnswer> & { output?: T }, attempts: number): ApiAnswer & { output?: T } => ({
    ok: false, status: 0, headers: {}, text: '', json: undefined, ...a, attempts, waitedMs, ms: performance.now() - started,
    ...(a.error === undefined ? {} : { error: redactor.redact(`${label}: ${a.error}`) }),
  });
  for (let attempt = 1; ; attempt++) {
    try {
      const output = await fn();
      return finish({ ok: true, status: 200, json: output, output }, attempt);
    } catch (raw) {
      const err = (typeof raw === 'object' && raw !== null ? raw : {}) as SdkErrorShape;
      const s = err.$metadata?.httpStatusCode ?? err.$response?.statusCode;
      const status = typeof s === 'number' ? s : 0;
      const name = typeof err.name === 'string' ? err.name : 'Error';
      const message = (typeof err.message === 'string' ? err.message : String(raw)).split('\n')[0] ?? '';
      const error = status === 0 ? `no answer: ${message}` : `HTTP ${status}: ${name}: ${message}`;
      const retryable = status === 0 || isRetryableStatus(status) || RETRYABLE_NAMES.has(name);
      if (!retryable) return finish({ status, error }, attempt);
      if (attempt >= retry.maxAttempts) return finish({ status, error: `${error}${retry.maxAttempts > 1 ? ` (after ${attempt} attempts)` : ''}` }, attempt);
      let wait = backoffMs(retry, attempt);
      const after = status === 429 || status === 503 ? retryAfterMs(err.$response?.headers?.['retry-after']) : null;
      if (after !== null) {
        if (after > retry.maxRetryAfterMs) return finish({ status, error: `${error}; Retry-After ${Math.round(after / 1000)} s exceeds the ${Math.round(retry.maxRetryAfterMs / 1000)} s the profile allows waiting` }, attempt);
        wait = after;
      }
      const t0 = performance.now();
      if (!(await sleepUntil(t0 + wait, signal))) return finish({ status, error: 'aborted' }, attempt);
      waitedMs += performance.now() - t0;
    }
  }
}
