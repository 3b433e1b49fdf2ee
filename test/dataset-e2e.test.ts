/**
 * Workloads from the user's own content (issue 14, proofs a and c), through the test's own nginx (its own
 * configuration, caching off) in front of a test origin that is not cdnbench's. Ground truths: the
 * origin's per-path counters and nginx's access log. (a) a URL list and a replayed log drive the run and
 * those counts equal the seeded draws / the log exactly; (c) a catalog that does not match the origin
 * stops at the preflight with exit 104. Needs nginx; fails without it when CDNBENCH_REQUIRE_ENGINES=1.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../src/dataset/parse-dataset.js';
import { scheduleRng } from '../src/engine/run-provider.js';
import { needsEngine, skipWithoutEngine } from './helpers/require-engine.js';
import { readResultFile } from '../src/result/result-schema.js';
import { runCli } from './helpers/cli.js';
import { startCountingOrigin, type CountingOrigin } from './helpers/counting-origin.js';
import { startTestNginx, type TestNginx } from './helpers/test-nginx.js';

const SKIP = skipWithoutEngine('nginx');
const TOKEN = 'tok-staging-5f2a9c81';

let dir = '';
let origin: CountingOrigin | null = null;
let nginx: TestNginx | null = null;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-dataset-'));
});
afterEach(async () => {
  await nginx?.stop();
  await origin?.close();
  nginx = null;
  origin = null;
  await rm(dir, { recursive: true, force: true });
});

/** Starts the origin (serving `paths`) and nginx in front of it. */
async function stack(paths: readonly string[], requireAuth?: string): Promise<{ origin: CountingOrigin; nginx: TestNginx }> {
  origin = await startCountingOrigin(paths, requireAuth);
  nginx = await startTestNginx(join(dir, 'nginx'), origin.port);
  return { origin, nginx };
}

function sorted(m: ReadonlyMap<string, number>): [string, number][] {
  return [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** The paths one VU's sessions 0, 1, 2… draw (`perSession` each) until `total` requests, per path; the schedule seed defaults to catalog.seed. */
function expectedDraws(file: string, scheduleSeed: number, perSession: number, total: number): Map<string, number> {
  const ds = loadDataset(file);
  const expected = new Map<string, number>();
  let sent = 0;
  for (let no = 0; sent < total; no++) {
    const rng = scheduleRng(scheduleSeed).fork(no);
    for (let k = 0; k < perSession && sent < total; k++, sent++) {
      const path = ds.paths[ds.drawIndex('weighted', rng, { next: 0 })] ?? '';
      expected.set(path, (expected.get(path) ?? 0) + 1);
    }
  }
  return expected;
}

/** A closed-model scenario: one VU, `perSession` weighted draws per session, stopped at `total` requests. */
function drawScenario(name: string, from: string, perSession: number, total: number, headers = ''): string {
  return `name: ${name}
catalog: { seed: 7 }
load: { model: closed, connections: 2 }
phases: [{ duration: 30s, vus: 1 }]
limits: { maxRequests: ${total} }
sessions:
  reader:
    steps:
      - repeat: ${perSession}
        steps:
          - get: { from: ${from}, pick: weighted }
${headers}`;
}

describe('a URL list and a replayed log drive the run (proof a)', () => {
  it.skipIf(SKIP)(needsEngine('nginx', 'weighted draws from a CSV URL list: origin and nginx counts per path equal the seeded draws'), async () => {
    const paths = Array.from({ length: 20 }, (_, i) => `/content/item-${i}.json`);
    await writeFile(join(dir, 'urls.csv'), `path,weight\n${paths.map((p, i) => `${p},${i % 4 === 0 ? 10 : 1}`).join('\n')}\n`);
    const { origin: o, nginx: n } = await stack(paths, `Bearer ${TOKEN}`);
    await writeFile(join(dir, 'list.yaml'), drawScenario('url-list', 'urls.csv', 5, 300, '            headers: { Authorization: "Bearer ${env.STAGING_TOKEN}" }\n'));
    const out = join(dir, 'out');
    const r = await runCli(['run', 'list.yaml', '--target', n.url, '--out', out, '--report', 'none', '--no-preflight', '-e', `STAGING_TOKEN=${TOKEN}`], { cwd: dir, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    const text = await readFile(join(out, 'result.json'), 'utf8');
    const p = (await readResultFile(join(out, 'result.json'))).providers[0];
    if (p === undefined) throw new Error('no provider');
    expect(p.summary.requests).toBe(300);
    // One VU runs sessions 0, 1, 2… back to back, five draws each, until the 300th request.
    const expected = expectedDraws(join(dir, 'urls.csv'), 7, 5, 300);
    console.log(`url list: origin received ${o.requests} requests over ${o.byPath.size} paths; expected draws 300 over ${expected.size} paths; heaviest ${sorted(expected).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => `${k}=${v}`).join(' ')}`);
    expect(sorted(o.byPath)).toEqual(sorted(expected));
    expect(sorted(await n.accessCounts())).toEqual(sorted(expected));
    expect([...o.authorizations]).toEqual([`Bearer ${TOKEN}`]);
    expect(text).not.toContain(TOKEN);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it.skipIf(SKIP)(needsEngine('nginx', 'a combined log replayed at 10x: every logged GET reaches the origin once, queries dropped, in no less than span/10'), async () => {
    const paths = ['/index.html', '/app.js', '/style.css', '/img/logo.png', '/api/feed.json', '/video/seg-1.m4s'];
    const stamp = (s: number): string => `04/Dec/2026:05:00:${String(s).padStart(2, '0')} +0000`;
    const lines: string[] = [];
    const truth = new Map<string, number>();
    const log = (s: number, method: string, target: string): void => {
      lines.push(`10.1.2.3 - alice [${stamp(s)}] "${method} ${target} HTTP/1.1" 200 512 "https://ref.example/" "Mozilla/5.0"`);
      if (method === 'GET') truth.set(target.split('?')[0] ?? '', (truth.get(target.split('?')[0] ?? '') ?? 0) + 1);
    };
    for (let s = 0; s <= 20; s += 2) log(s, 'GET', paths[s % paths.length] ?? '/');
    for (let i = 0; i < 25; i++) log(10, 'GET', `${paths[i % 3] ?? '/'}?session=${i}`); // a burst at t = 10 s
    log(12, 'POST', '/api/feed.json');
    lines.push('not a log line');
    await writeFile(join(dir, 'access.log'), `${lines.join('\n')}\n`);
    const built = await runCli(['dataset', 'from-log', 'access.log', '-o', 'ds.jsonl', '--replay', 'replay.tsv', '--json'], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    const ds = (await readFile(join(dir, 'ds.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { path: string; requests: number });
    expect(new Map(ds.map((d) => [d.path, d.requests]))).toEqual(truth);
    const timeline = await readFile(join(dir, 'replay.tsv'), 'utf8');
    expect(timeline).not.toMatch(/session=|alice|Mozilla|10\.1\.2\.3|ref\.example/);

    const { origin: o, nginx: n } = await stack(paths);
    await writeFile(join(dir, 'replay.yaml'), `name: log-replay
load: { model: open }
phases: [{ duration: 5s }]
replay: { from: replay.tsv, speed: 10x }
`);
    const out = join(dir, 'out');
    const r = await runCli(['run', 'replay.yaml', '--target', n.url, '--out', out, '--report', 'none', '--no-preflight'], { cwd: dir, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    const p = (await readResultFile(join(out, 'result.json'))).providers[0];
    const total = [...truth.values()].reduce((a, b) => a + b, 0);
    const spanMs = (o.arrivals.at(-1) ?? 0) - (o.arrivals[0] ?? 0);
    console.log(`replay: log ${total} GETs over 20 s at 10x; origin received ${o.requests} over ${(spanMs / 1000).toFixed(2)} s; result requests ${p?.summary.requests}`);
    expect(p?.summary.requests).toBe(total);
    expect(sorted(o.byPath)).toEqual(sorted(truth));
    expect(sorted(await n.accessCounts())).toEqual(sorted(truth));
    // Nothing is sent before its scaled instant: 20 s of log at 10x take at least 2 s (timer slack 50 ms).
    expect(spanMs).toBeGreaterThanOrEqual(2000 - 50);
  });

  it.skipIf(SKIP)(needsEngine('nginx', 'a log sampled by its logged popularity (from-log JSON lines): origin counts equal the seeded draws'), async () => {
    const paths = ['/hot.json', '/warm.css', '/cold.png'];
    const lines = [...Array.from({ length: 30 }, () => '/hot.json'), ...Array.from({ length: 9 }, () => '/warm.css'), '/cold.png']
      .map((p, i) => `{"EdgeStartTimestamp":"2026-12-04T05:00:${String(i).padStart(2, '0')}Z","ClientRequestMethod":"GET","ClientRequestPath":"${p}","ClientIP":"198.51.100.4","EdgeResponseStatus":200,"EdgeResponseBytes":700}`);
    await writeFile(join(dir, 'cf.jsonl'), `${lines.join('\n')}\n`);
    const built = await runCli(['dataset', 'from-log', 'cf.jsonl', '-o', 'popular.jsonl', '--quiet'], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    expect(await readFile(join(dir, 'popular.jsonl'), 'utf8')).not.toContain('198.51.100.4');
    const { origin: o, nginx: n } = await stack(paths);
    await writeFile(join(dir, 'sampled.yaml'), drawScenario('log-sampled', 'popular.jsonl', 4, 200));
    const out = join(dir, 'out');
    const r = await runCli(['run', 'sampled.yaml', '--target', n.url, '--out', out, '--report', 'none', '--no-preflight'], { cwd: dir, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    const p = (await readResultFile(join(out, 'result.json'))).providers[0];
    if (p === undefined) throw new Error('no provider');
    const expected = expectedDraws(join(dir, 'popular.jsonl'), 7, 4, 200);
    console.log(`log sampled (30/9/1 logged): origin ${sorted(o.byPath).map(([k, v]) => `${k}=${v}`).join(' ')}`);
    expect(sorted(o.byPath)).toEqual(sorted(expected));
    expect(sorted(await n.accessCounts())).toEqual(sorted(expected));
  });
});

describe('a catalog that does not match the origin (proof c)', () => {
  const SCENARIO = `name: wrong-catalog
catalog: { seed: 99 }
load: { model: open, connections: 2 }
phases: [{ duration: 3s, rate: 40 }]
sessions:
  reader:
    steps:
      - get: /meta/{isbn}.json
`;

  it.skipIf(SKIP)(needsEngine('nginx', 'stops at the preflight with exit 104, naming the paths, their status and the catalog as the likely cause'), async () => {
    const { origin: o, nginx: n } = await stack(['/real/one.json']);
    await writeFile(join(dir, 'wrong.yaml'), SCENARIO);
    const r = await runCli(['run', 'wrong.yaml', '--target', n.url, '--out', join(dir, 'out'), '--report', 'none'], { cwd: dir, timeoutMs: 60_000 });
    const first = r.stderr.split('\n').find((l) => l.startsWith('cdnbench:')) ?? '';
    console.log(`preflight: exit ${r.code}; origin saw ${o.requests} requests; ${first}`);
    expect(r.code).toBe(104);
    expect(first).toMatch(/preflight on .*: 5 of 5 probes failed \(\/meta\/\d{13}\.json → 404@/);
    expect(first).toContain('catalog');
    // Only the probes ran: five distinct paths, once each on the one PoP, each with the preflight query so a
    // cache keyed on the query string keeps them apart from the run's own (cold) requests.
    expect(o.requests).toBe(5);
    expect([...o.byPath.keys()].every((p) => p.endsWith('?cdnbench-preflight=1'))).toBe(true);
  });

  it.skipIf(SKIP)(needsEngine('nginx', 'a missing Authorization header is named as the likely cause of 401s'), async () => {
    const { nginx: n } = await stack(['/real/one.json'], `Bearer ${TOKEN}`);
    await writeFile(join(dir, 'urls.txt'), '/real/one.json\n');
    await writeFile(join(dir, 'auth.yaml'), SCENARIO.replace('- get: /meta/{isbn}.json', '- get: { from: urls.txt }'));
    const r = await runCli(['run', 'auth.yaml', '--target', n.url, '--out', join(dir, 'out'), '--report', 'none'], { cwd: dir, timeoutMs: 60_000 });
    expect(r.code).toBe(104);
    expect(r.stderr).toMatch(/\/real\/one\.json → 401@.*Authorization/);
  });

  it.skipIf(SKIP)(needsEngine('nginx', 'without the preflight, limits.maxErrorRate stops the run early with exit 1 and a partial result'), async () => {
    const { origin: o, nginx: n } = await stack(['/real/one.json']);
    await writeFile(join(dir, 'wrong.yaml'), SCENARIO.replace('rate: 40', 'rate: 100').replace('3s', '20s'));
    const out = join(dir, 'out');
    const r = await runCli(['run', 'wrong.yaml', '--target', n.url, '--out', out, '--report', 'none', '--no-preflight'], { cwd: dir, timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error rate 100\.0% after 100 requests exceeds limits\.maxErrorRate 50%; stopped early/);
    const result = await readResultFile(join(out, 'result.json'));
    expect(result.meta.stopReason).toBe('failed');
    // Stopped long before the 2000 sessions of the 20 s schedule.
    expect(o.requests).toBeLessThan(1000);
  });
});
