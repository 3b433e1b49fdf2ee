/**
 * Turns what one autocannon connection reports (the `request`, `headers`, `response`, `connError` and
 * `timeout` events of its client) into our Samples. autocannon keeps one request in flight per
 * connection (pipelining 1), so a connection is a tiny state machine: sent → headers → done, or failed.
 * Times are our own performance.now() readings, not autocannon's, so latency, TTFB and service time
 * mean the same as in the built-in closed model (issued → last byte).
 */
import type { HeaderDialect } from '../dialects/dialect.js';
import type { ErrorKind, Sample, SampleSink } from '../result/sample.js';
import type { CursorRequest } from './session-cursor.js';
import { classifyNetworkError } from '../http/edge-client.js';

/** What the exchange tracker needs from the run. */
export interface ExchangeContext {
  providerId: string;
  /** PoP id used when the response names none. */
  edgeId: string;
  dialect: HeaderDialect;
  /** Lowercase header names worth keeping (the dialect's and etag). */
  wanted: ReadonlySet<string>;
  sink: SampleSink;
  perfZero: number;
  wallZero: number;
  onNetworkError(message: string): void;
}

/** The parser info autocannon passes with its `headers` event (http-parser-js: raw name/value list). */
interface ParserInfo {
  statusCode: number;
  statusMessage?: string;
  headers: string[];
}

/** A request on the wire: which, and when it was sent and answered. */
interface InFlight {
  readonly request: CursorRequest | null;
  readonly sentAt: number;
  readonly firstByteAt: number;
}

function isParserInfo(v: unknown): v is ParserInfo {
  return typeof v === 'object' && v !== null && typeof (v as ParserInfo).statusCode === 'number' && Array.isArray((v as ParserInfo).headers);
}

/** The in-flight exchange of one autocannon connection. */
export class ConnectionExchange {
  /** The request autocannon is about to send or has sent (set by setupRequest). */
  request: CursorRequest | null = null;
  private pending = false;
  private sentAt = 0;
  private firstByteAt = 0;
  private headers: Record<string, string> = {};
  private headerBytes = 0;
  private contentLength = -1;
  private timedOut = false;

  constructor(private readonly ctx: ExchangeContext) {}

  /**
   * autocannon wrote a request. One still pending here was abandoned by a reconnect: after a timeout
   * (autocannon emits `timeout` right after the new request) or a connection the server closed.
   */
  sent(now: number): void {
    if (this.pending && this.request !== null) {
      const lost = this.inFlight();
      queueMicrotask(() => {
        const kind = this.timedOut ? 'timeout' : 'reset';
        this.timedOut = false;
        this.record(this.failure(lost, kind), kind === 'timeout' ? 'request timed out' : 'connection closed with a request in flight');
      });
    }
    this.pending = true;
    this.sentAt = now;
    this.firstByteAt = now;
    this.headers = {};
    this.headerBytes = 0;
    this.contentLength = -1;
  }

  /** The response head arrived. */
  head(info: unknown, now: number): void {
    this.firstByteAt = now;
    if (!isParserInfo(info)) return;
    let bytes = `HTTP/1.1 ${info.statusCode} ${info.statusMessage ?? ''}\r\n`.length + 2;
    const raw = info.headers;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = String(raw[i]).toLowerCase();
      const value = String(raw[i + 1]);
      bytes += name.length + value.length + 4;
      if (name === 'content-length') this.contentLength = Number(value);
      if (this.ctx.wanted.has(name)) this.headers[name] = name in this.headers ? `${this.headers[name] ?? ''}, ${value}` : value;
    }
    this.headerBytes = bytes;
  }

  /** The response completed; `wireBytes` is what autocannon counted on the socket for it. */
  done(status: number, wireBytes: number, now: number): void {
    if (!this.pending || this.request === null) return;
    this.pending = false;
    const bodyBytes = Number.isSafeInteger(this.contentLength) && this.contentLength >= 0 ? this.contentLength : Math.max(0, wireBytes - this.headerBytes);
    const headers = this.headers;
    const cls = this.ctx.dialect.classify((name) => headers[name]);
    const sample = this.base(status, now);
    sample.cache = cls.cache;
    if (cls.pop !== undefined) sample.pop = cls.pop;
    sample.bytes = wireBytes;
    sample.bodyBytes = bodyBytes;
    if (cls.collapsed === true) sample.collapsed = true;
    const etag = headers.etag;
    if (etag !== undefined) sample.etag = etag;
    this.ctx.sink.add(sample);
  }

  /** autocannon gave up on the request in flight (its timeout); the abandoned request is recorded by sent(). */
  timeout(): void {
    this.timedOut = true;
  }

  /** The connection failed while a request was in flight. */
  connectionError(err: unknown): void {
    if (!this.pending || this.request === null) return;
    this.pending = false;
    const message = err instanceof Error ? err.message : String(err);
    this.record(this.failure(this.inFlight(), classifyNetworkError(err)), message);
  }

  private failure(x: InFlight, kind: ErrorKind): Sample {
    const sample = this.sample(x, 0, performance.now());
    sample.error = kind;
    return sample;
  }

  private record(sample: Sample, message: string): void {
    this.ctx.sink.add(sample);
    this.ctx.onNetworkError(message);
  }

  private base(status: number, end: number): Sample {
    return this.sample(this.inFlight(), status, end);
  }

  private inFlight(): InFlight {
    return { request: this.request, sentAt: this.sentAt, firstByteAt: this.firstByteAt };
  }

  private sample(x: InFlight, status: number, end: number): Sample {
    const req = x.request as CursorRequest;
    const total = Math.max(0, Math.round((end - x.sentAt) * 1000));
    return {
      provider: this.ctx.providerId,
      pop: this.ctx.edgeId,
      objectClass: req.op.objectClass,
      path: req.path,
      status,
      cache: 'UNKNOWN',
      bytes: 0,
      bodyBytes: 0,
      ttfbUs: Math.max(0, Math.round((x.firstByteAt - x.sentAt) * 1000)),
      totalUs: total,
      serviceUs: total,
      startedAt: this.ctx.wallZero + (x.sentAt - this.ctx.perfZero),
    };
  }
}
