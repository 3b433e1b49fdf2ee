import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerGetter } from '../../dialects/dialect.js';
import { getDialect } from '../../dialects/registry.js';
import { startEmulator, type RunningEmulator } from './emulator.js';
import { EMULATOR_DIALECTS } from './emulator-profile.js';
import { dialectPopName } from './hop-labels.js';
import { get, TestOrigin, testProfile } from '../../../test/helpers/test-origin.js';

let origin: TestOrigin;
const emulators = new Map<string, RunningEmulator>();

beforeAll(async () => {
  origin = await TestOrigin.start();
  origin.set('/obj', { headers: { 'cache-control': 'max-age=60', server: 'test-origin', 'surrogate-key': 'k1', xkey: 'k1', 'cache-tag': 'k1' }, body: 'x' });
  for (const d of EMULATOR_DIALECTS) {
    emulators.set(d, await startEmulator({ profile: testProfile({ dialect: d, pops: [{ id: 'fra' }, { id: 'iad2' }] }), originUrl: origin.url }));
  }
});
afterAll(async () => {
  for (const em of emulators.values()) await em.close();
  await origin.close();
});

describe('vendor dialects written by the PoPs', () => {
  it.each(EMULATOR_DIALECTS)('%s: the dialect parser reads MISS then HIT and the PoP', async (d) => {
    const em = emulators.get(d);
    for (const pop of em?.pops ?? []) {
      const miss = await get(`${pop.url}/obj`);
      const hit = await get(`${pop.url}/obj`);
      const dialect = getDialect(d);
      expect(dialect.classify(headerGetter(miss.headers))).toMatchObject({ cache: 'MISS', pop: dialectPopName(d, pop.id) });
      expect(dialect.classify(headerGetter(hit.headers))).toMatchObject({ cache: 'HIT', pop: dialectPopName(d, pop.id) });
      // Generic readers get the exact id; RFC 9211 is always there.
      expect(getDialect('generic').classify(headerGetter(hit.headers))).toMatchObject({ cache: 'HIT', pop: pop.id });
      expect(getDialect('rfc9211').classify(headerGetter(hit.headers))).toMatchObject({ cache: 'HIT', pop: pop.id });
      expect(hit.headers['x-cdnbench-pop']).toBe(pop.id);
      // Surrogate headers are for caches only; other tag headers pass through.
      expect([hit.headers['surrogate-key'], hit.headers.xkey, hit.headers['cache-tag']]).toEqual([undefined, undefined, 'k1']);
    }
  });

  it('writes the documented vendor formats', async () => {
    const h = async (d: string): Promise<Record<string, string>> => (await get(`${emulators.get(d)?.pops[0]?.url ?? ''}/obj`)).headers;
    const cf = await h('cloudflare');
    expect(cf['cf-ray']).toMatch(/^[0-9a-f]{16}-FRA$/);
    expect((await h('cloudflare'))['cf-ray']).not.toBe(cf['cf-ray']); // unique per response
    expect((await h('fastly'))['x-served-by']).toBe('cache-fra1234-FRA');
    expect(await h('cloudfront')).toMatchObject({ 'x-cache': 'Hit from cloudfront', 'x-amz-cf-pop': 'FRA50-C1' });
    expect((await h('akamai'))['x-cache']).toBe('TCP_HIT from afra.deploy.akamaitechnologies.com (AkamaiGHost/22.0) (-)');
    expect(await h('bunny')).toMatchObject({ 'cdn-cache': 'HIT', server: 'BunnyCDN-FRA-1000' });
    expect((await h('rfc9211'))['cache-status']).toMatch(/^fra; hit; ttl=\d+$/);
    expect((await h('rfc9211')).server).toBe('test-origin');
  });
});
