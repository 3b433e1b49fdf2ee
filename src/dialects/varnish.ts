/**
 * Varnish. cdnbench's generated VCL sets `X-Cache: HIT|MISS` from `obj.hits`, which is preferred when
 * present. Otherwise `X-Varnish` decides: one transaction id = the object was fetched (MISS), two ids
 * (this request's and the one that stored the object) = HIT. `Age` is deliberately not read: an origin or
 * upstream cache can send Age > 0 on a miss, so it cannot classify on its own.
 * PoP: `X-Cdnbench-Pop`, which the lab's VCL sets; stock Varnish names no PoP.
 */
import type { CacheStatus } from '../result/sample.js';
import { CDNBENCH_POP_HEADER, cdnbenchPop, defineDialect } from './define-dialect.js';
import { lastMember, lookupWord, wordTable } from './text.js';

const WORDS = wordTable({ PASS: 'BYPASS' });

/** Classifies an `X-Varnish` value by the number of ids in its last hop; undefined when absent or blank. */
export function xVarnishStatus(value: string | undefined): CacheStatus | undefined {
  if (value === undefined) return undefined;
  const ids = lastMember(value);
  if (ids === '') return undefined;
  let count = 0;
  let inId = false;
  for (let i = 0; i < ids.length; i++) {
    const c = ids.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      if (!inId) count++;
      inId = true;
    } else if (c === 0x20 || c === 0x09) inId = false;
    else return 'UNKNOWN';
  }
  // Varnish writes exactly one or two transaction ids; anything else is not its header.
  return count === 1 ? 'MISS' : count === 2 ? 'HIT' : 'UNKNOWN';
}

function status(xCache: string | undefined, xVarnish: string | undefined): CacheStatus | undefined {
  const explicit = lookupWord(xCache, WORDS);
  return explicit !== undefined && explicit !== 'UNKNOWN' ? explicit : (xVarnishStatus(xVarnish) ?? explicit);
}

/** Varnish's header dialect. */
export const varnishDialect = defineDialect({
  id: 'varnish',
  description: 'Varnish: X-Cache (cdnbench VCL) or X-Varnish id count; PoP = X-Cdnbench-Pop',
  headers: ['x-cache', 'x-varnish', CDNBENCH_POP_HEADER],
  status: (get) => status(get('x-cache'), get('x-varnish')),
  pop: (get) => cdnbenchPop(get(CDNBENCH_POP_HEADER)),
});
