/**
 * A real caching engine as a provider (issue 5): its own engine lab per run — cdnbench's origin serving the
 * scenario's catalog and one Varnish, nginx or Traffic Server instance per PoP (plus the optional shield)
 * — so every provider starts from empty caches and zeroed origin counters. It purges the way the engine
 * can (engine-purge.ts), counts origin fetches exactly, and carries out the origin-side events (publish,
 * drop, origin faults) through the origin's control API.
 */
import { randomBytes } from 'node:crypto';
import { controlCall } from '../../lab/control-client.js';
import { EngineLabHost } from '../../lab/engines/engine-lab-host.js';
import { engineProblems, resolveEngineBinary } from '../../lab/engines/find-engine.js';
import { ENGINE_BINARIES } from '../../lab/engines/engine-spec.js';
import { fetchOriginCounts } from '../../result/coalescing-analyser.js';
import type { ScenarioEvent } from '../../scenario/schema.js';
import { parseDuration } from '../../util/duration.js';
import type { Edge, HostRequirements, OriginControlled, OriginCounted, PublishAnswer, ProviderAdapter, ProviderContext, PurgeReceipt, PurgeRequest, Purger, ScenarioEventHandler, Startable } from '../adapter.js';
import type { HeaderDialect } from '../../dialects/dialect.js';
import { getDialect } from '../../dialects/registry.js';
import type { PriceTable } from '../../profiles/price-schema.js';
import { ENGINE_PURGE_KINDS, purgeEngine } from './engine-purge.js';
import type { LabEngineProfile } from './lab-engine-profile.js';

/** Varnish, nginx or Traffic Server PoPs in front of cdnbench's origin. */
export class LabEngineProvider implements ProviderAdapter, Startable, Purger, ScenarioEventHandler, OriginCounted, OriginControlled, HostRequirements {
  readonly kind = 'lab-engine';
  readonly dialect: HeaderDialect;
  readonly purgeKinds: readonly ('url' | 'tag' | 'all')[];
  private lab: EngineLabHost | null = null;
  private readonly token = randomBytes(16).toString('hex');
  private readonly refreshToken = randomBytes(16).toString('hex');

  constructor(
    readonly id: string,
    readonly profile: LabEngineProfile,
  ) {
    this.dialect = getDialect(ENGINE_BINARIES[profile.engine].dialect);
    this.purgeKinds = ENGINE_PURGE_KINDS[profile.engine];
  }

  /** The profile's price table; undefined (no cost figures) when it declares none. */
  get prices(): PriceTable | undefined {
    return this.profile.prices;
  }

  /** The price region of a PoP. */
  popRegion(pop: string): string {
    return this.profile.pops.find((p) => p.id === pop)?.region ?? 'default';
  }

  /** True when PoPs fetch through the shield instance. */
  get shielded(): boolean {
    return this.profile.shield;
  }

  /** Why the engine cannot run on this machine (missing binary or vmod); checked before any load. */
  hostProblems(): string[] {
    return engineProblems(this.profile.engine);
  }

  async start(ctx: ProviderContext): Promise<void> {
    await this.stop();
    const lookup = resolveEngineBinary(this.profile.engine);
    if ('problem' in lookup) throw new Error(lookup.problem);
    const p = this.profile;
    this.lab = await EngineLabHost.start(
      {
        engine: p.engine, binary: lookup.path, pops: p.pops.map((x) => x.id), shield: p.shield, cacheBytes: p.cacheBytes,
        tuning: { cacheLock: p.cacheLock ?? true, readWhileWriter: p.readWhileWriter ?? true, refreshToken: this.refreshToken },
        catalog: ctx.catalog, token: this.token, seed: ctx.catalog.seed, originLatency: p.originLatency,
      },
      { signal: ctx.signal, log: ctx.log },
    );
  }

  async stop(): Promise<void> {
    const lab = this.lab;
    this.lab = null;
    await lab?.stop();
  }

  /** The PoPs; placeholders until started. */
  edges(): readonly Edge[] {
    if (this.lab === null) return this.profile.pops.map((p) => ({ id: p.id, url: 'http://127.0.0.1:0' }));
    return this.lab.endpoints.pops.map((p) => ({ id: p.id, url: p.url }));
  }

  async purge(req: PurgeRequest): Promise<PurgeReceipt> {
    if (this.lab === null) return { ok: false, apiMs: 0, error: `${this.id} is not running` };
    const { pops, shieldUrl } = this.lab.endpoints;
    return purgeEngine({ engine: this.profile.engine, tiers: [shieldUrl === null ? [] : [shieldUrl], pops.map((p) => p.url)], refreshToken: this.refreshToken }, req);
  }

  /** Origin fetches and body bytes counted by cdnbench's origin since the engines answered. */
  async originTotals(): Promise<{ fetches: number; bytes: number }> {
    const body = (await this.originControl('stats?prefix=/')) as { fetches?: unknown; bytes?: unknown } | null;
    if (typeof body?.fetches !== 'number' || typeof body.bytes !== 'number') throw new Error('origin stats answered no totals');
    return { fetches: body.fetches, bytes: body.bytes };
  }

  /** Origin fetches of each path per requesting instance (PoP ids and `shield`). */
  async originFetches(paths: readonly string[]): Promise<Map<string, Map<string, number>>> {
    return fetchOriginCounts(this.running().originUrl, this.token, paths);
  }

  /** Publishes (or previews) a change of a book's mapping at the origin. */
  async originPublish(req: { isbn?: string; rank?: number; changePercent: number; mode: 'in-place' | 'new-edition'; preview?: boolean }): Promise<PublishAnswer> {
    return (await this.originControl('publish', req)) as PublishAnswer;
  }

  eventSupport(event: ScenarioEvent): string | null {
    if (event.action === 'fault' && event.kind === 'pop-down') return 'cannot take a PoP down (a lab engine PoP is a real process; only the emulator can)';
    return null;
  }

  async handleEvent(event: ScenarioEvent): Promise<void> {
    if (event.action === 'publish') {
      await this.originControl('publish', { ...(typeof event.book === 'number' ? { rank: event.book } : { isbn: event.book }), changePercent: event.changePercent });
    } else if (event.action === 'drop') {
      await this.originControl('drop', { album: event.album });
    } else if (event.action === 'fault' && event.kind !== 'pop-down') {
      const durationMs = parseDuration(event.duration) ?? 0;
      const delayMs = event.delay === undefined ? 2000 : (parseDuration(event.delay) ?? 0);
      await this.originControl('fault', event.kind === 'origin-5xx' ? { kind: 'error', durationMs } : { kind: 'slow', durationMs, delayMs });
    }
  }

  private running(): { originUrl: string } {
    if (this.lab === null) throw new Error(`${this.id} is not running`);
    return this.lab.endpoints;
  }

  /** One call to the origin's control API (GET without `json`, POST with); the token stays in the header. */
  private async originControl(path: string, json?: unknown): Promise<unknown> {
    const a = await controlCall(`${this.running().originUrl}/__cdnbench/${path}`, { token: this.token, ...(json === undefined ? {} : { json }) });
    if (a.status >= 300) throw new Error(`origin ${path.split('?')[0] ?? path} answered ${a.status}`);
    return a.body;
  }
}
