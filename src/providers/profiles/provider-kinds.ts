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
import { LabEngineProvider } from '../lab-engine/lab-engine-provider.js';
import { labEngineProfileSchema } from '../lab-engine/lab-engine-profile.js';

/** How one adapter kind is validated and built. */
export interface ProviderKind<S extends z.ZodType = z.ZodType> {
  schema: S;
  create(profile: z.output<S>, id: string): ProviderAdapter;
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
  'lab-engine': kind({
    schema: labEngineProfileSchema,
    create: (p, id) => new LabEngineProvider(id, p),
  }),
} satisfies Record<string, ProviderKind>;

/** A registered adapter kind name. */
export type ProviderKindName = keyof typeof PROVIDER_KINDS;
