/**
 * Fastly: load goes to the service's staging domain(s); cache status and PoP from `X-Cache` and the last
 * `X-Served-By` node. Purges (api.fastly.com, `Fastly-Key`): single URLs with `POST /purge/{host}/{path}`,
 * surrogate keys in batches of 256 with `POST /service/{id}/purge` and a JSON body, everything with
 * `POST /service/{id}/purge_all`; `Fastly-Soft-Purge: 1` when the profile asks for soft purges.
 */
import type { CredentialReport, PurgeReceipt, PurgeRequest } from '../../adapter.js';
import { getDialect } from '../../../dialects/registry.js';
import { absoluteUrl } from '../cdn-profile.js';
import { CdnProvider, receiptFrom } from '../cdn-provider.js';
import { ApiClient, snippet, type ApiAnswer } from '../http-api/api-client.js';
import { batches } from '../http-api/batcher.js';
import { mapLimit } from '../http-api/map-limit.js';
import { TokenBucket } from '../http-api/token-bucket.js';
import { isProblem } from '../secret-source.js';
import { FASTLY_MAX_KEYS_PER_BATCH, FASTLY_NON_READ_PER_HOUR, URL_PURGE_CONCURRENCY } from './fastly-limits.js';
import { FASTLY_PRICES } from './fastly-prices.js';
import type { FastlyProfile } from './fastly-profile.js';
import { readFastlyToken } from './fastly-token.js';

/** The real API; CDNBENCH_FASTLY_API_BASE or the profile's apiBase override it. */
export const FASTLY_API_BASE = 'https://api.fastly.com';

/** Fastly's error body: `{"msg":"…","detail":"…"}`. */
export function describeFastlyError(_status: number, json: unknown, text: string): string {
  const { msg, detail } = (typeof json === 'object' && json !== null ? json : {}) as { msg?: unknown; detail?: unknown };
  if (typeof msg === 'string') return typeof detail === 'string' && detail !== '' ? `${msg} (${detail})` : msg;
  return snippet(text);
}

function purgeIds(a: ApiAnswer): string[] {
  if (typeof a.json !== 'object' || a.json === null) return [];
  const { id } = a.json as { id?: unknown };
  if (typeof id === 'string') return [id];
  // Batch key purges answer { "<key>": "<purge id>", … }.
  return Object.values(a.json).filter((v): v is string => typeof v === 'string' && v !== 'ok');
}

/** A Fastly service's staging domains. */
export class FastlyProvider extends CdnProvider {
  private readonly api: ApiClient;
  /** purge_all counts against the 1,000 non-read requests per hour. */
  private readonly nonRead = new TokenBucket(FASTLY_NON_READ_PER_HOUR, FASTLY_NON_READ_PER_HOUR / 3600);
  private token: string | null = null;

  constructor(
    id: string,
    private readonly profile: FastlyProfile,
  ) {
    super({
      id, kind: 'fastly', dialect: getDialect(profile.dialect ?? 'fastly'), edges: profile.edges,
      prices: profile.prices ?? FASTLY_PRICES, popRegions: profile.popRegions, purgeKinds: ['url', 'tag', 'all'],
    });
    this.api = this.apiClient(profile, 'CDNBENCH_FASTLY_API_BASE', FASTLY_API_BASE);
  }

  async checkCredentials(opts: { verify: boolean }): Promise<CredentialReport> {
    const found = readFastlyToken(this.profile.credentials);
    if (isProblem(found)) return { lines: [], problems: [found.problem] };
    this.redactor.add(found.value);
    this.token = found.value;
    const lines = [`API token from ${found.from} (${found.value.length} characters)`];
    if (!opts.verify) return { lines, problems: [] };
    const a = await this.api.call({ label: 'GET /tokens/self', method: 'GET', path: '/tokens/self', headers: this.auth(), describe: describeFastlyError });
    if (!a.ok) return { lines, problems: [a.error ?? 'token verification failed'] };
    const { scope, services } = (typeof a.json === 'object' && a.json !== null ? a.json : {}) as { scope?: unknown; services?: unknown };
    const scopes = typeof scope === 'string' ? scope.split(/\s+/) : [];
    const problems: string[] = [];
    if (!scopes.some((s) => s === 'global' || s === 'purge_select' || s === 'purge_all')) problems.push(`the token's scope (${scopes.join(' ') || 'none'}) allows no purging: it needs purge_select`);
    if (Array.isArray(services) && services.length > 0 && !services.includes(this.profile.serviceId)) problems.push(`the token is limited to other services than ${this.profile.serviceId}`);
    return { lines: [...lines, `verified: GET /tokens/self answered, scope ${scopes.join(' ') || 'none'}`], problems };
  }

  protected async purgeNow(req: PurgeRequest, started: number): Promise<PurgeReceipt> {
    if (this.token === null) {
      const check = await this.checkCredentials({ verify: false });
      if (this.token === null) return { ok: false, apiMs: 0, calls: 0, attempts: 0, error: check.problems[0] ?? 'no API token' };
    }
    const urls = req.urls ?? [];
    if (urls.some((u) => u.includes('*'))) return { ok: false, apiMs: 0, calls: 0, attempts: 0, error: 'Fastly has no wildcard purge: label the objects with Surrogate-Key and purge by tag' };
    const soft: Record<string, string> = this.profile.softPurge ? { 'fastly-soft-purge': '1' } : {};
    const base = this.profile.purgeBase ?? this.edges()[0]?.url ?? '';
    const sid = encodeURIComponent(this.profile.serviceId);
    const answers: ApiAnswer[] = await mapLimit(urls, URL_PURGE_CONCURRENCY, (u) =>
      this.api.call({ label: 'POST /purge', method: 'POST', path: `/purge/${absoluteUrl(base, u).replace(/^https?:\/\//i, '')}`, headers: { ...this.auth(), ...soft }, describe: describeFastlyError }),
    );
    for (const keys of batches(req.tags ?? [], { maxItems: FASTLY_MAX_KEYS_PER_BATCH })) {
      answers.push(await this.api.call({
        label: 'POST /service/purge', method: 'POST', path: `/service/${sid}/purge`,
        headers: { ...this.auth(), ...soft, 'content-type': 'application/json' }, body: JSON.stringify({ surrogate_keys: keys }), describe: describeFastlyError,
      }));
    }
    if (req.all === true) {
      answers.push(await this.api.call({ label: 'POST /service/purge_all', method: 'POST', path: `/service/${sid}/purge_all`, headers: this.auth(), tokens: [{ bucket: this.nonRead, n: 1 }], describe: describeFastlyError }));
    }
    return receiptFrom(answers, started, purgeIds);
  }

  protected async closeApi(): Promise<void> {
    await this.api.close();
  }

  private auth(): Record<string, string> {
    return { 'Fastly-Key': this.token ?? '' };
  }
}
