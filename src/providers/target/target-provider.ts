/**
 * The generic provider behind `--target <url>`: any HTTP endpoint, each URL one PoP, cache status read
 * with the generic dialect (RFC 9211 `Cache-Status` and the common vendor headers).
 */
import { InvalidConfigError } from '../../errors.js';
import type { Edge, ProviderAdapter } from '../adapter.js';
import type { HeaderDialect } from '../../dialects/dialect.js';
import { getDialect } from '../../dialects/registry.js';

/** A provider made of plain endpoint URLs. */
export class TargetProvider implements ProviderAdapter {
  readonly kind = 'target';
  readonly dialect: HeaderDialect;
  private readonly list: Edge[];

  constructor(
    readonly id: string,
    edges: readonly Edge[],
    dialect: HeaderDialect = getDialect('generic'),
  ) {
    this.dialect = dialect;
    this.list = [...edges];
  }

  /** A provider from --target URLs: each URL one PoP, named by its host:port. */
  static fromUrls(id: string, urls: readonly string[]): TargetProvider {
    const seen = new Map<string, number>();
    const edges = urls.map((raw) => {
      const url = parseTargetUrl(raw);
      const n = (seen.get(url.host) ?? 0) + 1;
      seen.set(url.host, n);
      return { id: n === 1 ? url.host : `${url.host}#${n}`, url: url.origin };
    });
    return new TargetProvider(id, edges);
  }

  /** The endpoints, one PoP each. */
  edges(): readonly Edge[] {
    return this.list;
  }
}

/** Validates a --target URL: http(s), no credentials (they would end up in results), no path. */
export function parseTargetUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidConfigError(`invalid --target ${JSON.stringify(raw)}: expected a URL like http://127.0.0.1:8080`, [], 'INVALID_PROVIDER');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidConfigError(`invalid --target ${url.protocol}//…: only http and https are supported`, [], 'INVALID_PROVIDER');
  }
  if (url.username !== '' || url.password !== '') {
    throw new InvalidConfigError('invalid --target: credentials in the URL are not accepted (they would reach results); send them as a scenario header', [], 'INVALID_PROVIDER');
  }
  if (url.pathname !== '/' || url.search !== '') {
    throw new InvalidConfigError(`invalid --target ${url.origin}${url.pathname}: give the origin only; paths come from the scenario`, [], 'INVALID_PROVIDER');
  }
  return url;
}
