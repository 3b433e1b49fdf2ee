/**
 * Test support (not used at run time): a tiny origin whose answers, delays and failures each test sets,
 * counting every request it receives (per path and per `x-cdnbench-edge`), plus helpers to build
 * emulator profiles and to send requests. The lab's real origin is deliberately not used, so the
 * emulator's tests control the truth they check against.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request, type Dispatcher } from 'undici';
import { emulatorProfileSchema, type EmulatorProfile, type EmulatorProfileInput } from '../../src/lab/emulator/emulator-profile.js';

/** What the origin answers for a path. */
export interface OriginAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Delay before the response headers, ms. */
  delayMs?: number;
  /**
   * Answer a single-range `Range` request with 206 + Content-Range (416 when unsatisfiable) as origins
   * with range support do; without it every GET gets the whole body, like an origin without ranges.
   */
  ranges?: boolean;
}

/** A request the origin received. */
export interface OriginRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Response status sent (0 until written). */
  status: number;
  /** Body bytes sent (0 until written). */
  bytes: number;
}

/** The inclusive span a single-range header asks of `size` bytes; null = unsatisfiable, undefined = ignore. */
function singleRange(header: string | undefined, size: number): { start: number; end: number } | null | undefined {
  // Written independently of the emulator's byte-ranges.ts, so tests do not check the parser against itself.
  const m = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header);
  if (m === null) return undefined;
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return undefined;
  if (a === '') return Number(b) === 0 || size === 0 ? null : { start: Math.max(0, size - Number(b)), end: size - 1 };
  if (b !== '' && Number(b) < Number(a)) return undefined;
  if (Number(a) >= size) return null;
  return { start: Number(a), end: b === '' ? size - 1 : Math.min(Number(b), size - 1) };
}

/** A controllable, counting test origin. */
export class TestOrigin {
  readonly requests: OriginRequest[] = [];
  private readonly answers = new Map<string, OriginAnswer | ((r: OriginRequest) => OriginAnswer)>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** Starts on an ephemeral loopback port. */
  static async start(): Promise<TestOrigin> {
    let self: TestOrigin | undefined;
    const server = createServer((req, res) => {
      const r: OriginRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, status: 0, bytes: 0 };
      self?.requests.push(r);
      const a = self?.answer(r) ?? { status: 404, body: 'no such test object' };
      const status = a.status ?? 200;
      const headers = { ...(a.headers ?? {}) };
      const etag = headers['etag'];
      // Conditional GETs: a matching validator gets 304 with the object's headers and no body.
      const notModified = status === 200 && etag !== undefined && req.headers['if-none-match'] === etag;
      const body = typeof a.body === 'string' ? Buffer.from(a.body) : (a.body ?? Buffer.alloc(0));
      const span = a.ranges === true && status === 200 && r.method === 'GET' ? singleRange(req.headers.range, body.length) : undefined;
      const write = (): void => {
        if (notModified) {
          r.status = 304;
          return void res.writeHead(304, headers).end();
        }
        if (span === null) {
          r.status = 416;
          return void res.writeHead(416, { ...headers, 'content-range': `bytes */${body.length}`, 'content-length': '0' }).end();
        }
        const part = span === undefined ? body : body.subarray(span.start, span.end + 1);
        const extra = span === undefined ? {} : { 'content-range': `bytes ${span.start}-${span.end}/${body.length}` };
        r.status = span === undefined ? status : 206;
        r.bytes = part.length;
        res.writeHead(r.status, { ...headers, ...extra, 'content-length': String(part.length) }).end(part);
      };
      if (a.delayMs !== undefined && a.delayMs > 0) setTimeout(write, a.delayMs);
      else write();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as AddressInfo).port;
    self = new TestOrigin(server, `http://127.0.0.1:${port}`);
    return self;
  }

  /** Sets the answer for `path` (exact request target, query included). */
  set(path: string, answer: OriginAnswer | ((r: OriginRequest) => OriginAnswer)): void {
    this.answers.set(path, answer);
  }

  private answer(r: OriginRequest): OriginAnswer | undefined {
    const a = this.answers.get(r.path);
    return typeof a === 'function' ? a(r) : a;
  }

  /** Body bytes sent for `path` (all paths when omitted). */
  bytesSent(path?: string): number {
    return this.requests.reduce((n, r) => n + (path === undefined || r.path === path ? r.bytes : 0), 0);
  }

  /** Requests received for `path` (all paths when omitted). */
  count(path?: string): number {
    return path === undefined ? this.requests.length : this.requests.filter((r) => r.path === path).length;
  }

  /** Stops the origin: later connections are refused, open ones dropped. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** The test defaults of an emulator profile, unparsed (one PoP `fra`, zero latency, everything allowed). */
export function testProfileInput(): EmulatorProfileInput {
  return {
    kind: 'emulator',
    archetype: 'edge-optimized',
    pops: [{ id: 'fra' }],
    latency: '0ms',
    invalidation: '0ms',
    purgeApi: 'generic',
    purgeKinds: ['url', 'tag', 'all'],
    coalescing: true,
    shield: false,
    edgeKv: false,
    dialect: 'rfc9211',
    prices: { egress: { default: [{ upToGB: null, usdPerGB: 0 }] }, source: 'test' },
  };
}

/** A valid emulator profile with test defaults, `overrides` on top. */
export function testProfile(overrides: Partial<EmulatorProfileInput> = {}): EmulatorProfile {
  return emulatorProfileSchema.parse({ ...testProfileInput(), ...overrides });
}

/** A response as tests read it. */
export interface TestResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** One request with undici (headers flattened to strings). */
export async function get(url: string, headers: Record<string, string> = {}, opts: { method?: 'GET' | 'HEAD' | 'POST'; dispatcher?: Dispatcher } = {}): Promise<TestResponse> {
  const res = await request(url, { method: opts.method ?? 'GET', headers, ...(opts.dispatcher === undefined ? {} : { dispatcher: opts.dispatcher }) });
  const body = Buffer.from(await res.body.arrayBuffer());
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
  return { status: res.statusCode, headers: flat, body };
}

/** POSTs JSON to the control server and returns the parsed answer. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.body.text();
  return { status: res.statusCode, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** Waits `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The Authorization header of an emulator's control server, for tests calling it directly. */
export function controlAuth(em: { controlToken: string }): Record<string, string> {
  return { authorization: `Bearer ${em.controlToken}` };
}
