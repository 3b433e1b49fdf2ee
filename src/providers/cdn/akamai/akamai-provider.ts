/**
 * Akamai: load goes to the property's hostname(s) — on the staging network when the edges point at the
 * `-staging` edge addresses — with the Pragma debug headers that make edges report cache state in
 * `X-Cache`. Purges use Fast Purge v3, `POST /ccu/v3/{invalidate|delete}/{url|tag|cpcode}/{network}` with
 * `{"objects":[…]}` (≤ 50,000 bytes) and an EdgeGrid `EG1-HMAC-SHA256` signature made afresh per attempt,
 * within the account's token buckets.
 */
import type { CredentialReport, PurgeReceipt, PurgeRequest, WithRequestHeaders } from '../../adapter.js';
import { getDialect } from '../../../dialects/registry.js';
import { resolveApiBase } from '../api-base.js';
import { absoluteUrl } from '../cdn-profile.js';
import { CdnProvider, receiptFrom } from '../cdn-provider.js';
import { ApiClient, snippet, type ApiAnswer } from '../http-api/api-client.js';
import { batches } from '../http-api/batcher.js';
import { AKAMAI_MAX_BODY_BYTES, akamaiBuckets, type AkamaiObjectType } from './akamai-limits.js';
import type { AkamaiProfile } from './akamai-profile.js';
import { readEdgeRc, type EdgeRc } from './edgerc.js';
import { signEdgeGrid } from './edgegrid-sign.js';

/**
 * Akamai's debug Pragma values: X-Cache (cache state and edge host), the remote (parent tier) X-Cache,
 * cacheability and the cache key. Edges answer them unless the property disables debug headers.
 */
export const AKAMAI_PRAGMA = 'akamai-x-cache-on, akamai-x-cache-remote-on, akamai-x-check-cacheable, akamai-x-get-cache-key, akamai-x-get-true-cache-key';

/** Fast Purge's problem+json error body: `{"title":"…","detail":"…","httpStatus":…}`. */
export function describeAkamaiError(_status: number, json: unknown, text: string): string {
  const { title, detail } = (typeof json === 'object' && json !== null ? json : {}) as { title?: unknown; detail?: unknown };
  if (typeof title === 'string') return typeof detail === 'string' && detail !== '' ? `${title}: ${detail}` : title;
  return snippet(text);
}

function purgeId(a: ApiAnswer): string[] {
  const id = typeof a.json === 'object' && a.json !== null ? (a.json as { purgeId?: unknown }).purgeId : undefined;
  return typeof id === 'string' ? [id] : [];
}

/** An Akamai property's hostnames. */
export class AkamaiProvider extends CdnProvider implements WithRequestHeaders {
  readonly requestHeaders: Readonly<Record<string, string>> = { pragma: AKAMAI_PRAGMA };
  private readonly buckets = akamaiBuckets();
  private creds: EdgeRc | null = null;
  private api: ApiClient | null = null;

  constructor(
    id: string,
    private readonly profile: AkamaiProfile,
  ) {
    super({
      id, kind: 'akamai', dialect: getDialect(profile.dialect ?? 'akamai'), edges: profile.edges,
      prices: profile.prices, popRegions: profile.popRegions,
      purgeKinds: profile.cpCodes.length > 0 ? ['url', 'tag', 'all'] : ['url', 'tag'],
    });
    // An override is checked now (exit 104 before any load); the real host comes from the credentials.
    if (profile.apiBase !== undefined || (process.env.CDNBENCH_AKAMAI_API_BASE ?? '') !== '') resolveApiBase('akamai', 'CDNBENCH_AKAMAI_API_BASE', profile.apiBase, 'https://akamai.invalid');
  }

  async checkCredentials(opts: { verify: boolean }): Promise<CredentialReport> {
    const found = readEdgeRc(this.profile.edgerc);
    if ('problem' in found) return { lines: [], problems: [found.problem] };
    for (const s of [found.clientSecret, found.clientToken, found.accessToken]) this.redactor.add(s);
    this.creds = found;
    const lines = [`EdgeGrid client from ${found.from} (API host ${found.host})`];
    // Fast Purge has no read-only call to try the credentials with; every call purges something.
    if (opts.verify) lines.push('not verified online: Fast Purge has no read-only endpoint (format checked)');
    return { lines, problems: [] };
  }

  protected async purgeNow(req: PurgeRequest, started: number): Promise<PurgeReceipt> {
    const { creds, api } = await this.client();
    if (creds === null || api === null) return { ok: false, apiMs: 0, calls: 0, attempts: 0, error: (await this.checkCredentials({ verify: false })).problems[0] ?? 'no EdgeGrid credentials' };
    const base = this.profile.purgeBase ?? this.edges()[0]?.url ?? '';
    const work: [AkamaiObjectType, (string | number)[]][] = [
      ['url', (req.urls ?? []).map((u) => absoluteUrl(base, u))],
      ['tag', req.tags ?? []],
      ['cpcode', req.all === true ? this.profile.cpCodes : []],
    ];
    const answers: ApiAnswer[] = [];
    for (const [type, objects] of work) {
      const bucket = this.buckets.objects[type];
      const bodyBytes = (b: readonly (string | number)[]): number => Buffer.byteLength(JSON.stringify({ objects: b }));
      for (const batch of batches(objects, { maxItems: bucket.capacity, maxBodyBytes: AKAMAI_MAX_BODY_BYTES, bodyBytes })) {
        answers.push(await api.call({
          label: `POST /ccu/v3/${this.profile.action}/${type}`, method: 'POST', path: `/ccu/v3/${this.profile.action}/${type}/${this.profile.network}`,
          headers: { 'content-type': 'application/json' }, body: JSON.stringify({ objects: batch }),
          tokens: [{ bucket: this.buckets.requests, n: 1 }, { bucket, n: batch.length }],
          authorize: (r) => ({ authorization: signEdgeGrid(r, creds, { maxBody: creds.maxBody }) }),
          describe: describeAkamaiError,
        }));
      }
    }
    return receiptFrom(answers, started, purgeId);
  }

  protected async closeApi(): Promise<void> {
    await this.api?.close();
  }

  private async client(): Promise<{ creds: EdgeRc | null; api: ApiClient | null }> {
    if (this.creds === null) await this.checkCredentials({ verify: false });
    if (this.creds !== null && this.api === null) {
      this.api = this.apiClient(this.profile, 'CDNBENCH_AKAMAI_API_BASE', `https://${this.creds.host}`);
    }
    return { creds: this.creds, api: this.api };
  }
}
