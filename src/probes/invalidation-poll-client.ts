/**
 * The invalidation prober's HTTP side: one keep-alive undici Pool per PoP sending plain GETs (exactly
 * what a reader sends: no Cache-Control, no validators), each reduced to a *version token* and the
 * moment undici handed the request to a socket, plus a gate bounding how many polls are in flight.
 *
 * Version token, first that applies: the ETag (`etag:"…"`, a weak `W/` prefix dropped, since a CDN
 * that compresses weakens validators without changing the object), the lab origin's
 * `x-cdnbench-object-version` (`version:3`), or a SHA-256 of the body (`sha256:…`). With a dialect, the
 * answer's cache status and `Age` are read too (a purge without a content change shows as a refetch).
 */
import { createHash, type Hash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Pool, buildConnector, type Dispatcher } from 'undici';
import { VERSION_HEADER } from '../lab/origin/response-plan.js';
import type { CacheStatus } from '../result/sample.js';
import type { Edge } from '../providers/adapter.js';
import { headerGetter, type HeaderDialect } from '../dialects/dialect.js';

/** What one probe GET saw. Times are performance.now() ms. */
export interface VersionObservation {
  /** HTTP status; 0 when the exchange failed at the network level. */
  status: number;
  /** Version token of a 2xx response; null otherwise. */
  version: string | null;
  /** The ETag exactly as sent (stale-read counting compares readers' samples with it). */
  etag: string | undefined;
  /** When undici started writing the request on a socket (after any queueing in the pool). */
  sentAt: number;
  /** When the response (or the failure) ended. */
  endAt: number;
  /** One-line reason of a network failure. */
  error?: string;
  /** Cache status read with the client's dialect; null without one (or without a response). */
  cache: CacheStatus | null;
  /** The `Age` header in seconds; null when absent or malformed. */
  age: number | null;
}

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(', ') : v;
}

/** The version token of a response's validators, or null when it carries neither (hash the body). */
export function headerVersion(etag: string | undefined, objectVersion: string | undefined): string | null {
  if (etag !== undefined && etag !== '') return `etag:${etag.startsWith('W/') ? etag.slice(2) : etag}`;
  if (objectVersion !== undefined && objectVersion !== '') return `version:${objectVersion}`;
  return null;
}

class VersionHandler implements Dispatcher.DispatchHandler {
  private sentAt = performance.now();
  private status = 0;
  private etag: string | undefined;
  private token: string | null = null;
  private hash: Hash | null = null;
  private cache: CacheStatus | null = null;
  private age: number | null = null;

  constructor(
    private readonly done: (o: VersionObservation) => void,
    private readonly dialect: HeaderDialect | undefined,
  ) {}

  onRequestStart(): void {
    this.sentAt = performance.now();
  }

  onResponseStart(_c: Dispatcher.DispatchController, status: number, headers: IncomingHttpHeaders): void {
    this.status = status;
    this.etag = one(headers.etag);
    this.token = headerVersion(this.etag, one(headers[VERSION_HEADER]));
    this.cache = this.dialect === undefined ? null : this.dialect.classify(headerGetter(headers)).cache;
    const age = one(headers.age);
    this.age = age !== undefined && /^\d+$/.test(age.trim()) ? Number(age.trim()) : null;
    if (this.token === null && status >= 200 && status < 300) this.hash = createHash('sha256');
  }

  onResponseData(_c: Dispatcher.DispatchController, chunk: Buffer): void {
    this.hash?.update(chunk);
  }

  onResponseEnd(): void {
    const ok = this.status >= 200 && this.status < 300;
    const version = !ok ? null : (this.token ?? `sha256:${this.hash?.digest('hex') ?? ''}`);
    this.done({ status: this.status, version, etag: this.etag, sentAt: this.sentAt, endAt: performance.now(), cache: this.cache, age: this.age });
  }

  onResponseError(_c: Dispatcher.DispatchController, err: Error): void {
    const error = err.message.split('\n')[0] ?? err.name;
    this.done({ status: 0, version: null, etag: undefined, sentAt: this.sentAt, endAt: performance.now(), error, cache: null, age: null });
  }
}

/**
 * Dials a pinned PoP's address while Host, SNI and the certificate check keep the URL's name (a Pool's
 * `connect.host` option is not honoured by undici's connector: the hostname would be resolved instead).
 */
function pinnedConnector(url: URL, address: string, timeout: number): buildConnector.connector {
  const base = buildConnector({ timeout });
  const servername = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return (opts, callback) => base({ ...opts, hostname: address, servername }, callback);
}

/** Keep-alive GET client of one PoP for probing. */
export class VersionClient {
  private readonly pool: Pool;

  /**
   * @param connections sockets to keep (the prober keeps at most one poll per (object, PoP) in flight)
   * @param timeoutMs per-request header/body/connect timeout
   * @param poll the dialect reading cache status and headers sent with every poll (the PoP's own)
   */
  constructor(
    readonly edge: Edge,
    connections: number,
    timeoutMs: number,
    private readonly poll: { dialect?: HeaderDialect; headers?: Readonly<Record<string, string>> } = {},
  ) {
    const url = new URL(edge.url);
    this.pool = new Pool(url.origin, {
      connections: Math.max(1, connections),
      pipelining: 1,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      connectTimeout: timeoutMs,
      keepAliveTimeout: 30_000,
      ...(edge.connectAddress === undefined ? {} : { connect: pinnedConnector(url, edge.connectAddress, timeoutMs) }),
    });
  }

  /** One plain GET; never rejects (a failure is an observation with status 0). */
  get(path: string): Promise<VersionObservation> {
    return new Promise<VersionObservation>((resolve) => {
      const handler = new VersionHandler(resolve, this.poll.dialect);
      try {
        this.pool.dispatch({ path, method: 'GET', headers: { ...this.poll.headers, 'user-agent': 'cdnbench-invalidation-prober' } }, handler);
      } catch (err) {
        const now = performance.now();
        resolve({ status: 0, version: null, etag: undefined, sentAt: now, endAt: now, error: err instanceof Error ? err.message : String(err), cache: null, age: null });
      }
    });
  }

  /** Closes the pool; in-flight polls end as failures. */
  async close(): Promise<void> {
    await this.pool.destroy().catch(() => undefined);
  }
}

/** At most `limit` tasks at once, the rest waiting in arrival order: polling must not become the load. */
export class PollGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`maxConcurrentPolls must be an integer >= 1 (got ${limit})`);
  }

  /** Runs `task` when a slot is free. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` only drops when nobody waits.
      if (next === undefined) this.active--;
      else next();
    }
  }
}
