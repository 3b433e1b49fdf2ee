/**
 * A free loopback port for an engine that must be told its port in its configuration (none of the engines
 * can report an ephemeral port back). The port is free when returned; another process could take it
 * before the engine binds, which the supervisor handles by retrying the instance on a new port.
 */
import { createServer } from 'node:net';

/** Binds 127.0.0.1:0, reads the port the kernel chose and releases it. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}
