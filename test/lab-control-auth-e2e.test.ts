/**
 * The lab's purge/control API (`lab up` prints it) is not open to anyone who can reach loopback: a call
 * without the lab's token is refused (401), and so is a cross-site browser request (an `Origin` that is
 * not the lab's, or a text/plain POST a web page could send without a preflight) even with the right token.
 * Ground truth: a PoP's cache status and reachability as the test observes them. cdnbench's own purges and
 * PoP faults still work, through both purge shapes (Cloudflare JSON, Fastly bodyless).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../src/catalog/catalog.js';
import { DEFAULT_CATALOG } from '../src/catalog/catalog-config.js';
import { PACKAGE_ROOT } from '../src/util/package-root.js';
import { readResultFile } from '../src/result/result-schema.js';
import { assertCliBuilt, linesOf } from './helpers/cli.js';
import { newMarker, ownLabProcesses, pollUntil, runMarkedCli } from './helpers/lab-processes.js';

let dir = '';
const cleanups: (() => Promise<void>)[] = [];
beforeAll(() => assertCliBuilt());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-lab-auth-'));
});
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await rm(dir, { recursive: true, force: true });
});

/** A built-in archetype with a 50 ms invalidation and only its first PoP, so effects show at once. */
async function fastProfile(builtin: 'edge-optimized' | 'edge-compute'): Promise<string> {
  const text = (await readFile(join(PACKAGE_ROOT, 'providers', `${builtin}.yaml`), 'utf8'))
    .replace(/^invalidation: .*$/m, 'invalidation: 50ms')
    .replace(/^pops:\n(  - .*\n)+/m, 'pops:\n  - { id: fra, region: europe }\n');
  const path = join(dir, `${builtin}-fast.yaml`);
  await writeFile(path, text);
  return path;
}

interface Answer { status: number; headers: Record<string, unknown>; body: string }

async function call(url: string, init: { method?: 'GET' | 'POST' | 'OPTIONS'; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const res = await request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, body: init.body ?? null });
  return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
}

describe('lab up: the purge/control API', { timeout: 120_000 }, () => {
  it('refuses tokenless and cross-site calls (nothing purged, no PoP down) and accepts the token with JSON', async () => {
    const statePath = join(dir, 'state', 'lab.json');
    const marker = newMarker();
    const lab = (args: string[]) => runMarkedCli(['lab', ...args], marker, { cwd: dir, env: { CDNBENCH_LAB_STATE: statePath, CDNBENCH_ORIGIN_TOKEN: undefined }, timeoutMs: 40_000 });
    cleanups.push(async () => {
      for (const p of ownLabProcesses(marker)) process.kill(p.pid, 'SIGKILL');
    });
    const up = await lab(['up', '--provider', await fastProfile('edge-optimized'), '--origin-port', '0', '--json']);
    expect(up.code, up.stderr).toBe(0);
    const state = JSON.parse(up.stdout) as { token: string; providers: { controlUrl: string; pops: { url: string }[] }[] };
    const control = state.providers[0]?.controlUrl ?? '';
    const pop = state.providers[0]?.pops[0]?.url ?? '';
    const object = `${pop}/meta/${Catalog.create(DEFAULT_CATALOG).bookAt(0).isbn}.json`;
    const cacheStatus = async (): Promise<string> => String((await call(object)).headers['cf-cache-status']);
    expect(await cacheStatus()).toBe('MISS');
    expect(await cacheStatus()).toBe('HIT');

    const purgeUrl = `${control}/client/v4/zones/lab/purge_cache`;
    const everything = JSON.stringify({ purge_everything: true });
    const popDown = JSON.stringify({ kind: 'pop-down', pop: 'fra', durationMs: 3_600_000 });
    const bearer = `Bearer ${state.token}`;
    const refused: [string, Promise<Answer>, number][] = [
      ['purge, no token', call(purgeUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: everything }), 401],
      ['purge, wrong token', call(purgeUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer 0123456789abcdef0123456789abcdef' }, body: everything }), 401],
      ['fault, no token', call(`${control}/__cdnbench/fault`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: popDown }), 401],
      ['stats, no token', call(`${control}/__cdnbench/stats`), 401],
      // What a web page can send without a preflight: text/plain from another origin. The token does not help it.
      ['cross-site text/plain purge with the token', call(purgeUrl, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'http://evil.example', authorization: bearer }, body: everything }), 403],
      ['cross-site JSON fault with the token', call(`${control}/__cdnbench/fault`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://evil.example', authorization: bearer }, body: popDown }), 403],
      ['same-site fetch metadata', call(purgeUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-site', authorization: bearer }, body: everything }), 403],
      ['text/plain purge with the token, no custom header', call(purgeUrl, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: bearer }, body: everything }), 415],
      ['CORS preflight', call(purgeUrl, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } }), 403],
    ];
    for (const [what, answer, status] of refused) {
      const a = await answer;
      expect(a.status, what).toBe(status);
      expect(Object.keys(a.headers).filter((h) => h.startsWith('access-control-')), what).toEqual([]);
    }
    // Ten invalidation delays later the object is still cached and the PoP still answers.
    await new Promise((r) => setTimeout(r, 500));
    expect(await cacheStatus()).toBe('HIT');

    const ok = await call(purgeUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: bearer }, body: everything });
    expect(ok.status, ok.body).toBe(200);
    expect(await pollUntil(async () => ((await cacheStatus()) === 'MISS' ? true : null), 10_000)).toBe(true);
    expect((await lab(['down'])).code).toBe(0);
  });
});

describe('cdnbench\'s own purges and faults carry the token', { timeout: 120_000 }, () => {
  for (const builtin of ['edge-optimized', 'edge-compute'] as const) {
    it(`${builtin}: purge events by URL, tag and everything succeed and a pop-down fault takes effect`, async () => {
      const profile = await fastProfile(builtin);
      const scenario = join(dir, 's.yaml');
      await writeFile(scenario, [
        'name: lab-auth', 'catalog: { books: 5, tracks: 10, albums: 1 }',
        'sessions: { one: { steps: [ { get: "/meta/{isbn}.json" } ] } }',
        'load: { model: open, timeout: 5s }', 'phases: [ { duration: 3s, rate: 10 } ]',
        'events:',
        '  - { at: 500ms, action: purge, urls: [/meta/9780000000002.json], tags: [book-9780000000002] }',
        '  - { at: 700ms, action: purge, all: true }',
        '  - { at: 1s, action: fault, kind: pop-down, pop: fra, duration: 1s }',
        '',
      ].join('\n'));
      const marker = newMarker();
      const out = join(dir, 'out');
      const r = await runMarkedCli(['run', scenario, '--provider', profile, '--out', out, '--report', 'none'], marker, { cwd: dir, timeoutMs: 90_000 });
      expect(r.code, r.stderr).toBe(0);
      expect(linesOf(r.stderr).filter((l) => /failed/.test(l))).toEqual([]);
      const p = (await readResultFile(join(out, 'result.json'))).providers[0];
      expect(p?.summary.purges.map((x) => [x.ok, x.error])).toEqual([[true, null], [true, null]]);
      // The one PoP was down for a third of the run: sessions arriving then got no answer.
      expect(p?.summary.errors ?? 0).toBeGreaterThan(0);
    });
  }
});
