/**
 * The registry of adapter kinds a provider profile may name: a plain typed map from kind to the zod
 * schema of its profile and a factory. Later kinds (emulator, lab engines, CDNs) register here.
 */
import type { z } from 'zod';
import type { ProviderAdapter } from '../adapter.js';
import { getDialect } from '../dialects/registry.js';
import { TargetProvider } from '../target/target-provider.js';
import { EmulatorProvider } from '../emulator/emulator-provider.js';
import { emulatorProfileSchema } from '../../lab/emulator/emulator-profile.js';
import { targetProfileSchema } from './profile-schema.js';
import { stagingProfileSchema } from '../staging/staging-profile.js';
import { createStagingProvider } from '../staging/staging-provider.js';
import { multiProfileSchema } from '../multi/multi-profile.js';
import { MultiProvider } from '../multi/multi-provider.js';

/** Where a profile came from, for kinds that refer to other profiles (a multi-CDN's members). */
export interface ProfileContext {
  /** Path of the profile file. */
  file: string;
  /** Loads another profile by built-in name or by a path relative to this profile's folder. */
  load(ref: string): ProviderAdapter;
}

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
  staging: kind({
    schema: stagingProfileSchema,
    create: (p, id) => createStagingProvider(id, p),
  }),
  multi: kind({
    schema: multiProfileSchema,
    create: (p, id, ctx) => new MultiProvider(id, p, ctx.load),
  }),
} satisfies Record<string, ProviderKind>;

/** A registered adapter kind name. */
export type ProviderKindName = keyof typeof PROVIDER_KINDS;
