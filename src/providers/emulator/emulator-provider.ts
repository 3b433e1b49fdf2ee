/**
 * A provider archetype emulated in the lab: its own lab process (a fresh origin and the profile's
 * PoPs) per run, so every provider starts from empty caches and zeroed origin counters. It purges
 * through the API shape its profile names and carries out the lab-only events (publish, drop, faults).
 */
import { randomBytes } from 'node:crypto';
import { parseDuration } from '../../util/duration.js';
import type { EmulatorProfile } from '../../lab/emulator/emulator-profile.js';
import { controlCall } from '../../lab/control-client.js';
import { LabHost } from '../../lab/lab-supervisor.js';
import type { EmulatorEndpoints } from '../../lab/lab-protocol.js';
import type { ScenarioEvent } from '../../scenario/schema.js';
import type { Edge, ProviderAdapter, ProviderContext, PurgeReceipt, PurgeRequest, Purger, ScenarioEventHandler, Startable } from '../adapter.js';
import type { HeaderDialect } from '../dialects/dialect.js';
import { getDialect } from '../dialects/registry.js';

/** An emulated archetype (edge-optimized, traditional, …) backed by the lab. */
export class EmulatorProvider implements ProviderAdapter, Startable, Purger, ScenarioEventHandler {
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

  /** The lab origin's URL and token while running (probes and tests read the origin's counters). */
  get origin(): { url: string; token: string } | null {
    return this.lab === null ? null : { url: this.lab.originUrl, token: this.lab.token };
  }

  async start(ctx: ProviderContext): Promise<void> {
    await this.stop();
    const lab = await LabHost.start({ catalog: ctx.catalog, token: randomBytes(16).toString('hex'), seed: ctx.catalog.seed });
    this.lab = lab;
    this.endpoints = await lab.startEmulator(this.id, this.profile);
  }

  async stop(): Promise<void> {
    const lab = this.lab;
    this.lab = null;
    this.endpoints = null;
    await lab?.stop();
  }

  edges(): readonly Edge[] {
    return this.endpoints?.pops ?? this.profile.pops.map((p) => ({ id: p.id, url: 'http://127.0.0.1:0' }));
  }

  async purge(req: PurgeRequest): Promise<PurgeReceipt> {
    const control = this.endpoints?.controlUrl;
    if (control === undefined) return { ok: false, apiMs: 0, error: 'the emulator is not running' };
    const calls = purgeCalls(this.profile.purgeApi, control, req);
    let apiMs = 0;
    for (const c of calls) {
      const a = await controlCall(c.url, { method: 'POST', ...(c.json === undefined ? {} : { json: c.json }), ...(c.headers ? { headers: c.headers } : {}) });
      apiMs += a.ms;
      if (a.status >= 300) return { ok: false, apiMs, error: `purge API answered ${a.status}` };
    }
    return { ok: true, apiMs };
  }

  eventSupport(event: ScenarioEvent): string | null {
    if (event.action === 'fault' && event.kind === 'pop-down' && event.pop !== undefined && !this.profile.pops.some((p) => p.id === event.pop)) {
      return `has no PoP ${event.pop} (PoPs: ${this.profile.pops.map((p) => p.id).join(', ')})`;
    }
    return null;
  }

  async handleEvent(event: ScenarioEvent): Promise<void> {
    const lab = this.lab;
    if (lab === null || this.endpoints === null) throw new Error('the emulator is not running');
    const origin = (path: string, json: unknown): Promise<unknown> =>
      controlCall(`${lab.originUrl}/__cdnbench/${path}`, { token: lab.token, json }).then((a) => {
        if (a.status >= 300) throw new Error(`origin ${path} answered ${a.status}`);
        return a.body;
      });
    if (event.action === 'publish') {
      await origin('publish', { ...(typeof event.book === 'number' ? { rank: event.book } : { isbn: event.book }), changePercent: event.changePercent });
    } else if (event.action === 'drop') {
      await origin('drop', { album: event.album });
    } else if (event.action === 'fault') {
      const durationMs = parseDuration(event.duration) ?? 0;
      if (event.kind === 'pop-down') {
        const pop = event.pop ?? this.endpoints.pops[0]?.id;
        await controlCall(`${this.endpoints.controlUrl}/__cdnbench/fault`, { json: { kind: 'pop-down', pop, durationMs } });
      } else {
        const delayMs = event.delay === undefined ? 2000 : (parseDuration(event.delay) ?? 0);
        await origin('fault', event.kind === 'origin-5xx' ? { kind: 'error', durationMs } : { kind: 'slow', durationMs, delayMs });
      }
    }
  }
}

interface PurgeCall {
  url: string;
  json?: unknown;
  headers?: Record<string, string>;
}

/** The HTTP calls a purge takes with each emulated API shape (DOMAIN.md §3). */
export function purgeCalls(api: EmulatorProfile['purgeApi'], control: string, req: PurgeRequest): PurgeCall[] {
  const urls = req.urls ?? [];
  const tags = req.tags ?? [];
  if (api === 'cloudflare') {
    const calls: PurgeCall[] = [];
    // Cloudflare takes at most 100 files or tags per request.
    for (let i = 0; i < urls.length; i += 100) calls.push({ url: `${control}/client/v4/zones/lab/purge_cache`, json: { files: urls.slice(i, i + 100) } });
    for (let i = 0; i < tags.length; i += 100) calls.push({ url: `${control}/client/v4/zones/lab/purge_cache`, json: { tags: tags.slice(i, i + 100) } });
    if (req.all) calls.push({ url: `${control}/client/v4/zones/lab/purge_cache`, json: { purge_everything: true } });
    return calls;
  }
  if (api === 'fastly') {
    const calls: PurgeCall[] = urls.map((u) => ({ url: `${control}/purge/${u.replace(/^\/+/, '')}` }));
    // Fastly's batch surrogate-key purge takes up to 256 keys.
    for (let i = 0; i < tags.length; i += 256) calls.push({ url: `${control}/service/lab/purge`, headers: { 'surrogate-key': tags.slice(i, i + 256).join(' ') } });
    if (req.all) calls.push({ url: `${control}/service/lab/purge_all` });
    return calls;
  }
  return [{ url: `${control}/purge`, json: { ...(urls.length ? { urls } : {}), ...(tags.length ? { tags } : {}), ...(req.all ? { all: true } : {}) } }];
}
