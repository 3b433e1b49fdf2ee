/**
 * Profiles of `kind: google-cloud-cdn`: a load balancer's staging hostname(s) with Cloud CDN on, invalidated
 * through the Compute API's urlMaps.invalidateCache with OAuth2 (service-account key).
 */
import { z } from 'zod';
import { cdnProfileFields } from '../cdn-profile.js';

/** A Google Cloud CDN profile. */
export const googleCloudCdnProfileSchema = z.strictObject({
  ...cdnProfileFields,
  kind: z.literal('google-cloud-cdn'),
  /** The project; default the key's project_id. */
  project: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, { message: 'expected a project id' }).optional(),
  /** The URL map (load balancer) whose Cloud CDN caches are invalidated. */
  urlMap: z.string().regex(/^[a-z]([-a-z0-9]*[a-z0-9])?$/, { message: 'expected a URL map name' }),
  /**
   * Invalidations apply to requests for this host only; default the first edge's hostname, so a URL map
   * shared with production is not invalidated wholesale. `allHosts: true` drops the scope.
   */
  host: z.string().min(1).optional(),
  allHosts: z.boolean().default(false),
  /** Token endpoint override (tests, private endpoints); default the key's token_uri. */
  tokenUrl: z.url().optional(),
});

/** A validated Google Cloud CDN profile. */
export type GoogleCloudCdnProfile = z.output<typeof googleCloudCdnProfileSchema>;
