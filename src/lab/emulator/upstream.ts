/**
 * A cache node's connection to its upstream (the origin, or the shield for PoPs behind it): one undici
 * keep-alive Pool, every request labelled `x-cdnbench-edge: <node id>` so the lab origin can count
 * fetches per edge. Bodies are read whole: the node stores them, and large objects arrive as slices
 * (slices.ts) of at most `sliceBytes` each.
 */
import { Pool } from 'undici';
import type { UpstreamResponse } from './cache-entry.js';
import type { HeaderRecord } from './header-list.js';
import type { ByteSpan } from './slices.js';

/** The request header naming the edge that fetches (read by the lab origin's counters). */
export const EDGE_HEADER = 'x-cdnbench-edge';

/**
 * Request fields never forwarded: hop-by-hop ones, `host` (the pool's), and those the node answers itself
 * (ranges are cut from stored objects or slices; client conditionals are evaluated against the stored entry).
 */
const NOT_FORWARDED = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host',
  'content-length', 'expect', 'range', 'if-range', 'if-none-match', 'if-modified-since', 'if-match',
  'if-unmodified-since', EDGE_HEADER,
]);

/** Validators for a conditional revalidation request. */
export interface Validators {
  readonly etag: string | undefined;
  readonly lastModified: string | undefined;
}

/** True when an undici error is a timeout (the node then answers 504 rather than 502). */
export function isTimeout(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
}

/** One node's upstream. */
export class Upstream {
  private readonly pool: Pool;

  /**
   * @param baseUrl origin or shield URL (`http://127.0.0.1:8080`)
   * @param edgeId sent as `x-cdnbench-edge`
   */
  constructor(baseUrl: string, private readonly edgeId: string) {
    // Bounded so an album drop without coalescing cannot exhaust file descriptors; 256 is far above what a
    // 200-request burst needs to reach the origin at once.
    this.pool = new Pool(new URL(baseUrl).origin, { connections: 256, keepAliveTimeout: 10_000, headersTimeout: 30_000, bodyTimeout: 30_000 });
  }

  private forwardHeaders(request: HeaderRecord, extra?: Validators): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (const name in request) {
      const v = request[name];
      if (v !== undefined && !NOT_FORWARDED.has(name)) out[name] = typeof v === 'string' ? v : [...v];
    }
    out[EDGE_HEADER] = this.edgeId;
    if (extra?.etag !== undefined) out['if-none-match'] = extra.etag;
    if (extra?.lastModified !== undefined) out['if-modified-since'] = extra.lastModified;
    return out;
  }

  /**
   * A GET, conditional when validators are given; whole unless `span` names one slice to fetch (the
   * client's own Range is never forwarded). Rejects on network errors.
   */
  async get(path: string, request: HeaderRecord, validators?: Validators, span?: ByteSpan): Promise<UpstreamResponse> {
    const headers = this.forwardHeaders(request, validators);
    if (span !== undefined) headers['range'] = `bytes=${span.start}-${span.end}`;
    return this.send('GET', path, headers, undefined);
  }

  /** Any other method, passed through uncached (request body buffered). */
  async pass(method: string, path: string, request: HeaderRecord, body: Buffer | undefined): Promise<UpstreamResponse> {
    return this.send(method, path, this.forwardHeaders(request), body);
  }

  private async send(method: string, path: string, headers: Record<string, string | string[]>, body: Buffer | undefined): Promise<UpstreamResponse> {
    const res = await this.pool.request({ method, path, headers, body: body ?? null });
    const receivedAt = Date.now();
    const data = Buffer.from(await res.body.arrayBuffer());
    return { status: res.statusCode, headers: res.headers, body: data, receivedAt };
  }

  /** Closes the pool's connections. */
  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
