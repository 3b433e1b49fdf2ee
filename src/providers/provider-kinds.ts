/**
 * The registry of adapter kinds a provider profile may name: a plain typed map from kind to the zod
 * schema of its profile and a factory. Later kinds (emulator, lab engines, CDNs) register here.
 */
import type { z } from 'zod';
import type { ProviderAdapter } from './adapter.js';
import { getDialect } from '../dialects/registry.js';
import { TargetProvider } from './target/target-provider.js';
import { EmulatorProvider } from './emulator/emulator-provider.js';
import { emulatorProfileSchema } from '../lab/emulator/emulator-profile.js';
import { targetProfileSchema } from '../profiles/profile-schema.js';
import { CloudflareProvider } from './cdn/cloudflare/cloudflare-provider.js';
import { cloudflareProfileSchema } from './cdn/cloudflare/cloudflare-profile.js';
import { FastlyProvider } from './cdn/fastly/fastly-provider.js';
import { fastlyProfileSchema } from './cdn/fastly/fastly-profile.js';
import { BunnyProvider } from './cdn/bunny/bunny-provider.js';
import { bunnyProfileSchema } from './cdn/bunny/bunny-profile.js';
import { AkamaiProvider } from './cdn/akamai/akamai-provider.js';
import { akamaiProfileSchema } from './cdn/akamai/akamai-profile.js';
import { GoogleCloudCdnProvider } from './cdn/google-cloud-cdn/google-cloud-cdn-provider.js';
import { googleCloudCdnProfileSchema } from './cdn/google-cloud-cdn/google-profile.js';
import { CloudfrontProvider } from './cdn/cloudfront/cloudfront-provider.js';
import { cloudfrontProfileSchema } from './cdn/cloudfront/cloudfront-profile.js';
import { stagingProfileSchema } from './staging/staging-profile.js';
import { createStagingProvider } from './staging/staging-provider.js';
import { multiProfileSchema } from './multi/multi-profile.js';
import { MultiProvider } from './multi/multi-provider.js';

/** Where a profile came from, for kinds that refer to other profiles (a multi-CDN's members). */
export interface ProfileContext {
  /** Path of the profile file. */
  file: string;
  /** Loads another profile by built-in name or by a path relative to this profile's folder. */
  load(ref: string): ProviderAdapter;
}
import { LabEngineProvider } from './lab-engine/lab-engine-provider.js';
import { labEngineProfileSchema } from './lab-engine/lab-engine-profile.js';

/** How one adapter kind is validated and built. */
export interface ProviderKind<S extends z.ZodType = z.ZodType> {
  schema: S;
  create(profile: z.output<S>, id: string, ctx: ProfileContext): ProviderAdapter;
}

function kind<S extends z.ZodType>(k: ProviderKind<S>): ProviderKind<S> {
  return k;
}

/** Every adapter kind, by the `kind:` value of a profile. */
export const PROVIDER_KINDS = {
  target: kind({
    schema: targetProfileSchema,
    create: (p, id) => new TargetProvider(id, p.edges, getDialect(p.dialect)),
  }),
  emulator: kind({
    schema: emulatorProfileSchema,
    create: (p, id) => new EmulatorProvider(id, p),
  }),
  cloudflare: kind({ schema: cloudflareProfileSchema, create: (p, id) => new CloudflareProvider(id, p) }),
  fastly: kind({ schema: fastlyProfileSchema, create: (p, id) => new FastlyProvider(id, p) }),
  bunny: kind({ schema: bunnyProfileSchema, create: (p, id) => new BunnyProvider(id, p) }),
  akamai: kind({ schema: akamaiProfileSchema, create: (p, id) => new AkamaiProvider(id, p) }),
  cloudfront: kind({ schema: cloudfrontProfileSchema, create: (p, id) => new CloudfrontProvider(id, p) }),
  'google-cloud-cdn': kind({ schema: googleCloudCdnProfileSchema, create: (p, id) => new GoogleCloudCdnProvider(id, p) }),
  staging: kind({
    schema: stagingProfileSchema,
    create: (p, id) => createStagingProvider(id, p),
  }),
  multi: kind({
    schema: multiProfileSchema,
    create: (p, id, ctx) => new MultiProvider(id, p, ctx.load),
  }),
  'lab-engine': kind({
    schema: labEngineProfileSchema,
    create: (p, id) => new LabEngineProvider(id, p),
  }),
} satisfies Record<string, ProviderKind>;

/** A registered adapter kind name. */
export type ProviderKindName = keyof typeof PROVIDER_KINDS;
