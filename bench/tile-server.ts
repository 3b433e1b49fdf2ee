/**
 * A minimal HTTP server answering every request with the same small mapping tile, as a HIT.
 * Run in its own process by the benchmarks so the load generator keeps its own core.
 */
import { createServer } from 'node:http';

const body = Buffer.from(JSON.stringify({ isbn: '9780000000002', from: 1, to: 10, pages: Array.from({ length: 10 }, (_, i) => ({ page: i + 1, t: i * 61.5 })) }));
const headers = { 'content-type': 'application/json', 'content-length': String(body.length), 'cache-status': 'bench; hit', 'cache-control': 'public, max-age=300' };

const server = createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  if (addr !== null && typeof addr === 'object') process.send?.({ port: addr.port, bytes: body.length });
});
process.on('disconnect', () => process.exit(0));
