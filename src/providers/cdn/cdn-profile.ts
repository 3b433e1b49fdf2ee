/**
 * Fields every real-CDN profile shares (`kind: cloudflare|fastly|cloudfront|akamai|bunny|google-cloud-cdn`):
 * the staging edges to load, how to reach and retry the provider's API, where credentials come from
 * (a variable or file name, never the secret), the price table and the price region of each PoP.
 */
import { z } from 'zod';
import { DIALECT_IDS } from '../../dialects/dialect.js';
import { priceTableSchema } from '../../profiles/price-schema.js';
import { edgeSchema, profileBase } from '../../profiles/profile-schema.js';
import { parseDuration } from '../../util/duration.js';
import { retryPolicySchema } from './http-api/retry-policy.js';
import { credentialSourceSchema } from './secret-source.js';

/** A duration field ("30s") parsed to milliseconds, with a default. */
export function durationMs(defaultText: string): z.ZodPipe<z.ZodDefault<z.ZodString>, z.ZodTransform<number, string>> {
  return z
    .string()
    .refine((s) => (parseDuration(s) ?? 0) > 0, { message: 'expected a positive duration like 500ms, 30s or 2m' })
    .default(defaultText)
    .transform((s) => parseDuration(s) ?? 0);
}

/** The shared fields, spread into each vendor's strict profile schema. */
export const cdnProfileFields = {
  ...profileBase,
  /** The staging hostnames (or pinned edge addresses) the load goes to, one PoP each. */
  edges: z.array(edgeSchema).min(1),
  /** Header dialect; default the vendor's own. */
  dialect: z.enum(DIALECT_IDS).optional(),
  /** Base URL of the provider's API; default the real one (or CDNBENCH_<VENDOR>_API_BASE). */
  apiBase: z.string().optional(),
  /** Per API call attempt. */
  apiTimeout: durationMs('30s'),
  retry: retryPolicySchema,
  /** Absolute URL prefix of purged paths (scheme and staging host); default the first edge's URL. */
  purgeBase: z.url({ protocol: /^https?$/ }).optional(),
  /** Price table; default the vendor's published list prices (none for Akamai: contract pricing). */
  prices: priceTableSchema.optional(),
  /** Price region of PoPs as responses name them (`FRA: europe`); a key also matches as a prefix. */
  popRegions: z.record(z.string().min(1), z.string().min(1)).default({}),
  credentials: credentialSourceSchema,
};

/** The validated shared fields. */
export interface CdnProfileCommon {
  id?: string | undefined;
  edges: { id: string; url: string; connectAddress?: string | undefined }[];
  dialect?: (typeof DIALECT_IDS)[number] | undefined;
  apiBase?: string | undefined;
  apiTimeout: number;
  retry: z.output<typeof retryPolicySchema>;
  purgeBase?: string | undefined;
  prices?: z.output<typeof priceTableSchema> | undefined;
  popRegions: Record<string, string>;
  credentials: z.output<typeof credentialSourceSchema>;
}

/** The absolute URL a purge of `path` names: as given when absolute, else under `purgeBase`. */
export function absoluteUrl(purgeBase: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  return `${purgeBase.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}
