/**
 * The PoPs of a staging profile: each base URL is one PoP, or, when pinned, one PoP per listed edge
 * address. A pinned PoP is reached by connecting to the address (the edge client's `connectAddress`) while
 * Host, TLS SNI and the certificate check keep the URL's host — one vantage point, several PoPs compared.
 */
import type { StagingProfile } from './staging-profile.js';

/** One PoP of a staging distribution. */
export interface StagingPop {
  /** Reported in samples when the response names no PoP. */
  id: string;
  /** The base URL's origin, e.g. https://cdn.example.com (what purge hooks are told). */
  origin: string;
  /** Path of the base URL without a trailing slash ('' for `/`), put before every request path. */
  basePath: string;
  /** The pinned address, when pinned. */
  address?: string;
  /** Price region; `default` when the profile names none. */
  region: string;
}

/** Expands the profile's endpoints into PoPs. */
export function stagingPops(endpoints: StagingProfile['endpoints']): StagingPop[] {
  return endpoints.flatMap((e) => {
    const raw = typeof e === 'string' ? e : e.url;
    const url = new URL(raw);
    const basePath = url.pathname.replace(/\/+$/, '');
    const base = { origin: url.origin, basePath, region: 'default' };
    if (typeof e === 'string' || e.pops === undefined) {
      return [{ ...base, id: typeof e === 'string' ? url.host : (e.id ?? url.host) }];
    }
    return e.pops.map((pin) => ({
      ...base,
      id: pin.id,
      address: pin.address,
      region: pin.region ?? 'default',
    }));
  });
}
