/**
 * The common half of every real-CDN adapter: its staging edges, header dialect, price table and PoP price
 * regions, and the purge entry point that checks the asked kinds, turns any exception into a failed
 * receipt (a purge never crashes a run) and redacts secrets from every message. Vendors implement the
 * API calls (`purgeNow`) and the credential check.
 */
import { describeError } from '../../errors.js';
import type { CredentialChecked, CredentialReport, Edge, ProviderAdapter, PurgeReceipt, PurgeRequest, Purger, Startable } from '../adapter.js';
import type { HeaderDialect } from '../../dialects/dialect.js';
import type { PriceTable } from '../../profiles/price-schema.js';
import { ApiClient, type ApiAnswer } from './http-api/api-client.js';
import { resolveApiBase } from './api-base.js';
import type { CdnProfileCommon } from './cdn-profile.js';
import { VERSION } from '../../util/package-root.js';
import { Redactor } from '../../util/redact.js';

/** A kind of invalidation. */
export type PurgeKind = 'url' | 'tag' | 'all';

/** What the base class needs from a vendor adapter. */
export interface CdnProviderInit {
  id: string;
  kind: string;
  dialect: HeaderDialect;
  edges: readonly Edge[];
  prices: PriceTable | undefined;
  popRegions: Readonly<Record<string, string>>;
  purgeKinds: readonly PurgeKind[];
}

/** The kinds a purge request asks for. */
export function kindsOf(req: PurgeRequest): PurgeKind[] {
  const kinds: PurgeKind[] = [];
  if ((req.urls ?? []).length > 0) kinds.push('url');
  if ((req.tags ?? []).length > 0) kinds.push('tag');
  if (req.all === true) kinds.push('all');
  return kinds;
}

/** One receipt for the API calls of one purge: ok only when every call was; ids read from successful answers. */
export function receiptFrom(answers: readonly ApiAnswer[], started: number, idsOf: (a: ApiAnswer) => readonly string[] = () => []): PurgeReceipt {
  const ids = answers.filter((a) => a.ok).flatMap(idsOf);
  const failed = answers.filter((a) => !a.ok);
  const first = failed[0];
  const error = first === undefined ? undefined : failed.length === answers.length ? first.error : `${failed.length} of ${answers.length} calls failed; first: ${first.error ?? 'unknown error'}`;
  return {
    ok: first === undefined,
    apiMs: performance.now() - started,
    calls: answers.length,
    attempts: answers.reduce((n, a) => n + a.attempts, 0),
    ...(ids.length === 0 ? {} : { id: ids.length === 1 ? (ids[0] ?? '') : `${ids[0] ?? ''} (+${ids.length - 1} more)` }),
    ...(error === undefined ? {} : { error }),
  };
}

/** Base class of the real-CDN adapters. */
export abstract class CdnProvider implements ProviderAdapter, Purger, CredentialChecked, Startable {
  readonly id: string;
  readonly kind: string;
  readonly dialect: HeaderDialect;
  readonly purgeKinds: readonly PurgeKind[];
  /** Every secret this adapter loaded; messages pass through it. */
  protected readonly redactor = new Redactor();
  private readonly edgeList: readonly Edge[];
  private readonly priceTable: PriceTable | undefined;
  private readonly regions: readonly [string, string][];

  constructor(init: CdnProviderInit) {
    this.id = init.id;
    this.kind = init.kind;
    this.dialect = init.dialect;
    this.purgeKinds = init.purgeKinds;
    this.edgeList = [...init.edges];
    this.priceTable = init.prices;
    // Longest key first, so `FRA1` wins over `FRA` for a PoP named FRA1-…
    this.regions = Object.entries(init.popRegions).map(([k, v]): [string, string] => [k.toUpperCase(), v]).sort((a, b) => b[0].length - a[0].length);
  }

  /** The price table; undefined (not a Priced provider) when neither the profile nor the vendor has one. */
  get prices(): PriceTable | undefined {
    return this.priceTable;
  }

  /** The price region of a PoP as responses name it: exact or prefix match in `popRegions`, else `default`. */
  popRegion(pop: string): string {
    const p = pop.toUpperCase();
    return this.regions.find(([k]) => p === k || p.startsWith(k))?.[1] ?? 'default';
  }

  /**
   * The vendor API client: the profile's `apiBase`, else the environment override `envName`, else the
   * vendor's real API; retries and timeout from the profile; every message through this adapter's redactor.
   */
  protected apiClient(profile: Pick<CdnProfileCommon, 'apiBase' | 'apiTimeout' | 'retry'>, envName: string, defaultBase: string): ApiClient {
    return new ApiClient({
      baseUrl: resolveApiBase(this.kind, envName, profile.apiBase, defaultBase),
      retry: profile.retry, timeoutMs: profile.apiTimeout, redactor: this.redactor, userAgent: `cdnbench/${VERSION}`,
    });
  }

  /** The staging edges of the profile. */
  edges(): readonly Edge[] {
    return this.edgeList;
  }

  /** Invalidates through the provider's API; every failure is a receipt with ok false, never a throw. */
  async purge(req: PurgeRequest): Promise<PurgeReceipt> {
    const started = performance.now();
    const asked = kindsOf(req);
    const missing = asked.filter((k) => !this.purgeKinds.includes(k));
    if (missing.length > 0) return { ok: false, apiMs: 0, calls: 0, attempts: 0, error: `${this.kind} cannot purge by ${missing.join(', ')}` };
    if (asked.length === 0) return { ok: true, apiMs: 0, calls: 0, attempts: 0 };
    try {
      const receipt = await this.purgeNow(req, started);
      return {
        ...receipt,
        ...(receipt.id === undefined ? {} : { id: this.redactor.redact(receipt.id) }),
        ...(receipt.error === undefined ? {} : { error: this.redactor.redact(receipt.error) }),
      };
    } catch (err) {
      return { ok: false, apiMs: performance.now() - started, error: this.redactor.redact(`${this.kind} purge failed: ${describeError(err)}`) };
    }
  }

  /** Nothing to start: the CDN runs without us (credentials were checked before the run). */
  async start(): Promise<void> {
    // The edges are the provider's; only the API clients are ours, and they connect on first use.
  }

  /** Closes the API connections, so no keep-alive socket outlives the run. */
  async stop(): Promise<void> {
    await this.closeApi();
  }

  /** Closes the vendor's API clients. */
  protected abstract closeApi(): Promise<void>;

  /** The vendor's API calls for a request whose kinds are supported and not empty. */
  protected abstract purgeNow(req: PurgeRequest, started: number): Promise<PurgeReceipt>;

  /** Reads and checks the credentials; with `verify`, calls the provider's cheapest authenticated endpoint. */
  abstract checkCredentials(opts: { verify: boolean }): Promise<CredentialReport>;
}
