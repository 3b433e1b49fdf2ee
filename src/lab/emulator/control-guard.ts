/**
 * Who may call the emulator's control server (purges, PoP faults, stats). It listens on loopback, which
 * any web page the user opens can reach: a cross-site `fetch(..., {method: 'POST', mode: 'no-cors'})` with a
 * text/plain body needs no preflight. So every call needs the lab's bearer token (the origin control API's),
 * a POST must be one no browser sends cross-site without a preflight (JSON content type or a custom
 * header; the server answers no preflight and sends no CORS headers), and a request whose `Origin` is not
 * the control server's own is refused outright.
 */
import type { IncomingMessage } from 'node:http';
import { bearerMatches } from '../origin/auth.js';

/** Header cdnbench's own bodyless control calls carry (a custom header forces a CORS preflight). */
export const CONTROL_HEADER = 'x-cdnbench-control';

/** Why a request is refused: the status and the JSON error to answer with. */
export interface Refusal {
  status: 401 | 403 | 415;
  error: string;
}

function ownOrigins(req: IncomingMessage): Set<string> {
  const { localAddress, localPort } = req.socket;
  const host = localAddress === undefined ? '' : localAddress.includes(':') ? `[${localAddress.replace(/^::ffff:/, '')}]` : localAddress;
  const origins = new Set([`http://localhost:${localPort ?? ''}`, `http://${host}:${localPort ?? ''}`]);
  // An IPv4 peer on a dual-stack socket shows as ::ffff:127.0.0.1.
  if (localAddress?.startsWith('::ffff:') === true) origins.add(`http://${localAddress.slice(7)}:${localPort ?? ''}`);
  return origins;
}

function isJson(contentType: string | undefined): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType?.trim() ?? '');
}

/** null when `req` may proceed, else the refusal. Checked before the body is read. */
export function refuseControlRequest(req: IncomingMessage, token: string): Refusal | null {
  const origin = req.headers.origin;
  // Decided on the address the socket really listens on, not the Host header a rebound DNS name controls.
  if (origin !== undefined && !ownOrigins(req).has(origin.toLowerCase())) {
    return { status: 403, error: `cross-origin requests are refused (Origin: ${origin.slice(0, 100)})` };
  }
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return { status: 403, error: 'cross-site requests are refused' };
  if (!bearerMatches(req.headers.authorization, token)) return { status: 401, error: 'missing or wrong bearer token' };
  if (req.method === 'POST' && !isJson(req.headers['content-type']) && req.headers[CONTROL_HEADER] === undefined) {
    return { status: 415, error: `POST needs content-type: application/json (or an ${CONTROL_HEADER} header)` };
  }
  return null;
}
