/**
 * Amazon CloudFront: load goes to the distribution's staging domain(s); cache status from `X-Cache`
 * ("Hit from cloudfront"), PoP from `X-Amz-Cf-Pop`. Purges are invalidations made through
 * `@aws-sdk/client-cloudfront` (SigV4 with the SDK's default credential chain): paths (and `/*` for
 * everything; `#tag` paths when the distribution has cache tags), batched at CloudFront's in-progress
 * limits, each followed with GetInvalidation to `Completed`. Invalidation paths are billed (1,000 a month
 * free, then $0.005 each), which the cost model charges. The SDK is imported when a CloudFront profile is
 * loaded, not with the CLI: it costs every other command's start about 0.3 s of CPU.
 */
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { CredentialReport, PurgeReceipt, PurgeRequest } from '../../adapter.js';
import { getDialect } from '../../dialects/registry.js';
import { describeError } from '../../../errors.js';
import { resolveApiBase } from '../api-base.js';
import { CdnProvider } from '../cdn-provider.js';
import { invalidationBatches } from './cloudfront-limits.js';
import { runInvalidation, type InvalidationOutcome } from './cloudfront-invalidation.js';
import { CLOUDFRONT_PRICES } from './cloudfront-prices.js';
import type { CloudfrontProfile } from './cloudfront-profile.js';
import { sdkCall } from './sdk-call.js';

/** The real API endpoint (the SDK's default); CDNBENCH_CLOUDFRONT_API_BASE or the profile's apiBase override it. */
export const CLOUDFRONT_API_BASE = 'https://cloudfront.amazonaws.com';

/** A CloudFront distribution. */
export class CloudfrontProvider extends CdnProvider {
  private readonly sdkClient: Promise<CloudFrontClient>;
  private credentialsChecked = false;

  constructor(
    id: string,
    private readonly profile: CloudfrontProfile,
  ) {
    super({
      id, kind: 'cloudfront', dialect: getDialect(profile.dialect ?? 'cloudfront'), edges: profile.edges,
      prices: profile.prices ?? CLOUDFRONT_PRICES, popRegions: profile.popRegions,
      purgeKinds: profile.tagInvalidation ? ['url', 'tag', 'all'] : ['url', 'all'],
    });
    const endpoint = resolveApiBase('cloudfront', 'CDNBENCH_CLOUDFRONT_API_BASE', profile.apiBase, CLOUDFRONT_API_BASE);
    // The SDK warns on Node 20 about releases after January 2027; this pinned one runs on it, and the
    // warning would otherwise land in every run's stderr.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    // Started now so that no timed call pays for the import; a failure surfaces at the first call.
    this.sdkClient = import('@aws-sdk/client-cloudfront').then(({ CloudFrontClient: Client }) => new Client({
      region: profile.region,
      maxAttempts: 1, // retries are ours, counted and bounded like every other adapter's
      requestHandler: { requestTimeout: profile.apiTimeout, connectionTimeout: profile.apiTimeout },
      ...(endpoint === CLOUDFRONT_API_BASE ? {} : { endpoint }),
      ...(profile.awsProfile === undefined ? {} : { profile: profile.awsProfile }),
    }));
    this.sdkClient.catch(() => undefined);
  }

  async checkCredentials(opts: { verify: boolean }): Promise<CredentialReport> {
    const client = await this.sdkClient;
    let creds;
    try {
      creds = await client.config.credentials();
    } catch (err) {
      return { lines: [], problems: [`no AWS credentials from the SDK's default chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, SSO, web identity, instance role): ${describeError(err).split('\n')[0] ?? ''}`] };
    }
    for (const s of [creds.secretAccessKey, creds.sessionToken, creds.accessKeyId]) this.redactor.add(s);
    const problems: string[] = [];
    if (!/^(AKIA|ASIA)[A-Z0-9]{12,124}$/.test(creds.accessKeyId)) problems.push('the access key id does not look like one (AKIA… or ASIA…)');
    if (creds.secretAccessKey.length !== 40) problems.push(`the secret access key has ${creds.secretAccessKey.length} characters, not 40`);
    if (problems.length > 0) return { lines: [], problems: problems.map((p) => `AWS credentials: ${p}`) };
    this.credentialsChecked = true;
    const via = process.env.AWS_ACCESS_KEY_ID ? 'environment variables' : this.profile.awsProfile !== undefined ? `profile ${this.profile.awsProfile}` : process.env.AWS_PROFILE ? `profile ${process.env.AWS_PROFILE}` : "the SDK's default chain";
    const lines = [`AWS credentials from ${via}${creds.sessionToken === undefined ? '' : ' (temporary, with a session token)'}`];
    if (!opts.verify) return { lines, problems: [] };
    const { ListInvalidationsCommand } = await import('@aws-sdk/client-cloudfront');
    const a = await sdkCall('ListInvalidations', () => client.send(new ListInvalidationsCommand({ DistributionId: this.profile.distributionId, MaxItems: 1 })), { ...this.profile.retry, maxAttempts: 1 }, this.redactor);
    if (!a.ok) return { lines, problems: [a.error ?? 'ListInvalidations failed'] };
    return { lines: [...lines, `verified: ListInvalidations on ${this.profile.distributionId} answered`], problems: [] };
  }

  protected async purgeNow(req: PurgeRequest, started: number): Promise<PurgeReceipt> {
    if (!this.credentialsChecked) {
      const check = await this.checkCredentials({ verify: false });
      if (check.problems.length > 0) return { ok: false, apiMs: 0, calls: 0, attempts: 0, error: check.problems[0] ?? 'no AWS credentials' };
    }
    const paths = [
      ...(req.urls ?? []).map((u) => (u.startsWith('/') ? u : `/${u}`)),
      ...(this.profile.tagInvalidation ? (req.tags ?? []).map((t) => `#${t}`) : []),
      ...(req.all === true ? ['/*'] : []),
    ];
    const client = await this.sdkClient;
    const outcomes: InvalidationOutcome[] = [];
    // Batches in sequence: the next may only start once the previous one no longer counts as in progress.
    for (const batch of invalidationBatches(paths)) {
      const o = await runInvalidation(client, {
        distributionId: this.profile.distributionId, paths: batch, wait: this.profile.waitForCompletion,
        pollIntervalMs: this.profile.pollInterval, completionTimeoutMs: this.profile.completionTimeout, retry: this.profile.retry, redactor: this.redactor,
      });
      outcomes.push(o);
      if (o.error !== undefined) break;
    }
    const failed = outcomes.find((o) => o.error !== undefined);
    const ids = outcomes.flatMap((o) => (o.id === undefined ? [] : [o.id]));
    const last = outcomes.at(-1);
    return {
      ok: failed === undefined,
      // What the API took to accept the invalidations; following them to Completed is `completedMs`.
      apiMs: outcomes.reduce((n, o) => n + o.create.ms, 0),
      calls: outcomes.reduce((n, o) => n + 1 + o.polls, 0),
      attempts: outcomes.reduce((n, o) => n + o.attempts, 0),
      ...(ids.length === 0 ? {} : { id: ids.join(', ') }),
      ...(failed === undefined && last?.completedMs !== undefined ? { completedMs: performance.now() - started } : {}),
      ...(failed?.error === undefined ? {} : { error: failed.error }),
    };
  }

  protected async closeApi(): Promise<void> {
    (await this.sdkClient).destroy();
  }
}
