/**
 * The client of one staging PoP: an EdgeClient for the URL's origin, connected to the pinned edge IP when
 * there is one, sending namespaced paths. The engine sees the same `get`/`close` surface as any PoP client.
 */
import { EdgeClient, type EdgeClientOptions } from '../../http/edge-client.js';
import type { ClassifiedExchange, Edge, RequestClient } from '../adapter.js';
import { namespacedPath, type PathNamespace } from './namespace-path.js';
import type { StagingPop } from './staging-pops.js';

/** A staging PoP's keep-alive client. */
export class StagingClient implements RequestClient {
  readonly edge: Edge;
  private readonly inner: EdgeClient;

  constructor(
    private readonly pop: StagingPop,
    private readonly ns: PathNamespace,
    options: EdgeClientOptions,
  ) {
    this.edge = { id: pop.id, url: pop.origin, ...(pop.address === undefined ? {} : { connectAddress: pop.address }) };
    this.inner = new EdgeClient(this.edge, options);
  }

  get(path: string, headers: Record<string, string> | undefined, done: (ex: ClassifiedExchange) => void): void {
    this.inner.get(namespacedPath(this.ns, path), headers, done);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
