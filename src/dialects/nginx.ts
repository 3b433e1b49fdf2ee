/**
 * nginx: `add_header X-Cache-Status $upstream_cache_status`, whose values are exactly the normalized
 * words (MISS BYPASS EXPIRED STALE UPDATING REVALIDATED HIT). Anything else is UNKNOWN.
 * PoP: `X-Cdnbench-Pop`, set by cdnbench's generated config.
 */
import { CDNBENCH_POP_HEADER, cdnbenchPop, defineDialect } from './define-dialect.js';
import { lookupWord, STANDARD_WORDS } from './text.js';

/** nginx's header dialect. */
export const nginxDialect = defineDialect({
  id: 'nginx',
  description: 'nginx X-Cache-Status ($upstream_cache_status); PoP = X-Cdnbench-Pop',
  headers: ['x-cache-status', CDNBENCH_POP_HEADER],
  status: (get) => lookupWord(get('x-cache-status'), STANDARD_WORDS),
  pop: (get) => cdnbenchPop(get(CDNBENCH_POP_HEADER)),
});
