/**
 * A stand-in for a CDN provider's API in contract tests: node:http on 127.0.0.1 (ephemeral port) that
 * records every request (method, path with query, headers, body) and answers what the test's handler
 * returns — success, 401/403, 429 with Retry-After, 5xx — so a test can check an adapter's requests
 * against the provider's documentation and its behaviour on each answer.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake API received. */
export interface RecordedRequest {
  method: string;
  /** Path with query, as sent. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Arrival, performance.now() ms. */
  at: number;
}

/** What the fake API answers. */
export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. Absent: empty body. */
  body?: unknown;
}

/** Decides the answer to the n-th request (0-based). */
export type FakeHandler = (req: RecordedRequest, n: number) => FakeReply | Promise<FakeReply>;

/** A running fake API. */
export interface FakeApi {
  /** Origin URL, e.g. http://127.0.0.1:40123. */
  readonly url: string;
  /** Every request so far, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Replaces the handler (the default answers 404). */
  handle(h: FakeHandler): void;
  close(): Promise<void>;
}

/** Starts a fake API on 127.0.0.1 with a free port. */
export async function startFakeApi(handler?: FakeHandler): Promise<FakeApi> {
  let h: FakeHandler = handler ?? (() => ({ status: 404, body: { error: 'no handler' } }));
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() };
      const n = requests.push(rec) - 1;
      Promise.resolve(h(rec, n))
        .then((reply) => {
          const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
          const type = typeof reply.body === 'string' || reply.body === undefined ? {} : { 'content-type': 'application/json' };
          res.writeHead(reply.status, { ...type, ...(reply.headers ?? {}), 'content-length': Buffer.byteLength(body) });
          res.end(body);
        })
        .catch((err: unknown) => {
          res.writeHead(599);
          res.end(String(err));
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle: (next) => {
      h = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
