import { describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_BYTES, DEFAULT_SLICE_BYTES, emulatorProfileSchema } from './emulator-profile.js';

const valid = {
  kind: 'emulator',
  id: 'edge-optimized',
  archetype: 'edge-optimized',
  pops: [{ id: 'fra', region: 'eu' }, { id: 'iad', latency: { p50: '25ms', p95: '40ms' } }],
  latency: { p50: '20ms', p95: '45ms' },
  invalidation: { min: '1s', max: '5s' },
  purgeApi: 'cloudflare',
  purgeKinds: ['url', 'tag', 'all'],
  coalescing: true,
  shield: false,
  edgeKv: true,
  dialect: 'cloudflare',
  prices: { egress: { default: [{ upToGB: null, usdPerGB: 0 }] }, source: 'Cloudflare plans page, checked 2025-01' },
};

describe('emulatorProfileSchema', () => {
  it('accepts an archetype profile and applies defaults', () => {
    const p = emulatorProfileSchema.parse(valid);
    expect(p.cacheBytes).toBe(DEFAULT_CACHE_BYTES);
    expect(p.sliceBytes).toBe(DEFAULT_SLICE_BYTES);
    expect(emulatorProfileSchema.parse({ ...valid, sliceBytes: 0 }).sliceBytes).toBe(0);
    expect(p.pops.map((x) => x.region)).toEqual(['eu', 'default']);
  });

  it.each<[string, Record<string, unknown>]>([
    ['unknown key', { ...valid, colour: 'blue' }],
    ['unknown archetype', { ...valid, archetype: 'cheap' }],
    ['no PoPs', { ...valid, pops: [] }],
    ['PoP id with a dash (would not round-trip through cf-ray)', { ...valid, pops: [{ id: 'us-east' }] }],
    ['upper-case PoP id', { ...valid, pops: [{ id: 'FRA' }] }],
    ['reserved shield id', { ...valid, pops: [{ id: 'shield' }] }],
    ['duplicate PoP', { ...valid, pops: [{ id: 'fra' }, { id: 'fra' }] }],
    ['bad distribution', { ...valid, latency: '20' }],
    ['unknown dialect', { ...valid, dialect: 'varnish' }],
    ['unknown purge kind', { ...valid, purgeKinds: ['ban'] }],
    ['zero cache', { ...valid, cacheBytes: 0 }],
    ['negative slice size', { ...valid, sliceBytes: -1 }],
    ['tiny slices (one range would become thousands of fetches)', { ...valid, sliceBytes: 100 }],
    ['fractional slice size', { ...valid, sliceBytes: 1024.5 }],
    ['prices without default region', { ...valid, prices: { egress: { eu: [{ upToGB: null, usdPerGB: 0 }] }, source: 'x' } }],
  ])('rejects %s', (_name, profile) => {
    expect(emulatorProfileSchema.safeParse(profile).success).toBe(false);
  });
});
