/**
 * One keep-alive HTTP/1.1 connection of the lean client: a net (or tls) socket, one request in flight at
 * a time, the response framed by ResponseParser. Times are taken at the socket events themselves: sent at
 * the write (or at connect, for the first request of a new connection), first byte at the first read.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { classifyNetworkError, firstLine, type Exchange, type ExchangeCallback } from '../exchange.js';
import type { ErrorKind } from '../../result/sample.js';
import { ResponseParser, type ResponseEvents } from './response-parser.js';

/** Where and how a connection connects. */
export interface Http1Target {
  /** Address to connect to (the URL's host, or a pinned edge IP). */
  connectHost: string;
  port: number;
  tls: boolean;
  /** TLS SNI and certificate name: the URL's host name. */
  servername: string;
  /** Extra trusted CA certificates (PEM). */
  ca?: string;
  /** Read buffer shared by the pool's plain-TCP connections (reads are consumed synchronously). */
  readBuffer: Buffer;
  /** Whole-request deadline: from the send (connect included) to the last body byte. */
  timeoutMs: number;
  wantedHeaders: ReadonlySet<string>;
  /** Source address to bind (a crowd spreads loopback connections over 127.0.0.x for more ephemeral ports). */
  localAddress?: string;
}

/** A request waiting for, or on, a connection. */
export interface PendingRequest {
  head: string;
  done: ExchangeCallback;
  /** Times sent on a reused connection that closed before answering (retried once, like browsers do). */
  retries: number;
}

/** What a connection tells its pool. */
export interface ConnectionOwner {
  /** The connection finished a response and can take the next request. */
  release(conn: Http1Connection): void;
  /** The connection is gone; `retry` is a request to send again on another connection. */
  closed(conn: Http1Connection, retry: PendingRequest | null): void;
  /** The connection is established (TLS handshake done); a crowd's warm connect waits for it. */
  connected?(conn: Http1Connection): void;
}

/** One socket and its in-flight request. */
export class Http1Connection implements ResponseEvents {
  private readonly socket: Socket;
  private readonly parser: ResponseParser;
  private current: PendingRequest | null = null;
  private reused = false;
  private gotBytes = false;
  private connected = false;
  private sentAt = 0;
  private firstByteAt = 0;
  private status = 0;
  private headers: Record<string, string> = {};
  private headBytes = 0;
  private finished: { exchange: Exchange; keepAlive: boolean } | null = null;
  private socketError: Error | null = null;
  private timedOut = false;
  private gone = false;
  /** performance.now() by which the request in flight must have ended (the pool's sweep enforces it). */
  private deadline = Number.POSITIVE_INFINITY;
  private readonly timeoutMs: number;

  constructor(
    private readonly owner: ConnectionOwner,
    target: Http1Target,
  ) {
    this.timeoutMs = target.timeoutMs;
    this.parser = new ResponseParser(target.wantedHeaders, this);
    const opts = { host: target.connectHost, port: target.port, ...(target.localAddress === undefined ? {} : { localAddress: target.localAddress }) };
    if (target.tls) {
      this.socket = tlsConnect({
        ...opts,
        servername: target.servername,
        ALPNProtocols: ['http/1.1'],
        ...(target.ca === undefined ? {} : { ca: target.ca }),
      });
      this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    } else {
      // `onread` hands each read to us in a reused buffer, skipping the stream machinery and a Buffer
      // allocation per response; the parser copies the little it keeps across reads.
      const buffer = target.readBuffer;
      this.socket = netConnect({ ...opts, onread: { buffer, callback: (n: number, buf: Uint8Array) => this.onRead(n, buf) } });
    }
    this.socket.setNoDelay(true);
    this.socket.once(target.tls ? 'secureConnect' : 'connect', () => {
      this.connected = true;
      if (this.current !== null) this.sentAt = performance.now();
      this.owner.connected?.(this);
    });
    this.socket.on('error', (err: Error) => (this.socketError = err));
    this.socket.on('close', () => this.onClose());
  }

  /** The socket's error, once it had one (why a connect failed). */
  get error(): Error | null {
    return this.socketError;
  }

  /** Writes a request; the connection must be idle. */
  send(req: PendingRequest): void {
    this.current = req;
    this.gotBytes = false;
    this.finished = null;
    this.status = 0;
    this.headers = {};
    this.headBytes = 0;
    this.parser.reset();
    this.sentAt = performance.now();
    this.deadline = this.sentAt + this.timeoutMs;
    this.socket.write(req.head, 'latin1');
  }

  /**
   * Called by the pool's sweep timer: a request past its deadline ends as a `timeout` and the connection is
   * destroyed (its framing is lost). A trickling or endless body cannot outlive the deadline this way,
   * which an idle timeout (socket.setTimeout) would never catch.
   */
  sweep(now: number): void {
    if (this.current === null || now < this.deadline) return;
    this.timedOut = true;
    this.fail('timeout', `no complete response within ${this.timeoutMs} ms`);
    this.socket.destroy();
  }

  /** Closes the socket; an in-flight request ends as `aborted`. */
  destroy(): void {
    if (this.current !== null) this.fail('aborted', 'connection closed by cdnbench');
    this.socket.destroy();
  }

  onHead(status: number, _reason: string, headers: Record<string, string>, headBytes: number): void {
    this.status = status;
    this.headers = headers;
    this.headBytes = headBytes;
  }

  onComplete(bodyBytes: number, framingBytes: number, keepAlive: boolean): void {
    this.finished = {
      exchange: {
        status: this.status,
        headers: this.headers,
        bytes: this.headBytes + bodyBytes + framingBytes,
        bodyBytes,
        sentAt: this.sentAt,
        firstByteAt: this.firstByteAt,
        endAt: performance.now(),
      },
      keepAlive,
    };
  }

  private onRead(n: number, buf: Uint8Array): boolean {
    this.onData(Buffer.from(buf.buffer, buf.byteOffset, n));
    return true;
  }

  private onData(chunk: Buffer): void {
    if (this.current === null) {
      // Bytes nobody asked for: the connection's framing can no longer be trusted.
      this.socket.destroy();
      return;
    }
    if (!this.gotBytes) {
      this.gotBytes = true;
      this.firstByteAt = performance.now();
    }
    try {
      this.parser.feed(chunk);
    } catch (err) {
      this.fail('protocol', err instanceof Error ? firstLine(err) : 'malformed response');
      this.socket.destroy();
      return;
    }
    // Finished responses are handed over only after feed() returns, so the next request's reset() cannot
    // run inside the parser's loop.
    const f = this.finished;
    if (f === null) return;
    const req = this.current;
    this.current = null;
    this.finished = null;
    this.reused = true;
    if (f.keepAlive) this.owner.release(this);
    else this.socket.destroy();
    req.done(f.exchange);
  }

  private onClose(): void {
    if (this.gone) return;
    this.gone = true;
    let retry: PendingRequest | null = null;
    const req = this.current;
    if (req !== null) {
      if (this.parser.end() && this.finished !== null) {
        // A body that ran until close is complete now.
        const f = this.finished;
        this.current = null;
        this.finished = null;
        req.done(f.exchange);
      } else if (this.reused && !this.gotBytes && !this.timedOut && req.retries === 0) {
        // The server closed an idle keep-alive connection as we reused it: nothing was processed, so the
        // GET is sent again on a fresh connection rather than reported as the server's failure.
        this.current = null;
        req.retries++;
        retry = req;
      } else {
        const err = this.socketError;
        this.fail(err === null ? 'reset' : classifyNetworkError(err), err === null ? 'connection closed before the response ended' : firstLine(err));
      }
    }
    this.owner.closed(this, retry);
  }

  private fail(kind: ErrorKind, message: string): void {
    const req = this.current;
    if (req === null) return;
    this.current = null;
    const now = performance.now();
    req.done({
      status: this.gotBytes ? this.status : 0,
      headers: this.headers,
      bytes: this.headBytes,
      bodyBytes: 0,
      sentAt: this.sentAt,
      firstByteAt: this.gotBytes ? this.firstByteAt : now,
      endAt: now,
      error: kind,
      errorMessage: message,
    });
  }
}
