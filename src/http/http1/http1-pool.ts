/**
 * The lean HTTP/1.1 client of one PoP: up to `connections` keep-alive connections, one request in flight on
 * each, a FIFO of requests waiting for one. The request head is one latin1 string written in one call.
 */
import { failNow, type ExchangeCallback } from '../exchange.js';
import { DeadlineSweep, sweepPeriodMs } from '../deadline-sweep.js';
import { Http1Connection, type ConnectionOwner, type Http1Target, type PendingRequest } from './http1-connection.js';
import { RequestHead } from './request-head.js';

/** Keep-alive connection pool speaking HTTP/1.1 over net or tls sockets. */
export class Http1Pool implements ConnectionOwner {
  private readonly idle: Http1Connection[] = [];
  private readonly open = new Set<Http1Connection>();
  private queue: PendingRequest[] = [];
  private queueHead = 0;
  private closing = false;
  private readonly target: Http1Target;
  private readonly head: RequestHead;
  /** Ends requests past their whole-request deadline (load.timeout). */
  private readonly sweep: DeadlineSweep;

  constructor(
    target: Omit<Http1Target, 'readBuffer'>,
    private readonly connections: number,
    hostHeader: string,
    baseHeaders: Record<string, string>,
  ) {
    this.target = { ...target, readBuffer: Buffer.allocUnsafe(64 * 1024) };
    this.head = new RequestHead(hostHeader, baseHeaders);
    this.sweep = new DeadlineSweep(sweepPeriodMs(target.timeoutMs), (now) => {
      for (const c of this.open) c.sweep(now);
    });
  }

  /** Sends a GET; `done` is called exactly once (an unsafe path or header is an `other` error, unsent). */
  get(path: string, headers: Record<string, string> | undefined, done: ExchangeCallback): void {
    let head: string;
    try {
      head = this.head.get(path, headers);
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

function failClosed(req: PendingRequest): void {
  failNow(req.done, 'aborted', 'client closed');
}

