/**
 * Provider profiles of `kind: emulator`: one of the five archetypes of DOMAIN.md §1, run by the lab's
 * multi-PoP edge emulator. The distributions are the archetype's promises (small-object latency per PoP,
 * purge propagation per PoP), the flags its capabilities, the dialect how its PoPs label responses.
 */
import { z } from 'zod';
import { distributionSchema } from '../../util/distribution.js';
import { priceTableSchema } from '../../profiles/price-schema.js';
import { profileBase } from '../../profiles/profile-schema.js';

/** The archetypes of DOMAIN.md §1. */
export const ARCHETYPES = ['edge-optimized', 'traditional', 'edge-compute', 'regional', 'multi-cdn'] as const;

/** Vendor header dialects an emulated PoP can write (a subset of the dialects cdnbench reads). */
export const EMULATOR_DIALECTS = ['cloudflare', 'fastly', 'cloudfront', 'akamai', 'bunny', 'rfc9211'] as const;

/** The header dialect an emulated PoP writes. */
export type EmulatorDialect = (typeof EMULATOR_DIALECTS)[number];

/** Purge API shapes the control server can speak. */
export const PURGE_APIS = ['cloudflare', 'fastly', 'generic'] as const;

/** A purge API shape. */
export type PurgeApi = (typeof PURGE_APIS)[number];

/** Kinds of invalidation. */
export const PURGE_KINDS = ['url', 'tag', 'all'] as const;

/** One kind of invalidation. */
export type PurgeKind = (typeof PURGE_KINDS)[number];

/** Default per-PoP cache bound: 64 MiB. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

/** Default slice size for Range requests: 1 MiB, nginx's usual `slice` setting. */
export const DEFAULT_SLICE_BYTES = 1024 * 1024;

/**
 * Smallest non-zero slice: smaller slices would turn one range into thousands of upstream requests and
 * cache entries, which no CDN does.
 */
export const MIN_SLICE_BYTES = 1024;

/** The id the shield tier reports itself as; no PoP may take it. */
export const SHIELD_ID = 'shield';

/**
 * PoP ids are lower-case letters and digits, starting with a letter (`fra`, `iad2`): every vendor format
 * that embeds the PoP (cf-ray suffix, X-Served-By suffix, RFC 9211 cache name as a bare token) splits on
 * `-`, `,` or `;`, so only such ids round-trip through the dialect parsers.
 */
const popId = z
  .string()
  .regex(/^[a-z][a-z0-9]*$/, { message: 'expected a PoP id of lower-case letters and digits, like fra or iad2' })
  .refine((id) => id !== SHIELD_ID, { message: `"${SHIELD_ID}" is reserved for the shield tier` });

/** One emulated PoP. */
export const emulatorPopSchema = z.strictObject({
  id: popId,
  /** Price region (a key of `prices.egress`); `default` when absent. */
  region: z.string().min(1).default('default'),
  /** Overrides the profile's latency for this PoP (a far-away PoP is slower). */
  latency: distributionSchema.optional(),
});

/** A profile of kind `emulator`. */
export const emulatorProfileSchema = z
  .strictObject({
    ...profileBase,
    kind: z.literal('emulator'),
    archetype: z.enum(ARCHETYPES),
    pops: z.array(emulatorPopSchema).min(1),
    /** Injected before every response's headers, HIT or MISS (a MISS adds it to the origin's own time). */
    latency: distributionSchema,
    /** Per-PoP delay between a purge call and the PoP dropping the object. */
    invalidation: distributionSchema,
    purgeApi: z.enum(PURGE_APIS),
    purgeKinds: z.array(z.enum(PURGE_KINDS)).min(1),
    coalescing: z.boolean(),
    shield: z.boolean(),
    /** Informational (edge KV strength in DOMAIN.md §1); the emulator has no KV store. */
    edgeKv: z.boolean(),
    dialect: z.enum(EMULATOR_DIALECTS),
    /** LRU bound of each PoP's cache (and the shield's), bytes. */
    cacheBytes: z.number().int().positive().default(DEFAULT_CACHE_BYTES),
    /**
     * Range requests are cached as aligned slices of this many bytes (slices.ts), fetched from the
     * upstream with Range requests, as CDNs do for large files; 0 fetches and caches whole objects.
     */
    sliceBytes: z
      .number()
      .int()
      .nonnegative()
      .refine((n) => n === 0 || n >= MIN_SLICE_BYTES, { message: `expected 0 (no slicing) or at least ${MIN_SLICE_BYTES} bytes` })
      .default(DEFAULT_SLICE_BYTES),
    prices: priceTableSchema,
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.pops.forEach((pop, i) => {
      if (seen.has(pop.id)) ctx.addIssue({ code: 'custom', path: ['pops', i, 'id'], message: `duplicate PoP id "${pop.id}"` });
      seen.add(pop.id);
    });
  });

/** A validated emulator profile. */
export type EmulatorProfile = z.output<typeof emulatorProfileSchema>;

/** An emulator profile as written (defaults not yet applied). */
export type EmulatorProfileInput = z.input<typeof emulatorProfileSchema>;
