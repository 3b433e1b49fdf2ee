/**
 * Provider profiles of `kind: lab-engine`: a real caching engine (Varnish, nginx or Apache Traffic Server)
 * run locally as N PoPs, optionally behind a shield instance, in front of cdnbench's own origin. The
 * profile chooses the engine, the PoPs, the coalescing switch the engine has (nginx `cacheLock`, ATS
 * `readWhileWriter`), the origin's latency and, optionally, what running it would cost.
 */
import { z } from 'zod';
import { LAB_ENGINES } from '../../lab/engines/engine-spec.js';
import { emulatorPopSchema } from '../../lab/emulator/emulator-profile.js';
import { distributionSchema } from '../../util/distribution.js';
import { LAB_ORIGIN_LATENCY } from '../emulator/emulator-provider.js';
import { priceTableSchema } from '../../profiles/price-schema.js';
import { profileBase } from '../../profiles/profile-schema.js';

/** Default cache bound of each instance: 256 MiB. */
export const DEFAULT_ENGINE_CACHE_BYTES = 256 * 1024 * 1024;

/** Smallest cache an instance may get (Traffic Server refuses tiny storage). */
export const MIN_ENGINE_CACHE_BYTES = 32 * 1024 * 1024;

/** At most this many PoPs: every one is a real process on the load generator's machine. */
export const MAX_ENGINE_POPS = 8;

/** A profile of kind `lab-engine`. */
export const labEngineProfileSchema = z
  .strictObject({
    ...profileBase,
    kind: z.literal('lab-engine'),
    engine: z.enum(LAB_ENGINES),
    /** PoPs (ids as for the emulator; `region` is the price region). */
    pops: z.array(emulatorPopSchema.pick({ id: true, region: true })).min(1).max(MAX_ENGINE_POPS),
    /** One more instance between the PoPs and the origin. */
    shield: z.boolean().default(false),
    /** nginx only: `proxy_cache_lock` (default on). */
    cacheLock: z.boolean().optional(),
    /** Traffic Server only: read-while-writer (default on). */
    readWhileWriter: z.boolean().optional(),
    /** Latency of cdnbench's origin behind the engines. */
    originLatency: distributionSchema.default(LAB_ORIGIN_LATENCY),
    /** Cache bound of each instance, bytes. */
    cacheBytes: z.number().int().min(MIN_ENGINE_CACHE_BYTES).default(DEFAULT_ENGINE_CACHE_BYTES),
    /** What serving this traffic from self-run caches would cost; absent = no cost figures. */
    prices: priceTableSchema.optional(),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.pops.forEach((pop, i) => {
      if (seen.has(pop.id)) ctx.addIssue({ code: 'custom', path: ['pops', i, 'id'], message: `duplicate PoP id "${pop.id}"` });
      seen.add(pop.id);
    });
    if (p.cacheLock !== undefined && p.engine !== 'nginx') ctx.addIssue({ code: 'custom', path: ['cacheLock'], message: 'cacheLock is an nginx setting (proxy_cache_lock)' });
    if (p.readWhileWriter !== undefined && p.engine !== 'ats') ctx.addIssue({ code: 'custom', path: ['readWhileWriter'], message: 'readWhileWriter is a Traffic Server setting' });
  });

/** A validated lab-engine profile. */
export type LabEngineProfile = z.output<typeof labEngineProfileSchema>;
