/**
 * The base URL of a provider's API: the profile's `apiBase`, else `CDNBENCH_<VENDOR>_API_BASE`, else the
 * real API host. Overridable so tests (and API proxies) can stand in; refused over plain http unless the
 * host is loopback, because every call carries a credential.
 */
import { InvalidConfigError } from '../../errors.js';

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Resolves and checks the API base URL of an adapter; InvalidConfigError (exit 104) when unusable. */
export function resolveApiBase(vendor: string, envName: string, profileValue: string | undefined, defaultUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[envName]?.trim();
  const raw = profileValue ?? (fromEnv === undefined || fromEnv === '' ? defaultUrl : fromEnv);
  const where = profileValue !== undefined ? 'apiBase' : raw === defaultUrl ? 'default API base' : envName;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidConfigError(`${vendor}: ${where} ${JSON.stringify(raw)} is not a URL`, [], 'INVALID_PROVIDER');
  }
  if (url.username !== '' || url.password !== '') throw new InvalidConfigError(`${vendor}: ${where} must not carry credentials`, [], 'INVALID_PROVIDER');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new InvalidConfigError(`${vendor}: ${where} ${url.origin} must be https (plain http only to a loopback address): every call carries a credential`, [], 'INVALID_PROVIDER');
  }
  return url.href.replace(/\/+$/, '');
}
