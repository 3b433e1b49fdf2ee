/**
 * Album drops (DOMAIN.md §1): the objects a crowd asks for at once — every track's seek table and audio —
 * pre-warming them at every PoP before the load, and measuring how many origin fetches the burst caused
 * (exact from cdnbench's origin counters, else estimated from cache status).
 */
import { Catalog } from '../catalog/catalog.js';
import { KBPS_TIERS } from '../catalog/kbps.js';
import { InvalidConfigError } from '../errors.js';
import type { CoalescingBurstTracker } from '../result/coalescing-burst-tracker.js';
import { estimatedCoalescing, exactCoalescing } from '../result/coalescing-analyser.js';
import type { CoalescingResult } from '../result/probe-results.js';
import { isOriginCounted, type ProviderAdapter, type RequestClient } from '../providers/adapter.js';
import type { Scenario } from '../scenario/schema.js';
import type { Exchange } from '../http/edge-client.js';

/** Every path of an album a listener may request: seek tables and audio at each bitrate. */
export function albumPaths(catalog: Catalog, albumId: string): string[] {
  const album = catalog.album(albumId);
  if (album === undefined) throw new InvalidConfigError(`unknown album ${JSON.stringify(albumId)} (the catalog has a0000 … a${String(catalog.albums.length - 1).padStart(4, '0')})`);
  return album.tracks.flatMap((t) => [`/audio/${t}/seek.json`, ...KBPS_TIERS.map((k) => `/audio/${t}/${k}.ogg`)]);
}

function get(client: RequestClient, path: string, headers: Record<string, string> | undefined): Promise<Exchange> {
  return new Promise((resolve) => client.get(path, headers, resolve));
}

/** Checks, before any load, that the albums a scenario's coalescing and prewarm sections name exist. */
export function checkScenarioAlbums(scenario: Scenario): void {
  const albums = [scenario.coalescing?.album, scenario.prewarm?.album].filter((a) => a !== undefined);
  // The catalog is built only for a scenario that names an album: the run builds its own later.
  if (albums.length === 0) return;
  const catalog = Catalog.create(scenario.catalog);
  for (const album of albums) albumPaths(catalog, album);
}

/** Fetches every track's seek table and audio range once at every PoP; resolves with the failures. */
export async function prewarmAlbum(clients: readonly RequestClient[], catalog: Catalog, prewarm: NonNullable<Scenario['prewarm']>): Promise<string[]> {
  const album = catalog.album(prewarm.album);
  if (album === undefined) return [`unknown album ${prewarm.album}`];
  const failures: string[] = [];
  await Promise.all(
    clients.map(async (client) => {
      for (const t of album.tracks) {
        const requests: [string, Record<string, string> | undefined][] = [[`/audio/${t}/seek.json`, undefined], ...prewarm.kbps.map((k): [string, Record<string, string>] => [`/audio/${t}/${k}.ogg`, { range: prewarm.range }])];
        for (const [path, headers] of requests) {
          const ex = await get(client, path, headers);
          if (ex.error !== undefined || ex.status >= 400) failures.push(`${client.edge.id} ${path}: ${ex.errorMessage ?? ex.status}`);
        }
      }
    }),
  );
  return failures;
}

/** The coalescing of a run's bursts on the watched objects; exact when the provider's origin counts. */
export async function burstCoalescing(provider: ProviderAdapter, tracker: CoalescingBurstTracker): Promise<CoalescingResult | null> {
  if (tracker.totals().requests === 0) return null;
  if (!isOriginCounted(provider)) return estimatedCoalescing(tracker);
  const originFetches = await provider.originFetches(tracker.watched());
  return exactCoalescing({ clientRequestsByPop: tracker.clientRequestsByPop(), originFetches, shield: provider.shielded });
}
