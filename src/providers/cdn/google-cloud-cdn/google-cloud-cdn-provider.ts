/**
 * Google Cloud CDN: load goes to the load balancer's staging hostname(s); cache status and PoP from the
 * custom response headers the README asks for (`X-Cache-Status: {cdn_cache_status}`,
 * `X-Cdnbench-Pop: {cdn_cache_id}`) read by the generic dialect. Invalidations:
 * `POST /compute/v1/projects/{project}/global/urlMaps/{urlMap}/invalidateCache` with
 * `{"path", "host", "cacheTags"}` and an OAuth2 bearer token from the service-account key, one path per
 * request, within 500 requests a minute.
 */
import type { CredentialReport, PurgeReceipt, PurgeRequest } from '../../adapter.js';
import { getDialect } from '../../../dialects/registry.js';
import { describeError } from '../../../errors.js';
import { resolveApiBase } from '../api-base.js';
import { CdnProvider, receiptFrom } from '../cdn-provider.js';
import { ApiClient, snippet, type ApiAnswer, type ApiCall } from '../http-api/api-client.js';
import { batches } from '../http-api/batcher.js';
import { mapLimit } from '../http-api/map-limit.js';
import { GoogleAccessToken } from './google-access-token.js';
import { GOOGLE_INVALIDATION_CONCURRENCY, GOOGLE_MAX_TAGS_PER_REQUEST, googleInvalidationBucket } from './google-limits.js';
import { GOOGLE_CLOUD_CDN_PRICES } from './google-prices.js';
import type { GoogleCloudCdnProfile } from './google-profile.js';
import { readServiceAccountKey, type ServiceAccountKey } from './service-account.js';

/** The real Compute API; CDNBENCH_GOOGLE_API_BASE or the profile's apiBase override it. */
export const GOOGLE_COMPUTE_API_BASE = 'https://compute.googleapis.com';

/** Google's error body: `{"error":{"code":403,"message":"…","status":"PERMISSION_DENIED"}}`. */
export function describeGoogleError(_status: number, json: unknown, text: string): string {
  const e = typeof json === 'object' && json !== null ? (json as { error?: { message?: unknown; status?: unknown } }).error : undefined;
  if (typeof e?.message === 'string') return typeof e.status === 'string' ? `${e.message} (${e.status})` : e.message;
  return snippet(text);
}

function operationName(a: ApiAnswer): string[] {
  const name = typeof a.json === 'object' && a.json !== null ? (a.json as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? [name] : [];
}

/** A load balancer with Cloud CDN. */
export class GoogleCloudCdnProvider extends CdnProvider {
  private readonly api: ApiClient;
  private readonly bucket = googleInvalidationBucket();
  private key: ServiceAccountKey | null = null;
  private tokens: GoogleAccessToken | null = null;
  private project: string | null = null;

  constructor(
    id: string,
    private readonly profile: GoogleCloudCdnProfile,
  ) {
    super({
      id, kind: 'google-cloud-cdn', dialect: getDialect(profile.dialect ?? 'generic'), edges: profile.edges,
      prices: profile.prices ?? GOOGLE_CLOUD_CDN_PRICES, popRegions: profile.popRegions, purgeKinds: ['url', 'tag', 'all'],
    });
    this.api = this.apiClient(profile, 'CDNBENCH_GOOGLE_API_BASE', GOOGLE_COMPUTE_API_BASE);
  }

  async checkCredentials(opts: { verify: boolean }): Promise<CredentialReport> {
    const key = readServiceAccountKey(this.profile.credentials);
    if ('problem' in key) return { lines: [], problems: [key.problem] };
    this.redactor.add(key.privateKey);
    this.redactor.add(key.privateKeyId);
    const project = this.profile.project ?? key.projectId;
    if (project === undefined) return { lines: [], problems: [`no project: set project: in the profile (the key ${key.from} names none)`] };
    let tokenUrl: string;
    try {
      tokenUrl = resolveApiBase('google-cloud-cdn', 'CDNBENCH_GOOGLE_TOKEN_URL', this.profile.tokenUrl, key.tokenUri);
    } catch (err) {
      return { lines: [], problems: [describeError(err)] };
    }
    this.key = key;
    this.project = project;
    this.tokens = new GoogleAccessToken(key, tokenUrl);
    const lines = [`service-account key ${key.clientEmail} from ${key.from}, project ${project}`];
    if (!opts.verify) return { lines, problems: [] };
    try {
      await this.bearer();
    } catch (err) {
      return { lines, problems: [this.redactor.redact(`OAuth2 token request to ${new URL(tokenUrl).host} failed: ${describeError(err)}`)] };
    }
    const a = await this.api.call({ label: 'GET urlMaps/{urlMap}', method: 'GET', path: this.urlMapPath(), authorize: async () => ({ authorization: await this.bearer() }), describe: describeGoogleError });
    if (!a.ok) return { lines, problems: [a.error ?? 'URL map not readable'] };
    return { lines: [...lines, `verified: an access token was granted and urlMaps/${this.profile.urlMap} is readable`], problems: [] };
  }

  protected async purgeNow(req: PurgeRequest, started: number): Promise<PurgeReceipt> {
    if (this.tokens === null) {
      const check = await this.checkCredentials({ verify: false });
      if (this.tokens === null) return { ok: false, apiMs: 0, calls: 0, attempts: 0, error: check.problems[0] ?? 'no service-account key' };
    }
    const host = this.profile.allHosts ? {} : { host: this.profile.host ?? new URL(this.edges()[0]?.url ?? 'http://localhost').hostname };
    // Tags are ANDed with the path: /* keeps the rule to "every tagged object", whatever the API's default.
    const rules: Record<string, unknown>[] = [
      ...(req.urls ?? []).map((path) => ({ path: path.startsWith('/') ? path : `/${path}`, ...host })),
      ...batches(req.tags ?? [], { maxItems: GOOGLE_MAX_TAGS_PER_REQUEST }).map((cacheTags) => ({ path: '/*', ...host, cacheTags })),
      ...(req.all === true ? [{ path: '/*', ...host }] : []),
    ];
    const calls: ApiCall[] = rules.map((rule) => ({
      label: 'invalidateCache', method: 'POST', path: `${this.urlMapPath()}/invalidateCache`,
      headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule), tokens: [{ bucket: this.bucket, n: 1 }],
      authorize: async () => ({ authorization: await this.bearer() }), describe: describeGoogleError,
    }));
    const answers = await mapLimit(calls, GOOGLE_INVALIDATION_CONCURRENCY, (c) => this.api.call(c));
    return receiptFrom(answers, started, operationName);
  }

  protected async closeApi(): Promise<void> {
    await this.api.close();
  }

  private urlMapPath(): string {
    return `/compute/v1/projects/${encodeURIComponent(this.project ?? '')}/global/urlMaps/${encodeURIComponent(this.profile.urlMap)}`;
  }

  /** `Bearer <token>`; every token obtained is registered as a secret before it is used. */
  private async bearer(): Promise<string> {
    if (this.tokens === null) throw new Error('no service-account key loaded');
    const token = await this.tokens.token();
    this.redactor.add(token);
    return `Bearer ${token}`;
  }
}
