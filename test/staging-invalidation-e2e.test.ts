/**
 * Issue 14, proof (b): invalidation measured on a staging CDN that is not cdnbench's — two real Varnish
 * instances as PoPs (the test's own VCL, pinned at 127.0.0.2 and 127.0.0.3 behind one hostname) in front of
 * the test's own origin, purged by the test's webhook, which applies the purge to the PoPs 300 ms and
 * 1200 ms after it received the call. Ground truth: those delays, and when the webhook actually sent and
 * finished each PoP's PURGEs.
 *
 * What a point's `ms` is (invalidation-prober.ts): the send time of the first poll that saw the object
 * refetched, minus t0, the moment just before the purge call. So for a PoP purged `delay` after the hook
 * received the call: ms ≥ delay (the hook received it after t0, and no poll can see a refetch before the
 * PURGE), and ms ≤ delay + purge-API latency (the hook answers on receipt, so it received the call before
 * the call's answer) + one poll gap (≤ 1.2 × interval, jittered) + an allowance for the PURGE itself and the
 * scheduling of a loaded machine; against the ground truth, ms lies between the moment the webhook sent a
 * PoP's PURGEs and one poll gap + SLACK after they were all answered.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertEngine, needsEngine, skipWithoutEngine } from './helpers/require-engine.js';
import { readResultFile } from '../src/result/result-schema.js';
import type { ProviderResult } from '../src/result/result-model.js';
import { assertCliBuilt, runCli } from './helpers/cli.js';
import { startVarnishPops, type VarnishPops } from './helpers/own-varnish-pops.js';
import { startPurgeHooks, type PurgeHooks } from './helpers/purge-hooks.js';

const INTERVAL = 50;
/** Scheduling allowance after the PURGE was answered (the prober's timer, the poll itself). */
const SLACK = 300;
/**
 * Allowance over the nominal delay: SLACK plus the time Varnish takes to answer the PURGEs, which the
 * webhook's "applied after the delay" includes (up to ~250 ms seen on a loaded 2-core machine).
 */
const NOMINAL_SLACK = 600;
const DELAYS = { '127.0.0.2': 300, '127.0.0.3': 1200 } as const;
const POP_OF = { fra: '127.0.0.2', iad: '127.0.0.3' } as const;

let dir = '';
let pops: VarnishPops | null = null;
let hooks: PurgeHooks | null = null;

beforeAll(() => assertCliBuilt());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-staging-inv-'));
});
afterEach(async () => {
  await pops?.close();
  await hooks?.close();
  pops = null;
  hooks = null;
  await rm(dir, { recursive: true, force: true });
});

function scenario(event: string): string {
  return `name: staging-invalidation
catalog: { seed: 7, books: 5, tracks: 10, albums: 1 }
sessions:
  r:
    steps:
      - get: /meta/{isbn}.json
load: { model: open, connections: 2, timeout: 5s }
phases: [{ duration: 3s, rate: 20 }]
events:
  - at: 1s
${event}
    urls: ["/meta/{isbn}.json"]
    objects: 3
    probe: { interval: ${INTERVAL}ms, timeout: 5s }
`;
}

function profile(port: number, hookUrl: string): string {
  return `kind: staging
dialect: varnish
endpoints:
  - url: http://cdn.test:${port}/
    pops:
      - { id: fra, address: 127.0.0.2 }
      - { id: iad, address: 127.0.0.3 }
cacheBust: { query: cb }
purge:
  webhook: { url: ${hookUrl}/purge }
  kinds: [url]
publish:
  webhook: { url: ${hookUrl}/publish }
`;
}

async function runAgainstVarnish(event: string): Promise<{ p: ProviderResult; h: PurgeHooks }> {
  assertEngine('varnish');
  let port = 0;
  const h = (hooks = await startPurgeHooks(DELAYS, () => port));
  pops = await startVarnishPops(dir, h.originPort);
  port = pops.port;
  await writeFile(join(dir, 'scenario.yaml'), scenario(event));
  await writeFile(join(dir, 'staging.yaml'), profile(port, h.hookUrl));
  const r = await runCli(['run', join(dir, 'scenario.yaml'), '--provider', join(dir, 'staging.yaml'), '--out', join(dir, 'out'), '--quiet'], { timeoutMs: 90_000 });
  expect(r.code, r.stderr).toBe(0);
  await h.settled();
  const p = (await readResultFile(join(dir, 'out', 'result.json'))).providers[0];
  if (p === undefined) throw new Error('no provider in the result');
  return { p, h };
}

/** Checks every point against the webhook's delays and ground truth; logs the figures. */
function checkPropagation(p: ProviderResult, h: PurgeHooks, label: string): void {
  const inv = p.summary.invalidation;
  if (inv === null || inv.measurement === undefined) throw new Error('no invalidation measurement in the result');
  const applied = h.purges[0];
  if (applied === undefined || h.purges.length !== 1) throw new Error(`the webhook received ${h.purges.length} purges, expected 1`);
  const startedAt = inv.measurement.startedAt ?? Number.NaN;
  const api = inv.purgeApiMs ?? Number.NaN;
  const lines = [`${label}: t50 ${inv.t50Ms} t95 ${inv.t95Ms} max ${inv.maxMs} ms, converged ${inv.converged}, purge API ${api.toFixed(1)} ms, stale reads ${inv.staleReads}`];
  for (const g of inv.perPop ?? []) lines.push(`  PoP ${g.id}: t50 ${g.t50Ms} max ${g.maxMs} ms`);
  for (const [pop, ip] of Object.entries(POP_OF)) {
    const truth = applied.pops[ip];
    if (truth === undefined) throw new Error(`the webhook never purged ${ip}`);
    expect(truth.statuses.every((s) => s === 200), `PURGE statuses at ${ip}: ${truth.statuses.join(',')}`).toBe(true);
    const delay = DELAYS[ip];
    lines.push(`  ${pop} (${ip}) nominal ${delay} ms; PURGE sent at +${truth.sentAt - startedAt} ms, answered at +${truth.doneAt - startedAt} ms after t0`);
    for (const pt of inv.points.filter((x) => x.pop === pop)) {
      const ms = pt.ms;
      if (ms === null) throw new Error(`${pt.object} @ ${pop} did not converge`);
      lines.push(`    ${pt.object}: ${ms} ms (${(ms - delay).toFixed(1)} ms after the nominal delay, ${(ms - (truth.doneAt - startedAt)).toFixed(1)} ms after the PURGE was answered)`);
      expect(ms, `${pt.object} @ ${pop}: cannot converge before its delay`).toBeGreaterThanOrEqual(delay);
      // Date.now() is whole ms on both sides: 2 ms of rounding.
      expect(ms, `${pt.object} @ ${pop}: not before the webhook sent the PURGE`).toBeGreaterThanOrEqual(truth.sentAt - startedAt - 2);
      expect(ms, `${pt.object} @ ${pop}: within delay + purge API + one poll gap + slack`).toBeLessThanOrEqual(delay + api + 1.2 * INTERVAL + NOMINAL_SLACK);
      expect(ms, `${pt.object} @ ${pop}: within one poll gap + slack of the PURGE's answer`).toBeLessThanOrEqual(truth.doneAt - startedAt + 2 + 1.2 * INTERVAL + SLACK);
    }
  }
  // purgeApiMs is the wall time of the purge call, from just before the webhook POST until its answer was
  // read; t0 is taken just before that call, so the hook received it inside [t0, t0 + purgeApiMs] (+ the
  // synchronous steps between t0 and the POST and 2 ms of Date.now() rounding).
  lines.push(`  webhook received the call ${applied.receivedAt - startedAt} ms after t0 (purge API ${api.toFixed(1)} ms)`);
  expect(applied.receivedAt - startedAt).toBeGreaterThanOrEqual(-2);
  expect(applied.receivedAt - startedAt).toBeLessThanOrEqual(api + 20);
  console.log(lines.join('\n'));
  // Ordering: every object converged at fra before iad.
  for (const obj of new Set(inv.points.map((x) => x.object))) {
    const at = (pop: string): number => inv.points.find((x) => x.object === obj && x.pop === pop)?.ms ?? Number.NaN;
    expect(at('fra'), obj).toBeLessThan(at('iad'));
  }
  expect(inv.converged).toBe(1);
  expect(inv.perPop?.map((g) => g.id)).toEqual(['fra', 'iad']);
  expect(inv.measurement.intervalMs).toBe(INTERVAL);
  expect(inv.measurement.timeoutMs).toBe(5000);
  // The purged URLs are the objects the sessions used (the origin fetched them), filled, and exactly what the hook got.
  const purged = inv.measurement.purged?.urls ?? [];
  expect(purged.length).toBe(Math.min(3, [...h.fetches.keys()].filter((k) => k.startsWith('/meta/')).length));
  for (const u of purged) {
    expect(u).toMatch(/^\/meta\/\d{13}\.json$/);
    expect(h.fetches.has(u), `${u} was fetched from the origin`).toBe(true);
  }
  expect(applied.urls.map((u) => new URL(u).pathname).sort()).toEqual([...purged].sort());
  expect(p.summary.purges[0]?.asked?.urls.sort()).toEqual([...purged].sort());
  // Polls are not load: every load request is one session's single GET.
  expect(p.summary.requests).toBe(p.sessions.completed);
}

describe('invalidation on a staging CDN of two real Varnish PoPs, purged by the test\'s webhook after 300 ms and 1200 ms', () => {
  it.skipIf(skipWithoutEngine('varnish'))(needsEngine('varnish', 'a measured purge: per-PoP times match the webhook\'s delays (refetch: MISS after the PURGE)'), async () => {
    const { p, h } = await runAgainstVarnish('    action: purge');
    checkPropagation(p, h, 'purge');
    expect(p.summary.invalidation?.measurement?.method).toBe('refetch');
    expect(p.summary.invalidation?.strategy).toBe('purge-url');
  }, 120_000);

  it.skipIf(skipWithoutEngine('varnish'))(needsEngine('varnish', 'a content change: the publish hook changes the objects, the purge follows, convergence is the new ETag'), async () => {
    const { p, h } = await runAgainstVarnish('    action: publish\n    strategy: purge-url');
    checkPropagation(p, h, 'publish + purge');
    const inv = p.summary.invalidation;
    expect(inv?.measurement?.method).toBe('version');
    expect(h.publishes).toHaveLength(1);
    expect((h.publishes[0] as { paths: string[] }).paths.sort()).toEqual([...(inv?.measurement?.published ?? [])].sort());
  }, 120_000);
});
