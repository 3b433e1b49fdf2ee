/**
 * An edge client that adds a provider's fixed request headers to every load request — Akamai edges report
 * cache state only when asked with `Pragma: akamai-x-cache-on, …`. Scenario headers of a step win over
 * them, so a scenario can still override.
 */
import { EdgeClient, type EdgeClientOptions, type EdgeEndpoint, type ExchangeCallback } from './edge-client.js';

/** EdgeClient plus fixed request headers. */
export class HeaderedEdgeClient extends EdgeClient {
  constructor(
    edge: EdgeEndpoint,
    options: EdgeClientOptions,
    private readonly extra: Readonly<Record<string, string>>,
  ) {
    super(edge, options);
  }

  override get(path: string, headers: Record<string, string> | undefined, done: ExchangeCallback): void {
    super.get(path, headers === undefined ? { ...this.extra } : { ...this.extra, ...headers }, done);
  }
}
