/**
 * Profiles of `kind: multi`: a multi-CDN made of two or more other profiles (by built-in name or path),
 * with latency-based or weighted steering, failover when a member PoP errors or times out, and
 * optional hedged requests to another member after a delay such as the primary's running p95.
 */
import { z } from 'zod';
import { parseDuration } from '../../util/duration.js';
import { profileBase, profileDuration } from '../../profiles/profile-schema.js';

/** When to send a hedge: after a running percentile of the primary's latency, or a fixed delay. */
export type HedgeAfter = { percentile: number } | { ms: number };

const hedgeAfter = z.string().transform((s, ctx): HedgeAfter => {
  const p = /^p(\d{1,2}(?:\.\d+)?)$/.exec(s);
  if (p !== null) return { percentile: Number(p[1]) / 100 };
  const ms = parseDuration(s);
  if (ms !== undefined && ms > 0) return { ms };
  ctx.addIssue({ code: 'custom', message: 'expected a percentile like p95 or a duration like 50ms' });
  return z.NEVER;
});

/** One member CDN. */
export const memberSchema = z.strictObject({
  /** A built-in profile name, or a path relative to this profile's folder. */
  provider: z.string().min(1),
  /** Only these PoPs of the member (ids as the member reports them, case-insensitive); default all. */
  pops: z.array(z.string().min(1)).min(1).optional(),
  /** Share of first attempts in `weighted` steering. */
  weight: z.number().nonnegative().default(1),
});

/** A profile of kind `multi`. */
export const multiProfileSchema = z.strictObject({
  ...profileBase,
  kind: z.literal('multi'),
  members: z.array(memberSchema).min(2, { message: 'a multi-CDN needs at least two members' }),
  steering: z
    .strictObject({
      /** latency: most traffic to the member PoP with the lowest EWMA latency; weighted: by member weight. */
      mode: z.enum(['latency', 'weighted']).default('latency'),
      /** Share of first attempts sent to another healthy member (latency mode), so its EWMA stays current. */
      explore: z.number().min(0).max(0.5).default(0.05),
      /** EWMA smoothing factor: weight of the newest latency. */
      ewmaAlpha: z.number().gt(0).max(1).default(0.2),
    })
    .prefault({}),
  failover: z
    .strictObject({
      /** A PoP that errored is out of rotation this long, then health-checked before it gets traffic again. */
      downFor: profileDuration.default(2000),
      /** Give an attempt up after this long (counted as a failure of its PoP); default: the scenario's timeout. */
      timeout: profileDuration.optional(),
      /** Re-send a failed request to another member, so the user sees no error. */
      retry: z.boolean().default(false),
      /** Count 5xx answers as failures of the PoP. */
      on5xx: z.boolean().default(true),
    })
    .prefault({}),
  hedge: z
    .strictObject({
      /** `p95` (running percentile of the primary PoP's latency) or a fixed delay like `40ms`. */
      after: hedgeAfter.prefault('p95'),
      /** Never hedge sooner than this. */
      minDelay: profileDuration.default(1),
      /** Latencies a PoP needs before a percentile delay applies (no hedge before). */
      minSamples: z.number().int().positive().default(20),
      /** Hedges allowed per request on average (a token bucket), so a slow member cannot double the load. */
      budget: z.number().gt(0).max(1).default(0.1),
    })
    .optional(),
});

/** A validated multi profile. */
export type MultiProfile = z.output<typeof multiProfileSchema>;
