/** Profiles of `kind: bunny`: a pull zone's hostname(s), purged through api.bunny.net with AccessKey. */
import { z } from 'zod';
import { cdnProfileFields } from '../cdn-profile.js';

/** A Bunny profile. */
export const bunnyProfileSchema = z.strictObject({
  ...cdnProfileFields,
  kind: z.literal('bunny'),
  /** The pull zone's numeric id (tag and whole-zone purges). Not a secret. */
  pullZoneId: z.number().int().positive(),
});

/** A validated Bunny profile. */
export type BunnyProfile = z.output<typeof bunnyProfileSchema>;
