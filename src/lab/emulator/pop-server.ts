/**
 * One cache node on its own loopback port: a PoP (or the shield) serving HTTP from its CacheNode, with
 * the PoP's injected latency before every response's headers and a `pop-down` fault that resets sockets.
 *
 * Hot path (fresh HIT, no Range, no client conditional): one store lookup, the entry's precomputed
 * header list, `writeHead` + `end`; with a zero-latency profile no timer and no promise is involved.
 * A GET with a Range header whose whole object is not stored goes to the slice path (sliced-range.ts)
 * when the profile slices; everything else to the node's whole-object path.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { isFresh } from './cache-entry.js';
import type { CacheNode, Delivery, Outcome } from './cache-node.js';
import { buildReply, buildSlicedReply, type Reply } from './build-reply.js';
import { type DelaySource, runAfter } from './latency.js';
import type { HeaderWriter } from './response-headers.js';
import { answerRange } from './sliced-range.js';

/** Request counters of one node (GET /__cdnbench/stats). */
export interface PopCounters {
  requests: number;
  /** Answered from the cache without waiting for the upstream (HIT, stale served). */
  hits: number;
  /** Answered after an upstream exchange (MISS, EXPIRED, REVALIDATED, uncacheable, pass, error). */
  misses: number;
  /** Body bytes written. */
  bytesOut: number;
  /** Responses per outcome. */
  outcomes: Partial<Record<Outcome, number>>;
}

const FROM_CACHE: ReadonlySet<Outcome> = new Set<Outcome>(['hit', 'updating', 'stale-error']);

/** One node's HTTP server. */
export class PopServer {
  readonly counters: PopCounters = { requests: 0, hits: 0, misses: 0, bytesOut: 0, outcomes: {} };
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private downUntil = 0;
  private readonly boundary: string;

  constructor(
    readonly id: string,
    readonly node: CacheNode,
    private readonly writer: HeaderWriter,
    private readonly delay: DelaySource,
  ) {
    this.boundary = `cdnbench-byteranges-${id}`;
    this.server = createServer({ keepAliveTimeout: 30_000, noDelay: true }, (req, res) => this.onRequest(req, res));
    this.server.on('connection', (s: Socket) => {
      if (this.isDown()) return void s.resetAndDestroy();
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
    });
  }

  /** Starts listening on `host`, an ephemeral port; resolves to the base URL. */
  async listen(host: string): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, host, () => resolve());
    });
    const addr = this.server.address();
    if (addr === null || typeof addr === 'string') throw new Error(`PoP ${this.id}: no TCP address`);
    const h = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    return `http://${h}:${addr.port}`;
  }

  /** Takes the PoP down for `durationMs`: open connections are reset now, new ones as they arrive. */
  setDown(durationMs: number): void {
    this.downUntil = Date.now() + durationMs;
    for (const s of this.sockets) s.resetAndDestroy();
    this.sockets.clear();
  }

  /** Ends a pop-down fault early. */
  clearFault(): void {
    this.downUntil = 0;
  }

  private isDown(): boolean {
    if (this.downUntil === 0) return false;
    if (Date.now() < this.downUntil) return true;
    this.downUntil = 0;
    return false;
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    if (this.isDown()) return void req.socket.resetAndDestroy();
    this.counters.requests++;
    const since = this.delay.zero ? 0 : performance.now();
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return void this.pass(req, res, method, since);
    const url = req.url ?? '/';
    const h = req.headers;
    const found = this.node.store.lookup(url, h);
    if (found !== undefined && h.range === undefined && h['if-none-match'] === undefined && h['if-modified-since'] === undefined && isFresh(found, Date.now())) {
      this.counters.hits++;
      this.counters.outcomes.hit = (this.counters.outcomes.hit ?? 0) + 1;
      this.counters.bytesOut += method === 'HEAD' ? 0 : found.body.length;
      if (this.delay.zero) return this.writeHit(res, found, method);
      return runAfter(this.delay.next(), since, () => this.writeHit(res, found, method));
    }
    if (found === undefined && h.range !== undefined && method === 'GET' && this.node.sliceBytes > 0) return this.serveRange(res, url, h);
    this.node.resolve(url, h, found).then(
      (d) => this.deliver(res, d, method, h, performance.now()),
      (err: unknown) => this.fail(res, err),
    );
  }

  private writeHit(res: ServerResponse, entry: NonNullable<Delivery['entry']>, method: string): void {
    if (res.destroyed) return;
    res.writeHead(entry.status, this.writer.hit(entry, Date.now()));
    if (method === 'HEAD') res.end();
    else res.end(entry.body);
  }

  /** A GET with a Range header whose whole object is not stored: answered from slices where possible. */
  private serveRange(res: ServerResponse, url: string, h: IncomingHttpHeaders): void {
    answerRange(this.node, url, h).then(
      (a) => {
        if (a.kind === 'whole') this.deliver(res, a.delivery, 'GET', h, performance.now());
        else this.send(res, a.delivery, (now) => buildSlicedReply(a, h, this.writer, now), performance.now());
      },
      (err: unknown) => this.fail(res, err),
    );
  }

  /** Counts and writes a resolved delivery after the PoP's delay (counted from when it was ready). */
  private deliver(res: ServerResponse, d: Delivery, method: string, h: IncomingHttpHeaders, readyAt: number): void {
    this.send(res, d, (now) => buildReply(d, method, h, this.writer, now, this.boundary), readyAt);
  }

  /** Counts `d`, then writes the reply built at the moment of writing (so Age is current). */
  private send(res: ServerResponse, d: Delivery, build: (now: number) => Reply, readyAt: number): void {
    const c = this.counters;
    if (FROM_CACHE.has(d.outcome)) c.hits++;
    else c.misses++;
    c.outcomes[d.outcome] = (c.outcomes[d.outcome] ?? 0) + 1;
    const write = (): void => {
      if (res.destroyed) return;
      const reply = build(Date.now());
      c.bytesOut += reply.body?.length ?? 0;
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    };
    if (this.delay.zero) write();
    else runAfter(this.delay.next(), readyAt, write);
  }

  private pass(req: IncomingMessage, res: ServerResponse, method: string, since: number): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.once('end', () => {
      const body = chunks.length === 0 ? undefined : Buffer.concat(chunks);
      this.node.pass(method, req.url ?? '/', req.headers, body).then(
        (d) => this.deliver(res, d, method, req.headers, since === 0 ? 0 : performance.now()),
        (err: unknown) => this.fail(res, err),
      );
    });
  }

  /** A bug, not an upstream failure (those are Deliveries): answer 500 rather than hang the client. */
  private fail(res: ServerResponse, err: unknown): void {
    if (res.destroyed || res.headersSent) return void res.destroy();
    const body = `cdnbench emulator: internal error: ${err instanceof Error ? err.message : String(err)}\n`;
    res.writeHead(500, ['content-type', 'text/plain; charset=utf-8', 'content-length', String(Buffer.byteLength(body)), 'x-cdnbench-pop', this.id]);
    res.end(body);
  }
}
