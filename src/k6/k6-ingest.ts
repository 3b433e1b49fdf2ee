/**
 * `cdnbench ingest k6`: k6's NDJSON output (`--out json=…`, `Metric` and `Point` lines) into a
 * result.json that report, check and merge read like any run. Every point feeds an HDR histogram or a
 * counter of the series its tags name, so percentiles are exact over all points of all files and
 * memory depends on the number of series, not of points.
 *
 * Points of an exported script (k6-metric-names.ts) carry cache status, PoP and size. Output of any
 * other k6 script is read from k6's own metrics instead: http_req_duration (latency), http_req_waiting
 * (TTFB), the status and error_code tags (errors), with PoP from a `pop` tag or the URL's host, class
 * from an `object_class` tag or the URL path, cache status from a `cache_status` tag (else UNKNOWN),
 * and size from a `size` tag or the class (tiles, deltas, metadata, sync state and seek tables are small).
 * k6 reports bytes received per iteration, not per request, so such results carry no per-series bytes.
 */
import { basename } from 'node:path';
import { InvalidConfigError } from '../errors.js';
import type { SessionCounters, SizeBucket } from '../result/result-model.js';
import { inferObjectClass } from '../catalog/object-class.js';
import { K6_METRICS } from '../slo/k6-metric-names.js';
import { k6ErrorKind } from './k6-error-codes.js';
import { IngestSeries, ingestKey, type IngestKey } from './k6-series.js';

/** Options of an ingestion. */
export interface IngestOptions {
  /** Region of every series (else each point's cdnbench_region tag, else ""). */
  region?: string;
}

/** What the points said about the run itself. */
export interface IngestFacts {
  scenario: string | null;
  provider: string | null;
  model: 'open' | 'closed' | null;
  smallObjectMaxBytes: number | null;
  /** instance_id tags (k6-operator runners) or file names, in first-seen order. */
  agents: string[];
  firstMs: number;
  lastMs: number;
  points: number;
  skippedLines: number;
  /** Sum of data_received points (plain k6 output only). */
  dataReceived: number;
  /** True when the exported script's own metrics were found. */
  cdnbenchMetrics: boolean;
}

type Tags = Record<string, string>;
const SMALL_BY_CLASS = new Set(['mapping-tile', 'edition-delta', 'metadata', 'sync-state', 'seek-table']);

function tagsOf(data: Record<string, unknown>): Tags {
  const t = data.tags;
  return typeof t === 'object' && t !== null ? (t as Tags) : {};
}

function hostOf(url: string | undefined): string {
  if (url === undefined) return 'unknown';
  const m = /^[a-z]+:\/\/([^/?#]+)/i.exec(url);
  return m?.[1] ?? 'unknown';
}

function pathOf(url: string | undefined): string {
  if (url === undefined) return '';
  return url.replace(/^[a-z]+:\/\/[^/?#]+/i, '');
}

/** Accumulates the points of one or more k6 output files. */
export class K6Ingest {
  private readonly ours = new IngestSeries();
  private readonly plain = new IngestSeries();
  private readonly sessions: SessionCounters = { planned: 0, started: 0, completed: 0, late: 0, dropped: 0, throttledRequests: 0, abortedRequests: 0 };
  private readonly agentSet = new Set<string>();
  readonly facts: IngestFacts = {
    scenario: null, provider: null, model: null, smallObjectMaxBytes: null, agents: [],
    firstMs: Number.POSITIVE_INFINITY, lastMs: Number.NEGATIVE_INFINITY, points: 0, skippedLines: 0, dataReceived: 0, cdnbenchMetrics: false,
  };

  constructor(private readonly options: IngestOptions = {}) {}

  /** Reads one line of a file; `file` names the agent when the points carry no instance_id. */
  line(text: string, file: string): void {
    if (text.length === 0) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // A runner killed mid-write leaves a truncated last line; count it rather than lose the file.
      this.facts.skippedLines++;
      return;
    }
    if (typeof parsed !== 'object' || parsed === null) {
      this.facts.skippedLines++;
      return;
    }
    const { type, metric, data } = parsed as { type?: unknown; metric?: unknown; data?: unknown };
    if (type === 'Metric') return;
    if (type !== 'Point' || typeof metric !== 'string' || typeof data !== 'object' || data === null) {
      this.facts.skippedLines++;
      return;
    }
    const d = data as Record<string, unknown>;
    const value = typeof d.value === 'number' ? d.value : Number.NaN;
    if (!Number.isFinite(value)) {
      this.facts.skippedLines++;
      return;
    }
    this.point(metric, value, tagsOf(d), typeof d.time === 'string' ? Date.parse(d.time) : Number.NaN, file);
  }

  private point(metric: string, value: number, t: Tags, time: number, file: string): void {
    this.facts.points++;
    if (Number.isFinite(time)) {
      if (time < this.facts.firstMs) this.facts.firstMs = time;
      if (time > this.facts.lastMs) this.facts.lastMs = time;
    }
    const agent = t.instance_id === undefined ? basename(file) : `k6-${t.instance_id}`;
    if (!this.agentSet.has(agent)) {
      this.agentSet.add(agent);
      this.facts.agents.push(agent);
    }
    const region = this.options.region ?? t.cdnbench_region ?? '';
    switch (metric) {
      case K6_METRICS.duration:
        this.facts.cdnbenchMetrics = true;
        this.ours.response(this.key(t, region), Number(t.status ?? 0), value);
        return;
      case K6_METRICS.waiting:
        this.ours.ttfb(this.key(t, region), value);
        return;
      case K6_METRICS.bytes:
        this.ours.bytes(this.key(t, region), value, 0);
        return;
      case K6_METRICS.bodyBytes:
        this.ours.bytes(this.key(t, region), 0, value);
        return;
      case K6_METRICS.networkErrors:
        this.facts.cdnbenchMetrics = true;
        this.ours.networkErrors(ingestKey(t.pop ?? 'unknown', t.object_class, 'UNKNOWN', 'small', region), k6ErrorKind(Number(t.error_code)), value);
        return;
      case K6_METRICS.sessions:
        this.sessions.started += value;
        this.facts.scenario ??= t.cdnbench_scenario ?? null;
        this.facts.provider ??= t.cdnbench_provider ?? null;
        if (this.facts.model === null && (t.cdnbench_model === 'open' || t.cdnbench_model === 'closed')) this.facts.model = t.cdnbench_model;
        if (this.facts.smallObjectMaxBytes === null && Number(t.cdnbench_small_max) > 0) this.facts.smallObjectMaxBytes = Number(t.cdnbench_small_max);
        return;
      case 'iterations':
        this.sessions.completed += value;
        return;
      case 'dropped_iterations':
        this.sessions.dropped += value;
        return;
      case 'data_received':
        this.facts.dataReceived += value;
        return;
      case 'http_req_duration': {
        const k = this.plainKey(t, region);
        const status = Number(t.status ?? 0);
        if (status === 0) this.plain.networkErrors({ ...k, cache: 'UNKNOWN' }, k6ErrorKind(Number(t.error_code ?? 1000)), 1);
        else this.plain.response(k, status, value);
        return;
      }
      case 'http_req_waiting':
        if (Number(t.status ?? 0) !== 0) this.plain.ttfb(this.plainKey(t, region), value);
        return;
      default:
        return;
    }
  }

  private key(t: Tags, region: string): IngestKey {
    return ingestKey(t.pop ?? 'unknown', t.object_class, t.cache_status, t.size === 'small' ? 'small' : 'large', region);
  }

  private plainKey(t: Tags, region: string): IngestKey {
    // Empty tag values count as absent.
    const cls = t.object_class || inferObjectClass(pathOf(t.name || t.url));
    const size: SizeBucket = t.size === 'small' || t.size === 'large' ? t.size : SMALL_BY_CLASS.has(cls) ? 'small' : 'large';
    return ingestKey(t.pop || hostOf(t.url), cls, t.cache_status, size, region);
  }

  /** The series to report (the script's own metrics when present, else k6's) and the session counts. */
  outcome(provider: string): { series: ReturnType<IngestSeries['records']>; sessions: SessionCounters } {
    if (this.facts.points === 0) throw new InvalidConfigError('no k6 points found: expected NDJSON written by `k6 run --out json=FILE`', [], 'INVALID_RESULT');
    const source = this.facts.cdnbenchMetrics ? this.ours : this.plain;
    // Plain k6 scripts record no session starts; their completed iterations are the sessions started.
    const started = this.facts.cdnbenchMetrics ? this.sessions.started : this.sessions.completed;
    const sessions = { ...this.sessions, started, planned: started + this.sessions.dropped };
    return { series: source.records(provider), sessions };
  }
}
