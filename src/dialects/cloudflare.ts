/** Cloudflare: `cf-cache-status` plus the PoP's IATA code at the end of `cf-ray`. */
import { defineDialect } from './define-dialect.js';
import { afterLast, lookupWord, wordTable } from './text.js';

/**
 * DYNAMIC means Cloudflare did not consider the asset cacheable and went to origin: for hit-ratio purposes
 * that is a bypass, not a miss. NONE/UNKNOWN is Cloudflare's own "no verdict" (e.g. Worker-generated).
 */
const WORDS = wordTable({ DYNAMIC: 'BYPASS', NONE: 'UNKNOWN', 'NONE/UNKNOWN': 'UNKNOWN' });

/** The IATA code suffix of a `cf-ray` value (`7d1c2b3a4e5f6a7b-FRA` → `FRA`); undefined when absent. */
export function cfRayPop(ray: string | undefined): string | undefined {
  if (ray === undefined) return undefined;
  return afterLast(ray, '-')?.toUpperCase();
}

/** Cloudflare's header dialect. */
export const cloudflareDialect = defineDialect({
  id: 'cloudflare',
  description: 'Cloudflare cf-cache-status; PoP = IATA suffix of cf-ray',
  headers: ['cf-cache-status', 'cf-ray'],
  status: (get) => lookupWord(get('cf-cache-status'), WORDS),
  pop: (get) => cfRayPop(get('cf-ray')),
});
