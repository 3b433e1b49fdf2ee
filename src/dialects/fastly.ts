/**
 * Fastly: `X-Cache` and `X-Served-By`, one comma-separated entry per node. With shielding the shield
 * appends first and the edge last, so the LAST entry is the edge PoP the client talked to; "HIT, MISS"
 * (shield hit, edge miss) is a MISS at the edge, which is what per-PoP hit ratios must count.
 * Fastly only emits HIT and MISS by default (PASS is reported as MISS); PASS and HIT-STALE are accepted
 * for services whose custom VCL writes `fastly_info.state` into the header. `Fastly-Debug` output is
 * deliberately not used: it needs a request header the benchmark does not send.
 */
import type { CacheStatus } from '../result/sample.js';
import { defineDialect } from './define-dialect.js';
import { afterLast, lastMember, wordTable } from './text.js';

const WORDS = wordTable({ PASS: 'BYPASS', HITPASS: 'BYPASS', 'HIT-STALE': 'STALE', 'HIT-SYNTH': 'HIT' });

/** Normalizes one Fastly X-Cache entry (last hop) case-insensitively; undefined when absent or blank. */
export function fastlyXCacheStatus(value: string | undefined): CacheStatus | undefined {
  if (value === undefined) return undefined;
  const word = lastMember(value).toUpperCase();
  if (word === '') return undefined;
  const exact = WORDS.get(word);
  if (exact !== undefined) return exact;
  // fastly_info.state carries suffixes such as HIT-CLUSTER or MISS-CLUSTER; the prefix is the verdict.
  const dash = word.indexOf('-');
  return dash > 0 ? (WORDS.get(word.slice(0, dash)) ?? 'UNKNOWN') : 'UNKNOWN';
}

/** The PoP code of the last node in `X-Served-By` (`cache-iad-kiad7000025-IAD, cache-fra19127-FRA` → `FRA`). */
export function fastlyServedByPop(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return afterLast(lastMember(value), '-')?.toUpperCase();
}

/** Fastly's header dialect. */
export const fastlyDialect = defineDialect({
  id: 'fastly',
  description: 'Fastly X-Cache (last hop = edge); PoP = suffix of the last X-Served-By node',
  headers: ['x-cache', 'x-served-by'],
  status: (get) => fastlyXCacheStatus(get('x-cache')),
  pop: (get) => fastlyServedByPop(get('x-served-by')),
});
