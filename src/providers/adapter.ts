/**
 * The provider contract: what the engine needs from any target (emulator, lab engine, real CDN).
 * Small on purpose; optional capabilities are separate interfaces with type guards, so a provider
 * that cannot purge simply is not a Purger (checked before any load starts).
 */
import type { EdgeEndpoint } from '../engine/edge-client.js';
import type { CatalogConfig } from '../catalog/catalog-config.js';
import type { PriceTable } from './profiles/price-schema.js';
import type { ScenarioEvent } from '../scenario/schema.js';
import type { HeaderDialect } from './dialects/dialect.js';

/** A PoP of a provider: where the engine sends a share of its sessions. */
export type Edge = EdgeEndpoint;

/** Context handed to providers that own processes. */
export interface ProviderContext {
  /** The scenario's catalog: a provider that runs an origin must serve exactly this one. */
  catalog: CatalogConfig;
  /** Aborted on SIGINT or when the run fails; long starts should give up. */
  signal: AbortSignal;
  /** Writes one line of progress to the user (stderr), suppressed by --quiet. */
  log(line: string): void;
}

/** Any target of a run. */
export interface ProviderAdapter {
  /** Unique id within a run (profile name or "target"). */
  readonly id: string;
  /** Adapter kind, e.g. "target", "emulator", "lab-varnish", "cloudflare". */
  readonly kind: string;
  /** How responses name cache status and PoP. */
  readonly dialect: HeaderDialect;
  /** The PoPs to load; valid after start() for providers that start something. */
  edges(): readonly Edge[];
}

/** A provider that owns processes (lab emulator, local caching engines). */
export interface Startable {
  start(ctx: ProviderContext): Promise<void>;
  /** Idempotent; must leave no process behind. */
  stop(): Promise<void>;
}

/** What to invalidate. */
export interface PurgeRequest {
  urls?: string[];
  tags?: string[];
  all?: boolean;
}

/** What the provider's invalidation API answered. */
export interface PurgeReceipt {
  ok: boolean;
  /** Time the API call took. */
  apiMs: number;
  /** Provider's own id for the invalidation, when it gives one. */
  id?: string;
  /** One-line reason when ok is false. */
  error?: string;
}

/** Invalidation capability. */
export interface Purger {
  /** Which kinds of purge this provider supports. */
  readonly purgeKinds: readonly ('url' | 'tag' | 'all')[];
  purge(req: PurgeRequest): Promise<PurgeReceipt>;
}

/** True when the provider owns processes. */
export function isStartable(p: ProviderAdapter): p is ProviderAdapter & Startable {
  return typeof (p as Partial<Startable>).start === 'function' && typeof (p as Partial<Startable>).stop === 'function';
}

/** True when the provider can invalidate. */
export function isPurger(p: ProviderAdapter): p is ProviderAdapter & Purger {
  return typeof (p as Partial<Purger>).purge === 'function' && Array.isArray((p as Partial<Purger>).purgeKinds);
}

/** A provider that can carry out scenario events other than purges (publish, drop, fault) — the lab. */
export interface ScenarioEventHandler {
  /** Null when the event can be carried out, else a one-line reason why not. */
  eventSupport(event: ScenarioEvent): string | null;
  handleEvent(event: ScenarioEvent): Promise<void>;
}

/** True when the provider carries out scenario events. */
export function isScenarioEventHandler(p: ProviderAdapter): p is ProviderAdapter & ScenarioEventHandler {
  const h = p as Partial<ScenarioEventHandler>;
  return typeof h.eventSupport === 'function' && typeof h.handleEvent === 'function';
}

/** A provider with a price table (cost model capability). */
export interface Priced {
  readonly prices: PriceTable;
  /** The price region of a PoP as samples name it; `default` when unknown. */
  popRegion(pop: string): string;
}

/** True when the provider has a price table. */
export function isPriced(p: ProviderAdapter): p is ProviderAdapter & Priced {
  const x = p as Partial<Priced>;
  return typeof x.prices === 'object' && x.prices !== null && typeof x.popRegion === 'function';
}

/** A provider whose origin is cdnbench's own, so origin fetches and bytes are counted exactly. */
export interface OriginCounted {
  /** Totals since the run started; call before stop(). */
  originTotals(): Promise<{ fetches: number; bytes: number }>;
  /** Origin fetches of each path per requesting edge; call before stop(). */
  originFetches(paths: readonly string[]): Promise<Map<string, Map<string, number>>>;
  /** True when PoPs fetch through a shield tier (then one origin fetch per object is ideal). */
  readonly shielded: boolean;
}

/** True when the provider's origin counts fetches. */
export function isOriginCounted(p: ProviderAdapter): p is ProviderAdapter & OriginCounted {
  return typeof (p as Partial<OriginCounted>).originTotals === 'function';
}

/** What a publish at cdnbench's origin changed (or, previewed, would change). */
export interface PublishAnswer {
  isbn: string;
  edition: { number: number; hash: string };
  previousEdition: { number: number; hash: string };
  changedTiles: string[];
  changedPaths: string[];
  tags: string[];
}

/** A provider in front of cdnbench's own origin, whose content a scenario can change (the lab). */
export interface OriginControlled {
  originPublish(req: { isbn?: string; rank?: number; changePercent: number; mode: 'in-place' | 'new-edition'; preview?: boolean }): Promise<PublishAnswer>;
}

/** True when the provider's origin content can be changed by the scenario. */
export function isOriginControlled(p: ProviderAdapter): p is ProviderAdapter & OriginControlled {
  return typeof (p as Partial<OriginControlled>).originPublish === 'function';
}

/** A provider that needs something installed on this machine (an engine binary, a module). */
export interface HostRequirements {
  /** One line per missing piece, each saying how to install it; empty when everything is there. */
  hostProblems(): string[];
}

/** True when the provider declares host requirements (checked before any load). */
export function hasHostRequirements(p: ProviderAdapter): p is ProviderAdapter & HostRequirements {
  return typeof (p as Partial<HostRequirements>).hostProblems === 'function';
}
