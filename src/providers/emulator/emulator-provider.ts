/**
 * A provider archetype emulated in the lab: its own lab process (a fresh origin and the profile's
 * PoPs) per run, so every provider starts from empty caches and zeroed origin counters. It purges
 * through the API shape its profile names and carries out the lab-only events (publish, drop, faults).
 */
import { randomBytes } from 'node:crypto';
import { dialectPopName } from '../../lab/emulator/index.js';
import { sendPurge } from './purge-client.js';
import { parseDuration } from '../../util/duration.js';
import type { EmulatorProfile } from '../../lab/emulator/emulator-profile.js';
import { makeDistribution } from '../../util/distribution.js';
import { controlCall } from '../../lab/control-client.js';
import { fetchOriginCounts } from '../../result/coalescing-analyser.js';
import { LabHost } from '../../lab/lab-supervisor.js';
import type { EmulatorEndpoints } from '../../lab/lab-protocol.js';
import type { ScenarioEvent } from '../../scenario/schema.js';
import type { Edge, OriginControlled, OriginCounted, Priced, PublishAnswer, ProviderAdapter, ProviderContext, PurgeReceipt, PurgeRequest, Purger, ScenarioEventHandler, Startable } from '../adapter.js';
import type { PriceTable } from '../../profiles/price-schema.js';
import type { HeaderDialect } from '../../dialects/dialect.js';
import { getDialect } from '../../dialects/registry.js';

/**
 * The lab origin's latency in runs: an origin in one region seen from the PoPs, so a miss costs a
 * realistic round trip (cold vs warm latency differ as in life) while hits pay only the PoP's latency.
 */
export const LAB_ORIGIN_LATENCY = { p50: '40ms', p95: '120ms' } as const;

/** An emulated archetype (edge-optimized, traditional, …) backed by the lab. */
export class EmulatorProvider implements ProviderAdapter, Startable, Purger, ScenarioEventHandler, Priced, OriginCounted, OriginControlled {
  readonly kind = 'emulator';
  readonly dialect: HeaderDialect;
  readonly purgeKinds: readonly ('url' | 'tag' | 'all')[];
  private lab: LabHost | null = null;
  private endpoints: EmulatorEndpoints | null = null;

  constructor(
    readonly id: string,
    readonly profile: EmulatorProfile,
  ) {
    this.dialect = getDialect(profile.dialect);
    this.purgeKinds = profile.purgeKinds;
  }

  /** The profile's configured invalidation p95, ms: what the default probe window must cover (rollout-probe.ts). */
  invalidationP95Ms(): number {
    return makeDistribution(this.profile.invalidation).p95;
  }

  /** The profile's price table. */
  get prices(): PriceTable {
    return this.profile.prices;
  }

  /** The price region of a PoP named as the profile does (fra) or as its dialect reports it (FRA). */
  popRegion(pop: string): string {
    const id = this.popId(pop);
    return this.profile.pops.find((p) => p.id === id)?.region ?? 'default';
  }

  /** Origin fetches and body bytes counted by the lab origin since this provider started. */
  async originTotals(): Promise<{ fetches: number; bytes: number }> {
    const body = (await this.originControl('stats?prefix=/')) as { fetches?: unknown; bytes?: unknown } | null;
    if (typeof body?.fetches !== 'number' || typeof body.bytes !== 'number') throw new Error('origin stats answered no totals');
    return { fetches: body.fetches, bytes: body.bytes };
  }

  /** Publishes (or previews) a change of a book's mapping at the lab origin. */
  async originPublish(req: { isbn?: string; rank?: number; changePercent: number; mode: 'in-place' | 'new-edition'; preview?: boolean }): Promise<PublishAnswer> {
    return (await this.originControl('publish', req)) as PublishAnswer;
  }

  /** True when the profile puts a shield tier between PoPs and origin. */
  get shielded(): boolean {
    return this.profile.shield;
  }

  /** Origin fetches of each path per requesting edge, from the lab origin's counters. */
  async originFetches(paths: readonly string[]): Promise<Map<string, Map<string, number>>> {
    const lab = this.running().lab;
    return fetchOriginCounts(lab.originUrl, lab.token, paths);
  }

  /** One call to the lab origin's control API (GET without `json`, POST with); the token stays in the header. */
  private async originControl(path: string, json?: unknown): Promise<unknown> {
    const { lab } = this.running();
    const a = await controlCall(`${lab.originUrl}/__cdnbench/${path}`, { token: lab.token, ...(json === undefined ? {} : { json }) });
    if (a.status >= 300) throw new Error(`origin ${path.split('?')[0] ?? path} answered ${a.status}`);
    return a.body;
  }

  private running(): { lab: LabHost; endpoints: EmulatorEndpoints } {
    if (this.lab === null || this.endpoints === null) throw new Error('the emulator is not running');
    return { lab: this.lab, endpoints: this.endpoints };
  }

  async start(ctx: ProviderContext): Promise<void> {
    await this.stop();
    const lab = await LabHost.start({
      catalog: ctx.catalog, token: randomBytes(16).toString('hex'), seed: ctx.catalog.seed, originLatency: LAB_ORIGIN_LATENCY,
    });
    this.lab = lab;
    this.endpoints = await lab.startEmulator(this.id, this.profile);
  }

  async stop(): Promise<void> {
    const lab = this.lab;
    this.lab = null;
    this.endpoints = null;
    await lab?.stop();
  }

  /** PoPs named as the dialect's parser reports them (`FRA` from cf-ray), so endpoint and header agree. */
  edges(): readonly Edge[] {
    const name = (id: string): string => dialectPopName(this.profile.dialect, id);
    if (this.endpoints === null) return this.profile.pops.map((p) => ({ id: name(p.id), url: 'http://127.0.0.1:0' }));
    return this.endpoints.pops.map((p) => ({ id: name(p.id), url: p.url }));
  }

  async purge(req: PurgeRequest): Promise<PurgeReceipt> {
    const control = this.endpoints?.controlUrl;
    const token = this.lab?.token;
    if (control === undefined || token === undefined) return { ok: false, apiMs: 0, error: 'the emulator is not running' };
    const out = await sendPurge(control, this.profile.purgeApi, req, token);
    return { ok: out.ok, apiMs: out.apiMs, ...(out.ids[0] ? { id: out.ids[0] } : {}), ...(out.error === undefined ? {} : { error: out.error }) };
  }

  eventSupport(event: ScenarioEvent): string | null {
    if (event.action === 'fault' && event.kind === 'pop-down' && event.pop !== undefined && this.popId(event.pop) === null) {
      return `has no PoP ${event.pop} (PoPs: ${this.profile.pops.map((p) => p.id).join(', ')})`;
    }
    return null;
  }

  /** The profile's PoP id for a name given as the profile id (fra) or as the dialect reports it (FRA). */
  private popId(name: string): string | null {
    const pop = this.profile.pops.find((p) => p.id === name || dialectPopName(this.profile.dialect, p.id) === name);
    return pop?.id ?? null;
  }

  async handleEvent(event: ScenarioEvent): Promise<void> {
    const { endpoints, lab } = this.running();
    const origin = (path: string, json: unknown): Promise<unknown> => this.originControl(path, json);
    if (event.action === 'publish') {
      await origin('publish', { ...(typeof event.book === 'number' ? { rank: event.book } : { isbn: event.book }), changePercent: event.changePercent });
    } else if (event.action === 'drop') {
      await origin('drop', { album: event.album });
    } else if (event.action === 'fault') {
      const durationMs = parseDuration(event.duration) ?? 0;
      if (event.kind === 'pop-down') {
        const pop = event.pop === undefined ? endpoints.pops[0]?.id : this.popId(event.pop);
        const a = await controlCall(`${endpoints.controlUrl}/__cdnbench/fault`, { token: lab.token, json: { kind: 'pop-down', pop, durationMs } });
        if (a.status >= 300) throw new Error(`the emulator's fault API answered ${a.status}`);
      } else {
        const delayMs = event.delay === undefined ? 2000 : (parseDuration(event.delay) ?? 0);
        await origin('fault', event.kind === 'origin-5xx' ? { kind: 'error', durationMs } : { kind: 'slow', durationMs, delayMs });
      }
    }
  }
}
