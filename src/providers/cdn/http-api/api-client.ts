/**
 * The HTTP client every CDN adapter calls its provider's API with (undici): takes the tokens the API's
 * published limits require before each attempt, signs or authorizes each attempt afresh, retries 429,
 * 408, 5xx and network errors with backoff (or the server's Retry-After), and never throws for an HTTP
 * or network failure — the answer says what happened, with secrets redacted from every message.
 */
import { Agent, request } from 'undici';
import { sleepUntil } from '../../../util/sleep.js';
import { Redactor } from '../../../util/redact.js';
import { retryAfterMs } from './retry-after.js';
import { backoffMs, isRetryableStatus, type RetryPolicy } from './retry-policy.js';
import type { TokenBucket } from './token-bucket.js';

const NEVER = new AbortController().signal;

/** One logical API call (retried as a whole). */
export interface ApiCall {
  /** Names the call in messages, e.g. "purge_cache". */
  label: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path and query, appended to the base URL (whose own path is kept as a prefix). */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Tokens taken before every attempt: the request bucket and, where the API counts them, object buckets. */
  tokens?: readonly { bucket: TokenBucket; n: number }[];
  /** Extra headers computed per attempt: signatures need a fresh timestamp and nonce, OAuth a live token. */
  authorize?: (req: { method: string; url: URL; headers: Readonly<Record<string, string>>; body: string }) => Promise<Record<string, string>> | Record<string, string>;
  /** One-line detail of a failed answer from its body (the vendor's error message); default a body snippet. */
  describe?: (status: number, json: unknown, text: string) => string;
}

/** What a call ended with. */
export interface ApiAnswer {
  /** A 2xx answer arrived. */
  ok: boolean;
  /** HTTP status of the last attempt; 0 when no answer arrived. */
  status: number;
  /** Lowercase response headers of the last attempt. */
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, or undefined. */
  json: unknown;
  /** Attempts made (1 = no retry). */
  attempts: number;
  /** Of `ms`, the time spent waiting: for tokens, for Retry-After and in backoff. */
  waitedMs: number;
  /** Wall time of the whole call, retries included. */
  ms: number;
  /** One line, secrets redacted, when ok is false. */
  error?: string;
}

/** Options of a client. */
export interface ApiClientOptions {
  baseUrl: string;
  retry: RetryPolicy;
  /** Per attempt: headers and body must arrive within this. */
  timeoutMs: number;
  redactor: Redactor;
  userAgent: string;
  /** Jitter source (tests fix it). */
  random?: () => number;
}

/** A provider API client. */
export class ApiClient {
  private pool: Agent | null = null;
  private readonly base: URL;

  constructor(private readonly o: ApiClientOptions) {
    this.base = new URL(o.baseUrl);
  }

  /** The connection pool, opened on first use (again after close()). */
  private get agent(): Agent {
    this.pool ??= new Agent({ keepAliveTimeout: 10_000, connections: 8, headersTimeout: this.o.timeoutMs, bodyTimeout: this.o.timeoutMs, connectTimeout: this.o.timeoutMs });
    return this.pool;
  }

  /** The full URL of a path (base path kept as a prefix). */
  url(path: string): URL {
    const prefix = this.base.pathname.replace(/\/+$/, '');
    return new URL(`${this.base.origin}${prefix}${path.startsWith('/') ? path : `/${path}`}`);
  }

  /** Makes the call, retrying as the policy allows; resolves with the last answer. */
  async call(c: ApiCall, signal: AbortSignal = NEVER): Promise<ApiAnswer> {
    const started = performance.now();
    const { retry } = this.o;
    const random = this.o.random ?? Math.random;
    let waitedMs = 0;
    let last: Omit<ApiAnswer, 'attempts' | 'waitedMs' | 'ms'> = { ok: false, status: 0, headers: {}, text: '', json: undefined, error: 'not sent' };
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      for (const t of c.tokens ?? []) {
        const w = await t.bucket.take(t.n, signal);
        if (w === null) return this.done(c, { ...last, error: 'aborted' }, attempt - 1, waitedMs, started);
        waitedMs += w;
      }
      last = await this.attempt(c);
      const done = (error?: string): ApiAnswer => this.done(c, error === undefined ? last : { ...last, error }, attempt, waitedMs, started);
      if (last.ok) return done();
      if (last.status !== 0 && !isRetryableStatus(last.status)) return done();
      if (last.status === 429) for (const t of c.tokens ?? []) t.bucket.drain();
      if (attempt === retry.maxAttempts) break;
      let wait = backoffMs(retry, attempt, random);
      const after = last.status === 429 || last.status === 503 ? retryAfterMs(last.headers['retry-after']) : null;
      if (after !== null) {
        if (after > retry.maxRetryAfterMs) return done(`${last.error ?? ''}; Retry-After ${Math.round(after / 1000)} s exceeds the ${Math.round(retry.maxRetryAfterMs / 1000)} s the profile allows waiting`);
        wait = after;
      }
      const t0 = performance.now();
      if (!(await sleepUntil(t0 + wait, signal))) return done('aborted');
      waitedMs += performance.now() - t0;
    }
    const answer = this.done(c, last, retry.maxAttempts, waitedMs, started);
    return retry.maxAttempts > 1 ? { ...answer, error: `${answer.error ?? ''} (after ${retry.maxAttempts} attempts)` } : answer;
  }

  /** Closes the connections. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.close().catch(() => undefined);
  }

  private done(c: ApiCall, a: Omit<ApiAnswer, 'attempts' | 'waitedMs' | 'ms'>, attempts: number, waitedMs: number, started: number): ApiAnswer {
    // The whole message is redacted (describe() may quote the JSON body), then kept to a short excerpt.
    const error = a.error === undefined ? undefined : excerpt(this.o.redactor.redact(`${c.label}: ${a.error}`), MAX_ERROR_CHARS);
    return { ...a, attempts, waitedMs, ms: performance.now() - started, ...(error === undefined ? {} : { error }) };
  }

  private async attempt(c: ApiCall): Promise<Omit<ApiAnswer, 'attempts' | 'waitedMs' | 'ms'>> {
    const url = this.url(c.path);
    const body = c.body ?? '';
    const headers: Record<string, string> = { 'user-agent': this.o.userAgent, accept: 'application/json', ...(c.headers ?? {}) };
    try {
      Object.assign(headers, await c.authorize?.({ method: c.method, url, headers, body }));
      const res = await request(url, { method: c.method, headers, ...(c.body === undefined ? {} : { body }), dispatcher: this.agent });
      const text = await res.body.text();
      const flat: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
      let json: unknown;
      try {
        json = text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        json = undefined;
      }
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      if (ok) return { ok, status: res.statusCode, headers: flat, text, json };
      // Redacted before any excerpt is cut: a secret cut at the excerpt's end could no longer be recognised.
      const clean = this.o.redactor.redact(text);
      const detail = c.describe?.(res.statusCode, json, clean) ?? snippet(clean);
      return { ok, status: res.statusCode, headers: flat, text, json, error: `HTTP ${res.statusCode}${detail === '' ? '' : `: ${detail}`}` };
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
      return { ok: false, status: 0, headers: {}, text: '', json: undefined, error: `no answer from ${url.host}: ${msg}${typeof code === 'string' ? ` (${code})` : ''}` };
    }
  }
}

/** Longest API error message kept in results and logs: an excerpt, never a whole echoed body. */
export const MAX_ERROR_CHARS = 500;

function excerpt(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The first 200 characters of a body, whitespace collapsed. */
export function snippet(text: string): string {
  return excerpt(text.replace(/\s+/g, ' ').trim(), 200);
}
