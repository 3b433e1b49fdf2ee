/**
 * The provider contract: what the engine needs from any target (emulator, lab engine, real CDN).
 * Small on purpose; optional capabilities are separate interfaces with type guards, so a provider
 * that cannot purge simply is not a Purger (checked before any load starts).
 */
import type { EdgeClientOptions, EdgeEndpoint, Exchange } from '../http/edge-client.js';
import type { SeriesRecord } from '../result/result-model.js';
import type { MultiCdnSummary } from '../result/multi-cdn-summary.js';
import type { CostResult } from '../result/probe-results.js';
import type { CatalogConfig } from '../catalog/catalog-config.js';
import type { PriceTable } from '../profiles/price-schema.js';
import type { ScenarioEvent } from '../scenario/schema.js';
import type { Classification, HeaderDialect } from '../dialects/dialect.js';

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
  /** API calls made (batches), when the provider batches. */
  calls?: number;
  /** Attempts over all calls, retries included (= calls when nothing was retried). */
  attempts?: number;
  /** Time until the provider reported the invalidation complete, for APIs that report it (CloudFront). */
  completedMs?: number;
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

/** What a credential check found; never holds a secret value. */
export interface CredentialReport {
  /** One line per fact checked (where the credential came from, what the verify call said). */
  lines: string[];
  /** One line per problem; empty when the credentials are usable. */
  problems: string[];
}

/** A provider that needs credentials (real CDN APIs): checked before any load starts. */
export interface CredentialChecked {
  /**
   * Reads the credentials (environment or file) and checks their presence and format; with `verify`, also
   * calls the provider's cheapest authenticated endpoint where it has one. Never throws.
   */
  checkCredentials(opts: { verify: boolean }): Promise<CredentialReport>;
}

/** True when the provider needs credentials. */
export function isCredentialChecked(p: ProviderAdapter): p is ProviderAdapter & CredentialChecked {
  return typeof (p as Partial<CredentialChecked>).checkCredentials === 'function';
}

/** A provider whose edges only report cache status when asked by request headers (Akamai's Pragma). */
export interface WithRequestHeaders {
  /** Sent with every load request to this provider's edges. */
  readonly requestHeaders: Readonly<Record<string, string>>;
}

/** True when the provider wants headers on every load request. */
export function hasRequestHeaders(p: ProviderAdapter): p is ProviderAdapter & WithRequestHeaders {
  const h = (p as Partial<WithRequestHeaders>).requestHeaders;
  return typeof h === 'object' && h !== null;
}

/**
 * An exchange a provider's own client has already classified (cache status and the PoP, e.g. a multi-CDN
 * member's `edge-optimized/FRA`); the engine then skips its dialect for it.
 */
export interface ClassifiedExchange extends Exchange {
  classified?: Classification;
}

/** The request surface sessions use: one PoP's client (EdgeClient, or a provider's own wrapper). */
export interface RequestClient {
  /** The PoP reported in samples whose response names none. */
  readonly edge: Edge;
  /** Sends one GET; `done` is called exactly once, with a response or an error kind. */
  get(path: string, headers: Record<string, string> | undefined, done: (ex: ClassifiedExchange) => void): void;
  /** Closes connections; in-flight requests end with an `aborted` error. */
  close(): Promise<void>;
}

/** What the engine tells a provider that builds its own clients. */
export interface ClientContext {
  /** Options the engine would give each EdgeClient (wanted headers hold the provider dialect's and etag). */
  options: EdgeClientOptions;
  /** The run's id (cache-busting namespaces). */
  runId: string;
  /** The scenario seed, for providers that draw (multi-CDN exploration). */
  seed: number;
}

/**
 * A provider that supplies its own per-PoP clients instead of one EdgeClient per edge: a staging
 * endpoint rewriting paths and pinning PoPs, or a multi-CDN routing each request among its members.
 */
export interface ClientComposer {
  /** Called once per run after start(); the engine spreads sessions over the clients and closes them. */
  createClients(ctx: ClientContext): RequestClient[];
}

/** True when the provider builds its own clients. */
export function isClientComposer(p: ProviderAdapter): p is ProviderAdapter & ClientComposer {
  return typeof (p as Partial<ClientComposer>).createClients === 'function';
}

/** Volumes of a finished provider run, for a provider that prices itself. */
export interface RunTotals {
  sessions: number;
  invalidationPaths: number;
  durationMs: number;
  monthlySessions: number | null;
}

/** A provider that routes among members and reports what routing did and cost (multi-CDN). */
export interface RoutingReporter {
  /** Called after stop(); `series` are the provider's own. */
  routingReport(series: readonly SeriesRecord[], totals: RunTotals): { routing: MultiCdnSummary; cost: CostResult | null };
}

/** True when the provider reports routing figures. */
export function isRoutingReporter(p: ProviderAdapter): p is ProviderAdapter & RoutingReporter {
  return typeof (p as Partial<RoutingReporter>).routingReport === 'function';
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
