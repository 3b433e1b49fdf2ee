/**
 * A crowd's HTTP/1.1 side of one PoP: one connection per listener (a real crowd is many clients), opened
 * before the window (warm) or at the listener's first request (cold). A listener's later requests reuse
 * its own connection, one at a time, like a player's keep-alive connection.
 *
 * Memory: a channel holds its connection and, only while it has requests queued behind one in flight,
 * a small array; reads land in the lane's one shared buffer (Http1Target.readBuffer), so an idle
 * listener costs its socket plus two small objects (docs/benchmarks.md "bench:crowd").
 */
import type { CrowdChannel, CrowdLane } from '../crowd-lane.js';
import { DeadlineSweep, sweepPeriodMs } from '../deadline-sweep.js';
import type { EdgeEndpoint } from '../edge-client.js';
import { failNow, type ExchangeCallback } from '../exchange.js';
import { Http1Connection, type ConnectionOwner, type Http1Target, type PendingRequest } from './http1-connection.js';
import type { RequestHead } from './request-head.js';

/** The channels of one PoP over HTTP/1.1. */
export class Http1Listeners implements CrowdLane {
  readonly channels: ListenerChannel[];
  /** Connections open now, for the deadline sweep and close(). */
  readonly open = new Set<Http1Connection>();
  private readonly sweep: DeadlineSweep;
  closing = false;

  constructor(
    readonly edge: EdgeEndpoint,
    readonly head: RequestHead,
    target: Http1Target,
    count: number,
    sourceAddress: (k: number) => string | undefined,
  ) {
    // One target per source address, all sharing the lane's read buffer.
    const targets = new Map<string | undefined, Http1Target>();
    this.channels = [];
    for (let k = 0; k < count; k++) {
      const local = sourceAddress(k);
      let t = targets.get(local);
      if (t === undefined) {
        t = local === undefined ? target : { ...target, localAddress: local };
        targets.set(local, t);
      }
      this.channels.push(new ListenerChannel(this, t));
    }
    this.sweep = new DeadlineSweep(sweepPeriodMs(target.timeoutMs), (now) => {
      for (const c of this.open) c.sweep(now);
    });
  }

  get connections(): number {
    return this.channels.length;
  }

  /** Starts the deadline sweep (lazily, at the first request). */
  ensureSweep(): void {
    this.sweep.ensure();
  }

  close(): void {
    this.closing = true;
    this.sweep.stop();
    for (const ch of this.channels) ch.shut();
  }
}

/** One listener's connection. */
class ListenerChannel implements CrowdChannel, ConnectionOwner {
  private conn: Http1Connection | null = null;
  private busy = false;
  private queued: PendingRequest[] | null = null;
  private onWarm: ((err: Error | null) => void) | null = null;

  constructor(
    private readonly lane: Http1Listeners,
    private readonly target: Http1Target,
  ) {}

  get edge(): EdgeEndpoint {
    return this.lane.edge;
  }

  warm(): Promise<Error | null> {
    if (this.conn !== null) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.onWarm = resolve;
      this.open();
    });
  }

  get(path: string, headers: Record<string, string> | undefined, done: ExchangeCallback): void {
    let head: string;
    try {
      head = this.lane.head.get(path, headers);
    } catch (err) {
      failNow(done, 'other', (err as Error).message);
      return;
    }
    if (this.lane.closing) {
      failNow(done, 'aborted', 'client closed');
      return;
    }
    this.lane.ensureSweep();
    this.dispatch({ head, done, retries: 0 });
  }

  close(): Promise<void> {
    this.shut();
    return Promise.resolve();
  }

  /** Destroys the connection; queued requests end as `aborted`. */
  shut(): void {
    const q = this.queued;
    this.queued = null;
    for (const r of q ?? []) failNow(r.done, 'aborted', 'client closed');
    this.conn?.destroy();
  }

  connected(): void {
    const w = this.onWarm;
    this.onWarm = null;
    w?.(null);
  }

  release(conn: Http1Connection): void {
    if (this.lane.closing) {
      conn.destroy();
      return;
    }
    const next = this.queued?.shift();
    if (next === undefined) this.busy = false;
    else conn.send(next);
  }

  closed(conn: Http1Connection, retry: PendingRequest | null): void {
    this.lane.open.delete(conn);
    if (this.conn === conn) this.conn = null;
    this.busy = false;
    const w = this.onWarm;
    this.onWarm = null;
    w?.(conn.error ?? new Error('connection closed before it was established'));
    if (this.lane.closing) {
      if (retry !== null) failNow(retry.done, 'aborted', 'client closed');
      return;
    }
    if (retry !== null) this.dispatch(retry);
    else {
      const next = this.queued?.shift();
      if (next !== undefined) this.dispatch(next);
    }
  }

  private dispatch(req: PendingRequest): void {
    if (this.busy) {
      (this.queued ??= []).push(req);
      return;
    }
    this.busy = true;
    (this.conn ?? this.open()).send(req);
  }

  private open(): Http1Connection {
    const conn = new Http1Connection(this, this.target);
    this.conn = conn;
    this.lane.open.add(conn);
    return conn;
  }
}

