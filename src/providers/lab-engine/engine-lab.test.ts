import { existsSync } from 'node:fs';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../../catalog/catalog-config.js';
import { fetchOriginCounts } from '../../result/coalescing-analyser.js';
import { headerGetter } from '../../dialects/dialect.js';
import { getDialect } from '../../dialects/registry.js';
import { purgeEngine } from './engine-purge.js';
import { EngineLab } from '../../lab/engines/engine-lab.js';
import { resolveEngineBinary } from '../../lab/engines/find-engine.js';
import { ENGINE_BINARIES, LAB_ENGINES } from '../../lab/engines/engine-spec.js';
import { assertEngine, needsEngine, skipWithoutEngine } from '../../../test/helpers/require-engine.js';

const PATH = '/audio/t000000/seek.json';
const TOKEN = 'engine-lab-test-token';

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.each(LAB_ENGINES)('engine lab: %s PoPs behind a shield', (engine) => {
  it.skipIf(skipWithoutEngine(engine))(needsEngine(engine, 'names every tier to the origin and the client, purges through both tiers, leaves nothing behind'), async () => {
    assertEngine(engine);
    const bin = resolveEngineBinary(engine);
    if (!('path' in bin)) throw new Error(bin.problem);
    const pgids: number[] = [];
    const lab = await EngineLab.start(
      {
        engine, binary: bin.path, pops: ['fra', 'iad'], shield: true, cacheBytes: 64 * 1024 * 1024,
        tuning: { cacheLock: true, readWhileWriter: true, refreshToken: 'refresh-secret' },
        catalog: DEFAULT_CATALOG, token: TOKEN, seed: 42, originLatency: '5ms',
      },
      { onSpawn: (g) => pgids.push(g) },
    );
    const dialect = getDialect(ENGINE_BINARIES[engine].dialect);
    const { endpoints } = lab;
    try {
      expect(endpoints.pops.map((p) => p.id)).toEqual(['fra', 'iad']);
      expect(endpoints.shieldUrl).not.toBeNull();
      expect(pgids).toHaveLength(3);
      const [fra, iad] = endpoints.pops.map((p) => p.url);
      const get = async (base: string | undefined): Promise<{ status: number; cache: string; pop: string | undefined; etag: string | undefined }> => {
        const res = await request(`${base ?? ''}${PATH}`);
        await res.body.dump();
        const c = dialect.classify(headerGetter(res.headers));
        const etag = res.headers.etag;
        return { status: res.statusCode, cache: c.cache, pop: c.pop, etag: typeof etag === 'string' ? etag : undefined };
      };
      expect(await get(fra)).toMatchObject({ status: 200, cache: 'MISS', pop: 'fra' });
      expect(await get(fra)).toMatchObject({ status: 200, cache: 'HIT', pop: 'fra' });
      expect(await get(iad)).toMatchObject({ status: 200, cache: 'MISS', pop: 'iad' }); // its own cache was empty; the shield had it
      const counts = async (): Promise<Record<string, number>> => Object.fromEntries((await fetchOriginCounts(endpoints.originUrl, TOKEN, [PATH])).get(PATH) ?? new Map());
      expect(await counts()).toEqual({ shield: 1 }); // only the shield ever asks the origin

      const receipt = await purgeEngine({ engine, tiers: [[endpoints.shieldUrl ?? ''], endpoints.pops.map((p) => p.url)], refreshToken: 'refresh-secret' }, { urls: [PATH] });
      expect(receipt.ok, receipt.error).toBe(true);
      expect(await get(fra)).toMatchObject({ status: 200, pop: 'fra' });
      // Purged at both tiers: the shield went back to the origin exactly once more (nginx: its refresh did).
      expect(await counts()).toEqual({ shield: 2 });
    } finally {
      await lab.close();
    }
    expect(pgids.filter(groupAlive)).toEqual([]);
    expect(existsSync(endpoints.root)).toBe(false);
  }, 120_000);
});
