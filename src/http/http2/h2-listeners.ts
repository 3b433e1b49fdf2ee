/**
 * A crowd's HTTP/2 side of one PoP: listeners share connections, `streamsPerConnection` each, as apps do.
 * node:http2 rather than undici's Pool: a crowd needs to open its connections before the window and to
 * know which listener rides which connection, and undici's pool opens connections only on demand.
 * Plain http:// URLs speak HTTP/2 with prior knowledge (h2c); https:// negotiates h2 by ALPN.
 */
import { connect, constants, type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders } from 'node:http2';
import type { ErrorKind } from '../../result/sample.js';
import type { CrowdChannel, CrowdLane } from '../crowd-lane.js';
import { DeadlineSweep, sweepPeriodMs } from '../deadline-sweep.js';
import type { EdgeEndpoint } from '../edge-client.js';
import { classifyNetworkError, failNow, firstLine, type ExchangeCallback } from '../exchange.js';

/** What every connection of the lane shares. */
export interface H2LaneOptions {
  url: URL;
  /** Fixed request headers (lowercase names); a request's own replace them. */
  baseHeaders: Record<string, string>;
  wantedHeaders: ReadonlySet<string>;
  timeoutMs: number;
  ca?: string;
}

/** One in-flight stream, watched by the lane's deadline sweep. */
interface InFlight {
  deadline: number;
  expire(): void;
}

/** The channels of one PoP over HTTP/2. */
export class H2Listeners implements CrowdLane {
  readonly channels: H2Channel[] = [];
  readonly connections: number;
  private readonly sessions: (ClientHttp2Session | null)[];
  private readonly ready: (Promise<Error | null> | null)[];
  readonly inFlight = new Set<InFlight>();
  private readonly sweep: DeadlineSweep;
  closing = false;

  constructor(
    readonly edge: EdgeEndpoint,
    readonly options: H2LaneOptions,
    listeners: number,
    streamsPerConnection: number,
  ) {
    this.connections = Math.ceil(listeners / streamsPerConnection);
    this.sessions = new Array<ClientHttp2Session | null>(this.connections).fill(null);
    this.ready = new Array<Promise<Error | null> | null>(this.connections).fill(null);
    // Round-robin, so listeners released one after the other land on different connections.
    for (let k = 0; k < listeners; k++) this.channels.push(new H2Channel(this, k % this.connections));
    this.sweep = new DeadlineSweep(sweepPeriodMs(options.timeoutMs), (now) => {
      for (const f of this.inFlight) if (now >= f.deadline) f.expire();
    });
  }

  /** The connection `i`, opened on first use; resolves null once established, else the error. */
  session(i: number): { session: ClientHttp2Session; ready: Promise<Error | null> } {
    let s = this.sessions[i] ?? null;
    let ready = this.ready[i] ?? null;
    if (s === null || ready === null || s.destroyed || s.closed) {
      const { url, ca, edge } = { url: this.options.url, ca: this.options.ca, edge: this.edge };
      const host = edge.connectAddress;
      const opened = connect(url, {
        ...(ca === undefined ? {} : { ca }),
        ...(host === undefined ? {} : { host, servername: url.hostname.replace(/^\[(.*)\]$/, '$1') }),
        // The server's stream limit rules; this only lifts node's own default cap.
        peerMaxConcurrentStreams: 1000,
      });
      const session = opened;
      ready = new Promise<Error | null>((resolve) => {
        session.once('connect', () => resolve(null));
        session.once('error', (err: Error) => resolve(err));
        session.once('close', () => resolve(new Error('connection closed before it was established')));
      });
      session.on('error', () => undefined);
      s = session;
      this.sessions[i] = s;
      this.ready[i] = ready;
    }
    return { session: s, ready };
  }

  /** Starts the deadline sweep (lazily, at the first request). */
  ensureSweep(): void {
    this.sweep.ensure();
  }

  close(): void {
    this.closing = true;
    this.sweep.stop();
    for (const f of [...this.inFlight]) f.expire();
    for (const s of this.sessions) s?.destroy();
  }
}

/** One listener's stream slot on a shared connection. */
class H2Channel implements CrowdChannel {
  constructor(
    private readonly lane: H2Listeners,
    private readonly index: number,
  ) {}

  get edge(): EdgeEndpoint {
    return this.lane.edge;
  }

  warm(): Promise<Error | null> {
    return this.lane.session(this.index).ready;
  }

  get(path: string, headers: Record<string, string> | undefined, done: ExchangeCallback): void {
    const lane = this.lane;
    if (lane.closing) {
      failNow(done, 'aborted', 'client closed');
      return;
    }
    lane.ensureSweep();
    const { session } = lane.session(this.index);
    const sentAt = performance.now();
    const o = lane.options;
    let stream: ClientHttp2Stream;
    try {
      const own: Record<string, string> = {};
      for (const name in headers) own[name.toLowerCase()] = headers[name] as string;
      stream = session.request({ ...o.baseHeaders, ...own, ':method': 'GET', ':path': path }, { endStream: true });
    } catch (err) {
      failNow(done, classifyNetworkError(err), err instanceof Error ? firstLine(err) : 'request failed');
      return;
    }
    const st = { status: 0, headers: {} as Record<string, string>, headBytes: 0, bodyBytes: 0, firstByteAt: 0, ended: false };
    const finish = (error?: ErrorKind, message?: string): void => {
      if (st.ended) return;
      st.ended = true;
      lane.inFlight.delete(watch);
      const endAt = performance.now();
      done({
        status: error === undefined || st.firstByteAt > 0 ? st.status : 0, headers: st.headers, bytes: st.headBytes + st.bodyBytes, bodyBytes: st.bodyBytes,
        sentAt, firstByteAt: st.firstByteAt || endAt, endAt,
        ...(error === undefined ? {} : { error, errorMessage: message ?? error }),
      });
    };
    const watch: InFlight = {
      deadline: sentAt + o.timeoutMs,
      expire: () => {
        finish(lane.closing ? 'aborted' : 'timeout', lane.closing ? 'client closed' : `no complete response within ${o.timeoutMs} ms`);
        stream.close(constants.NGHTTP2_CANCEL);
      },
    };
    lane.inFlight.add(watch);
    stream.on('response', (h: IncomingHttpHeaders) => {
      st.firstByteAt = performance.now();
      st.status = Number(h[':status'] ?? 0);
      let bytes = 0;
      for (const name in h) {
        const v = h[name];
        const value = Array.isArray(v) ? v.join(', ') : String(v ?? '');
        bytes += name.length + value.length + 4;
        if (o.wantedHeaders.has(name)) st.headers[name] = value;
      }
      st.headBytes = bytes;
    });
    stream.on('data', (chunk: Buffer) => (st.bodyBytes += chunk.length));
    stream.on('end', () => finish());
    stream.on('error', (err: Error) => finish(classifyNetworkError(err), firstLine(err)));
    stream.on('close', () => finish('reset', 'stream closed before the response ended'));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

