/**
 * The PoPs of a staging profile: each base URL is one PoP, or, when pinned, one PoP per listed edge
 * address. A pinned PoP is reached by connecting to the address while the request still names the URL's
 * host: undici takes the TLS SNI from the Host header (`Request.servername`), so Host and SNI both stay
 * `cdn.example.com` while the socket goes to the edge IP — one vantage point, several PoPs compared.
 */
import { isIPv6 } from 'node:net';
import type { StagingProfile } from './staging-profile.js';

/** One PoP of a staging distribution. */
export interface StagingPop {
  /** Reported in samples when the response names no PoP. */
  id: string;
  /** The base URL's origin, e.g. https://cdn.example.com (what purge hooks are told). */
  origin: string;
  /** Path of the base URL without a trailing slash ('' for `/`), put before every request path. */
  basePath: string;
  /** Where the client connects: the origin itself, or the pinned address with the URL's scheme and port. */
  connectUrl: string;
  /** The Host header of a pinned PoP (the URL's host[:port]); undefined when not pinned. */
  host?: string;
  /** The pinned address, when pinned. */
  address?: string;
  /** Price region; `default` when the profile names none. */
  region: string;
}

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** Expands the profile's endpoints into PoPs. */
export function stagingPops(endpoints: StagingProfile['endpoints']): StagingPop[] {
  return endpoints.flatMap((e) => {
    const raw = typeof e === 'string' ? e : e.url;
    const url = new URL(raw);
    const basePath = url.pathname.replace(/\/+$/, '');
    const base = { origin: url.origin, basePath, region: 'default' };
    if (typeof e === 'string' || e.pops === undefined) {
      return [{ ...base, id: typeof e === 'string' ? url.host : (e.id ?? url.host), connectUrl: url.origin }];
    }
    const port = url.port === '' ? (DEFAULT_PORT[url.protocol] ?? '80') : url.port;
    return e.pops.map((pin) => ({
      ...base,
      id: pin.id,
      connectUrl: `${url.protocol}//${isIPv6(pin.address) ? `[${pin.address}]` : pin.address}:${port}`,
      host: url.host,
      address: pin.address,
      region: pin.region ?? 'default',
    }));
  });
}
