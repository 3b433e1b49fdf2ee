/**
 * The lean HTTP/1.1 client of one PoP: up to `connections` keep-alive connections, one request in flight on
 * each, a FIFO of requests waiting for one. The request head is one latin1 string written in one call.
 */
import type { ExchangeCallback } from '../exchange.js';
import type { ErrorKind } from '../../result/sample.js';
import { DeadlineSweep, sweepPeriodMs } from '../deadline-sweep.js';
import { Http1Connection, type ConnectionOwner, type Http1Target, type PendingRequest } from './http1-connection.js';

// A path or header value with a control character or space would split or smuggle requests.
const UNSAFE_PATH = /[^\x21-\x7e]/;
const UNSAFE_VALUE = /[\r\n\0]/;

/** Keep-alive connection pool speaking HTTP/1.1 over net or tls sockets. */
export class Http1Pool implements ConnectionOwner {
  private readonly idle: Http1Connection[] = [];
  private readonly open = new Set<Http1Connection>();
  private queue: PendingRequest[] = [];
  private queueHead = 0;
  private closing = false;
  private readonly target: Http1Target;
  /** Host and the client's fixed headers, as written when a request adds none of the same name. */
  private readonly base: Record<string, string>;
  private readonly baseLines: string;
  /** Ends requests past their whole-request deadline (load.timeout). */
  private readonly sweep: DeadlineSweep;

  constructor(
    target: Omit<Http1Target, 'readBuffer'>,
    private readonly connections: number,
    hostHeader: string,
    baseHeaders: Record<string, string>,
  ) {
    this.target = { ...target, readBuffer: Buffer.allocUnsafe(64 * 1024) };
    this.base = { host: hostHeader, ...lowerKeys(baseHeaders) };
    this.baseLines = ` HTTP/1.1\r\n${headerLines(this.base)}`;
    this.sweep = new DeadlineSweep(sweepPeriodMs(target.timeoutMs), (now) => {
      for (const c of this.open) c.sweep(now);
    });
  }

  /** Sends a GET; `done` is called exactly once (an unsafe path or header is an `other` error, unsent). */
  get(path: string, headers: Record<string, string> | undefined, done: ExchangeCallback): void {
    let head: string;
    try {
      if (UNSAFE_PATH.test(path)) throw new TypeError(`unsafe request path ${JSON.stringify(path)}`);
      head = `GET ${path}${headers === undefined ? this.baseLines : this.linesWith(headers)}\r\n`;
    } catch (err) {
      failNow(done, 'other', (err as Error).message);
      return;
    }
    const req: PendingRequest = { head, done, retries: 0 };
    if (this.closing) failNow(done, 'aborted', 'client closed');
    else this.dispatch(req);
  }

  release(conn: Http1Connection): void {
    if (this.closing) {
      conn.destroy();
      return;
    }
    const next = this.shift();
    if (next === undefined) this.idle.push(conn);
    else conn.send(next);
  }

  closed(conn: Http1Connection, retry: PendingRequest | null): void {
    this.open.delete(conn);
    const i = this.idle.indexOf(conn);
    if (i >= 0) this.idle.splice(i, 1);
    if (this.closing) {
      if (retry !== null) failClosed(retry);
      return;
    }
    if (retry !== null) this.dispatch(retry);
    // A lost connection frees a slot for a waiting request.
    const next = this.open.size < this.connections ? this.shift() : undefined;
    if (next !== undefined) this.connect().send(next);
  }

  /** Closes every connection; in-flight and queued requests end as `aborted`. */
  close(): void {
    this.closing = true;
    this.sweep.stop();
    for (let r = this.shift(); r !== undefined; r = this.shift()) failClosed(r);
    for (const c of [...this.open]) c.destroy();
  }

  /**
   * The header lines with a request's own headers. One of the same name as a fixed header (Host, the user
   * agent, a provider's) replaces it rather than adding a second line, which servers may answer with 400.
   */
  private linesWith(headers: Record<string, string>): string {
    for (const name in headers) {
      if (Object.hasOwn(this.base, name.toLowerCase())) return ` HTTP/1.1\r\n${headerLines({ ...this.base, ...lowerKeys(headers) })}`;
    }
    return this.baseLines + headerLines(headers);
  }

  private dispatch(req: PendingRequest): void {
    this.sweep.ensure();
    const conn = this.idle.pop();
    if (conn !== undefined) conn.send(req);
    else if (this.open.size < this.connections) this.connect().send(req);
    else this.queue.push(req);
  }

  private connect(): Http1Connection {
    const conn = new Http1Connection(this, this.target);
    this.open.add(conn);
    return conn;
  }

  private shift(): PendingRequest | undefined {
    if (this.queueHead >= this.queue.length) return undefined;
    const r = this.queue[this.queueHead++];
    // Compact now and then instead of shift()ing an array on every request.
    if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
    return r;
  }
}

function headerLines(headers: Record<string, string>): string {
  let out = '';
  for (const name in headers) {
    const value = headers[name] as string;
    if (UNSAFE_VALUE.test(value) || UNSAFE_VALUE.test(name) || name.includes(':')) throw new TypeError(`unsafe request header ${JSON.stringify(name)}`);
    out += `${name}: ${value}\r\n`;
  }
  return out;
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) out[name.toLowerCase()] = headers[name] as string;
  return out;
}

function failClosed(req: PendingRequest): void {
  failNow(req.done, 'aborted', 'client closed');
}

function failNow(done: ExchangeCallback, error: ErrorKind, errorMessage: string): void {
  const now = performance.now();
  done({ status: 0, headers: {}, bytes: 0, bodyBytes: 0, sentAt: now, firstByteAt: now, endAt: now, error, errorMessage });
}
