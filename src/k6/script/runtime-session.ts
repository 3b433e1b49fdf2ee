/**
 * Script source (TypeScript for k6): the session interpreter (src/engine/session-runner.ts semantics:
 * think and listen times × timeScale, repeats, prefetch fan-out sent together with http.batch) and the
 * per-response metrics named in k6-metric-names.ts, tagged with cache status and PoP.
 */
import { K6_METRICS } from '../../slo/k6-metric-names.js';

/** Source text placed into every exported script. */
export const RUNTIME_SESSION = String.raw`
// ---- Metrics: k6 tags its own http_req_* metrics before the response, so cache status and PoP ------
// ---- (known only after it) go on these; cdnbench ingest k6 reads them -------------------------------

const reqDuration = new Trend('${K6_METRICS.duration}', true);
const reqWaiting = new Trend('${K6_METRICS.waiting}', true);
const smallObjectDuration = new Trend('${K6_METRICS.smallObjectDuration}', true);
const cacheHit = new Rate('${K6_METRICS.cacheHit}');
const wireBytes = new Counter('${K6_METRICS.bytes}', true);
const bodyBytes = new Counter('${K6_METRICS.bodyBytes}', true);
const networkErrors = new Counter('${K6_METRICS.networkErrors}');
const sessionsStarted = new Counter('${K6_METRICS.sessions}');

const SERVED_FROM_CACHE = ['HIT', 'STALE', 'UPDATING'];

type Op = GetOp | ThinkOp | RepeatOp | ListenOp;
interface GetOp { kind: 'get'; name: string; path: string; range: string | null; headers: Record<string, string> | null; objectClass: string; prefetch: GetOp[] }
interface ThinkOp { kind: 'think'; minMs: number; maxMs: number }
interface RepeatOp { kind: 'repeat'; min: number; max: number; advancePage: number; advanceTrack: number; untilEndOfBook: boolean; ops: Op[] }
interface ListenOp { kind: 'listen'; beforeMs: number; skip: number; timeScale: number }
interface SessionModel { name: string; weight: number; kbps: number; startPage: 'random' | 'first'; album: string | null; uses: string[]; ops: Op[] }
interface Edge { url: string; pop: string }

/** Each target URL is one PoP, named by host:port (host:port#2 for a repeated host), as cdnbench's --target does. */
function edgesOf(urls: string[]): Edge[] {
  const seen: Record<string, number> = {};
  return urls.map((raw) => {
    const url = raw.replace(/\/+$/, '');
    const host = url.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
    const n = (seen[host] = (seen[host] ?? 0) + 1);
    return { url, pop: n === 1 ? host : host + '#' + n };
  });
}

function bodyLength(body: unknown): number {
  if (body instanceof ArrayBuffer) return body.byteLength;
  return typeof body === 'string' ? body.length : 0;
}

function record(s: Session, op: GetOp, res: Response): void {
  const base = { object_class: op.objectClass, step: op.name, session: s.model.name };
  if (res.status === 0) {
    networkErrors.add(1, { ...base, pop: s.edge.pop, error_code: String(res.error_code) });
    return;
  }
  const headers: Record<string, string> = {};
  // Status line and the blank line after the headers, then each "Name: value" line.
  let wire = res.status_text.length + 13;
  for (const name of Object.keys(res.headers)) {
    const value = res.headers[name] ?? '';
    headers[name.toLowerCase()] = value;
    wire += name.length + value.length + 4;
  }
  const c = classify((n) => headers[n]);
  const pop = c.pop ?? s.edge.pop;
  const body = bodyLength(res.body);
  const size = body <= SCENARIO.smallObjectMaxBytes ? 'small' : 'large';
  // warmth lets thresholds say cache:warm / cache:cold (cdnbench's groups of cache states) as a k6 tag filter.
  const warmth = c.cache === 'UNKNOWN' ? 'unknown' : SERVED_FROM_CACHE.includes(c.cache) ? 'warm' : 'cold';
  const tags = { ...base, cache_status: c.cache, warmth, pop, size, status: String(res.status) };
  reqDuration.add(res.timings.duration, tags);
  reqWaiting.add(res.timings.sending + res.timings.waiting, tags);
  wireBytes.add(wire + body, tags);
  bodyBytes.add(body, tags);
  const short = { object_class: op.objectClass, cache_status: c.cache, warmth, pop };
  if (size === 'small') smallObjectDuration.add(res.timings.duration, short);
  if (c.cache !== 'UNKNOWN') cacheHit.add(SERVED_FROM_CACHE.includes(c.cache), { object_class: op.objectClass, pop });
}

function params(s: Session, op: GetOp): Params {
  const headers: Record<string, string> = { ...(op.headers ?? {}) };
  if (op.range !== null) headers['Range'] = s.render(op.range);
  // name groups every URL of one template into one k6 time series.
  return { headers, responseType: 'binary', timeout: SCENARIO.timeoutMs, tags: { object_class: op.objectClass, step: op.name, session: s.model.name, name: op.path } };
}

/** A GET and its prefetch fan-out, sent in parallel; returns when all have answered. */
function send(s: Session, op: GetOp): void {
  const all = [op, ...op.prefetch];
  if (all.length === 1) {
    record(s, op, http.get(s.edge.url + s.render(op.path), params(s, op)));
    return;
  }
  const responses: Response[] = http.batch(all.map((o) => ({ method: 'GET', url: s.edge.url + s.render(o.path), params: params(s, o) })));
  all.forEach((o, i) => {
    const res = responses[i];
    if (res !== undefined) record(s, o, res);
  });
}

function runOps(s: Session, ops: Op[]): void {
  for (const op of ops) {
    if (s.skipping) return;
    if (op.kind === 'get') send(s, op);
    else if (op.kind === 'think') sleep((op.minMs === op.maxMs ? op.minMs : s.rng.float(op.minMs, op.maxMs)) / 1000);
    else if (op.kind === 'listen') {
      const full = Math.max(0, (s.catalog.trackSeconds(s.track) * 1000 - op.beforeMs) * op.timeScale);
      const skipped = op.skip > 0 && s.rng.chance(op.skip);
      if (skipped) s.skipping = true;
      sleep((skipped ? s.rng.float(0, full) : full) / 1000);
    } else {
      const count = op.min === op.max ? op.min : s.rng.int(op.min, op.max);
      for (let i = 0; i < count; i++) {
        if (op.untilEndOfBook && s.pastEndOfBook) break;
        runOps(s, op.ops);
        s.skipping = false;
        s.advance(op.advancePage, op.advanceTrack);
      }
    }
  }
}

function pickModel(rng: Rng): SessionModel {
  const first = SESSIONS[0] as SessionModel;
  if (SESSIONS.length === 1) return first;
  let x = rng.next() * SESSIONS.reduce((a, m) => a + m.weight, 0);
  for (const m of SESSIONS) if ((x -= m.weight) < 0) return m;
  return first;
}

let catalog: Catalog | null = null;
const edges = edgesOf(TARGETS);
if (edges.length === 0) throw new Error('no target: set CDNBENCH_TARGETS=http://host:port[,…] or export with --target');

/** One iteration is one session. Its random stream depends only on the seed, the k6 scenario and the iteration number. */
export default function (): void {
  catalog ??= new Catalog(CATALOG);
  const no = exec.scenario.iterationInTest;
  const rng = new Rng(SCENARIO.seed).fork('k6').fork(exec.scenario.name).fork(no);
  const model = pickModel(rng);
  const session = new Session(catalog, model, no, rng, edges[no % edges.length] as Edge);
  sessionsStarted.add(1, { cdnbench_scenario: SCENARIO.name, cdnbench_provider: SCENARIO.provider, cdnbench_model: SCENARIO.model, cdnbench_small_max: String(SCENARIO.smallObjectMaxBytes) });
  runOps(session, model.ops);
}
`;
