/**
 * Profiles of `kind: cloudfront`: a distribution's staging domain(s) (or a staging distribution), its
 * invalidations made with the AWS SDK (SigV4, the SDK's default credential chain) and followed until
 * CloudFront reports them Completed.
 */
import { z } from 'zod';
import { cdnProfileFields, durationMs } from '../cdn-profile.js';

// AWS credentials come from the SDK's default chain (`awsProfile` picks a named profile), not `credentials:`.
const { credentials: _unused, ...fields } = cdnProfileFields;

/** A CloudFront profile. */
export const cloudfrontProfileSchema = z.strictObject({
  ...fields,
  kind: z.literal('cloudfront'),
  /** The distribution's id, e.g. EDFDVBD6EXAMPLE. Not a secret. */
  distributionId: z.string().regex(/^[A-Z0-9]{8,20}$/, { message: 'expected a distribution id like EDFDVBD6EXAMPLE' }),
  /** Signing region of the CloudFront API (a global service signed in us-east-1). */
  region: z.string().default('us-east-1'),
  /** A named profile of ~/.aws/config for the default credential chain (like AWS_PROFILE). */
  awsProfile: z.string().min(1).optional(),
  /** Follow each invalidation with GetInvalidation until Completed (the receipt records how long). */
  waitForCompletion: z.boolean().default(true),
  pollInterval: durationMs('5s'),
  /** Give up following an invalidation after this long (it carries on at CloudFront; the purge is reported failed). */
  completionTimeout: durationMs('10m'),
  /** The distribution has CacheTagConfig: tags are invalidated as `#tag` paths. */
  tagInvalidation: z.boolean().default(false),
});

/** A validated CloudFront profile. */
export type CloudfrontProfile = z.output<typeof cloudfrontProfileSchema>;
