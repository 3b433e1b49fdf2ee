/**
 * Akamai EdgeGrid request signing, `EG1-HMAC-SHA256` (as Akamai's edgegrid libraries implement it and as
 * their shared test vectors pin it): the signing key is HMAC-SHA256(client_secret, timestamp); the
 * signature is HMAC-SHA256(signing key, the tab-joined method, scheme, host, path+query, canonical signed
 * headers, base64 SHA-256 of a POST body truncated to max_body, and the unsigned Authorization header).
 * Written here (node:crypto, 60 lines) rather than taken from `akamai-edgegrid`, which brings axios and
 * pino and signs only requests it sends itself.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';

/** The three EdgeGrid credentials of an API client (`.edgerc` section). */
export interface EdgeGridCredentials {
  clientToken: string;
  accessToken: string;
  clientSecret: string;
}

/** A request to sign. */
export interface EdgeGridRequest {
  method: string;
  url: URL;
  headers: Readonly<Record<string, string>>;
  body: string;
}

/** Signing options; timestamp and nonce are fixed only by tests. */
export interface EdgeGridOptions {
  /** Request headers (names) included in the signature, in this order; absent ones are skipped. */
  headersToSign?: readonly string[];
  /** Bytes of a POST body that are hashed (Akamai's default: 131072). */
  maxBody?: number;
  /** `yyyyMMddTHH:mm:ss+0000`, UTC; default now. */
  timestamp?: string;
  nonce?: string;
}

/** The EdgeGrid timestamp of a moment: `20140321T19:34:21+0000`. */
export function edgeGridTimestamp(at: Date = new Date()): string {
  const iso = at.toISOString(); // 2014-03-21T19:34:21.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 19)}+0000`;
}

const hmac = (key: string, data: string): string => createHmac('sha256', key).update(data, 'utf8').digest('base64');

function canonicalHeaders(headers: Readonly<Record<string, string>>, names: readonly string[]): string {
  const byName = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return names
    .map((n) => n.toLowerCase())
    .filter((n) => byName.has(n))
    .map((n) => `${n}:${(byName.get(n) ?? '').trim().replace(/\s+/g, ' ')}`)
    .join('\t');
}

function contentHash(req: EdgeGridRequest, maxBody: number): string {
  if (req.method.toUpperCase() !== 'POST' || req.body.length === 0) return '';
  const body = Buffer.from(req.body, 'utf8').subarray(0, maxBody);
  return createHash('sha256').update(body).digest('base64');
}

/** The Authorization header value for `req`. */
export function signEdgeGrid(req: EdgeGridRequest, creds: EdgeGridCredentials, opts: EdgeGridOptions = {}): string {
  const timestamp = opts.timestamp ?? edgeGridTimestamp();
  const unsigned = `EG1-HMAC-SHA256 client_token=${creds.clientToken};access_token=${creds.accessToken};timestamp=${timestamp};nonce=${opts.nonce ?? randomUUID()};`;
  const data = [
    req.method.toUpperCase(),
    req.url.protocol.replace(':', ''),
    req.url.host,
    `${req.url.pathname}${req.url.search}`,
    canonicalHeaders(req.headers, opts.headersToSign ?? []),
    contentHash(req, opts.maxBody ?? 131_072),
    unsigned,
  ].join('\t');
  return `${unsigned}signature=${hmac(hmac(creds.clientSecret, timestamp), data)}`;
}
