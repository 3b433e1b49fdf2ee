/**
 * The exported k6 script replays cdnbench's sessions exactly: run inside Node with fake k6 modules, each
 * iteration must send the same requests (paths, Range headers, fan-out batches) and sleep the same think
 * and listen times as cdnbench's own session walk with the same random stream; and it must tag every
 * response with the cache status and PoP cdnbench's generic dialect gives for the same headers.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../catalog/catalog.js';
import { sessionSteps } from '../engine/session-cursor.js';
import { genericDialect } from '../dialects/generic.js';
import { compilePlan, type CompiledSession, type Plan } from '../scenario/compile-plan.js';
import { loadScenario } from '../scenario/loader.js';
import { PACKAGE_ROOT } from '../util/package-root.js';
import { Rng } from '../util/rng.js';
import { loadScript, okResponse } from '../../test/helpers/k6-script-harness.js';
import { exportK6Script } from './export-k6.js';
import { K6_METRICS } from '../slo/k6-metric-names.js';

const TARGET = 'http://127.0.0.1:9';
const builtins = readdirSync(join(PACKAGE_ROOT, 'scenarios')).filter((f) => /\.(ya?ml|ts)$/.test(f)).sort();

function pick(sessions: readonly CompiledSession[], rng: Rng): CompiledSession {
  const first = sessions[0] as CompiledSession;
  if (sessions.length === 1) return first;
  let x = rng.next() * sessions.reduce((a, s) => a + s.weight, 0);
  for (const s of sessions) if ((x -= s.weight) < 0) return s;
  return first;
}

async function exported(file: string): Promise<{ plan: Plan; catalog: Catalog; script: string }> {
  const loaded = await loadScenario(join(PACKAGE_ROOT, 'scenarios', file));
  const plan = compilePlan(loaded.scenario, file);
  const catalog = Catalog.create(loaded.scenario.catalog);
  const { script } = exportK6Script({ plan, catalog, source: loaded, targets: [TARGET], cdnbenchVersion: 'test' });
  return { plan, catalog, script };
}

describe('exported k6 script', () => {
  it.each(builtins)('%s: every iteration replays the engine\'s session step for step', async (file) => {
    const { plan, catalog, script } = await exported(file);
    const k6 = await loadScript(script, {}, () => okResponse({ 'cache-status': 'lab; hit' }, 100));
    const name = plan.scenario.name;
    let requests = 0;
    for (let n = 0; n < 12; n++) {
      const got = k6.iterate(name, n);
      const rng = new Rng(plan.scenario.catalog.seed).fork('k6').fork(name).fork(n);
      const steps = [...sessionSteps(catalog, pick(plan.sessions, rng), n, `k6-${name}`, rng)];
      // A fan-out's head says how many members follow it; all of them go in one http.batch.
      const wantRequests: { url: string; range: string | undefined; batch: number }[] = [];
      let members = 0;
      let batch = 1;
      for (const step of steps) {
        if (step.kind !== 'request') continue;
        if (members > 0) members--;
        else {
          members = step.fanOut;
          batch = step.fanOut + 1;
        }
        wantRequests.push({ url: TARGET + step.path, range: step.headers?.range, batch });
      }
      expect(got.requests.map((r) => ({ url: r.url, range: r.headers.Range, batch: r.batch }))).toEqual(
        wantRequests.map((r) => ({ url: r.url, range: r.range, batch: r.batch })),
      );
      const waits = steps.flatMap((s) => (s.kind === 'wait' ? [s.ms] : []));
      expect(got.sleepsMs).toHaveLength(waits.length);
      got.sleepsMs.forEach((ms, i) => expect(ms).toBeCloseTo(waits[i] ?? -1, 6));
      requests += got.requests.length;
    }
    // Every iteration sent at least one request (a one-GET session, like album-drop-burst, sends exactly one).
    expect(requests).toBeGreaterThanOrEqual(12);
  });

  it('tags every response with the cache status and PoP of cdnbench\'s generic dialect', async () => {
    const { script } = await exported('slo-smoke.ts');
    const corpus: Record<string, string>[] = [
      { 'Cache-Status': 'edge-fra; hit' },
      { 'Cache-Status': 'origin; fwd=miss, "edge, x"; fwd=stale; fwd-status=304' },
      { 'Cache-Status': 'shield; hit, edge; fwd=uri-miss; collapsed' },
      { 'Cache-Status': 'edge; hit; ttl=-5' },
      { 'Cache-Status': 'edge; fwd=bypass' },
      { 'Cache-Status': 'edge' , 'Cf-Cache-Status': 'HIT', 'Cf-Ray': '7d1c2b3a4e5f6a7b-fra' },
      { 'Cf-Cache-Status': 'DYNAMIC', 'Cf-Ray': '7d1c-AMS' },
      { 'X-Cache': 'HIT, MISS', 'X-Served-By': 'cache-iad-kiad7000025-IAD, cache-fra19127-FRA' },
      { 'X-Cache': 'Hit from cloudfront', 'X-Amz-Cf-Pop': 'IAD79-C3' },
      { 'X-Cache': 'RefreshHit from cloudfront', 'X-Amz-Cf-Pop': 'FRA2-P1' },
      { 'X-Cache': 'TCP_MEM_HIT from a23-45-67-89.deploy.akamaitechnologies.com (AkamaiGHost/10.0) (-)' },
      { 'X-Cache': 'TCP_REFRESH_FAIL_HIT from a1.deploy.akamaitechnologies.com' },
      { 'Cdn-Cache': 'MISS', Server: 'BunnyCDN-DE1-1078' },
      { 'X-Varnish': '32770 3', 'X-Cdnbench-Pop': 'pop-a' },
      { 'X-Varnish': '32770' },
      { 'X-Cache-Status': 'EXPIRED' },
      { 'X-Cache': 'cache miss from proxy-3' },
      { 'X-Cache': 'HIT-CLUSTER' },
      { 'X-Cache': 'weird' },
      { Server: 'nginx' },
      {},
    ];
    let i = 0;
    const k6 = await loadScript(script, {}, () => okResponse(corpus[i++ % corpus.length] ?? {}, 100));
    const points = [];
    for (let n = 0; points.length < corpus.length; n++) points.push(...k6.iterate('slo-smoke', n).points.filter((p) => p.metric === K6_METRICS.duration));
    corpus.forEach((headers, j) => {
      const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      const want = genericDialect.classify((name) => lower[name]);
      expect({ headers, cache: points[j]?.tags.cache_status, pop: points[j]?.tags.pop }).toEqual({ headers, cache: want.cache, pop: want.pop ?? '127.0.0.1:9' });
    });
  });

  it('records network errors with k6\'s error code and no latency', async () => {
    const { script } = await exported('slo-smoke.ts');
    const k6 = await loadScript(script, {}, () => ({ ...okResponse({}, 0), status: 0, status_text: '', body: null, error_code: 1212 }));
    const log = k6.iterate('slo-smoke', 0);
    expect(log.requests).toHaveLength(2);
    expect(log.points.map((p) => [p.metric, p.tags.error_code])).toEqual([
      [K6_METRICS.sessions, undefined], [K6_METRICS.networkErrors, '1212'], [K6_METRICS.networkErrors, '1212'],
    ]);
  });
});
