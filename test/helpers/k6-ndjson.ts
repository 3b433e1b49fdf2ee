/**
 * Writes NDJSON exactly as `k6 run --out json=FILE` does (k6's output/json: a `Metric` line the first time
 * a metric appears, then one `Point` line per sample, `{"type","data":{"time","value","tags"},"metric"}`,
 * gzipped when the name ends in .gz), for requests the test describes, so ingestion is tested against
 * values the test knows. Each request gets the points an exported script records plus k6's own
 * http_req_* points, as a real run has both.
 */
import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

/** One request of a fixture. */
export interface FixtureRequest {
  /** ms since the fixture's start. */
  atMs: number;
  pop: string;
  objectClass: string;
  cache: string;
  status: number;
  durationMs: number;
  waitingMs: number;
  bodyBytes: number;
  wireBytes: number;
  /** k6 error code of a request that got no response (status 0). */
  errorCode?: number;
  url?: string;
}

type MetricKind = 'trend' | 'counter' | 'rate' | 'gauge';

const KINDS: Record<string, [MetricKind, 'time' | 'data' | 'default']> = {
  cdnbench_req_duration: ['trend', 'time'],
  cdnbench_req_waiting: ['trend', 'time'],
  cdnbench_small_object_duration: ['trend', 'time'],
  cdnbench_cache_hit: ['rate', 'default'],
  cdnbench_bytes: ['counter', 'data'],
  cdnbench_body_bytes: ['counter', 'data'],
  cdnbench_network_errors: ['counter', 'default'],
  cdnbench_sessions: ['counter', 'default'],
  http_req_duration: ['trend', 'time'],
  http_req_waiting: ['trend', 'time'],
  http_req_failed: ['rate', 'default'],
  http_reqs: ['counter', 'default'],
  data_received: ['counter', 'data'],
  iterations: ['counter', 'default'],
  dropped_iterations: ['counter', 'default'],
  vus: ['gauge', 'default'],
};

/** Accumulates the lines of one k6 output file. */
export class K6Fixture {
  private readonly lines: string[] = [];
  private readonly declared = new Set<string>();

  constructor(
    private readonly start: Date,
    /** Tags every point carries (k6's scenario, k6-operator's instance_id, --tag values). */
    private readonly baseTags: Record<string, string> = { scenario: 'default' },
    private readonly smallMax = 16_384,
    /** Receives each line as it is made instead of keeping it (for files too big to hold). */
    private readonly sink?: (line: string) => void,
  ) {}

  private emit(line: string): void {
    if (this.sink === undefined) this.lines.push(line);
    else this.sink(line);
  }

  /** k6 writes RFC 3339 with nanoseconds. */
  private time(atMs: number): string {
    const iso = new Date(this.start.getTime() + Math.floor(atMs)).toISOString();
    const nanos = String(Math.round((atMs % 1) * 1e6)).padStart(6, '0');
    return `${iso.slice(0, 23)}${nanos}Z`;
  }

  /** One point (and the Metric line before the metric's first point). */
  point(metric: string, atMs: number, value: number, tags: Record<string, string>, metadata?: Record<string, string>): void {
    if (!this.declared.has(metric)) {
      this.declared.add(metric);
      const [type, contains] = KINDS[metric] ?? ['counter', 'default'];
      this.emit(JSON.stringify({ type: 'Metric', data: { name: metric, type, contains, thresholds: [], submetrics: null }, metric }));
    }
    const data: Record<string, unknown> = { time: this.time(atMs), value, tags: { ...this.baseTags, ...tags } };
    if (metadata !== undefined) data.metadata = metadata;
    this.emit(JSON.stringify({ type: 'Point', data, metric }));
  }

  /** A session start as an exported script records it. */
  session(atMs: number, meta: { scenario: string; provider: string; model: string }): void {
    this.point('cdnbench_sessions', atMs, 1, { cdnbench_scenario: meta.scenario, cdnbench_provider: meta.provider, cdnbench_model: meta.model, cdnbench_small_max: String(this.smallMax) });
  }

  /** Every point k6 and an exported script write for one request. */
  request(r: FixtureRequest, withCdnbenchMetrics = true): void {
    const url = r.url ?? `http://${r.pop}.example/x`;
    const base = { object_class: r.objectClass, step: 'get', session: 'reader' };
    const httpTags = { ...base, expected_response: String(r.status >= 200 && r.status < 400), group: '', method: 'GET', name: url, proto: 'HTTP/1.1', status: String(r.status), url, ...(r.errorCode === undefined ? {} : { error_code: String(r.errorCode) }) };
    this.point('http_reqs', r.atMs, 1, httpTags);
    this.point('http_req_duration', r.atMs, r.durationMs, httpTags, { vu: '1', iter: '0' });
    this.point('http_req_waiting', r.atMs, r.waitingMs, httpTags);
    this.point('http_req_failed', r.atMs, r.status >= 200 && r.status < 400 ? 0 : 1, httpTags);
    if (!withCdnbenchMetrics) return;
    if (r.status === 0) {
      this.point('cdnbench_network_errors', r.atMs, 1, { ...base, pop: r.pop, error_code: String(r.errorCode ?? 1000) });
      return;
    }
    const size = r.bodyBytes <= this.smallMax ? 'small' : 'large';
    const tags = { ...base, cache_status: r.cache, pop: r.pop, size, status: String(r.status) };
    this.point('cdnbench_req_duration', r.atMs, r.durationMs, tags);
    this.point('cdnbench_req_waiting', r.atMs, r.waitingMs, tags);
    this.point('cdnbench_bytes', r.atMs, r.wireBytes, tags);
    this.point('cdnbench_body_bytes', r.atMs, r.bodyBytes, tags);
    if (size === 'small') this.point('cdnbench_small_object_duration', r.atMs, r.durationMs, { object_class: r.objectClass, cache_status: r.cache, pop: r.pop });
    if (r.cache !== 'UNKNOWN') this.point('cdnbench_cache_hit', r.atMs, ['HIT', 'STALE', 'UPDATING'].includes(r.cache) ? 1 : 0, { object_class: r.objectClass, pop: r.pop });
  }

  /** The file text. */
  text(): string {
    return this.lines.length === 0 ? '' : `${this.lines.join('\n')}\n`;
  }

  /** Writes the file, gzipped when the name ends in .gz (as k6 does). */
  async write(path: string): Promise<void> {
    const text = this.text();
    await writeFile(path, path.endsWith('.gz') ? gzipSync(text) : text);
  }
}

/** mulberry32, so fixtures are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` varied requests (PoPs, classes, cache states, a heavy latency tail, some network errors). */
export function randomRequests(n: number, seed: number, pops = ['FRA', 'AMS', 'IAD']): FixtureRequest[] {
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  return Array.from({ length: n }, (_, i) => {
    const failed = rnd() < 0.01;
    const tail = rnd() < 0.02 ? 20 + rnd() * 2000 : 1;
    const durationMs = (2 + rnd() * 60) * tail;
    const objectClass = pick(['mapping-tile', 'metadata', 'audio-range', 'seek-table']);
    const bodyBytes = objectClass === 'audio-range' ? 100_000 + Math.floor(rnd() * 200_000) : 200 + Math.floor(rnd() * 9000);
    return {
      atMs: i * 3.7 + rnd(), pop: pick(pops), objectClass, cache: pick(['HIT', 'HIT', 'HIT', 'MISS', 'EXPIRED', 'UNKNOWN']),
      status: failed ? 0 : pick([200, 200, 200, 206, 304, 404, 503]), durationMs, waitingMs: durationMs * 0.7, bodyBytes, wireBytes: bodyBytes + 250,
      ...(failed ? { errorCode: pick([1050, 1212, 1220]) } : {}),
    };
  });
}
