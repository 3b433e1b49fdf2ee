/**
 * Test support for the invalidation prober (not used at run time): the REAL lab origin behind the REAL
 * edge emulator, in-process, with a profile whose per-PoP invalidation delay the test chooses. The
 * emulator's purge log (`GET /__cdnbench/purges`) is read here as ground truth for tests only; the
 * prober never sees it.
 */
import { sendPurge } from '../../src/providers/emulator/purge-client.js';
import { DEFAULT_CATALOG } from '../../src/catalog/index.js';
import { controlCall } from '../../src/lab/control-client.js';
import { startEmulator, type EmulatorProfile, type PurgeApi, type PurgeLogEntry, type RunningEmulator } from '../../src/lab/emulator/index.js';
import { testProfile } from './test-origin.js';
import { startOrigin, tilePath, type PublishMode, type PublishResult, type RunningOrigin } from '../../src/lab/origin/index.js';
import type { Edge, PurgeReceipt, PurgeRequest } from '../../src/providers/adapter.js';
import type { DistributionSpec } from '../../src/util/distribution.js';

const TOKEN = 'invalidation-test-token';

/** A running origin + emulator pair and the objects a test publishes. */
export interface InvalidationLab {
  origin: RunningOrigin;
  emulator: RunningEmulator;
  profile: EmulatorProfile;
  /** The emulator's PoPs as the engine sees them (profile ids). */
  edges: Edge[];
  /** The book whose tiles change. */
  isbn: string;
  /** Tile paths of the book's current edition (first language), as many as asked for. */
  paths: string[];
  /** Publishes a change of every tile of the book through the origin's control API. */
  publish(mode: PublishMode): Promise<PublishResult>;
  /** Purges through the emulator's purge API in the profile's shape (what EmulatorProvider.purge does). */
  purge(req: PurgeRequest): Promise<PurgeReceipt>;
  /** The emulator's purge log: ground truth (tests only). */
  purgeLog(): Promise<PurgeLogEntry[]>;
  /** Stops both; idempotent. */
  close(): Promise<void>;
}

/** Options of startInvalidationLab. */
export interface InvalidationLabOptions {
  /** Per-PoP propagation delay of the profile. */
  invalidation: DistributionSpec;
  /** PoP ids; default fra, iad, sin. */
  pops?: string[];
  /** Objects (tiles) to watch; default 2. */
  objects?: number;
  purgeApi?: PurgeApi;
  /** Emulator seed (drawn delays). */
  seed?: number;
}

/** Starts the lab pair. */
export async function startInvalidationLab(opts: InvalidationLabOptions): Promise<InvalidationLab> {
  const profile = testProfile({
    pops: (opts.pops ?? ['fra', 'iad', 'sin']).map((id) => ({ id })),
    latency: '1ms',
    invalidation: opts.invalidation,
    purgeApi: opts.purgeApi ?? 'generic',
  });
  const origin = await startOrigin({ catalog: { ...DEFAULT_CATALOG, books: 10, tracks: 10, albums: 1 }, token: TOKEN });
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({ profile, originUrl: origin.url, seed: opts.seed ?? 7, controlToken: TOKEN });
  } catch (err) {
    await origin.close();
    throw err;
  }
  const catalog = origin.state.catalog;
  const count = opts.objects ?? 2;
  const book = catalog.books.find((b) => catalog.tileCount(b) >= count);
  if (book === undefined) throw new Error(`no book with ${count} tiles`);
  const edition = catalog.currentEdition(book);
  const lang = book.languages[0] ?? 'en';
  const paths = catalog.tileRanges(book).slice(0, count).map((r) => tilePath(book.isbn, edition.hash, lang, r));
  const em = emulator;
  return {
    origin,
    emulator: em,
    profile,
    edges: em.pops.map((p) => ({ id: p.id, url: p.url })),
    isbn: book.isbn,
    paths,
    async publish(mode) {
      const a = await controlCall(`${origin.url}/__cdnbench/publish`, { token: TOKEN, json: { isbn: book.isbn, changePercent: 100, mode } });
      if (a.status !== 200) throw new Error(`publish answered ${a.status}`);
      return a.body as PublishResult;
    },
    async purge(req) {
      const out = await sendPurge(em.controlUrl, profile.purgeApi, req, TOKEN);
      return { ok: out.ok, apiMs: out.apiMs, ...(out.error === undefined ? {} : { error: out.error }) };
    },
    async purgeLog() {
      const a = await controlCall(`${em.controlUrl}/__cdnbench/purges`, { token: TOKEN });
      return (a.body as { purges: PurgeLogEntry[] }).purges;
    },
    async close() {
      await em.close();
      await origin.close();
    },
  };
}
