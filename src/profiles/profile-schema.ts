/**
 * Provider profiles (`providers/*.yaml`): which adapter kind, its PoPs, header dialect and prices.
 * Each adapter kind contributes the schema of its own fields; the registry (provider-kinds.ts) maps
 * kinds to schema + factory.
 */
import { z } from 'zod';
import { DIALECT_IDS } from '../dialects/dialect.js';
import { parseDuration } from '../util/duration.js';

/** Fields every profile has. */
export const profileBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'expected a kebab-case id' }).optional(),
  description: z.string().optional(),
  /** Where the figures in the profile come from (prices, latency ranges), with dates. */
  sources: z.array(z.string()).optional(),
};

/** A PoP reached at a URL, optionally pinned to an address (Host and SNI stay the URL's). */
export const edgeSchema = z.strictObject({
  id: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  connectAddress: z.string().optional(),
});

/** Profile of kind `target`: fixed endpoints, any HTTP server or CDN hostname. */
export const targetProfileSchema = z.strictObject({
  ...profileBase,
  kind: z.literal('target'),
  dialect: z.enum(DIALECT_IDS).default('generic'),
  edges: z.array(edgeSchema).min(1),
});

/** A validated target profile. */
export type TargetProfile = z.output<typeof targetProfileSchema>;

/** A duration field of a profile (`500ms`, `10s`, `2m`), parsed to milliseconds. */
export const profileDuration = z
  .string()
  .refine((s) => parseDuration(s) !== undefined, { message: 'expected a duration like 500ms, 10s or 2m' })
  .transform((s) => parseDuration(s) ?? 0);
