/**
 * Profiles of `kind: staging`: a CDN staging distribution reached at one or more base URLs, optionally
 * pinned to listed edge addresses (one PoP each, Host and TLS SNI still the URL's), with the header
 * dialect named or detected from the first responses, invalidation through a webhook or a command, a
 * publish hook that changes content at the user's origin (content-change measurements), and
 * a per-run cache-busting namespace so a cold-start run really starts cold.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { DIALECT_IDS } from '../../dialects/dialect.js';
import { priceTableSchema } from '../../profiles/price-schema.js';
import { profileBase, profileDuration } from '../../profiles/profile-schema.js';

const baseUrl = z
  .url({ protocol: /^https?$/, message: 'expected an http(s) URL' })
  .refine((u) => { const url = new URL(u); return url.username === '' && url.password === ''; }, {
    message: 'credentials in the URL are not accepted (they would reach results); use purge.webhook.authEnv or a scenario header',
  })
  .refine((u) => new URL(u).search === '' && new URL(u).hash === '', { message: 'expected a base URL without query or fragment' });

/** One PoP pinned to an edge address. */
export const pinSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'expected a PoP id like fra or FRA-1' }),
  /** The edge's IP address (v4 or v6); the connection goes there, Host and SNI stay the URL's. */
  address: z.string().refine((a) => isIP(a) !== 0, { message: 'expected an IPv4 or IPv6 address' }),
  /** Price region of this PoP (a key of `prices.egress`). */
  region: z.string().min(1).optional(),
});

/** One base URL, optionally pinned to edge addresses. */
export const stagingEndpointSchema = z.union([
  baseUrl,
  z.strictObject({
    url: baseUrl,
    /** PoP id when not pinned; default the URL's host:port. */
    id: z.string().min(1).optional(),
    pops: z.array(pinSchema).min(1).optional(),
  }),
]);

/** POST `{urls, tags, all}` as JSON to a URL. */
export const webhookSchema = z.strictObject({
  url: baseUrl,
  /** Header the secret goes in. */
  authHeader: z.string().regex(/^[A-Za-z0-9-]+$/, { message: 'expected a header name' }).default('authorization'),
  /** Environment variable holding the secret (never written to the profile, results or logs). */
  authEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'expected an environment variable name' }).optional(),
  /** Put before the secret, e.g. "Bearer ". */
  authPrefix: z.string().default(''),
  timeout: profileDuration.default(10_000),
});

/** Run a program: URLs and tags as arguments (`--url U --tag T --all`) or JSON on stdin. */
export const commandSchema = z.strictObject({
  argv: z.array(z.string().min(1)).min(1),
  input: z.enum(['args', 'stdin']).default('args'),
  timeout: profileDuration.default(60_000),
});

/** Custom invalidation: exactly one of a webhook or a command. */
export const stagingPurgeSchema = z
  .strictObject({
    webhook: webhookSchema.optional(),
    command: commandSchema.optional(),
    /** What the hook can invalidate. */
    kinds: z.array(z.enum(['url', 'tag', 'all'])).min(1).default(['url', 'tag', 'all']),
  })
  .refine((p) => (p.webhook === undefined) !== (p.command === undefined), { message: 'give exactly one of webhook or command' });

/**
 * A hook changing content at the user's origin (an upload), for measuring a content change: the same
 * webhook or command shapes as purge, told `{paths, urls, tags}` (args mode: `--path P --url U --tag T`).
 */
export const stagingPublishSchema = z
  .strictObject({ webhook: webhookSchema.optional(), command: commandSchema.optional() })
  .refine((p) => (p.webhook === undefined) !== (p.command === undefined), { message: 'give exactly one of webhook or command' });

/** A per-run namespace the staging configuration allows: a query parameter and/or a path prefix. */
export const cacheBustSchema = z
  .strictObject({
    /** `?<query>=<runId>` on every request (the CDN must keep the query in its cache key). */
    query: z.string().regex(/^[A-Za-z0-9_.~-]+$/, { message: 'expected a query parameter name' }).optional(),
    /** Put before every path; `{run}` is replaced by the run id (the CDN or origin must strip it). */
    pathPrefix: z.string().regex(/^\/[A-Za-z0-9_.~{}/-]*[^/]$/, { message: 'expected a path like /cb/{run}' }).optional(),
  })
  .refine((c) => c.query !== undefined || c.pathPrefix !== undefined, { message: 'give query, pathPrefix or both' });

/** A profile of kind `staging`. */
export const stagingProfileSchema = z
  .strictObject({
    ...profileBase,
    kind: z.literal('staging'),
    /** A built-in dialect, or `auto` to detect it from the first responses. */
    dialect: z.enum([...DIALECT_IDS, 'auto']).default('auto'),
    endpoints: z.array(stagingEndpointSchema).min(1),
    purge: stagingPurgeSchema.optional(),
    publish: stagingPublishSchema.optional(),
    cacheBust: cacheBustSchema.optional(),
    /** Sent with every load request; `${env.NAME}` is filled from the environment and redacted everywhere. */
    headers: z.record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, { message: 'invalid header name' }), z.string()).optional(),
    prices: priceTableSchema.optional(),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.endpoints.forEach((e, i) => {
      const ids = typeof e === 'string' || e.pops === undefined ? [typeof e === 'string' ? new URL(e).host : (e.id ?? new URL(e.url).host)] : e.pops.map((pin) => pin.id);
      for (const id of ids) {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['endpoints', i], message: `PoP id "${id}" is used twice; give the endpoint an id or its pins distinct ids` });
        seen.add(id);
      }
    });
  });

/** A validated staging profile. */
export type StagingProfile = z.output<typeof stagingProfileSchema>;
