/**
 * The engine's HTTP client for one PoP. Two transports behind one `get()`:
 * - HTTP/1.1 (the default): cdnbench's lean keep-alive client (http1/), because per-request recording
 *   must fit in the CPU a general-purpose client spends on building every header (see bench/engine.ts);
 * - HTTP/2, or `transport: 'undici'`: an undici Pool driven through `dispatch` with a lean handler.
 *
 * Times: `intended` is when the session meant to send (the open model's coordinated-omission anchor),
 * `sentAt` is when the request was written to a connected socket (the uncorrected "service time" anchor).
 */
import { buildConnector, Pool } from 'undici';
import type { Dispatcher } from 'undici';
import type { ExchangeCallback } from './exchange.js';
import { Http1Pool } from './http1/http1-pool.js';
import { UndiciDeadlines } from './undici-exchange.js';
import type { CrowdLane, CrowdLaneSpec } from './crowd-lane.js';
import { Http1Listeners } from './http1/http1-listeners.js';
import { RequestHead } from './http1/request-head.js';
import { H2Listeners } from './http2/h2-listeners.js';

export { classifyNetworkError, type Exchange, type ExchangeCallback } from './exchange.js';

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
  /** Whole-request deadline (load.timeout): from the send to the last body byte. */
  timeoutMs: number;
  /** Lowercase names of the response headers to keep (dialect headers plus etag). */
  wantedHeaders: ReadonlySet<string>;
  userAgent: string;
  /** Headers sent with every request (e.g. Akamai's Pragma debug headers); a step's own headers win. */
  extraHeaders?: Readonly<Record<string, string>>;
  /** Extra trusted CA certificates (PEM) for HTTPS PoPs, e.g. a staging endpoint's private CA. */
  ca?: string;
  /** HTTP/1.1 transport: cdnbench's lean client (default) or undici. HTTP/2 always uses undici. */
  transport?: 'lean' | 'undici';
}

/** The fixed headers (lowercase names) with a step's own; a name in any case replaces the fixed one. */
function withStepHeaders(base: Record<string, string>, headers: Record<string, string>): Record<string, string> {
  const out = { ...base };
  for (const name in headers) out[name.toLowerCase()] = headers[name] as string;
  return out;
}

/**
 * undici's connector resolves the origin's host name and ignores a `host` option, so PoP pinning swaps the
 * address it dials while SNI and certificate checks keep the URL's name.
 */
function undiciConnector(url: URL, connectAddress: string | undefined, ca: string | undefined, timeout: number, allowH2: boolean): buildConnector.connector {
  // A custom connector replaces the Pool's own, so the connect timeout and the h2 ALPN offer are given here.
  const base = buildConnector({ timeout, allowH2, ...(ca === undefined ? {} : { ca }) });
  if (connectAddress === undefined) return base;
  const servername = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return (opts, callback) => base({ ...opts, hostname: connectAddress, servername }, callback);
}

/** Keep-alive client of one PoP. */
export class EdgeClient {
  private readonly pool: Pool | null = null;
  private readonly deadlines: UndiciDeadlines | null = null;
  private readonly lean: Http1Pool | null = null;
  private readonly baseHeaders: Record<string, string>;

  constructor(
    readonly edge: EdgeEndpoint,
    private readonly options: EdgeClientOptions,
  ) {
    const url = new URL(edge.url);
    this.baseHeaders = withStepHeaders({ 'user-agent': options.userAgent }, options.extraHeaders ?? {});
    if (!options.http2 && options.transport !== 'undici') {
      const tls = url.protocol === 'https:';
      // URL keeps IPv6 literals in brackets; sockets want them bare.
      const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
      this.lean = new Http1Pool(
        {
          connectHost: edge.connectAddress ?? hostname,
          port: url.port === '' ? (tls ? 443 : 80) : Number(url.port),
          tls,
          servername: hostname,
          timeoutMs: options.timeoutMs,
          wantedHeaders: options.wantedHeaders,
          ...(options.ca === undefined ? {} : { ca: options.ca }),
        },
        options.connections,
        url.host,
        this.baseHeaders,
      );
      return;
    }
    this.deadlines = new UndiciDeadlines(options.timeoutMs);
    this.pool = new Pool(url.origin, {
      connections: options.connections,
      pipelining: 1,
      allowH2: options.http2,
      // The whole-request deadline (UndiciDeadlines) ends requests; undici's idle timers only back it up,
      // set later so a timeout is always reported the same way.
      headersTimeout: options.timeoutMs + 1000,
      bodyTimeout: options.timeoutMs + 1000,
      keepAliveTimeout: 30_000,
      connect: undiciConnector(url, edge.connectAddress, options.ca, options.timeoutMs, options.http2),
    });
  }

  /** Sends one GET; `done` is called exactly once, with a response or an error kind. */
  get(path: string, headers: Record<string, string> | undefined, done: ExchangeCallback): void {
    if (this.lean !== null) {
      this.lean.get(path, headers, done);
      return;
    }
    const handler = (this.deadlines as UndiciDeadlines).handler(this.options.wantedHeaders, done);
    (this.pool as Pool).dispatch(
      { path, method: 'GET', headers: headers === undefined ? this.baseHeaders : withStepHeaders(this.baseHeaders, headers) },
      handler,
    );
  }

  /** A crowd's channels to this PoP: a connection per listener (HTTP/1.1) or streams on shared connections (HTTP/2). */
  crowdLane(spec: CrowdLaneSpec): CrowdLane {
    const url = new URL(this.edge.url);
    const o = this.options;
    if (spec.protocol === 'http2') {
      return new H2Listeners(this.edge, { url, baseHeaders: this.baseHeaders, wantedHeaders: o.wantedHeaders, timeoutMs: o.timeoutMs, ...(o.ca === undefined ? {} : { ca: o.ca }) }, spec.listeners, spec.streamsPerConnection);
    }
    const tls = url.protocol === 'https:';
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const target = {
      connectHost: this.edge.connectAddress ?? hostname, port: url.port === '' ? (tls ? 443 : 80) : Number(url.port), tls, servername: hostname,
      timeoutMs: o.timeoutMs, wantedHeaders: o.wantedHeaders, readBuffer: Buffer.allocUnsafe(64 * 1024), ...(o.ca === undefined ? {} : { ca: o.ca }),
    };
    return new Http1Listeners(this.edge, new RequestHead(url.host, this.baseHeaders), target, spec.listeners, spec.sourceAddress);
  }

  /** Closes the connections; in-flight requests end with an `aborted` error sample. */
  async close(): Promise<void> {
    this.lean?.close();
    this.deadlines?.stop();
    await this.pool?.destroy().catch(() => undefined);
  }
}
