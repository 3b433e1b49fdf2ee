/**
 * Every shipped provider profile (built-in ones and providers/examples/) loads and validates, the
 * multi-CDN profiles resolve their members, and `run`'s default providers stay the emulated archetypes.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_PROVIDERS_DIR, builtinProviderIds, defaultLabProviderIds, loadProviderProfile } from '../src/providers/resolve-providers.js';

afterEach(() => {
  delete process.env.CDN_PURGE_TOKEN;
});

describe('shipped provider profiles', () => {
  it('the built-in profiles load; multi-CDN ones are built-in names but not run defaults', () => {
    for (const id of builtinProviderIds()) expect(loadProviderProfile(id).id).toBe(id);
    expect(builtinProviderIds()).toEqual(expect.arrayContaining(['lab-multi-cdn', 'lab-multi-cdn-hedged']));
    expect(defaultLabProviderIds()).toEqual(['edge-compute', 'edge-optimized', 'multi-cdn', 'regional', 'traditional']);
    const multi = loadProviderProfile('lab-multi-cdn');
    expect(multi.kind).toBe('multi');
    expect(multi.edges().map((e) => e.id)).toEqual(['edge-optimized-congested/FRA', 'traditional/FRA50-C1']);
  });

  it('every example loads (with its purge secret set)', () => {
    process.env.CDN_PURGE_TOKEN = 'x';
    const dir = join(BUILTIN_PROVIDERS_DIR, 'examples');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) expect(() => loadProviderProfile(join(dir, f)), f).not.toThrow();
    const staging = loadProviderProfile(join(dir, 'staging.yaml'));
    expect(staging.edges()).toEqual([
      { id: 'fra', url: 'https://staging.example.com', connectAddress: '203.0.113.10' },
      { id: 'iad', url: 'https://staging.example.com', connectAddress: '203.0.113.20' },
    ]);
    expect(loadProviderProfile(join(dir, 'multi-cdn-staging.yaml')).edges().map((e) => e.id)).toEqual(['staging/fra', 'staging/iad', 'staging-command-purge/staging-a.example.com', 'staging-command-purge/staging-b']);
  });

  it('rejects a multi-CDN that includes itself, a member PoP that does not exist and a single member', () => {
    const dir = join(BUILTIN_PROVIDERS_DIR, '..', 'test', 'fixtures');
    expect(() => loadProviderProfile(join(dir, 'multi-self.yaml'))).toThrow(/includes itself/);
    expect(() => loadProviderProfile(join(dir, 'multi-bad-pop.yaml'))).toThrow(/member traditional has no PoP xyz/);
    let details: readonly string[] = [];
    try {
      loadProviderProfile(join(dir, 'multi-one.yaml'));
    } catch (err) {
      details = (err as { details?: readonly string[] }).details ?? [];
    }
    expect(details).toEqual(['members: a multi-CDN needs at least two members']);
  });
});
