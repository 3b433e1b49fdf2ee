/**
 * OAuth2 access tokens for the Compute API from a service-account key, through google-auth-library's JWT
 * client (the JWT-bearer grant, RS256). The token endpoint can be replaced (profile `tokenUrl`,
 * CDNBENCH_GOOGLE_TOKEN_URL, or a key whose token_uri names another endpoint) by handing the library a
 * fetch that redirects only requests to Google's token URL — how tests point it at a local server.
 * The library is imported when a key is loaded, not with the CLI: it costs every other command's start.
 */
import type { JWT } from 'google-auth-library';
import { GOOGLE_TOKEN_URL, type ServiceAccountKey } from './service-account.js';

/** The scope invalidateCache and urlMaps.get need. */
export const COMPUTE_SCOPE = 'https://www.googleapis.com/auth/compute';

/** Gets (and caches until near expiry) access tokens for one key. */
export class GoogleAccessToken {
  private readonly jwt: Promise<JWT>;

  constructor(key: ServiceAccountKey, tokenUrl: string) {
    const redirect: typeof fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      return fetch(url === GOOGLE_TOKEN_URL ? tokenUrl : input, init);
    };
    // Started now so that the first token() (often inside a timed purge) does not pay for the import.
    this.jwt = import('google-auth-library').then(({ JWT: Client }) => new Client({
      email: key.clientEmail,
      key: key.privateKey,
      ...(key.privateKeyId === undefined ? {} : { keyId: key.privateKeyId }),
      scopes: [COMPUTE_SCOPE],
      transporterOptions: { fetchImplementation: redirect, retry: false },
    }));
    // A failure surfaces in token(); until then it must not count as an unhandled rejection.
    this.jwt.catch(() => undefined);
  }

  /** A live access token; throws with the token endpoint's error when the key is refused. */
  async token(): Promise<string> {
    const { token } = await (await this.jwt).getAccessToken();
    if (typeof token !== 'string' || token === '') throw new Error('the token endpoint returned no access_token');
    return token;
  }
}
