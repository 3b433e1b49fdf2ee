import { describe, expect, it } from 'vitest';
import { isClientComposer, isPriced, isPurger, isStartable } from '../adapter.js';
import { stagingProfileSchema } from './staging-profile.js';
import { createStagingProvider } from './staging-provider.js';

const base = { kind: 'staging', endpoints: [{ url: 'https://cdn.example.com/', pops: [{ id: 'fra', address: '192.0.2.1', region: 'europe' }] }] };
const prices = { egress: { default: [{ upToGB: null, usdPerGB: 0.1 }], europe: [{ upToGB: null, usdPerGB: 0.2 }] }, source: 'test' };

describe('createStagingProvider capabilities', () => {
  it('is a Purger only with a hook, Priced only with a price table, and always builds its own clients', () => {
    const plain = createStagingProvider('s', stagingProfileSchema.parse(base));
    expect(isPurger(plain)).toBe(false);
    expect(isPriced(plain)).toBe(false);
    expect(isClientComposer(plain)).toBe(true);
    expect(isStartable(plain)).toBe(true);
    const full = createStagingProvider('s', stagingProfileSchema.parse({ ...base, prices, purge: { command: { argv: ['true'] }, kinds: ['url'] } }));
    expect(isPurger(full) && full.purgeKinds).toEqual(['url']);
    expect(isPriced(full) && full.popRegion('fra')).toBe('europe');
    expect(isPriced(full) && full.popRegion('FRA-from-header')).toBe('default');
  });

  it('a named dialect is used as is; auto reads as generic until responses decide', () => {
    expect(createStagingProvider('s', stagingProfileSchema.parse({ ...base, dialect: 'fastly' })).dialect.id).toBe('fastly');
    expect(createStagingProvider('s', stagingProfileSchema.parse(base)).dialect.id).toBe('generic');
  });
});
