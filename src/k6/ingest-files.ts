/**
 * Ingests k6 output files into one RunResult (engine "k6"): all points of all files as if they were one
 * file, so ingesting N runners' files at once equals merging their separate ingestions exactly.
 */
import { hostname } from 'node:os';
import { RESULT_SCHEMA_VERSION, type RunResult } from '../result/result-model.js';
import { summarizeProvider } from '../result/summary.js';
import { VERSION } from '../util/package-root.js';
import { K6Ingest, type IngestFacts } from './k6-ingest.js';
import { ndjsonLines } from './ndjson-lines.js';

/** Options of `ingest k6`. */
export interface IngestFilesOptions {
  /** Region of every series (else the cdnbench_region tag, else ""). */
  region?: string;
  /** Agent name for the result (else k6-<instance_id> or the file name per source). */
  agent?: string;
  /** Scenario name (else the script's cdnbench_scenario tag, else "k6"). */
  scenario?: string;
  /** Provider id (else the script's cdnbench_provider tag, else "k6"). */
  provider?: string;
}

const DEFAULT_SMALL_MAX = 16_384;

/** Reads every file and returns the result and what was learned about the input. */
export async function ingestK6Files(files: readonly string[], o: IngestFilesOptions = {}): Promise<{ result: RunResult; facts: IngestFacts }> {
  const ingest = new K6Ingest(o.region === undefined ? {} : { region: o.region });
  for (const file of files) {
    for await (const line of ndjsonLines(file)) ingest.line(line, file);
  }
  const f = ingest.facts;
  const provider = o.provider ?? f.provider ?? 'k6';
  const { series, sessions } = ingest.outcome(provider);
  const first = Number.isFinite(f.firstMs) ? f.firstMs : Date.now();
  const last = Number.isFinite(f.lastMs) ? f.lastMs : first;
  const region = o.region ?? '';
  const result: RunResult = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    meta: {
      runId: `k6-${o.scenario ?? f.scenario ?? 'k6'}-${new Date(first).toISOString().replace(/[-:]/g, '').slice(0, 15)}`,
      scenario: { name: o.scenario ?? f.scenario ?? 'k6', file: null, sha256: null },
      engine: 'k6',
      model: f.model ?? 'open',
      cdnbenchVersion: VERSION,
      nodeVersion: process.version,
      gitCommit: null,
      host: hostname(),
      agents: o.agent === undefined ? f.agents.map((name) => ({ name, region })) : [{ name: o.agent, region }],
      startedAt: new Date(first).toISOString(),
      endedAt: new Date(last).toISOString(),
      durationMs: last - first,
      stopReason: 'completed',
      failure: null,
      smallObjectMaxBytes: f.smallObjectMaxBytes ?? DEFAULT_SMALL_MAX,
    },
    providers: [{
      id: provider,
      kind: 'k6',
      dialect: 'generic',
      pops: [...new Set(series.map((s) => s.key.pop))].sort(),
      sessions,
      summary: summarizeProvider(series),
      series,
    }],
  };
  return { result, facts: f };
}
