/**
 * A test origin that is not cdnbench's: a plain node HTTP server on 127.0.0.1 that answers 200 for the
 * paths it is given (404 for others), optionally demands an Authorization value (401 without it), and
 * counts requests per path and their arrival times — the ground truth the dataset tests compare with.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running counting origin. */
export interface CountingOrigin {
  readonly url: string;
  readonly port: number;
  /** Requests per path (query included, as received). */
  readonly byPath: ReadonlyMap<string, number>;
  /** Arrival times (performance.now()) of every request, in order. */
  readonly arrivals: readonly number[];
  /** Authorization header values seen. */
  readonly authorizations: ReadonlySet<string>;
  readonly requests: number;
  close(): Promise<void>;
}

/** Starts the origin; `known` paths answer 200 with a small JSON body. */
export async function startCountingOrigin(known: Iterable<string>, requireAuth?: string): Promise<CountingOrigin> {
  const ok = new Set(known);
  const byPath = new Map<string, number>();
  const arrivals: number[] = [];
  const authorizations = new Set<string>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    arrivals.push(performance.now());
    byPath.set(path, (byPath.get(path) ?? 0) + 1);
    const auth = req.headers.authorization;
    if (auth !== undefined) authorizations.add(auth);
    const status = requireAuth !== undefined && auth !== requireAuth ? 401 : ok.has(path) ? 200 : 404;
    const body = JSON.stringify({ path, status });
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
    res.end(body);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    byPath,
    arrivals,
    authorizations,
    get requests() {
      return arrivals.length;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
