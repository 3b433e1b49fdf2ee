/**
 * Issue 14: purge URLs with template variables through the built CLI. Ground truth: what the test's own
 * edge server was asked for and what the test's purge webhook received. A purge is never sent with `{…}`
 * left in it; one that cannot be filled is refused before any load (exit 104), for the lab too.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readResultFile } from '../src/result/result-schema.js';
import { assertCliBuilt, runCli } from './helpers/cli.js';

let dir = '';
const servers: Server[] = [];

beforeAll(() => assertCliBuilt());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-purge-tpl-'));
});
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); });
  await rm(dir, { recursive: true, force: true });
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const s = createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}

function scenario(event: string): string {
  return `name: purge-templates
catalog: { seed: 7, books: 5, tracks: 10, albums: 1 }
sessions:
  r:
    steps:
      - get: /meta/{isbn}.json
load: { model: open, connections: 2, timeout: 5s }
phases: [{ duration: 2s, rate: 20 }]
events:
  - ${event}
`;
}

describe('purge templates', () => {
  it('fills {isbn} from the objects the sessions requested; the webhook gets exactly those URLs', async () => {
    const seen = new Map<string, number>();
    const edge = await serve((req, res) => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      seen.set(path, (seen.get(path) ?? 0) + 1);
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60' }).end('{}');
    });
    const received: string[][] = [];
    const hook = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push((JSON.parse(body) as { urls: string[] }).urls);
        res.writeHead(200).end('{}');
      });
    });
    await writeFile(join(dir, 's.yaml'), scenario('{ at: 1500ms, action: purge, urls: ["/meta/{isbn}.json"], objects: 2 }'));
    await writeFile(join(dir, 'p.yaml'), `kind: staging\ndialect: generic\nendpoints: [http://127.0.0.1:${edge}/]\npurge: { webhook: { url: http://127.0.0.1:${hook}/purge }, kinds: [url] }\n`);
    const r = await runCli(['run', join(dir, 's.yaml'), '--provider', join(dir, 'p.yaml'), '--out', join(dir, 'out'), '--quiet'], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(received).toHaveLength(1);
    const urls = (received[0] ?? []).map((u) => new URL(u).pathname);
    console.log(`webhook received ${urls.join(', ')}; edge saw ${[...seen].map(([p, n]) => `${p}×${n}`).join(', ')}`);
    expect(urls).toHaveLength(2);
    for (const u of urls) {
      expect(u).toMatch(/^\/meta\/\d{13}\.json$/);
      expect(seen.has(u), `${u} was requested by the sessions`).toBe(true);
    }
    // The seeded Zipf draws make one book far more requested than the rest: it is among the purged.
    const top = [...seen].sort((a, b) => b[1] - a[1])[0]?.[0];
    expect(urls).toContain(top);
    const p = (await readResultFile(join(dir, 'out', 'result.json'))).providers[0];
    expect(p?.summary.purges.map((x) => ({ ok: x.ok, asked: x.asked }))).toEqual([{ ok: true, asked: { urls: received[0]?.map((u) => new URL(u).pathname), tags: [] } }]);
    expect(p?.summary.invalidation).toBeNull();
  }, 90_000);

  it('refuses before any load a purge tag nothing can fill — for the lab too (exit 104)', async () => {
    await writeFile(join(dir, 's.yaml'), scenario('{ at: 1s, action: purge, urls: ["/meta/{isbn}.json"], tags: ["page-{page}"] }'));
    const r = await runCli(['run', join(dir, 's.yaml'), '--provider', 'edge-optimized', '--out', join(dir, 'out')], { timeoutMs: 60_000 });
    expect(r.code).toBe(104);
    expect(r.stderr).toContain('events[0].tags[0]: {page} cannot be filled');
  }, 90_000);

  it('says how to measure a content change when the staging profile has no publish hook (exit 104)', async () => {
    await writeFile(join(dir, 's.yaml'), scenario('{ at: 1s, action: publish, strategy: purge-url, urls: ["/meta/{isbn}.json"] }'));
    await writeFile(join(dir, 'p.yaml'), 'kind: staging\nendpoints: [http://127.0.0.1:9/]\npurge: { command: { argv: ["true"] } }\n');
    const r = await runCli(['run', join(dir, 's.yaml'), '--provider', join(dir, 'p.yaml'), '--out', join(dir, 'out')], { timeoutMs: 60_000 });
    expect(r.code).toBe(104);
    expect(r.stderr).toContain('it has no publish hook (give its staging profile `publish: {webhook|command}`');
  }, 90_000);
});
