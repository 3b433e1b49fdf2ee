/**
 * Profiles of `kind: cloudflare`: a zone's staging hostname(s) and how to purge them through
 * `POST /zones/{zone_id}/purge_cache` with an API token.
 */
import { z } from 'zod';
import { cdnProfileFields } from '../cdn-profile.js';
import { CLOUDFLARE_PLANS } from './cloudflare-limits.js';

/** A Cloudflare profile. */
export const cloudflareProfileSchema = z.strictObject({
  ...cdnProfileFields,
  kind: z.literal('cloudflare'),
  /** The zone's id (32 hex digits, dashboard → Overview → API). Not a secret. */
  zoneId: z.string().regex(/^[0-9a-f]{32}$/, { message: 'expected the 32-hex-digit zone id' }),
  /** The account's plan: it sets the purge rate limits and the default price table. */
  plan: z.enum(CLOUDFLARE_PLANS).default('free'),
  /**
   * What "purge everything" means: `hosts` purges the edges' hostnames only (safe when the staging
   * hostname shares a zone with production), `zone` sends purge_everything for the whole zone.
   */
  purgeAll: z.enum(['hosts', 'zone']).default('hosts'),
});

/** A validated Cloudflare profile. */
export type CloudflareProfile = z.output<typeof cloudflareProfileSchema>;
