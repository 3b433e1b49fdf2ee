/**
 * Bunny CDN: `CDN-Cache` and the PoP in `Server`. Assumed `Server` format: `BunnyCDN-{PoP}-{node}`
 * (`BunnyCDN-DE1-1078` → `DE1`), i.e. the PoP is the second dash-separated field; a value with no node
 * part (`BunnyCDN-DE1`) still yields the PoP. Anything else (an origin's own Server header) yields none.
 */
import { defineDialect } from './define-dialect.js';
import { lookupWord, STANDARD_WORDS, startsWithUpper } from './text.js';

const PREFIX = 'BUNNYCDN-';

/** The PoP code in a Bunny `Server` header; undefined when the header is not Bunny's. */
export function bunnyServerPop(server: string | undefined): string | undefined {
  if (server === undefined) return undefined;
  const value = server.trim();
  if (!startsWithUpper(value, PREFIX)) return undefined;
  const end = value.indexOf('-', PREFIX.length);
  const pop = value.slice(PREFIX.length, end < 0 ? value.length : end);
  return pop === '' ? undefined : pop.toUpperCase();
}

/** Bunny CDN's header dialect. */
export const bunnyDialect = defineDialect({
  id: 'bunny',
  description: 'Bunny CDN CDN-Cache; PoP from Server: BunnyCDN-{PoP}-{node}',
  headers: ['cdn-cache', 'server'],
  status: (get) => lookupWord(get('cdn-cache'), STANDARD_WORDS),
  pop: (get) => bunnyServerPop(get('server')),
});
