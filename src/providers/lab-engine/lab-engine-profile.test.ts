import { describe, expect, it } from 'vitest';
import { loadProviderProfile } from '../resolve-providers.js';
import { isOriginControlled, isOriginCounted, isPriced, isPurger, isStartable } from '../adapter.js';
import { labEngineProfileSchema } from './lab-engine-profile.js';
import { LabEngineProvider } from './lab-engine-provider.js';

const base = { kind: 'lab-engine', pops: [{ id: 'fra' }, { id: 'iad' }] };

describe('lab-engine profiles', () => {
  it('applies defaults: no shield, the lab origin latency, 256 MiB caches, no prices', () => {
    const p = labEngineProfileSchema.parse({ ...base, engine: 'varnish' });
    expect(p).toMatchObject({ shield: false, originLatency: { p50: '40ms', p95: '120ms' }, cacheBytes: 256 * 1024 * 1024 });
    expect(p.prices).toBeUndefined();
    expect(p.pops).toEqual([{ id: 'fra', region: 'default' }, { id: 'iad', region: 'default' }]);
  });

  it('refuses engine switches given to the wrong engine, duplicate and reserved PoP ids, unknown engines', () => {
    const issues = (input: object): string[] => {
      const r = labEngineProfileSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ ...base, engine: 'varnish', cacheLock: true })).toEqual(['cacheLock: cacheLock is an nginx setting (proxy_cache_lock)']);
    expect(issues({ ...base, engine: 'nginx', readWhileWriter: false })).toEqual(['readWhileWriter: readWhileWriter is a Traffic Server setting']);
    expect(issues({ ...base, engine: 'ats', pops: [{ id: 'fra' }, { id: 'fra' }] })).toEqual(['pops.1.id: duplicate PoP id "fra"']);
    expect(issues({ ...base, engine: 'ats', pops: [{ id: 'shield' }] })[0]).toMatch(/^pops\.0\.id: .*reserved/);
    expect(issues({ ...base, engine: 'squid' })[0]).toMatch(/^engine: /);
    expect(issues({ ...base, engine: 'nginx', cacheBytes: 1024 })[0]).toMatch(/^cacheBytes: /);
  });

  it.each([
    ['lab-varnish', 'varnish', 'varnish', ['url', 'tag', 'all']],
    ['lab-nginx', 'nginx', 'nginx', ['url']],
    ['lab-nginx-nolock', 'nginx', 'nginx', ['url']],
    ['lab-ats', 'ats', 'ats', ['url']],
  ])('built-in %s: %s engine, %s dialect, three PoPs, 200 ms origin, every lab capability', (name, engine, dialect, kinds) => {
    const p = loadProviderProfile(name);
    expect(p).toBeInstanceOf(LabEngineProvider);
    const provider = p as LabEngineProvider;
    expect(provider.profile.engine).toBe(engine);
    expect(provider.dialect.id).toBe(dialect);
    expect(provider.purgeKinds).toEqual(kinds);
    expect(provider.edges().map((e) => e.id)).toEqual(['fra', 'iad', 'sin']);
    expect(provider.profile.originLatency).toBe('200ms');
    expect(isStartable(p) && isPurger(p) && isOriginCounted(p) && isOriginControlled(p) && isPriced(p)).toBe(true);
  });

  it('sets the coalescing switch each built-in profile is named for', () => {
    const profile = (name: string): LabEngineProvider['profile'] => (loadProviderProfile(name) as LabEngineProvider).profile;
    expect(profile('lab-nginx').cacheLock).toBe(true);
    expect(profile('lab-nginx-nolock').cacheLock).toBe(false);
    expect(profile('lab-ats').readWhileWriter).toBe(true);
  });

  it('refuses to take a PoP down (only the emulator can) and accepts the origin-side events', () => {
    const p = loadProviderProfile('lab-varnish') as LabEngineProvider;
    expect(p.eventSupport({ at: '1s', action: 'fault', kind: 'pop-down', duration: '1s' })).toMatch(/cannot take a PoP down/);
    expect(p.eventSupport({ at: '1s', action: 'fault', kind: 'origin-5xx', duration: '1s' })).toBeNull();
  });
});
