/** All built-in header dialects by id. */
import { akamaiDialect } from './akamai.js';
import { atsDialect } from './ats.js';
import { bunnyDialect } from './bunny.js';
import { cloudflareDialect } from './cloudflare.js';
import { cloudfrontDialect } from './cloudfront.js';
import { DIALECT_IDS, type DialectId, type HeaderDialect } from './dialect.js';
import { fastlyDialect } from './fastly.js';
import { genericDialect } from './generic.js';
import { nginxDialect } from './nginx.js';
import { rfc9211Dialect } from './rfc9211.js';
import { varnishDialect } from './varnish.js';

/**
 * The registry. Checked against DialectId in both directions (every id present, no extra keys) and each
 * entry's `id` must equal its key, so a renamed dialect cannot be registered under a stale name.
 */
export const DIALECTS = {
  rfc9211: rfc9211Dialect,
  cloudflare: cloudflareDialect,
  fastly: fastlyDialect,
  cloudfront: cloudfrontDialect,
  akamai: akamaiDialect,
  bunny: bunnyDialect,
  varnish: varnishDialect,
  nginx: nginxDialect,
  ats: atsDialect,
  generic: genericDialect,
} satisfies { readonly [K in DialectId]: HeaderDialect & { readonly id: K } };

/** True when `id` names a built-in dialect. */
export function isDialectId(id: string): id is DialectId {
  return Object.hasOwn(DIALECTS, id);
}

/** The dialect registered under `id`; throws naming the known ids when there is none. */
export function getDialect(id: string): HeaderDialect {
  if (!isDialectId(id)) {
    throw new Error(`Unknown header dialect "${id}"; known dialects: ${DIALECT_IDS.join(', ')}`);
  }
  return DIALECTS[id];
}
