/**
 * Integration of the lab's two halves, in process: the real instrumented origin (src/lab/origin) behind the
 * real multi-PoP emulator (src/lab/emulator). The unit tests of each half use stand-ins for the other; here
 * the ground truth is the origin's own fetch counters and control API, and profiles whose distributions the
 * test fixes. All traffic goes to 127.0.0.1.
 */
import { sendPurge } from '../src/providers/emulator/purge-client.js';
import { Pool, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { Catalog, type Book, type CatalogConfig } from '../src/catalog/index.js';
import { DEFAULT_CATALOG } from '../src/catalog/catalog-config.js';
import { emulatorProfileSchema, startEmulator, type EmulatorProfileInput, type PurgeLogEntry, type RunningEmulator } from '../src/lab/emulator/index.js';
import { startOrigin, tilePath, type OriginStats, type PublishResult, type RunningOrigin } from '../src/lab/origin/index.js';
import { testProfileInput } from './helpers/test-origin.js';

const TOKEN = 'integration-test-token-0123456789';
const CATALOG: CatalogConfig = { ...DEFAULT_CATALOG, seed: 7, books: 20, tracks: 20, albums: 2 };

let origin: RunningOrigin | null = null;
let emulator: RunningEmulator | null = null;
const pools: Pool[] = [];

afterEach(async () => {
  for (const p of pools.splice(0)) await p.destroy();
  await emulator?.close();
  await origin?.close();
  emulator = null;
  origin = null;
});

/** The emulator's test profile (one PoP `fra`, no latency, generic purge API) as input, `overrides` on top. */
function profile(overrides: Partial<EmulatorProfileInput>): EmulatorProfileInput {
  return { ...testProfileInput(), ...overrides };
}

/** Starts the real origin and the real emulator in front of it. */
async function startLab(o: { originLatency?: string; profile: Partial<EmulatorProfileInput> }): Promise<{ origin: RunningOrigin; emulator: RunningEmulator }> {
  origin = await startOrigin({ catalog: CATALOG, token: TOKEN, ...(o.originLatency === undefined ? {} : { latency: o.originLatency }) });
  emulator = await startEmulator({ profile: emulatorProfileSchema.parse(profile(o.profile)), originUrl: origin.url, seed: 11, controlToken: TOKEN });
  return { origin, emulator };
}

/** A response read to the end. */
interface Got {
  status: number;
  headers: Record<string, string>;
  body: string;
}

async function http(url: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {}): Promise<Got> {
  const res = await request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, body: init.body ?? null });
  const body = await res.body.text();
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return { status: res.statusCode, headers, body };
}

async function originStats(o: RunningOrigin, prefix = ''): Promise<OriginStats> {
  const r = await http(`${o.url}/__cdnbench/stats${prefix === '' ? '' : `?prefix=${encodeURIComponent(prefix)}`}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(r.status).toBe(200);
  return JSON.parse(r.body) as OriginStats;
}

/** Every tile path of `book`'s current edition, in every language. */
function allTilePaths(catalog: Catalog, book: Book): string[] {
  const edition = catalog.currentEdition(book).hash;
  return book.languages.flatMap((lang) => catalog.tileRanges(book).map((r) => tilePath(book.isbn, edition, lang, r)));
}

describe('request coalescing, counted by the real origin (origin latency 200 ms)', () => {
  const N = 200;

  /** N concurrent first requests for one tile at one PoP; returns the origin's counts for that tile. */
  async function burst(coalescing: boolean): Promise<{ path: string; stats: OriginStats; responses: Got[]; direct: string }> {
    const lab = await startLab({ originLatency: '200ms', profile: { coalescing } });
    const catalog = Catalog.create(CATALOG);
    const book = catalog.bookAt(0);
    const [path, warmPath] = allTilePaths(catalog, book);
    if (path === undefined || warmPath === undefined) throw new Error('the book has fewer than two tiles');
    const pop = lab.emulator.pops[0]?.url ?? '';
    const pool = new Pool(pop, { connections: N });
    pools.push(pool);
    const get = async (p: string): Promise<Got> => {
      const r = await pool.request({ method: 'GET', path: p });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      return { status: r.statusCode, headers, body: await r.body.text() };
    };
    // Open all N connections first (N requests in flight for another tile hold one connection each), so
    // the measured burst reaches the PoP at once instead of trickling in behind N TCP handshakes.
    await Promise.all(Array.from({ length: N }, () => get(warmPath)));
    const responses = await Promise.all(Array.from({ length: N }, () => get(path)));
    const stats = await originStats(lab.origin, path);
    const direct = (await http(lab.origin.url + path)).body;
    return { path, stats, responses, direct };
  }

  it(`${N} concurrent first requests → exactly 1 origin fetch with coalescing on`, async () => {
    const { path, stats, responses, direct } = await burst(true);
    console.info(`coalescing on: ${N} requests → ${stats.fetches} origin fetch(es) of ${path}`);
    expect(stats.fetches).toBe(1);
    expect(stats.objects[path]).toEqual({ fra: { fetches: 1, bytes: Buffer.byteLength(direct), revalidations: 0 } });
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: N }, () => 200));
    // Every waiter got the origin's bytes.
    expect(new Set(responses.map((r) => r.body))).toEqual(new Set([direct]));
  });

  it(`${N} concurrent first requests → exactly ${N} origin fetches with coalescing off`, async () => {
    const { path, stats, responses, direct } = await burst(false);
    console.info(`coalescing off: ${N} requests → ${stats.fetches} origin fetch(es) of ${path}`);
    expect(stats.fetches).toBe(N);
    expect(stats.objects[path]).toEqual({ fra: { fetches: N, bytes: N * Buffer.byteLength(direct), revalidations: 0 } });
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: N }, () => 200));
    expect(new Set(responses.map((r) => r.body))).toEqual(new Set([direct]));
  });
});

describe('invalidation of a real publish (fixed 400 ms propagation)', () => {
  it('each PoP serves the old ETag until 400 ms after the purge and the new one within 50 ms after', async () => {
    const DELAY = 400;
    const lab = await startLab({ profile: { pops: [{ id: 'fra' }, { id: 'iad' }, { id: 'sin' }], invalidation: `${DELAY}ms`, purgeApi: 'cloudflare' } });
    const catalog = Catalog.create(CATALOG);
    const book = catalog.bookAt(0);
    const paths = allTilePaths(catalog, book);

    // Warm every tile of the book at every PoP; the PoPs now hold the first version of each.
    const oldEtag = new Map<string, string>();
    for (const pop of lab.emulator.pops) {
      for (const p of paths) {
        const r = await http(pop.url + p);
        expect(r.status).toBe(200);
        const etag = r.headers.etag ?? '';
        expect(etag).not.toBe('');
        if (!oldEtag.has(p)) oldEtag.set(p, etag);
        expect(etag).toBe(oldEtag.get(p));
      }
    }

    // Publish in place: the same URLs, new content for exactly the reported tiles.
    const pub = await http(`${lab.origin.url}/__cdnbench/publish`, {
      method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ isbn: book.isbn, mode: 'in-place' }),
    });
    expect(pub.status).toBe(200);
    const published = JSON.parse(pub.body) as PublishResult;
    const changed = new Set(published.changedPaths);
    expect(changed.size).toBeGreaterThan(0);
    for (const p of changed) expect(paths).toContain(p);
    // Ground truth at the origin: exactly the reported tiles have a new ETag.
    const newEtag = new Map<string, string>();
    for (const p of paths) {
      const etag = (await http(lab.origin.url + p)).headers.etag ?? '';
      if (changed.has(p)) {
        expect(etag, p).not.toBe(oldEtag.get(p));
        newEtag.set(p, etag);
      } else expect(etag, p).toBe(oldEtag.get(p));
    }
    // Before any purge every PoP still serves its cached copy.
    const watched = published.changedPaths[0] ?? '';
    for (const pop of lab.emulator.pops) expect((await http(pop.url + watched)).headers.etag).toBe(oldEtag.get(watched));

    const t0 = performance.now();
    const purge = await sendPurge(lab.emulator.controlUrl, 'cloudflare', { urls: published.changedPaths }, TOKEN);
    expect(purge.ok).toBe(true);
    // Poll each PoP every 10 ms (bounded at 3 s): the last old response and the first new one.
    const seen = await Promise.all(
      lab.emulator.pops.map(async (pop) => {
        let lastOldSent = -1;
        for (;;) {
          const sent = performance.now() - t0;
          const r = await http(pop.url + watched);
          const received = performance.now() - t0;
          if (r.headers.etag === newEtag.get(watched)) return { pop: pop.id, lastOldSent, firstNewSent: sent, firstNewReceived: received };
          expect(r.headers.etag, `${pop.id} at ${received.toFixed(1)} ms`).toBe(oldEtag.get(watched));
          lastOldSent = sent;
          if (received > 3000) throw new Error(`PoP ${pop.id} still served the old ETag 3 s after the purge`);
          await new Promise((res) => setTimeout(res, 10));
        }
      }),
    );
    console.info(`fixed ${DELAY} ms purge through the real origin, per PoP (ms after the purge call):`, seen.map((s) => `${s.pop}: last old sent ${s.lastOldSent.toFixed(1)}, first new ${s.firstNewSent.toFixed(1)}–${s.firstNewReceived.toFixed(1)}`).join('; '));
    for (const s of seen) {
      // Not fresh before its delay: the first new answer cannot have been produced before 400 ms
      // (2 ms for timer granularity), and the old copy was still being served shortly before.
      expect(s.firstNewReceived, s.pop).toBeGreaterThanOrEqual(DELAY - 2);
      expect(s.lastOldSent, s.pop).toBeGreaterThanOrEqual(DELAY - 50);
      // Fresh within 50 ms after it.
      expect(s.firstNewSent, s.pop).toBeLessThanOrEqual(DELAY + 50);
    }
    // The emulator's ground-truth log agrees: 400 ms at every PoP, every changed tile removed.
    const log = JSON.parse((await http(`${lab.emulator.controlUrl}/__cdnbench/purges`, { headers: { authorization: `Bearer ${TOKEN}` } })).body) as { purges: PurgeLogEntry[] };
    const entry = log.purges.at(-1);
    expect(entry?.id).toBe(purge.ids[0]);
    for (const pop of lab.emulator.pops) expect(entry?.pops[pop.id]).toMatchObject({ delayMs: DELAY, removed: changed.size });
    // Afterwards: every changed tile is new at every PoP, every other tile still the cached original.
    for (const pop of lab.emulator.pops) {
      for (const p of paths) {
        const r = await http(pop.url + p);
        expect(r.headers.etag, `${pop.id} ${p}`).toBe(changed.has(p) ? newEtag.get(p) : oldEtag.get(p));
      }
    }
  });
});

describe('the origin control API through the lab', () => {
  it('publish without a token or with a wrong one → 401, at the origin and through a PoP, and nothing changes', async () => {
    const lab = await startLab({ profile: {} });
    const catalog = Catalog.create(CATALOG);
    const book = catalog.bookAt(0);
    const paths = allTilePaths(catalog, book);
    const etags = async (): Promise<string[]> => Promise.all(paths.map(async (p) => (await http(lab.origin.url + p)).headers.etag ?? ''));
    const before = await etags();
    const stats = await originStats(lab.origin);
    const body = JSON.stringify({ isbn: book.isbn, changePercent: 50, mode: 'in-place' });
    const pop = lab.emulator.pops[0]?.url ?? '';
    const attempts: [string, Record<string, string>][] = [
      [lab.origin.url, {}],
      [lab.origin.url, { authorization: 'Bearer wrong-token' }],
      [lab.origin.url, { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` }],
      [pop, {}],
      [pop, { authorization: 'Bearer wrong-token' }],
    ];
    for (const [base, auth] of attempts) {
      const r = await http(`${base}/__cdnbench/publish`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body });
      expect({ base, auth, status: r.status }).toEqual({ base, auth, status: 401 });
      expect(r.body).not.toContain(TOKEN);
    }
    // Nothing changed: the counters, and every tile's ETag.
    expect(await originStats(lab.origin)).toEqual(stats);
    expect(await etags()).toEqual(before);

    // The same call with the token is what changes things (so the refusals above were about the token).
    const ok = await http(`${lab.origin.url}/__cdnbench/publish`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body });
    expect(ok.status).toBe(200);
    const changed = new Set((JSON.parse(ok.body) as PublishResult).changedPaths);
    const after = await etags();
    expect(paths.filter((_, i) => after[i] !== before[i])).toEqual(paths.filter((p) => changed.has(p)));
  });
});
