/**
 * The Fastly API token, sent as `Fastly-Key`: `FASTLY_API_TOKEN` (what Fastly's CLI reads), else
 * `FASTLY_API_KEY`, else a file (`…_FILE` or the profile's credentials.file). Needs the purge_select scope
 * (and purge_all to purge everything).
 */
import { isProblem, readSecret, type CredentialSource, type FoundSecret } from '../secret-source.js';

/** The variables tried, in order. */
export const FASTLY_TOKEN_ENVS = ['FASTLY_API_TOKEN', 'FASTLY_API_KEY'] as const;

/** The token and where it came from, or the problem with it. */
export function readFastlyToken(source: CredentialSource, env: NodeJS.ProcessEnv = process.env): FoundSecret | { problem: string } {
  let found: FoundSecret | { problem: string } = { problem: '' };
  const names = source?.env !== undefined || source?.file !== undefined ? [FASTLY_TOKEN_ENVS[0]] : FASTLY_TOKEN_ENVS;
  for (const name of names) {
    found = readSecret(name, source, env);
    if (!isProblem(found)) break;
  }
  if (isProblem(found)) return source?.env !== undefined || source?.file !== undefined ? found : { problem: 'FASTLY_API_TOKEN is not set (nor FASTLY_API_KEY, nor FASTLY_API_TOKEN_FILE, a path to a file holding it)' };
  if (!/^[A-Za-z0-9_-]{20,}$/.test(found.value)) return { problem: `${found.from} does not look like a Fastly API token (expected 20 or more letters, digits, - or _; got ${found.value.length} characters)` };
  return found;
}
