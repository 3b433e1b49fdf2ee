/**
 * Cloudflare: load goes to the zone's staging hostname(s), cache status and PoP come from `cf-cache-status`
 * and the IATA suffix of `cf-ray`, and purges go to `POST /zones/{zone_id}/purge_cache` with
 * `Authorization: Bearer <token>` — files, prefixes, tags, hosts or everything, batched and rate-limited
 * at the plan's published limits.
 */
import type { CredentialReport, PurgeReceipt, PurgeRequest } from '../../adapter.js';
import { getDialect } from '../../../dialects/registry.js';
import { CdnProvider, receiptFrom } from '../cdn-provider.js';
import { ApiClient, snippet, type ApiAnswer } from '../http-api/api-client.js';
import { mapLimit } from '../http-api/map-limit.js';
import { TokenBucket } from '../http-api/token-bucket.js';
import { isProblem } from '../secret-source.js';
import { CLOUDFLARE_PURGE_LIMITS } from './cloudflare-limits.js';
import { cloudflarePrices } from './cloudflare-prices.js';
import type { CloudflareProfile } from './cloudflare-profile.js';
import { cloudflarePurgeBodies } from './cloudflare-purge-bodies.js';
import { readCloudflareToken } from './cloudflare-token.js';

/** The real API; CDNBENCH_CLOUDFLARE_API_BASE or the profile's apiBase override it. */
export const CLOUDFLARE_API_BASE = 'https://api.cloudflare.com/client/v4';

/** Cloudflare's error envelope: `{"success":false,"errors":[{"code":10000,"message":"Authentication error"}]}`. */
export function describeCloudflareError(_status: number, json: unknown, text: string): string {
  const errors = typeof json === 'object' && json !== null ? (json as { errors?: unknown }).errors : undefined;
  if (Array.isArray(errors) && errors.length > 0) {
    return errors
      .map((e: unknown) => {
        const { code, message } = (typeof e === 'object' && e !== null ? e : {}) as { code?: unknown; message?: unknown };
        return `${typeof message === 'string' ? message : 'error'}${typeof code === 'number' ? ` (code ${code})` : ''}`;
      })
      .join('; ');
  }
  return snippet(text);
}

function resultId(a: ApiAnswer): string[] {
  const r = typeof a.json === 'object' && a.json !== null ? (a.json as { result?: { id?: unknown } }).result : undefined;
  return typeof r?.id === 'string' ? [r.id] : [];
}

/** A Cloudflare zone's staging hostnames. */
export class CloudflareProvider extends CdnProvider {
  private readonly api: ApiClient;
  private readonly requests: TokenBucket;
  private readonly urls: TokenBucket;
  private token: string | null = null;

  constructor(
    id: string,
    private readonly profile: CloudflareProfile,
  ) {
    super({
      id, kind: 'cloudflare', dialect: getDialect(profile.dialect ?? 'cloudflare'), edges: profile.edges,
      prices: profile.prices ?? cloudflarePrices(profile.plan), popRegions: profile.popRegions, purgeKinds: ['url', 'tag', 'all'],
    });
    const limits = CLOUDFLARE_PURGE_LIMITS[profile.plan];
    this.requests = new TokenBucket(limits.burst, limits.requestsPerSecond);
    this.urls = new TokenBucket(limits.urlsPerSecond, limits.urlsPerSecond);
    this.api = this.apiClient(profile, 'CDNBENCH_CLOUDFLARE_API_BASE', CLOUDFLARE_API_BASE);
  }

  async checkCredentials(opts: { verify: boolean }): Promise<CredentialReport> {
    const found = readCloudflareToken(this.profile.credentials);
    if (isProblem(found)) return { lines: [], problems: [found.problem] };
    this.redactor.add(found.value);
    this.token = found.value;
    const lines = [`API token from ${found.from} (${found.value.length} characters)`];
    if (!opts.verify) return { lines, problems: [] };
    const a = await this.api.call({ label: 'GET /user/tokens/verify', method: 'GET', path: '/user/tokens/verify', headers: this.auth(), describe: describeCloudflareError });
    const status = typeof a.json === 'object' && a.json !== null ? (a.json as { result?: { status?: unknown } }).result?.status : undefined;
    if (!a.ok) return { lines, problems: [a.error ?? 'token verification failed'] };
    if (status !== 'active') return { lines, problems: [`token verification: the token is ${typeof status === 'string' ? status : 'not active'}`] };
    return { lines: [...lines, 'verified: GET /user/tokens/verify says the token is active'], problems: [] };
  }

  protected async purgeNow(req: PurgeRequest, started: number): Promise<PurgeReceipt> {
    if (this.token === null) {
      const check = await this.checkCredentials({ verify: false });
      if (this.token === null) return { ok: false, apiMs: 0, calls: 0, attempts: 0, error: check.problems[0] ?? 'no API token' };
    }
    const bodies = cloudflarePurgeBodies(req, {
      purgeBase: this.profile.purgeBase ?? this.edges()[0]?.url ?? '',
      limits: CLOUDFLARE_PURGE_LIMITS[this.profile.plan],
      purgeAll: this.profile.purgeAll,
      hosts: this.edges().map((e) => new URL(e.url).hostname),
    });
    const answers = await mapLimit(bodies, 4, (b) =>
      this.api.call({
        label: 'purge_cache', method: 'POST', path: `/zones/${this.profile.zoneId}/purge_cache`,
        headers: { ...this.auth(), 'content-type': 'application/json' }, body: JSON.stringify(b.body),
        tokens: [{ bucket: this.requests, n: 1 }, ...(b.urls > 0 ? [{ bucket: this.urls, n: b.urls }] : [])],
        describe: describeCloudflareError,
      }),
    );
    return receiptFrom(answers, started, resultId);
  }

  protected async closeApi(): Promise<void> {
    await this.api.close();
  }

  private auth(): Record<string, string> {
    return { authorization: `Bearer ${this.token ?? ''}` };
  }
}
