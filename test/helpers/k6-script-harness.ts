/**
 * Runs an exported k6 script inside Node for tests, without k6: the TypeScript is transpiled with the
 * TypeScript compiler and its k6 imports are bound to small fakes that record every request, sleep and
 * metric point, answering requests with a response the test chooses. This checks what the script would
 * send and record; the real k6 binary test (k6-binary.test.ts) checks that k6 runs it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

/** A request the script made. */
export interface ShimRequest {
  url: string;
  headers: Record<string, string>;
  tags: Record<string, string>;
  /** Size of the http.batch it was part of; 1 for http.get. */
  batch: number;
}

/** A metric point the script added. */
export interface ShimPoint {
  metric: string;
  value: number;
  tags: Record<string, string>;
}

/** A fake k6 response. */
export interface ShimResponse {
  status: number;
  status_text: string;
  headers: Record<string, string>;
  body: ArrayBuffer | null;
  error_code: number;
  timings: { duration: number; sending: number; waiting: number; receiving: number };
}

/** What one iteration did. */
export interface IterationLog {
  requests: ShimRequest[];
  sleepsMs: number[];
  points: ShimPoint[];
}

/** A loaded script. */
export interface LoadedScript {
  options: unknown;
  /** Runs the default function as iteration `n` of k6 scenario `scenario`. */
  iterate(scenario: string, n: number): IterationLog;
}

let counter = 0;

/** Transpiles and loads `script`; `respond` answers every request. */
export async function loadScript(script: string, env: Record<string, string>, respond: (req: ShimRequest) => ShimResponse): Promise<LoadedScript> {
  const js = ts.transpileModule(script, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const key = `__k6shim${counter++}`;
  const bound = js
    .replace(/^import \{ sleep \} from 'k6';$/m, `const { sleep } = globalThis.${key}.k6;`)
    .replace(/^import exec from 'k6\/execution';$/m, `const exec = globalThis.${key}.execution;`)
    .replace(/^import http from 'k6\/http';$/m, `const http = globalThis.${key}.http;`)
    .replace(/^import \{ Counter, Rate, Trend \} from 'k6\/metrics';$/m, `const { Counter, Rate, Trend } = globalThis.${key}.metrics;`)
    .replace(/\b__ENV\b/g, `globalThis.${key}.env`);
  if (/^import /m.test(bound)) throw new Error(`unbound import left in the script: ${/^import .*$/m.exec(bound)?.[0] ?? ''}`);
  let log: IterationLog = { requests: [], sleepsMs: [], points: [] };
  const scenario = { name: '', iterationInTest: 0 };
  const metric = (name: string, rate = false) => ({
    add: (value: number | boolean, tags: Record<string, string> = {}) => log.points.push({ metric: name, value: rate ? Number(value === true) : Number(value), tags }),
  });
  const request = (url: string, params: { headers?: Record<string, string>; tags?: Record<string, string> } | undefined, batch: number): ShimResponse => {
    const req = { url, headers: params?.headers ?? {}, tags: params?.tags ?? {}, batch };
    log.requests.push(req);
    return respond(req);
  };
  const shim = {
    k6: { sleep: (s: number) => log.sleepsMs.push(s * 1000) },
    execution: { scenario },
    http: {
      get: (url: string, params?: { headers?: Record<string, string>; tags?: Record<string, string> }) => request(url, params, 1),
      batch: (reqs: { url: string; params?: { headers?: Record<string, string>; tags?: Record<string, string> } }[]) => reqs.map((r) => request(r.url, r.params, reqs.length)),
    },
    metrics: {
      Counter: function Counter(this: unknown, name: string) { return metric(name); },
      Trend: function Trend(this: unknown, name: string) { return metric(name); },
      Rate: function Rate(this: unknown, name: string) { return metric(name, true); },
    },
    env,
  };
  (globalThis as Record<string, unknown>)[key] = shim;
  const dir = await mkdtemp(join(tmpdir(), 'cdnbench-k6shim-'));
  const file = join(dir, 'script.mjs');
  await writeFile(file, bound);
  let mod: { default: () => void; options: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default: () => void; options: unknown };
  } finally {
    // Once imported the module lives in memory: the file is not needed, and tmp should not fill up.
    await rm(dir, { recursive: true, force: true });
  }
  return {
    options: mod.options,
    iterate(name, n) {
      log = { requests: [], sleepsMs: [], points: [] };
      scenario.name = name;
      scenario.iterationInTest = n;
      mod.default();
      return log;
    },
  };
}

/** A 200 response with the given headers and a body of `bodyBytes`. */
export function okResponse(headers: Record<string, string>, bodyBytes: number, durationMs = 12.5): ShimResponse {
  return {
    status: 200, status_text: '200 OK', headers, body: new ArrayBuffer(bodyBytes), error_code: 0,
    timings: { duration: durationMs, sending: 0.5, waiting: durationMs - 2, receiving: 1.5 },
  };
}
