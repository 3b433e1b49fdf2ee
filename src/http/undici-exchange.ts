/**
 * The undici side of an exchange (HTTP/2, or HTTP/1.1 with `transport: 'undici'`): a lean dispatch handler
 * that keeps only the wanted headers and counts bytes, and the whole-request deadline (`load.timeout`,
 * send to last body byte) that undici's own headers/body timeouts do not give: a body trickling one byte
 * per second never trips an idle timeout.
 */
import type { Dispatcher } from 'undici';
import { classifyNetworkError, firstLine, type ExchangeCallback } from './exchange.js';
import { DeadlineSweep, sweepPeriodMs } from './deadline-sweep.js';

/** The requests one undici pool has in flight, and the sweep that ends those past their deadline. */
export class UndiciDeadlines {
  private readonly inFlight = new Set<ExchangeHandler>();
  private readonly sweep: DeadlineSweep;

  constructor(readonly timeoutMs: number) {
    this.sweep = new DeadlineSweep(sweepPeriodMs(timeoutMs), (now) => {
      for (const h of this.inFlight) h.expireIfPast(now);
    });
  }

  /** A handler for one request, tracked until it completes or fails. */
  handler(wanted: ReadonlySet<string>, done: ExchangeCallback): ExchangeHandler {
    this.sweep.ensure();
    return new ExchangeHandler(wanted, done, this);
  }

  /** Starts watching a request (called when it is written). */
  watch(h: ExchangeHandler): void {
    this.inFlight.add(h);
  }

  /** Stops watching a request (it ended). */
  forget(h: ExchangeHandler): void {
    this.inFlight.delete(h);
  }

  /** Stops the sweep (the pool is closing). */
  stop(): void {
    this.sweep.stop();
  }
}

/** Dispatch handler of one GET: `done` is called exactly once. */
export class ExchangeHandler implements Dispatcher.DispatchHandler {
  private status = 0;
  private headers: Record<string, string> = {};
  private bytes = 0;
  private bodyBytes = 0;
  private sentAt: number;
  private firstByteAt = 0;
  private deadline = Number.POSITIVE_INFINITY;
  private abort: ((reason?: Error) => void) | null = null;
  private timedOut = false;

  constructor(
    private readonly wanted: ReadonlySet<string>,
    private readonly done: ExchangeCallback,
    private readonly deadlines: UndiciDeadlines,
  ) {
    this.sentAt = performance.now();
  }

  /** Aborts the request (undici destroys an HTTP/1.1 socket, resets an HTTP/2 stream) when past its deadline. */
  expireIfPast(now: number): void {
    if (now < this.deadline || this.abort === null || this.timedOut) return;
    this.timedOut = true;
    this.abort(new Error(`no complete response within ${this.deadlines.timeoutMs} ms`));
  }

  onConnect(abort: (reason?: Error) => void): void {
    this.sentAt = performance.now();
    this.deadline = this.sentAt + this.deadlines.timeoutMs;
    this.abort = abort;
    this.deadlines.watch(this);
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
    this.deadlines.forget(this);
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
    this.deadlines.forget(this);
    const endAt = performance.now();
    this.done({
      status: 0,
      headers: this.headers,
      bytes: this.bytes + this.bodyBytes,
      bodyBytes: this.bodyBytes,
      sentAt: this.sentAt,
      firstByteAt: this.firstByteAt || endAt,
      endAt,
      error: this.timedOut ? 'timeout' : classifyNetworkError(err),
      errorMessage: this.timedOut ? `no complete response within ${this.deadlines.timeoutMs} ms` : firstLine(err),
    });
  }
}
