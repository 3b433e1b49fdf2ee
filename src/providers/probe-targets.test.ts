import { describe, expect, it } from 'vitest';
import { getDialect } from '../dialects/registry.js';
import { isContentPublisher } from './content-publisher.js';
import { MultiProvider } from './multi/multi-provider.js';
import { multiProfileSchema } from './multi/multi-profile.js';
import { probeTargetsOf } from './probe-targets.js';
import { stagingProfileSchema } from './staging/staging-profile.js';
import { createStagingProvider } from './staging/staging-provider.js';
import type { ProviderAdapter } from './adapter.js';
import type { EdgeClientOptions } from '../http/edge-client.js';

const staging = (id: string, host: string, extra: Record<string, unknown> = {}): ReturnType<typeof createStagingProvider> => createStagingProvider(id, stagingProfileSchema.parse({
  kind: 'staging', dialect: 'varnish', cacheBust: { query: 'cb' },
  endpoints: [{ url: `http://${host}/v1/`, pops: [{ id: 'fra', address: '127.0.0.2' }, { id: 'iad', address: '127.0.0.3' }] }],
  ...extra,
}));

const options = { connections: 1, http2: false, timeoutMs: 1000, wantedHeaders: new Set<string>(), userAgent: 't' } as EdgeClientOptions;

describe('probeTargetsOf', () => {
  it('a plain provider: its edges, paths as written, its dialect and request headers', () => {
    const p = { id: 'a', kind: 'akamai', dialect: getDialect('akamai'), edges: () => [{ id: 'e1', url: 'https://x.test' }], requestHeaders: { pragma: 'akamai-x-cache-on' } } as ProviderAdapter;
    const [t] = probeTargetsOf(p);
    expect(t?.edge).toEqual({ id: 'e1', url: 'https://x.test' });
    expect(t?.path('/a?b=1')).toBe('/a?b=1');
    expect(t?.headers).toEqual({ pragma: 'akamai-x-cache-on' });
    expect(t?.dialect.id).toBe('akamai');
  });

  it('staging: pinned PoPs polled at their address with the run\'s namespace', async () => {
    const s = staging('s', 'cdn.test:8080');
    expect(probeTargetsOf(s).map((t) => [t.edge.id, t.edge.connectAddress, t.path('/a.json')])).toEqual([['fra', '127.0.0.2', '/v1/a.json'], ['iad', '127.0.0.3', '/v1/a.json']]);
    const clients = s.createClients({ options, runId: 'r1', seed: 1 });
    expect(probeTargetsOf(s).map((t) => t.path('/a.json'))).toEqual(['/v1/a.json?cb=r1', '/v1/a.json?cb=r1']);
    await Promise.all(clients.map((c) => c.close()));
  });

  it('multi-CDN: every chosen member PoP, named member/PoP, polled as its member polls it', async () => {
    const members: Record<string, ProviderAdapter> = { one: staging('one', 'a.test'), two: staging('two', 'b.test') };
    const m = new MultiProvider('m', multiProfileSchema.parse({ kind: 'multi', members: [{ provider: 'one' }, { provider: 'two', pops: ['iad'] }] }), (ref) => members[ref] as ProviderAdapter);
    const clients = m.createClients({ options, runId: 'r2', seed: 1 });
    expect(probeTargetsOf(m).map((t) => [t.edge.id, t.edge.url, t.path('/x')])).toEqual([
      ['one/fra', 'http://a.test', '/v1/x?cb=r2'], ['one/iad', 'http://a.test', '/v1/x?cb=r2'], ['two/iad', 'http://b.test', '/v1/x?cb=r2'],
    ]);
    await Promise.all(clients.map((c) => c.close()));
    await m.stop();
  });

  it('a staging profile is a ContentPublisher only with a publish hook', () => {
    expect(isContentPublisher(staging('s', 'a.test'))).toBe(false);
    expect(isContentPublisher(staging('s', 'a.test', { publish: { command: { argv: ['true'] } } }))).toBe(true);
  });
});
