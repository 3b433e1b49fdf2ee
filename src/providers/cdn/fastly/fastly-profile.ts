/** Profiles of `kind: fastly`: a service's staging domain(s), purged through api.fastly.com with Fastly-Key. */
import { z } from 'zod';
import { cdnProfileFields } from '../cdn-profile.js';

/** A Fastly profile. */
export const fastlyProfileSchema = z.strictObject({
  ...cdnProfileFields,
  kind: z.literal('fastly'),
  /** The service's id (dashboard → service → ID). Not a secret. */
  serviceId: z.string().regex(/^[A-Za-z0-9]{8,40}$/, { message: 'expected the alphanumeric service id' }),
  /** Soft purge (`Fastly-Soft-Purge: 1`): mark stale instead of evicting; URL and key purges only. */
  softPurge: z.boolean().default(false),
});

/** A validated Fastly profile. */
export type FastlyProfile = z.output<typeof fastlyProfileSchema>;
