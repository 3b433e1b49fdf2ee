/**
 * Servers that never finish a response in time, for the hard-stop tests: one trickles one body byte
 * every 300 ms (of a declared 1 MB), one sends an endless chunked body, one accepts and never answers.
 * Each counts what it saw, so a test compares cdnbench's figures with the server's own. 127.0.0.1 only.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The ways a stall server misbehaves. */
export type StallKind = 'trickle' | 'endless' | 'silent';

/** A running stall server. */
export interface StallServer {
  /** Origin URL for `--target`. */
  readonly url: string;
  /** Requests received. */
  readonly requests: number;
  /** Responses the client gave up on (connection closed before the server finished). */
  readonly cutByClient: number;
  /** Responses still open right now. */
  readonly open: number;
  close(): Promise<void>;
}

/** Starts a stall server of `kind`. */
export async function startStallServer(kind: StallKind): Promise<StallServer> {
  const state = { requests: 0, cutByClient: 0, open: 0 };
  const timers = new Set<NodeJS.Timeout>();
  const drip = (res: ServerResponse, everyMs: number, chunk: string): void => {
    const t = setInterval(() => res.write(chunk), everyMs);
    timers.add(t);
    res.on('close', () => {
      clearInterval(t);
      timers.delete(t);
    });
  };
  const server: Server = createServer((_req, res) => {
    state.requests++;
    state.open++;
    res.on('close', () => {
      state.open--;
      if (!res.writableFinished) state.cutByClient++;
    });
    if (kind === 'trickle') {
      res.writeHead(200, { 'content-length': String(1024 * 1024), 'cache-status': 'stall; hit' });
      res.write('x');
      drip(res, 300, 'x');
    } else if (kind === 'endless') {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-status': 'stall; hit' });
      drip(res, 10, 'y'.repeat(1024));
    }
    // silent: the request is read, never answered
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    get requests() {
      return state.requests;
    },
    get cutByClient() {
      return state.cutByClient;
    },
    get open() {
      return state.open;
    },
    close: async () => {
      for (const t of timers) clearInterval(t);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
