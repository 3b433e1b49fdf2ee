/**
 * The engine's HTTP client for one PoP: an undici Pool (keep-alive, HTTP/1.1 or h2) driven through
 * `dispatch` with a lean handler, because per-request recording must cost less than autocannon's own.
 *
 * Times: `intended` is when the session meant to send (the open model's coordinated-omission anchor),
 * `onConnect` is when undici writes to the socket (the uncorrected "service time" anchor).
 */
import { Pool } from 'undici';
import type { Dispatcher } from 'undici';
import type { ErrorKind } from '../metrics/sample.js';

/** Where one PoP is reached. */
export interface EdgeEndpoint {
  /** PoP id reported in samples. */
  id: string;
  /** Origin URL of the PoP, e.g. http://127.0.0.1:8081. */
  url: string;
  /** Connect to this address instead of resolving the URL's host (PoP pinning); Host/SNI stay the URL's. */
  connectAddress?: string;
}

/** Options shared by every PoP client of a run. */
export interface EdgeClientOptions {
  connections: number;
  http2: boolean;
  timeoutMs: number;
  /** Lowercase names of the response headers to keep (dialect headers plus etag). */
  wantedHeaders: ReadonlySet<string>;
  userAgent: string;
}

/** What one exchange produced; times are performance.now() milliseconds. */
export interface Exchange {
  status: number;
  headers: Record<string, string>;
  /** Header + status-line bytes plus body bytes. */
  bytes: number;
  bodyBytes: number;
  sentAt: number;
  firstByteAt: number;
  endAt: number;
  error?: ErrorKind;
  errorMessage?: string;
}

/** Callback receiving a finished exchange. */
export type ExchangeCallback = (ex: Exchange) => void;

const ERROR_KIND_BY_CODE: Record<string, ErrorKind> = {
  ECONNREFUSED: 'connect',
  ENOTFOUND: 'connect',
  EHOSTUNREACH: 'connect',
  ENETUNREACH: 'connect',
  EADDRNOTAVAIL: 'connect',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  UND_ERR_ABORTED: 'aborted',
  UND_ERR_DESTROYED: 'aborted',
  ABORT_ERR: 'aborted',
};

/** Maps a thrown network error to an error kind. */
export function classifyNetworkError(err: unknown): ErrorKind {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (typeof code === 'string') {
    const kind = ERROR_KIND_BY_CODE[code];
    if (kind !== undefined) return kind;
    if (code.startsWith('HPE_') || code === 'UND_ERR_INFO' || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') return 'protocol';
  }
  if (err instanceof Error && err.name === 'AbortError') return 'aborted';
  return 'other';
}

class ExchangeHandler implements Dispatcher.DispatchHandler {
  private status = 0;
  private headers: Record<string, string> = {};
  private bytes = 0;
  private bodyBytes = 0;
  private sentAt: number;
  private firstByteAt = 0;

  constructor(
    private readonly wanted: ReadonlySet<string>,
    private readonly done: ExchangeCallback,
  ) {
    this.sentAt = performance.now();
  }

  onConnect(): void {
    this.sentAt = performance.now();
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], _resume: () => void, statusText: string): boolean {
    this.firstByteAt = performance.now();
    this.status = statusCode;
    // Status line "HTTP/1.1 200 OK\r\n" plus the blank line that ends the headers.
    let bytes = 15 + statusText.length + 2;
    const wanted = this.wanted;
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      const k = rawHeaders[i] as Buffer;
      const v = rawHeaders[i + 1] as Buffer;
      bytes += k.length + v.length + 4;
      const name = k.toString('latin1').toLowerCase();
      if (wanted.has(name)) {
        const value = v.toString('latin1');
        const prev = this.headers[name];
        this.headers[name] = prev === undefined ? value : `${prev}, ${value}`;
      }
    }
    this.bytes = bytes;
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.bodyBytes += chunk.length;
    return true;
  }

  onComplete(): void {
    const endAt = performance.now();
    this.done({
      status: this.status,
      headers: this.headers,
      bytes: this.bytes + this.bodyBytes,
      bodyBytes: this.bodyBytes,
      sentAt: this.sentAt,
      firstByteAt: this.firstByteAt,
      endAt,
    });
  }

  onError(err: Error): void {
    const endAt = performance.now();
    this.done({
      status: 0,
      headers: this.headers,
      bytes: this.bytes + this.bodyBytes,
      bodyBytes: this.bodyBytes,
      sentAt: this.sentAt,
      firstByteAt: this.firstByteAt || endAt,
      endAt,
      error: classifyNetworkError(err),
      errorMessage: err.message.split('\n')[0] ?? err.name,
    });
  }
}

/** Keep-alive client of one PoP. */
export class EdgeClient {
  private readonly pool: Pool;
  private readonly baseHeaders: Record<string, string>;

  constructor(
    readonly edge: EdgeEndpoint,
    private readonly options: EdgeClientOptions,
  ) {
    const url = new URL(edge.url);
    this.pool = new Pool(url.origin, {
      connections: options.connections,
      pipelining: 1,
      allowH2: options.http2,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connectTimeout: options.timeoutMs,
      keepAliveTimeout: 30_000,
      ...(edge.connectAddress === undefined
        ? {}
        : { connect: { host: edge.connectAddress, servername: url.hostname } }),
    });
    this.baseHeaders = { 'user-agent': options.userAgent };
  }

  /** Sends one GET; `done` is called exactly once, with a response or an error kind. */
  get(path: string, headers: Record<string, string> | undefined, done: ExchangeCallback): void {
    const handler = new ExchangeHandler(this.options.wantedHeaders, done);
    this.pool.dispatch(
      { path, method: 'GET', headers: headers === undefined ? this.baseHeaders : { ...this.baseHeaders, ...headers } },
      handler,
    );
  }

  /** Closes the pool; in-flight requests end with an `aborted` error sample. */
  async close(): Promise<void> {
    await this.pool.destroy().catch(() => undefined);
  }
}
