/**
 * Bunny CDN: load goes to the pull zone's hostname(s); cache status from `CDN-Cache`, PoP from
 * `Server: BunnyCDN-{PoP}-{node}`. Purges (api.bunny.net, `AccessKey` header): one URL per
 * `POST /purge?url=…&async=false` (a `*` makes it a prefix purge), one tag per
 * `POST /pullzone/{id}/purgeCache {"CacheTag": …}` (the origin labels objects with `CDN-Tag`), and the
 * whole zone with the same call without a body.
 */
import type { CredentialReport, PurgeReceipt, PurgeRequest } from '../../adapter.js';
import { getDialect } from '../../../dialects/registry.js';
import { absoluteUrl } from '../cdn-profile.js';
import { CdnProvider, receiptFrom } from '../cdn-provider.js';
import { ApiClient, snippet, type ApiAnswer, type ApiCall } from '../http-api/api-client.js';
import { mapLimit } from '../http-api/map-limit.js';
import { isProblem, readSecret } from '../secret-source.js';
import { BUNNY_PURGE_CONCURRENCY, bunnyBuckets, isPrefixPurge, type BunnyBuckets } from './bunny-limits.js';
import { BUNNY_PRICES } from './bunny-prices.js';
import type { BunnyProfile } from './bunny-profile.js';

/** The real API; CDNBENCH_BUNNY_API_BASE or the profile's apiBase override it. */
export const BUNNY_API_BASE = 'https://api.bunny.net';

/** The default environment variable of the account API key. */
export const BUNNY_KEY_ENV = 'BUNNY_ACCESS_KEY';

/** Bunny's error body: `{"ErrorKey":"…","Field":"…","Message":"…"}`. */
export function describeBunnyError(_status: number, json: unknown, text: string): string {
  const { Message, ErrorKey } = (typeof json === 'object' && json !== null ? json : {}) as { Message?: unknown; ErrorKey?: unknown };
  if (typeof Message === 'string') return typeof ErrorKey === 'string' && ErrorKey !== '' ? `${Message} (${ErrorKey})` : Message;
  return snippet(text);
}

/** A Bunny pull zone. */
export class BunnyProvider extends CdnProvider {
  private readonly api: ApiClient;
  private readonly buckets: BunnyBuckets = bunnyBuckets();
  private key: string | null = null;

  constructor(
    id: string,
    private readonly profile: BunnyProfile,
  ) {
    super({
      id, kind: 'bunny', dialect: getDialect(profile.dialect ?? 'bunny'), edges: profile.edges,
      prices: profile.prices ?? BUNNY_PRICES, popRegions: profile.popRegions, purgeKinds: ['url', 'tag', 'all'],
    });
    this.api = this.apiClient(profile, 'CDNBENCH_BUNNY_API_BASE', BUNNY_API_BASE);
  }

  async checkCredentials(opts: { verify: boolean }): Promise<CredentialReport> {
    const found = readSecret(BUNNY_KEY_ENV, this.profile.credentials);
    if (isProblem(found)) return { lines: [], problems: [found.problem] };
    if (!/^[A-Za-z0-9-]{20,}$/.test(found.value)) return { lines: [], problems: [`${found.from} does not look like a Bunny API key (expected 20 or more letters, digits and dashes; got ${found.value.length} characters)`] };
    this.redactor.add(found.value);
    this.key = found.value;
    const lines = [`API key from ${found.from} (${found.value.length} characters)`];
    if (!opts.verify) return { lines, problems: [] };
    const a = await this.api.call({ label: 'GET /pullzone/{id}', method: 'GET', path: `/pullzone/${this.profile.pullZoneId}`, headers: this.auth(), describe: describeBunnyError });
    if (!a.ok) return { lines, problems: [a.error ?? 'key verification failed'] };
    const name = typeof a.json === 'object' && a.json !== null ? (a.json as { Name?: unknown }).Name : undefined;
    return { lines: [...lines, `verified: GET /pullzone/${this.profile.pullZoneId} answered${typeof name === 'string' ? ` (pull zone ${name})` : ''}`], problems: [] };
  }

  protected async purgeNow(req: PurgeRequest, started: number): Promise<PurgeReceipt> {
    if (this.key === null) {
      const check = await this.checkCredentials({ verify: false });
      if (this.key === null) return { ok: false, apiMs: 0, calls: 0, attempts: 0, error: check.problems[0] ?? 'no API key' };
    }
    const base = this.profile.purgeBase ?? this.edges()[0]?.url ?? '';
    const zone = `/pullzone/${this.profile.pullZoneId}/purgeCache`;
    const calls: ApiCall[] = (req.urls ?? []).map((u) => {
      const url = absoluteUrl(base, u);
      const bucket = isPrefixPurge(url) ? this.buckets.prefix : this.buckets.exact;
      return { label: 'POST /purge', method: 'POST', path: `/purge?url=${encodeURIComponent(url)}&async=false`, headers: this.auth(), tokens: [{ bucket, n: 1 }], describe: describeBunnyError };
    });
    for (const tag of req.tags ?? []) {
      calls.push({ label: 'POST /pullzone/purgeCache', method: 'POST', path: zone, headers: { ...this.auth(), 'content-type': 'application/json' }, body: JSON.stringify({ CacheTag: tag }), tokens: [{ bucket: this.buckets.prefix, n: 1 }], describe: describeBunnyError });
    }
    if (req.all === true) calls.push({ label: 'POST /pullzone/purgeCache', method: 'POST', path: zone, headers: this.auth(), tokens: [{ bucket: this.buckets.prefix, n: 1 }], describe: describeBunnyError });
    const answers: ApiAnswer[] = await mapLimit(calls, BUNNY_PURGE_CONCURRENCY, (c) => this.api.call(c));
    return receiptFrom(answers, started);
  }

  protected async closeApi(): Promise<void> {
    await this.api.close();
  }

  private auth(): Record<string, string> {
    return { AccessKey: this.key ?? '' };
  }
}
