/**
 * A CDN's staging distribution as a provider (`kind: staging`): base URLs, optionally pinned to edge
 * addresses so one vantage point compares PoPs, a header dialect named or detected, a per-run
 * cache-busting namespace, and — when the profile has a purge hook — invalidation through a webhook or a
 * command (a separate class, so a profile without a hook is no Purger and purge events are refused
 * before any load).
 */
import { InvalidConfigError } from '../../errors.js';
import { expandHeaders } from '../../util/env-secrets.js';
import type { ClientContext, Edge, ProviderAdapter, ProviderContext, PurgeReceipt, PurgeRequest, Purger, RequestClient, Startable } from '../adapter.js';
import type { ContentChange } from '../content-publisher.js';
import type { ProbeTarget } from '../probe-targets.js';
import type { HeaderDialect } from '../../dialects/dialect.js';
import { getDialect } from '../../dialects/registry.js';
import type { PriceTable } from '../../profiles/price-schema.js';
import { AutoDialect } from './auto-dialect.js';
import { commandPurge } from './command-purger.js';
import { namespacedPath, pathNamespace } from './namespace-path.js';
import { StagingClient } from './staging-client.js';
import type { StagingProfile } from './staging-profile.js';
import { stagingPops, type StagingPop } from './staging-pops.js';
import { webhookPurge, type HookRequest } from './webhook-purger.js';

/** Calls a webhook or command hook. */
function callHook(hook: { webhook?: Parameters<typeof webhookPurge>[0] | undefined; command?: Parameters<typeof commandPurge>[0] | undefined }, req: HookRequest): Promise<PurgeReceipt> {
  if (hook.webhook !== undefined) return webhookPurge(hook.webhook, req);
  if (hook.command !== undefined) return commandPurge(hook.command, req);
  return Promise.resolve({ ok: false, apiMs: 0, error: 'no hook configured' });
}

/** A staging endpoint provider without invalidation. */
export class StagingProvider implements ProviderAdapter, Startable {
  readonly kind = 'staging';
  readonly pops: readonly StagingPop[];
  /** Null without a price table, so the provider is then not Priced. */
  readonly prices: PriceTable | null;
  private currentDialect: HeaderDialect;
  private log: (line: string) => void = () => undefined;
  /** The run id of the last createClients(), for purging the namespaced URLs. */
  protected runId: string | null = null;
  /** The profile's `headers`, env references filled; undefined (so no WithRequestHeaders) without any. */
  readonly requestHeaders?: Readonly<Record<string, string>>;

  constructor(
    readonly id: string,
    readonly profile: StagingProfile,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.pops = stagingPops(profile.endpoints);
    const headers = expandHeaders(profile.headers ?? null, `provider ${id}: headers`, env);
    if (headers !== null) this.requestHeaders = headers;
    this.prices = profile.prices ?? null;
    this.currentDialect = this.newDialect();
    const publish = profile.publish;
    if (publish !== undefined) {
      this.publishContent = (c: ContentChange): Promise<PurgeReceipt> => callHook(publish, { paths: c.paths, urls: this.absoluteUrls(c.paths), tags: c.tags, all: false });
    }
  }

  /** Present when the profile has a publish hook: asks it to change the objects at the user's origin. */
  readonly publishContent?: (change: ContentChange) => Promise<PurgeReceipt>;

  /** The named dialect, or the detecting one (whose id becomes the detected dialect's). */
  get dialect(): HeaderDialect {
    return this.currentDialect;
  }

  private newDialect(): HeaderDialect {
    if (this.profile.dialect !== 'auto') return getDialect(this.profile.dialect);
    return new AutoDialect(20, (id) => this.log(`${this.id}: header dialect detected from the first responses: ${id}`));
  }

  /** Nothing to start; a new run detects its dialect afresh and logs what it chose. */
  start(ctx: ProviderContext): Promise<void> {
    this.log = ctx.log;
    this.currentDialect = this.newDialect();
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  /** The PoPs, named by the profile; a pinned PoP carries its address. */
  edges(): readonly Edge[] {
    return this.pops.map((p) => ({ id: p.id, url: p.origin, ...(p.address === undefined ? {} : { connectAddress: p.address }) }));
  }

  /** One client per PoP, sending the run's namespaced paths (and a pinned PoP's Host). */
  createClients(ctx: ClientContext): RequestClient[] {
    this.runId = ctx.runId;
    return this.pops.map((p) => new StagingClient(p, pathNamespace(p.basePath, this.profile.cacheBust, ctx.runId), ctx.options));
  }

  /** Each PoP as the invalidation prober polls it: the run's namespaced path, the pin, the dialect. */
  probeTargets(): ProbeTarget[] {
    return this.pops.map((p) => {
      const ns = pathNamespace(p.basePath, this.profile.cacheBust, this.runId ?? '');
      return {
        edge: { id: p.id, url: p.origin, ...(p.address === undefined ? {} : { connectAddress: p.address }) },
        path: (s: string) => (this.runId === null ? `${p.basePath}${s}` : namespacedPath(ns, s)),
        dialect: this.dialect,
        headers: {},
      };
    });
  }

  /** The price region of a PoP as samples name it (pins may declare one); `default` otherwise. */
  popRegion(pop: string): string {
    return this.pops.find((p) => p.id === pop)?.region ?? 'default';
  }

  /** Absolute URLs of scenario paths as this run requested them, once per distinct base URL. */
  protected absoluteUrls(paths: readonly string[]): string[] {
    const urls = new Set<string>();
    for (const p of this.pops) {
      const ns = pathNamespace(p.basePath, this.profile.cacheBust, this.runId ?? '');
      for (const path of paths) urls.add(`${p.origin}${this.runId === null ? `${p.basePath}${path}` : namespacedPath(ns, path)}`);
    }
    return [...urls];
  }
}

/** A staging endpoint provider whose profile names a purge webhook or command. */
export class PurgingStagingProvider extends StagingProvider implements Purger {
  readonly purgeKinds: readonly ('url' | 'tag' | 'all')[];
  private readonly hook: NonNullable<StagingProfile['purge']>;

  constructor(id: string, profile: StagingProfile & { purge: NonNullable<StagingProfile['purge']> }, env: NodeJS.ProcessEnv = process.env) {
    super(id, profile, env);
    this.hook = profile.purge;
    this.purgeKinds = profile.purge.kinds;
  }

  /** Invalidates through the hook; URLs are made absolute (every base URL, with the run's namespace). */
  purge(req: PurgeRequest): Promise<PurgeReceipt> {
    return callHook(this.hook, { urls: this.absoluteUrls(req.urls ?? []), tags: req.tags ?? [], all: req.all === true });
  }
}

/**
 * Builds the provider a staging profile describes. A webhook secret's environment variable must be set
 * now, before any load (InvalidConfigError, exit 104), not discovered missing at the first purge.
 */
export function createStagingProvider(id: string, profile: StagingProfile, env: NodeJS.ProcessEnv = process.env): StagingProvider {
  const purge = profile.purge;
  const secretEnv = purge?.webhook?.authEnv;
  if (secretEnv !== undefined && (env[secretEnv] ?? '') === '') {
    throw new InvalidConfigError(`provider ${id}: purge.webhook.authEnv names ${secretEnv}, which is not set in the environment`, [], 'INVALID_PROVIDER');
  }
  return purge === undefined ? new StagingProvider(id, profile, env) : new PurgingStagingProvider(id, { ...profile, purge }, env);
}
