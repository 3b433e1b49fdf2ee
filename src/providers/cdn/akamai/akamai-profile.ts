/**
 * Profiles of `kind: akamai`: a property's hostname(s) reached on the staging (or production) network, and
 * how to purge them with Fast Purge v3 (EdgeGrid-signed). Akamai has no public list price, so `prices:`
 * (your contract's) is what makes cost reported.
 */
import { z } from 'zod';
import { cdnProfileFields } from '../cdn-profile.js';

// EdgeGrid credentials come from .edgerc or AKAMAI_* variables (`edgerc:` below), not `credentials:`.
const { credentials: _unused, ...fields } = cdnProfileFields;

/** An Akamai profile. */
export const akamaiProfileSchema = z.strictObject({
  ...fields,
  kind: z.literal('akamai'),
  /** Which network purges apply to; load goes wherever the edges point (staging: the -staging addresses). */
  network: z.enum(['staging', 'production']).default('staging'),
  /** invalidate (revalidate with the origin, the recommended way) or delete (refetch regardless). */
  action: z.enum(['invalidate', 'delete']).default('invalidate'),
  /** CP codes purged when a scenario purges everything; without them "everything" is not supported. */
  cpCodes: z.array(z.number().int().positive()).default([]),
  /** Which .edgerc file and section (default $AKAMAI_EDGERC or ~/.edgerc, section $AKAMAI_EDGERC_SECTION or default). */
  edgerc: z.strictObject({ path: z.string().min(1).optional(), section: z.string().min(1).optional() }).optional(),
});

/** A validated Akamai profile. */
export type AkamaiProfile = z.output<typeof akamaiProfileSchema>;
