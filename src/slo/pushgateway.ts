/**
 * Pushes metric families to a Prometheus Pushgateway: PUT /metrics/job/<job>/instance/<instance>, which
 * replaces that group's previous push (so a scheduled check's figures never mix with the last run's).
 * Basic auth comes from CDNBENCH_PUSHGATEWAY_USER / CDNBENCH_PUSHGATEWAY_PASSWORD and never appears in
 * a message; credentials written into the URL are refused for the same reason.
 */
import { request } from 'undici';
import { CdnbenchError, UsageError, describeError } from '../errors.js';
import { CONTENT_TYPES, renderPrometheusText, type MetricFamily } from './exposition.js';

/** Where and as whom to push. */
export interface PushTarget {
  /** Base URL of the Pushgateway, e.g. http://pushgateway:9091 (a path prefix is kept). */
  url: URL;
  job: string;
  instance: string;
  /** Basic auth, from the environment. */
  auth: { user: string; password: string } | null;
}

/** Environment variables holding the Pushgateway's basic-auth credentials. */
export const PUSHGATEWAY_ENV = { user: 'CDNBENCH_PUSHGATEWAY_USER', password: 'CDNBENCH_PUSHGATEWAY_PASSWORD' } as const;

/** Checks the URL and labels and reads the credentials; a usage error names what is wrong. */
export function pushTarget(url: string, job: string, instance: string, env: NodeJS.ProcessEnv = process.env): PushTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--pushgateway takes an http(s) URL, not "${url}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError(`--pushgateway takes an http(s) URL, not ${parsed.protocol}`);
  if (parsed.username !== '' || parsed.password !== '') {
    throw new UsageError(`--pushgateway: put credentials in ${PUSHGATEWAY_ENV.user} and ${PUSHGATEWAY_ENV.password}, not in the URL`);
  }
  if (parsed.search !== '' || parsed.hash !== '') throw new UsageError('--pushgateway: the URL takes no query or fragment');
  if (job === '' || instance === '') throw new UsageError('--push-job and --push-instance must not be empty');
  const user = env[PUSHGATEWAY_ENV.user] ?? '';
  const password = env[PUSHGATEWAY_ENV.password] ?? '';
  if ((user === '') !== (password === '')) throw new UsageError(`set both ${PUSHGATEWAY_ENV.user} and ${PUSHGATEWAY_ENV.password}, or neither`);
  return { url: parsed, job, instance, auth: user === '' ? null : { user, password } };
}

/** A grouping-key path segment; values with "/" use the Pushgateway's base64url form. */
function segment(name: string, value: string): string {
  return value.includes('/') ? `${name}@base64/${Buffer.from(value).toString('base64url')}` : `${name}/${encodeURIComponent(value)}`;
}

/** The group URL a push goes to. */
export function groupUrl(t: PushTarget): string {
  const base = `${t.url.origin}${t.url.pathname.replace(/\/+$/, '')}`;
  return `${base}/metrics/${segment('job', t.job)}/${segment('instance', t.instance)}`;
}

/** PUTs the families (Prometheus text format); IO_FAILED (exit 1) with the gateway's answer when it refuses. */
export async function pushMetrics(t: PushTarget, families: readonly MetricFamily[], timeoutMs = 10_000): Promise<void> {
  const headers: Record<string, string> = { 'content-type': CONTENT_TYPES.prometheus };
  if (t.auth !== null) headers.authorization = `Basic ${Buffer.from(`${t.auth.user}:${t.auth.password}`).toString('base64')}`;
  const where = groupUrl(t);
  let status: number;
  let text: string;
  try {
    const res = await request(where, { method: 'PUT', headers, body: renderPrometheusText(families), headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
    status = res.statusCode;
    text = await res.body.text();
  } catch (err) {
    throw new CdnbenchError('IO_FAILED', `cannot push to the Pushgateway at ${where}: ${describeError(err)}`, { cause: err });
  }
  if (status < 200 || status >= 300) {
    const why = text.trim().split('\n')[0]?.slice(0, 300) ?? '';
    throw new CdnbenchError('IO_FAILED', `the Pushgateway at ${where} answered ${status}${why === '' ? '' : `: ${why}`}`);
  }
}
