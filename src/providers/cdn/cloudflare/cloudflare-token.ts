/**
 * The Cloudflare API token (`CLOUDFLARE_API_TOKEN`, or a file via `CLOUDFLARE_API_TOKEN_FILE` or the
 * profile): sent as `Authorization: Bearer`. Needs the Zone → Cache Purge permission. A 37-hex-digit value
 * is a Global API Key, which goes in X-Auth-Key with an e-mail instead — a common mix-up, named as such.
 */
import { isProblem, readSecret, type CredentialSource, type FoundSecret } from '../secret-source.js';

/** The default environment variable. */
export const CLOUDFLARE_TOKEN_ENV = 'CLOUDFLARE_API_TOKEN';

/** The token and where it came from, or the problem with it. */
export function readCloudflareToken(source: CredentialSource, env: NodeJS.ProcessEnv = process.env): FoundSecret | { problem: string } {
  const found = readSecret(CLOUDFLARE_TOKEN_ENV, source, env);
  if (isProblem(found)) return found;
  const v = found.value;
  if (/^[0-9a-f]{37}$/i.test(v)) return { problem: `${found.from} holds a Global API Key (37 hex digits); cdnbench needs an API token with the Zone → Cache Purge permission` };
  if (/\s/.test(v) || v.length < 32 || !/^[\x21-\x7e]+$/.test(v)) return { problem: `${found.from} does not look like a Cloudflare API token (expected 32 or more printable characters, no spaces; got ${v.length})` };
  return found;
}
