/**
 * A local HTTP server for end-to-end tests whose latency the test controls: every request gets the
 * delay a test-supplied function returns, and the server counts requests (total and concurrent) so
 * tests can compare what the CLI reports with what really happened. Listens on 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the delay function is told about a request. */
export interface RequestInfo {
  /** 0-based arrival index of the request at this server. */
  index: number;
  /** Arrival time, Date.now() milliseconds. */
  arrivedAt: number;
  /** Arrival time of the first request this server saw, Date.now() milliseconds. */
  firstArrivalAt: number;
  /** Request path with query. */
  path: string;
}

/** Options of a latency server. */
export interface LatencyServerOptions {
  /** Milliseconds to hold each request before answering; 0 answers at once. Default: always 0. */
  delayMs?: (req: RequestInfo) => number;
  /** Response headers; default `cache-status: lab; hit` and JSON content type. */
  headers?: Record<string, string>;
  /** Response body; default a small JSON document (well under 2 KB). */
  body?: string;
}

/** A running latency server. */
export interface LatencyServer {
  /** Origin URL, e.g. http://127.0.0.1:40123 (what `--target` takes). */
  readonly url: string;
  /** Requests received so far. */
  readonly requests: number;
  /** Requests that were cdnbench's load preflight probes (`?cdnbench-preflight=1`), included in `requests`. */
  readonly probes: number;
  /** Requests currently being held or answered. */
  readonly inFlight: number;
  /** Highest number of requests in flight at the same time. */
  readonly maxInFlight: number;
  /** Requests received per path. */
  readonly byPath: ReadonlyMap<string, number>;
  /** Stops listening and drops every open connection. */
  close(): Promise<void>;
}

const DEFAULT_BODY = JSON.stringify({ ok: true, note: 'cdnbench latency test server', pad: 'x'.repeat(200) });

/** Starts a latency server on 127.0.0.1 with a free port. */
export async function startLatencyServer(options: LatencyServerOptions = {}): Promise<LatencyServer> {
  const delayOf = options.delayMs ?? ((): number => 0);
  const body = Buffer.from(options.body ?? DEFAULT_BODY);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'cache-status': 'lab; hit',
    ...(options.headers ?? {}),
    'content-length': body.length,
  };
  const byPath = new Map<string, number>();
  let requests = 0;
  let probes = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let firstArrivalAt: number | null = null;
  const timers = new Set<NodeJS.Timeout>();

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const arrivedAt = Date.now();
    firstArrivalAt ??= arrivedAt;
    const path = req.url ?? '/';
    const index = requests++;
    if (path.includes('cdnbench-preflight=')) probes++;
    byPath.set(path, (byPath.get(path) ?? 0) + 1);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      inFlight--;
    };
    res.on('close', finish);
    const answer = (): void => {
      if (res.destroyed) return;
      res.writeHead(200, headers);
      res.end(body);
    };
    req.resume();
    const delay = delayOf({ index, arrivedAt, firstArrivalAt, path });
    if (delay <= 0) {
      answer();
      return;
    }
    // The hold is the test's ground truth, so it must never be shorter than asked: a lone setTimeout
    // can fire ~1 ms early (libuv's cached loop clock), so re-arm until performance.now() has passed.
    const due = performance.now() + delay;
    const hold = (): void => {
      const left = due - performance.now();
      if (left <= 0) {
        answer();
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        hold();
      }, Math.max(1, left));
      timers.add(timer);
    };
    hold();
  };

  const server: Server = createServer({ keepAliveTimeout: 60_000 }, handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    get probes() {
      return probes;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    byPath,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A 127.0.0.1 port nothing listens on (bound to find a free one, then released), for
 * connection-refused tests. Another process could grab it in between; on loopback that is rare.
 */
export async function refusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
