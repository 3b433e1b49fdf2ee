/**
 * Which edge sent a request: the `x-cdnbench-edge` header the lab emulator and the generated
 * Varnish/nginx/ATS configs set, else the last hop named in `Via`, else the peer address. Real CDNs in
 * front of a deployed origin usually add Via, so their PoPs are still told apart.
 */
import type { IncomingMessage } from 'node:http';

/** The header edges identify themselves with. */
export const EDGE_HEADER = 'x-cdnbench-edge';

/** Longest edge id kept; anything longer is cut so a hostile header cannot bloat the counters. */
const MAX_EDGE_ID = 128;

/** The received-by of the last hop of a Via value (`1.1 varnish (Varnish/7.1), 1.1 fra` → `fra`). */
export function lastViaHop(via: string): string | undefined {
  const hops = via.split(',').map((h) => h.trim()).filter((h) => h !== '');
  const last = hops.at(-1);
  if (last === undefined) return undefined;
  // via-hop = received-protocol RWS received-by [RWS comment]
  const [, receivedBy] = last.split(/\s+/);
  return receivedBy === undefined || receivedBy === '' ? undefined : receivedBy;
}

/** The requesting edge's id. */
export function edgeId(req: IncomingMessage): string {
  const named = req.headers[EDGE_HEADER];
  const header = Array.isArray(named) ? named.at(-1) : named;
  const fromHeader = header?.trim();
  if (fromHeader !== undefined && fromHeader !== '') return fromHeader.slice(0, MAX_EDGE_ID);
  const via = req.headers.via;
  const hop = via === undefined ? undefined : lastViaHop(via);
  if (hop !== undefined) return hop.slice(0, MAX_EDGE_ID);
  return req.socket.remoteAddress ?? 'unknown';
}
